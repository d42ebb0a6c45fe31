"""A skill's link to the workbench while it runs.

    import llmos
    llmos.progress(0.4, "iteration 40 of 100")

progress(fraction, message) reports how far the node is (0 to 1) to the
editor and to `llmos run`; print() output is the node's log. Outside the
workbench (plain CPython, tests) progress() does nothing.
"""

_reporter = None  # set by the workbench's runtime (web/runtimes/llmos_runner.py)


def progress(fraction, message=""):
    fraction = float(fraction)
    if fraction != fraction:
        raise ValueError("progress(fraction): fraction must be a number from 0 to 1")
    if _reporter is not None:
        _reporter(min(1.0, max(0.0, fraction)), str(message))
