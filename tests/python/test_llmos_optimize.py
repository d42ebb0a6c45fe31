"""Nelder-Mead on functions with known minima."""

import unittest

import helpers_path  # noqa: F401

from llmos_optimize import nelder_mead  # noqa: E402


class NelderMeadTest(unittest.TestCase):
    def test_quadratic(self):
        r = nelder_mead(lambda x: (x[0] - 1) ** 2 + 3 * (x[1] + 2) ** 2 + 5, [0, 0], max_iter=500)
        self.assertTrue(r["converged"])
        self.assertAlmostEqual(r["x"][0], 1, places=5)
        self.assertAlmostEqual(r["x"][1], -2, places=5)
        self.assertAlmostEqual(r["fun"], 5, places=9)

    def test_rosenbrock(self):
        rosen = lambda x: 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2  # noqa: E731
        r = nelder_mead(rosen, [-1.2, 1.0], max_iter=2000)
        self.assertAlmostEqual(r["x"][0], 1, places=4)
        self.assertAlmostEqual(r["x"][1], 1, places=4)

    def test_history_is_monotone_and_bounded(self):
        seen = []
        r = nelder_mead(lambda x: sum(v * v for v in x), [1, 1, 1], max_iter=7,
                        callback=lambda i, x, f: seen.append(i))
        self.assertEqual(r["nit"], 7)
        self.assertEqual(seen, list(range(1, 8)))
        self.assertEqual(len(r["history"]), 8)
        self.assertTrue(all(b <= a for a, b in zip(r["history"], r["history"][1:])))
        self.assertFalse(r["converged"])


if __name__ == "__main__":
    unittest.main()
