"""Run a directory of unittest tests and write what happened as JSON.

usage: python3 unittest_suite.py START_DIR RESULT_JSON

Why not parse `python3 -m unittest` output: its summary line counts subtest
failures, errors and skips together ("FAILED (failures=3, skipped=1)") and
does not say how many *tests* failed, nor how many tests discovery found.
This uses the same loader as `python3 -m unittest discover`, counts what
discovery found before running anything, and records one outcome per test.

RESULT_JSON: {"discovered", "ran", "passed", "failed", "skipped",
"failed_names", "skipped_names"}. It is written only when the run finishes,
so a test that kills the interpreter leaves no result file (run-all.sh says so).
"""

import json
import sys
import unittest


class CountingResult(unittest.TextTestResult):
    """A text result that also remembers the worst outcome of every test."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = []
        self.outcome = {}  # test id -> "failed" or the reason it was skipped

    def _failed(self, test):
        self.outcome[test.id()] = None

    def startTest(self, test):
        super().startTest(test)
        self.started.append(test.id())

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._failed(test)

    def addError(self, test, err):
        # Also called for errors in setUpClass/setUpModule, with a holder in
        # place of a test: the tests it stood for never start.
        super().addError(test, err)
        self._failed(test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._failed(test)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._failed(test)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if test.id() not in self.outcome:
            self.outcome[test.id()] = reason

    def counts(self, discovered):
        failed = [name for name, reason in self.outcome.items() if reason is None]
        skipped = ["%s (%s)" % (name, reason) for name, reason in self.outcome.items() if reason is not None]
        passed = [name for name in self.started if name not in self.outcome]
        return {"discovered": discovered, "ran": self.testsRun, "passed": len(passed),
                "failed": len(failed), "skipped": len(skipped),
                "failed_names": failed, "skipped_names": skipped}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    start_dir, result_path = argv[1], argv[2]
    suite = unittest.TestLoader().discover(start_dir, top_level_dir=start_dir)
    discovered = suite.countTestCases()
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=CountingResult)
    result = runner.run(suite)
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(result.counts(discovered), f, indent=1)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
