"""Descriptive statistics, regression and CSV parsing."""

import math
import unittest

import helpers_path  # noqa: F401

from llmos_stats import linear_regression, parse_csv, quantile, summary  # noqa: E402


class StatsTest(unittest.TestCase):
    def test_summary(self):
        s = summary([1, 2, 3, 4, "x", None, float("nan")])
        self.assertEqual((s["count"], s["ignored"]), (4, 3))
        self.assertEqual(s["mean"], 2.5)
        self.assertEqual(s["median"], 2.5)
        self.assertAlmostEqual(s["std"], math.sqrt(5 / 3.0), places=12)
        self.assertEqual((s["q1"], s["q3"]), (1.75, 3.25))
        with self.assertRaises(ValueError):
            summary(["a"])

    def test_quantile_endpoints(self):
        self.assertEqual(quantile([1, 5, 9], 0), 1)
        self.assertEqual(quantile([1, 5, 9], 1), 9)
        self.assertEqual(quantile([1, 5, 9], 0.75), 7)

    def test_regression_errors(self):
        fit = linear_regression([0, 1, 2, 3], [0, 1, 2, 4])
        self.assertAlmostEqual(fit["slope"], 1.3, places=12)
        self.assertAlmostEqual(fit["intercept"], -0.2, places=12)
        self.assertAlmostEqual(fit["r2"], 1 - 0.3 / 8.75, places=12)
        self.assertGreater(fit["slope_std_error"], 0)
        with self.assertRaises(ValueError):
            linear_regression([1, 1], [2, 3])


class CsvTest(unittest.TestCase):
    def test_columns_and_types(self):
        t = parse_csv("a,b,c\n1,x,\n2,y,3.5\n")
        self.assertEqual(t["columns"], {"a": [1.0, 2.0], "b": ["x", "y"], "c": [None, 3.5]})
        self.assertEqual(t["numeric_columns"], ["a", "c"])
        self.assertEqual(t["rows"], 2)

    def test_tabs_no_header_and_duplicates(self):
        t = parse_csv("1\t2\n3\t4", delimiter="tab", has_header=False)
        self.assertEqual(t["column_names"], ["column_1", "column_2"])
        self.assertEqual(t["columns"]["column_2"], [2.0, 4.0])
        self.assertEqual(parse_csv("x,x\n1,2")["column_names"], ["x", "x_"])
        with self.assertRaises(ValueError):
            parse_csv("   ")


if __name__ == "__main__":
    unittest.main()
