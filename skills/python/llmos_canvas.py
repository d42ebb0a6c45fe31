"""An RGB raster canvas with anti-aliased lines, dots, rectangles and text.

Why: plots are produced in the browser's offline Python, so everything from
the pixel buffer up is ours. Coordinates are floats in pixels, (0, 0) is the
centre of the top-left pixel. Lines are drawn as capsules: every pixel near
the segment gets a coverage from its distance to it, so the core of a line
has the exact series colour (tests rely on that) and the edges are smooth.
"""

import math

from llmos_font import ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyph, text_width
from llmos_png import encode_rgb


def parse_color(value):
    """'#rrggbb', '#rgb' or an (r, g, b) tuple -> (r, g, b) ints."""
    if isinstance(value, (tuple, list)):
        return tuple(int(c) for c in value[:3])
    text = str(value).strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError("colour must look like #rrggbb, got %r" % value)
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


class Canvas(object):
    def __init__(self, width, height, background=(255, 255, 255)):
        if width < 1 or height < 1 or width * height > 16000000:
            raise ValueError("canvas size %dx%d is out of range" % (width, height))
        self.width = int(width)
        self.height = int(height)
        self.background = parse_color(background)
        self.pixels = bytearray(bytes(self.background) * (self.width * self.height))

    # -- pixels ---------------------------------------------------------
    def get(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.pixels[i:i + 3])

    def set(self, x, y, color):
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i:i + 3] = bytes(color)

    def blend(self, x, y, color, alpha):
        if alpha <= 0 or not (0 <= x < self.width and 0 <= y < self.height):
            return
        i = (y * self.width + x) * 3
        if alpha >= 1:
            self.pixels[i:i + 3] = bytes(color)
            return
        p = self.pixels
        for k in range(3):
            p[i + k] = int(round(p[i + k] + (color[k] - p[i + k]) * alpha))

    def fill_rect(self, x0, y0, x1, y1, color):
        """Fill the pixels with x0 <= x <= x1 and y0 <= y <= y1 (clipped)."""
        color = parse_color(color)
        x0, x1 = sorted((int(round(x0)), int(round(x1))))
        y0, y1 = sorted((int(round(y0)), int(round(y1))))
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.width - 1, x1), min(self.height - 1, y1)
        if x0 > x1 or y0 > y1:
            return
        row = bytes(color) * (x1 - x0 + 1)
        for y in range(y0, y1 + 1):
            i = (y * self.width + x0) * 3
            self.pixels[i:i + len(row)] = row

    def rect(self, x0, y0, x1, y1, color):
        """One-pixel outline."""
        self.fill_rect(x0, y0, x1, y0, color)
        self.fill_rect(x0, y1, x1, y1, color)
        self.fill_rect(x0, y0, x0, y1, color)
        self.fill_rect(x1, y0, x1, y1, color)

    # -- shapes ---------------------------------------------------------
    def line(self, x0, y0, x1, y1, color, width=2.0, dash=None, dash_offset=0.0):
        """Anti-aliased segment; dash=(on, off) in pixels for dashed lines."""
        color = parse_color(color)
        half = max(0.5, width / 2.0)
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        if length < 1e-9:
            self.dot(x0, y0, half, color)
            return
        ux, uy = dx / length, dy / length
        reach = half + 1.0
        period = (dash[0] + dash[1]) if dash else 0
        major_x = abs(dx) >= abs(dy)
        a0, a1 = (x0, x1) if major_x else (y0, y1)
        lo, hi = int(math.floor(min(a0, a1) - reach)), int(math.ceil(max(a0, a1) + reach))
        span = reach * length / (abs(dx) if major_x else abs(dy)) + 1.0
        for a in range(lo, hi + 1):
            # Where the infinite line crosses this column (or row).
            centre = (y0 + dy * (a - x0) / dx) if major_x else (x0 + dx * (a - y0) / dy)
            for b in range(int(math.floor(centre - span)), int(math.ceil(centre + span)) + 1):
                px, py = (a, b) if major_x else (b, a)
                s = (px - x0) * ux + (py - y0) * uy
                sc = min(max(s, 0.0), length)
                dist = math.hypot(px - (x0 + ux * sc), py - (y0 + uy * sc))
                coverage = half + 0.5 - dist
                if coverage <= 0:
                    continue
                if period and (sc + dash_offset) % period > dash[0]:
                    continue
                self.blend(px, py, color, min(1.0, coverage))

    def polyline(self, points, color, width=2.0, dash=None):
        travelled = 0.0
        for (xa, ya), (xb, yb) in zip(points, points[1:]):
            self.line(xa, ya, xb, yb, color, width, dash, travelled)
            travelled += math.hypot(xb - xa, yb - ya)

    def dot(self, cx, cy, radius, color):
        """Filled anti-aliased disc."""
        color = parse_color(color)
        for y in range(int(math.floor(cy - radius - 1)), int(math.ceil(cy + radius + 1)) + 1):
            for x in range(int(math.floor(cx - radius - 1)), int(math.ceil(cx + radius + 1)) + 1):
                coverage = radius + 0.5 - math.hypot(x - cx, y - cy)
                if coverage > 0:
                    self.blend(x, y, color, min(1.0, coverage))

    # -- text -----------------------------------------------------------
    def text(self, x, y, text, color=(0, 0, 0), scale=1, anchor="left"):
        """Draw `text` with its top edge at y; anchor is left, center or right."""
        color = parse_color(color)
        w = text_width(text, scale)
        x = int(round(x - (w / 2.0 if anchor == "center" else w if anchor == "right" else 0)))
        y = int(round(y))
        for n, ch in enumerate(text):
            rows = glyph(ch)
            for gy in range(GLYPH_HEIGHT):
                for gx in range(GLYPH_WIDTH):
                    if rows[gy][gx]:
                        self.fill_rect(x + (n * ADVANCE + gx) * scale, y + gy * scale,
                                       x + (n * ADVANCE + gx) * scale + scale - 1,
                                       y + gy * scale + scale - 1, color)
        return w

    def text_vertical(self, x, y, text, color=(0, 0, 0), scale=1):
        """Text rotated 90 degrees anticlockwise (reads bottom to top),
        centred vertically on y, with its left edge (glyph tops) at x."""
        color = parse_color(color)
        w = text_width(text, scale)
        x, base = int(round(x)), int(round(y + w / 2.0))
        for n, ch in enumerate(text):
            rows = glyph(ch)
            for gy in range(GLYPH_HEIGHT):
                for gx in range(GLYPH_WIDTH):
                    if rows[gy][gx]:
                        px = x + gy * scale
                        py = base - (n * ADVANCE + gx) * scale
                        self.fill_rect(px, py - scale + 1, px + scale - 1, py, color)
        return w

    def to_png(self):
        return encode_rgb(self.width, self.height, self.pixels)
