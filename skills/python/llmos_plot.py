"""Line, scatter and bar charts rendered to PNG without any plotting library.

Usage from a skill:
    from llmos_plot import line_plot, to_base64_png
    png = line_plot([{"x": xs, "y": ys, "label": "energy"}], title="VQE")
    b64 = to_base64_png(png)            # or to_base64_png(series, title=...)

Series may be given as {"x": [...], "y": [...], "label": ...} dicts, plain
lists of y values, a list of either, or {"series": [...]}. A series dict
with an "exact" number also gets a dashed reference line at that value
(VQE convergence data carries one).
"""

import base64
import math

from llmos_canvas import Canvas, parse_color
from llmos_font import GLYPH_HEIGHT, text_width

# Ten distinct colours, in the order people are used to seeing plot series.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
AXIS_COLOR = (40, 40, 40)
GRID_COLOR = (228, 228, 228)
TEXT_COLOR = (20, 20, 20)


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _finite(v):
    return _is_number(v) and math.isfinite(v)


def normalize_series(data):
    """Turn any accepted input into a list of {"x", "y", "label", ...} dicts."""
    if data is None:
        return []
    if isinstance(data, dict):
        if isinstance(data.get("series"), list):
            return normalize_series(data["series"])
        if "y" in data:
            ys = list(data["y"])
            xs = list(data["x"]) if data.get("x") is not None else list(range(len(ys)))
            if len(xs) != len(ys):
                raise ValueError("series x and y differ in length (%d vs %d)" % (len(xs), len(ys)))
            one = {"x": xs, "y": ys, "label": str(data.get("label", data.get("name", "")) or "")}
            for key in ("color", "style", "kind"):
                if key in data:
                    one[key] = data[key]
            out = [one]
            if _finite(data.get("exact")) and xs:
                out.append({"x": [min(xs), max(xs)], "y": [data["exact"]] * 2,
                            "label": "exact", "style": "dashed", "color": "#555555"})
            return out
        # {"name": [numbers], ...}: one series per key.
        if data and all(isinstance(v, (list, tuple)) for v in data.values()):
            return [s for k, v in data.items() for s in normalize_series({"y": v, "label": k})]
        raise ValueError("cannot plot a dict without 'y' or 'series'")
    if isinstance(data, (list, tuple)):
        if not data:
            return []
        if all(_is_number(v) or v is None for v in data):
            return normalize_series({"y": list(data)})
        out = []
        for item in data:
            out.extend(normalize_series(item if isinstance(item, dict) else {"y": item}))
        return out
    if _is_number(data):
        return normalize_series({"y": [data]})
    raise ValueError("cannot plot data of type %s" % type(data).__name__)


def nice_number(value, round_it):
    """Heckbert's 'nice numbers': 1, 2, 5 times a power of ten."""
    exponent = math.floor(math.log10(value))
    fraction = value / 10 ** exponent
    if round_it:
        nice = 1 if fraction < 1.5 else 2 if fraction < 3 else 5 if fraction < 7 else 10
    else:
        nice = 1 if fraction <= 1 else 2 if fraction <= 2 else 5 if fraction <= 5 else 10
    return nice * 10 ** exponent


