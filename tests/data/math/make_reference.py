#!/usr/bin/env python3
"""Writes reference.json: for each Math function the JavaScript sandbox takes
from runtime-math.wasm, inputs across its domain and the correctly rounded
double of the exact result (mpmath at 300 bits, rounded to nearest).
tests/web/deterministic-math.test.mjs measures the module's error against
it. Run again only to change the inputs: python3 make_reference.py
"""
import json
import math
import random

import mpmath

mpmath.mp.prec = 300

UNARY = {
    "sin": (mpmath.sin, (-1e3, 1e3)), "cos": (mpmath.cos, (-1e3, 1e3)), "tan": (mpmath.tan, (-1e3, 1e3)),
    "asin": (mpmath.asin, (-1, 1)), "acos": (mpmath.acos, (-1, 1)), "atan": (mpmath.atan, (-1e6, 1e6)),
    "sinh": (mpmath.sinh, (-700, 700)), "cosh": (mpmath.cosh, (-700, 700)), "tanh": (mpmath.tanh, (-20, 20)),
    "asinh": (mpmath.asinh, (-1e6, 1e6)), "acosh": (mpmath.acosh, (1, 1e6)), "atanh": (mpmath.atanh, (-1, 1)),
    "exp": (mpmath.exp, (-740, 709)), "expm1": (mpmath.expm1, (-40, 709)), "log": (mpmath.log, (0, 1e300)),
    "log1p": (mpmath.log1p, (-1, 1e300)), "log10": (mpmath.log10, (0, 1e300)),
    "log2": (lambda x: mpmath.log(x, 2), (0, 1e300)), "cbrt": (lambda x: mpmath.sign(x) * mpmath.cbrt(abs(x)), (-1e300, 1e300)),
}
BINARY = {
    "atan2": lambda y, x: mpmath.atan2(y, x),
    "pow": mpmath.power,
    "hypot": mpmath.hypot,
}


def nearest(value):
    """The double nearest to an mpmath value (ties to even)."""
    return float(mpmath.mpf(value))  # mpf -> float rounds to nearest


def sample(rng, low, high):
    """Uniform in [low, high] half the time, else log-uniform in magnitude."""
    if rng.random() < 0.5:
        return rng.uniform(low, high)
    top = max(abs(low), abs(high))
    magnitude = 10 ** rng.uniform(-8, math.log10(top)) if top > 0 else 0.0
    value = magnitude if low >= 0 or rng.random() < 0.5 else -magnitude
    return min(max(value, low), high)


def main():
    rng = random.Random(20261202)
    table = {}
    for name, (f, (low, high)) in UNARY.items():
        rows = []
        for x in [sample(rng, low, high) for _ in range(150)] + [0.5, 1.0, 2.0, 1e-10, 3.0]:
            if not (low <= x <= high) or (name in ("log", "log10", "log2") and x <= 0) or \
               (name in ("asin", "acos", "atanh") and abs(x) >= 1) or (name == "log1p" and x <= -1):
                continue
            y = nearest(f(mpmath.mpf(x)))
            if math.isfinite(y):
                rows.append([x, y])
        table[name] = rows
    for name, f in BINARY.items():
        rows = []
        for _ in range(200):
            if name == "pow":
                a, b = 10 ** rng.uniform(-5, 5), rng.uniform(-30, 30)
            else:
                a, b = sample(rng, -1e6, 1e6), sample(rng, -1e6, 1e6)
            y = nearest(f(mpmath.mpf(a), mpmath.mpf(b)))
            if math.isfinite(y) and y != 0:
                rows.append([a, b, y])
        table[name] = rows
    with open("reference.json", "w", encoding="utf-8") as out:
        json.dump({"generated_by": "tests/data/math/make_reference.py (mpmath %s, %d bits)" % (mpmath.__version__, mpmath.mp.prec),
                   "functions": table}, out, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()
