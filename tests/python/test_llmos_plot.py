"""PNG plots: decode what llmos_plot writes and look at the pixels."""

import base64
import math
import struct
import unittest
import zlib

import helpers_path  # noqa: F401

from llmos_canvas import Canvas  # noqa: E402
from llmos_font import GLYPHS, text_width  # noqa: E402
from llmos_plot import (PALETTE, format_ticks, line_plot, nice_ticks,  # noqa: E402
                        normalize_series, to_base64_png)
from llmos_png import decode_rgb, encode_rgb  # noqa: E402

WHITE = (255, 255, 255)


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def raw_decode(png):
    """Independent minimal decoder: walk chunks by hand, inflate, unfilter type 0."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(png):
        length, = struct.unpack(">I", png[pos:pos + 4])
        kind = png[pos + 4:pos + 8]
        chunks.setdefault(kind, []).append(png[pos + 8:pos + 8 + length])
        pos += 12 + length
    w, h, depth, ctype = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = w * 3 + 1
    rows = []
    for y in range(h):
        assert raw[y * stride] == 0, "expected filter type 0"
        rows.append(raw[y * stride + 1:(y + 1) * stride])
    return w, h, depth, ctype, rows


def pixel(rows, x, y):
    return tuple(rows[y][x * 3:x * 3 + 3])


class PngTest(unittest.TestCase):
    def test_round_trip(self):
        pixels = bytearray()
        for y in range(5):
            for x in range(7):
                pixels += bytes((x * 30, y * 50, 200))
        png = encode_rgb(7, 5, pixels)
        self.assertEqual(decode_rgb(png), (7, 5, pixels))
        w, h, depth, ctype, rows = raw_decode(png)
        self.assertEqual((w, h, depth, ctype), (7, 5, 8, 2))
        self.assertEqual(pixel(rows, 6, 4), (180, 200, 200))

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            encode_rgb(2, 2, b"\x00" * 11)
        png = bytearray(encode_rgb(1, 1, b"\x01\x02\x03"))
        png[-5] ^= 0xFF  # corrupt IEND's CRC
        with self.assertRaises(ValueError):
            decode_rgb(bytes(png))


class CanvasTest(unittest.TestCase):
    def test_line_core_has_exact_colour(self):
        c = Canvas(50, 30)
        c.line(5, 10, 45, 10, (200, 0, 0), width=3)
        self.assertEqual(c.get(25, 10), (200, 0, 0))
        self.assertEqual(c.get(25, 11), (200, 0, 0))
        self.assertEqual(c.get(25, 20), WHITE)
        c.line(10, 2, 40, 28, (0, 0, 200), width=2)
        self.assertEqual(c.get(25, 15), (0, 0, 200))  # on the diagonal

    def test_dashed_line_has_gaps(self):
        c = Canvas(100, 10)
        c.line(0, 5, 99, 5, (0, 0, 0), width=2, dash=(8, 5))
        row = [c.get(x, 5) for x in range(100)]
        self.assertIn(WHITE, row)
        self.assertIn((0, 0, 0), row)

    def test_text_uses_glyphs(self):
        c = Canvas(40, 20)
        w = c.text(1, 1, "1", (0, 0, 0))
        self.assertEqual(w, text_width("1"))
        # Glyph '1' has ink at row 6, columns 1..3 (the foot).
        self.assertEqual([c.get(1 + x, 7) for x in range(5)],
                         [WHITE, (0, 0, 0), (0, 0, 0), (0, 0, 0), WHITE])
        for ch in "0123456789-+.eE":
            self.assertIn(ch, GLYPHS)


class TicksTest(unittest.TestCase):
    def test_nice_ticks(self):
        self.assertEqual(nice_ticks(0, 99)[0], [0, 20, 40, 60, 80, 100])
        ticks, lo, hi = nice_ticks(-1.14, -1.0)
        self.assertEqual(format_ticks(ticks), ["-1.15", "-1.10", "-1.05", "-1.00"])
        self.assertEqual((lo, hi), (-1.15, -1.0))
        self.assertEqual(format_ticks(nice_ticks(0, 1)[0]), ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        ticks, lo, hi = nice_ticks(0.3, 7.7, tight=True)
        self.assertEqual((lo, hi), (0.3, 7.7))
        self.assertTrue(all(0.3 <= t <= 7.7 for t in ticks))
        self.assertEqual(format_ticks([0, 2e6, 4e6]), ["0.00e0", "2.00e6", "4.00e6"])
        # A flat series still gets a usable axis.
        ticks, lo, hi = nice_ticks(5, 5)
        self.assertLess(lo, 5)
        self.assertGreater(hi, 5)


class NormalizeTest(unittest.TestCase):
    def test_forms(self):
        self.assertEqual(normalize_series([3, 4]), [{"x": [0, 1], "y": [3, 4], "label": ""}])
        two = normalize_series([{"x": [1, 2], "y": [3, 4], "label": "a"}, [5, 6]])
        self.assertEqual([s["label"] for s in two], ["a", ""])
        with_exact = normalize_series({"x": [0, 5], "y": [1, 0], "exact": -1})
        self.assertEqual(with_exact[1]["y"], [-1, -1])
        self.assertEqual(with_exact[1]["style"], "dashed")
        self.assertEqual(len(normalize_series({"a": [1, 2], "b": [3, 4]})), 2)
        with self.assertRaises(ValueError):
            normalize_series({"x": [1, 2], "y": [1]})


class LinePlotTest(unittest.TestCase):
    def test_size_and_series_pixels_where_the_line_is(self):
        xs = [i / 10.0 for i in range(101)]
        series = [{"x": xs, "y": [math.sin(x) for x in xs], "label": "sin"},
                  {"x": xs, "y": [0.5] * len(xs), "label": "half"}]
        png = line_plot(series, title="Test plot", x_label="x", y_label="y", width=400, height=300)
        w, h, _, _, rows = raw_decode(png)
        self.assertEqual((w, h), (400, 300))
        blue, orange = rgb(PALETTE[0]), rgb(PALETTE[1])
        # The constant 0.5 series is a horizontal orange line: find its row
        # in the middle column and check it spans most of the plot width.
        mid = w // 2
        orange_rows = [y for y in range(h) if pixel(rows, mid, y) == orange]
        self.assertTrue(orange_rows, "no orange pixel in the middle column")
        y_line = orange_rows[0]
        run = sum(1 for x in range(w) if pixel(rows, x, y_line) == orange)
        self.assertGreater(run, w * 0.6)
        # The sine is drawn in the first palette colour over many rows.
        blue_rows = set(y for y in range(h) for x in range(0, w, 2) if pixel(rows, x, y) == blue)
        self.assertGreater(len(blue_rows), h * 0.4)
        # Sanity on background: most pixels stay white.
        white = sum(1 for y in range(h) for x in range(0, w, 4) if pixel(rows, x, y) == WHITE)
        self.assertGreater(white, 0.6 * h * w / 4)
        # And something that is neither white nor a series colour (axes, text) exists.
        others = set(pixel(rows, x, y) for y in range(0, h, 3) for x in range(0, w, 3))
        self.assertGreater(len(others - {WHITE, blue, orange}), 3)

    def test_peak_lands_at_the_right_column(self):
        # A single spike at x = 2 on x in [0, 10]: the highest blue pixel is
        # 20% of the way across the plot area.
        ys = [0.0] * 11
        ys[2] = 1.0
        png = line_plot([{"x": list(range(11)), "y": ys}], width=600, height=300, legend=False, grid=False)
        w, h, pixels = decode_rgb(png)
        blue = bytes(rgb(PALETTE[0]))
        hits = [(i // 3 // w, i // 3 % w) for i in range(0, len(pixels), 3) if pixels[i:i + 3] == blue]
        self.assertTrue(hits)
        top_y = min(y for y, _ in hits)
        peak_xs = [x for y, x in hits if y == top_y]
        axis_cols = [x for x in range(w) if pixels[(150 * w + x) * 3:(150 * w + x) * 3 + 3] == bytes((40, 40, 40))]
        left = max(c for c in axis_cols if c < w // 2) + 1  # y axis line is one pixel left of the plot area
        right_end = max(x for y, x in hits)                 # the series reaches x = 10 at the right edge
        fraction = (sum(peak_xs) / len(peak_xs) - left) / float(right_end - left)
        self.assertAlmostEqual(fraction, 0.2, delta=0.02)

    def test_base64_and_other_kinds(self):
        b64 = to_base64_png([1, 2, 3], title="b")
        self.assertEqual(base64.b64decode(b64)[:4], b"\x89PNG")
        for kind in ("scatter", "bar", "line+markers"):
            with self.subTest(kind=kind):
                w, h, pixels = decode_rgb(line_plot([[1, 3, 2]], kind=kind, width=300, height=200))
                self.assertEqual((w, h), (300, 200))
                self.assertIn(bytes(rgb(PALETTE[0])), bytes(pixels))
        self.assertEqual(base64.b64decode(to_base64_png(b"\x89PNG")), b"\x89PNG")

    def test_non_finite_values_break_the_line(self):
        # A flat line over x = 0..4 with y missing at x = 2: the segments
        # 1 -> 2 and 2 -> 3 are not drawn, so the middle of the line's row is
        # background while both ends are ink.
        for gap in (float("nan"), None, float("inf")):
            with self.subTest(gap=gap):
                png = line_plot([[0.5, 0.5, gap, 0.5, 0.5]], width=300, height=200, legend=False, grid=False)
                w, h, _, _, rows = raw_decode(png)
                blue = rgb(PALETTE[0])
                line_rows = [y for y in range(h) if sum(pixel(rows, x, y) == blue for x in range(w)) > 20]
                self.assertTrue(line_rows, "no line drawn")
                y = line_rows[len(line_rows) // 2]
                ink = [x for x in range(w) if pixel(rows, x, y) == blue]
                first, last = min(ink), max(ink)
                quarter = (last - first) / 4.0
                self.assertEqual(pixel(rows, int(first + 2 * quarter), y), WHITE)  # x = 2
                self.assertEqual(pixel(rows, int(first + 0.5 * quarter), y), blue)  # x = 0.5
                self.assertEqual(pixel(rows, int(first + 3.5 * quarter), y), blue)  # x = 3.5
                self.assertLess(len(ink), 0.6 * (last - first))

    def test_too_small(self):
        with self.assertRaises(ValueError):
            line_plot([1, 2], width=50, height=50)


if __name__ == "__main__":
    unittest.main()