def nice_ticks(lo, hi, target=6, tight=False):
    """(ticks, axis_lo, axis_hi) covering [lo, hi] with round tick values.

    tight=True keeps the axis at exactly [lo, hi] and only puts ticks
    inside it (used for x, where data should reach both edges)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("axis range must be finite")
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < 1e-12 * max(1.0, abs(lo), abs(hi)):
        pad = abs(lo) * 0.1 if lo else 1.0
        lo, hi = lo - pad, hi + pad
    step = nice_number(nice_number(hi - lo, False) / max(1, target - 1), True)
    start = math.floor(lo / step + 1e-9) * step
    stop = math.ceil(hi / step - 1e-9) * step
    count = int(round((stop - start) / step))
    ticks = [start + i * step for i in range(count + 1)]
    # Snap float noise (0.30000000000000004 -> 0.3) so labels print cleanly.
    digits = max(0, 12 - int(math.floor(math.log10(step))))
    ticks = [0.0 if abs(t) < step * 1e-9 else round(t, digits) for t in ticks]
    if tight:
        inside = [t for t in ticks if lo - step * 1e-9 <= t <= hi + step * 1e-9]
        return inside, lo, hi
    return ticks, ticks[0], ticks[-1]


def format_ticks(ticks):
    """Labels with the fewest decimals that still tell the ticks apart."""
    biggest = max(abs(t) for t in ticks) if ticks else 0
    if biggest >= 1e6 or (0 < biggest < 1e-3):
        return [("%.2e" % t).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e") for t in ticks]
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else max(biggest, 1e-300)
    for decimals in range(0, 10):
        if all(abs(round(t, decimals) - t) < step * 1e-6 for t in ticks):
            break
    return [("%.*f" % (decimals, t)).replace("-0.000000000", "0") if t else "0" for t in ticks]


def _data_range(values, include_zero=False):
    finite = [v for v in values if _finite(v)]
    if include_zero:
        finite.append(0.0)
    if not finite:
        return 0.0, 1.0
    return min(finite), max(finite)


def line_plot(series_list, title="", x_label="", y_label="", width=640, height=400,
              kind="line", legend=True, grid=True, line_width=2.0, background="#ffffff"):
    """Render series to PNG bytes. kind is line, scatter, bar or line+markers."""
    series = normalize_series(series_list)
    width, height = int(width), int(height)
    if width < 120 or height < 90:
        raise ValueError("plot must be at least 120x90 pixels")
    canvas = Canvas(width, height, parse_color(background))
    scale = 2 if min(width, height) >= 700 else 1
    text_h = GLYPH_HEIGHT * scale

    xs = [x for s in series for x, y in zip(s["x"], s["y"]) if _finite(y)]
    ys = [y for s in series for y in s["y"]]
    x_min, x_max = _data_range(xs)
    if any(s.get("kind", kind) == "bar" for s in series):
        # Bars are centred on their x values: leave half a slot at each end.
        distinct = sorted(set(x for x in xs if _finite(x)))
        gaps = [b - a for a, b in zip(distinct, distinct[1:])]
        pad = (min(gaps) if gaps else 1.0) * 0.6
        x_min, x_max = x_min - pad, x_max + pad
    xticks, xlo, xhi = nice_ticks(x_min, x_max, target=max(3, width // 110), tight=True)
    yticks, ylo, yhi = nice_ticks(*_data_range(ys, include_zero=(kind == "bar")),
                                  target=max(3, height // 70))
    xlabels, ylabels = format_ticks(xticks), format_ticks(yticks)

    left = 10 + max(text_width(l, scale) for l in ylabels) + 8 + (text_h + 10 if y_label else 0)
    right = 16 + text_width(xlabels[-1], scale) // 2
    top = (2 * text_h + 18) if title else 14
    bottom = 10 + text_h + 8 + (text_h + 10 if x_label else 0)
    pw, ph = width - left - right, height - top - bottom
    if pw < 20 or ph < 20:
        raise ValueError("plot area too small for the labels; make the image larger")

    def px(x):
        return left + (x - xlo) / (xhi - xlo) * (pw - 1)

    def py(y):
        return top + (1.0 - (y - ylo) / (yhi - ylo)) * (ph - 1)

    # Grid, axes, ticks and their labels.
    for t, label in zip(xticks, xlabels):
        x = int(round(px(t)))
        if grid:
            canvas.fill_rect(x, top, x, top + ph - 1, GRID_COLOR)
        canvas.fill_rect(x, top + ph, x, top + ph + 4, AXIS_COLOR)
        canvas.text(x, top + ph + 8, label, TEXT_COLOR, scale, anchor="center")
    for t, label in zip(yticks, ylabels):
        y = int(round(py(t)))
        if grid:
            canvas.fill_rect(left, y, left + pw - 1, y, GRID_COLOR)
        canvas.fill_rect(left - 5, y, left - 1, y, AXIS_COLOR)
        canvas.text(left - 8, y - text_h // 2, label, TEXT_COLOR, scale, anchor="right")
    canvas.fill_rect(left - 1, top, left - 1, top + ph, AXIS_COLOR)
    canvas.fill_rect(left - 1, top + ph, left + pw - 1, top + ph, AXIS_COLOR)
    if title:
        canvas.text(left + pw / 2.0, 8, title, TEXT_COLOR, scale * 2 if width >= 360 else scale,
                    anchor="center")
    if x_label:
        canvas.text(left + pw / 2.0, height - text_h - 8, x_label, TEXT_COLOR, scale, anchor="center")
    if y_label:
        canvas.text_vertical(8, top + ph / 2.0, y_label, TEXT_COLOR, scale)

    # The data.
    colors = []
    bar_count = sum(1 for s in series if s.get("kind", kind) == "bar")
    bar_index = 0
    for i, s in enumerate(series):
        color = parse_color(s.get("color") or PALETTE[i % len(PALETTE)])
        colors.append(color)
        style = s.get("kind", kind)
        dash = (8, 5) if s.get("style") == "dashed" else None
        points = [(px(x), py(y)) if _finite(x) and _finite(y) else None for x, y in zip(s["x"], s["y"])]
        if style == "bar":
            finite_x = sorted(set(x for x in s["x"] if _finite(x)))
            gaps = [b - a for a, b in zip(finite_x, finite_x[1:])]
            slot = (min(gaps) if gaps else (xhi - xlo) / 10.0) / (xhi - xlo) * pw * 0.8
            bar_w = max(1.0, slot / max(1, bar_count))
            for p in points:
                if p:
                    x0 = p[0] - slot / 2 + bar_index * bar_w
                    canvas.fill_rect(x0, min(p[1], py(0)), x0 + bar_w - 1, max(p[1], py(0)), color)
            bar_index += 1
            continue
        if style in ("line", "line+markers"):
            run = []
            for p in points + [None]:
                if p is None:  # a missing or non-finite value breaks the line
                    if len(run) > 1:
                        canvas.polyline(run, color, line_width, dash)
                    elif run:
                        canvas.dot(run[0][0], run[0][1], line_width, color)
                    run = []
                else:
                    run.append(p)
        if style in ("scatter", "line+markers"):
            for p in points:
                if p:
                    canvas.dot(p[0], p[1], 3.0, color)

    labelled = [(s["label"], c) for s, c in zip(series, colors) if s.get("label")]
    if legend and labelled:
        entry_h = text_h + 6
        box_w = 34 + max(text_width(l, scale) for l, _ in labelled)
        x1 = left + pw - 8
        x0 = x1 - box_w
        y0 = top + 8
        canvas.fill_rect(x0, y0, x1, y0 + entry_h * len(labelled) + 6, (255, 255, 255))
        canvas.rect(x0, y0, x1, y0 + entry_h * len(labelled) + 6, (180, 180, 180))
        for k, (label, color) in enumerate(labelled):
            cy = y0 + 6 + k * entry_h + text_h / 2.0
            canvas.line(x0 + 6, cy, x0 + 24, cy, color, line_width)
            canvas.text(x0 + 30, cy - text_h / 2.0, label, TEXT_COLOR, scale)
    return canvas.to_png()


def scatter_plot(series_list, **options):
    return line_plot(series_list, kind="scatter", **options)


def bar_plot(series_list, **options):
    return line_plot(series_list, kind="bar", **options)


def to_base64_png(png_or_series, **options):
    """Base64 text of PNG bytes, or of line_plot(series, **options)."""
    if isinstance(png_or_series, (bytes, bytearray)):
        png = bytes(png_or_series)
    else:
        png = line_plot(png_or_series, **options)
    return base64.b64encode(png).decode("ascii")
