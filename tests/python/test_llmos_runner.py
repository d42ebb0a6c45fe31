"""The clean-up between Python nodes (web/runtimes/llmos_runner.py), in CPython.

Each case runs an attacking skill through the runner, then after_node(), then
a probe skill that looks at what the attack changed: the change must have
been seen by the fast check and put back, and the probe must find the
interpreter as it was. The runner seals the whole interpreter it runs in, so
the cases run in a child interpreter (one per group), never in this one.
The same runner runs in Pyodide; the browser and `llmos run` catalogue
(tests/data/escapes) covers it there.
"""

import json
import os
import subprocess
import sys
import textwrap
import unittest

import helpers_path

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNNER = os.path.join(REPO, "web", "runtimes", "llmos_runner.py")

# Runs in the child: load the runner and the helpers as the worker does,
# seal, then for each case: attack, clean up, probe. Prints one JSON object.
CHILD = r"""
import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location("llmos_runner", RUNNER)
R = importlib.util.module_from_spec(spec)
sys.modules["llmos_runner"] = R
spec.loader.exec_module(R)
sources = {}
for name in sorted(os.listdir(HELPERS)):
    if name.endswith(".py"):
        with open(os.path.join(HELPERS, name), encoding="utf-8") as handle:
            sources[name[:-3]] = handle.read()
R.install_helpers(sources)
R.seal()
R.after_node()
EQ_CALLS = []  # appended to by attackers' code if the clean-up runs it (this namespace is not checked)
results = {"sealed_intact": R._fast_intact()}

def outputs(answer):
    return json.loads(answer[1:]) if answer[0] == "1" else {"error": json.loads(answer[1:])}

for case in json.loads(sys.stdin.read()):
    # Nothing of this script runs between the attack and the clean-up: the
    # attack may have poisoned what it uses (builtins, json).
    answer = R.run(case["attack"], "{}", "attack.md", 1, False)
    entry = {"seen": not R._fast_intact()}
    try:
        entry["repaired"] = R.after_node()
    except RuntimeError as error:
        entry["error"] = str(error)
        entry["attack"] = answer
        results[case["name"]] = entry
        break
    entry["attack"] = outputs(answer)
    entry["intact"] = R._fast_intact()
    entry["probe"] = outputs(R.run(case["probe"], "{}", "probe.md", 1, False))
    entry["again"] = R.after_node()
    entry["eq_calls"] = len(EQ_CALLS)
    results[case["name"]] = entry
results["stats"] = json.loads(R.stats())
print(json.dumps(results))
"""


def skill(body):
    return "def execute(inputs):\n" + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n"


def run_cases(cases):
    prelude = "RUNNER = %r\nHELPERS = %r\n" % (RUNNER, helpers_path.HELPERS_DIR)
    done = subprocess.run([sys.executable, "-c", prelude + CHILD], input=json.dumps(cases),
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError("the child interpreter failed:\n" + done.stderr[-3000:])
    return json.loads(done.stdout.splitlines()[-1])


CASES = [
    {"name": "helper_list_item", "attack": skill("""
        import llmos_plot
        llmos_plot.PALETTE[0] = "#000000"
        return {}
    """), "probe": skill("""
        import llmos_plot
        return {"value": llmos_plot.PALETTE[0]}
    """)},
    {"name": "stdlib_rebinding", "attack": skill("""
        import math
        math.pi = 3
        return {}
    """), "probe": skill("""
        import math
        return {"value": math.pi}
    """)},
    # The real builtins module, reached from a builtin function: all() that
    # always says True would blind a check that used it.
    {"name": "builtins_through_a_builtin", "attack": skill("""
        real = len.__self__
        real.len = lambda value: 42
        real.all = lambda values: True
        return {}
    """), "probe": skill("""
        return {"value": [len([1, 2]), all([False])]}
    """)},
    # A key whose __eq__ says True and whose hash is the name's: a check that
    # compared keys with == would call it, be told "same", and keep it; every
    # later lookup of the name would run it.
    {"name": "key_with_its_own_eq", "attack": skill("""
        import sys, llmos_plot
        calls = sys.modules["__main__"].EQ_CALLS
        class Key:
            def __eq__(self, other):
                calls.append(1)
                return True
            def __hash__(self):
                return hash("PALETTE")
        table = vars(llmos_plot)
        value = table.pop("PALETTE")
        table[Key()] = value
        return {}
    """), "probe": skill("""
        import llmos_plot
        names = list(vars(llmos_plot))
        return {"value": "PALETTE" in names and all(type(name) is str for name in names)}
    """)},
    {"name": "str_subclass_key", "attack": skill("""
        import json
        class Name(str):
            def startswith(self, *args):
                return True
        table = vars(json)
        value = table.pop("dumps")
        table[Name("dumps")] = value
        return {}
    """), "probe": skill("""
        import json
        return {"value": all(type(name) is str for name in vars(json)) and json.dumps([1]) == "[1]"}
    """)},
    {"name": "module_class", "attack": skill("""
        import json, types
        class Module(types.ModuleType):
            def __getattribute__(self, name):
                return lambda *args, **kwargs: "poisoned"
        json.__class__ = Module
        return {}
    """), "probe": skill("""
        import json, types
        return {"value": [type(json) is types.ModuleType, json.dumps([1])]}
    """)},
    {"name": "helper_function_code", "attack": skill("""
        import llmos_stats
        llmos_stats.summary.__code__ = (lambda *args, **kwargs: {"median": -1}).__code__
        return {}
    """), "probe": skill("""
        import llmos_stats
        return {"value": llmos_stats.summary([3, 1, 2])["median"]}
    """)},
    {"name": "stdlib_class_attribute", "attack": skill("""
        import random
        random.Random.uniform = lambda self, a, b: 0.5
        return {}
    """), "probe": skill("""
        import random
        return {"value": random.Random(1).uniform(0, 1) != 0.5}
    """)},
    {"name": "stdlib_function_defaults", "attack": skill("""
        import json
        json.dumps.__kwdefaults__ = dict(json.dumps.__kwdefaults__, sort_keys=True)
        return {}
    """), "probe": skill("""
        import json
        return {"value": json.dumps({"b": 1, "a": 2})}
    """)},
    # The last name of a namespace renamed: the values keep their order, so
    # only the keys tell.
    {"name": "last_name_renamed", "attack": skill("""
        import llmos_stats
        table = vars(llmos_stats)
        last = list(table)[-1]
        table["renamed_" + last] = table.pop(last)
        return {"value": last}
    """), "probe": skill("""
        import llmos_stats
        return {"value": [name for name in vars(llmos_stats) if name.startswith("renamed_")]}
    """)},
    {"name": "module_left_behind", "attack": skill("""
        import sys, types
        sys.modules["llmos_extra"] = types.ModuleType("llmos_extra")
        return {}
    """), "probe": skill("""
        import sys
        return {"value": "llmos_extra" in sys.modules}
    """)},
    # Functions the clean-up calls before its check, rebound: none of them may
    # run, nor the SIGINT handler stay.
    {"name": "clean_up_calls_rebound", "attack": skill("""
        import sys, signal
        calls = sys.modules["__main__"].EQ_CALLS
        def spy(*args, **kwargs):
            calls.append(1)
        sys.settrace = spy
        sys.setprofile = spy
        sys.setrecursionlimit = spy
        signal.signal = spy
        signal.default_int_handler = spy
        modules = sys.modules
        class Modules(dict):
            def get(self, *args):
                calls.append(1)
                return modules.get(*args)
        sys.modules = Modules(modules)
        return {}
    """), "probe": skill("""
        import sys, signal
        return {"value": [type(sys.modules) is dict, signal.getsignal(signal.SIGINT) is signal.default_int_handler,
                          signal.default_int_handler.__module__, sys.getrecursionlimit()]}
    """)},
    # What skills do every day changes nothing the check looks at.
    {"name": "benign", "attack": skill("""
        import json, random, re, statistics, llmos_stats, llmos_plot
        data = [random.random() for _ in range(50)]
        re.sub(r"a+", "b", "caaat")
        return {"m": llmos_stats.summary(data)["median"] > 0, "s": statistics.mean(data) > 0,
                "j": json.dumps({"a": 1}), "p": llmos_plot.PALETTE[0].startswith("#")}
    """), "probe": skill("""
        return {"value": True}
    """)},
]


class CleanUpBetweenNodes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.results = run_cases(CASES)
        cls.original = run_cases([{"name": "look", "attack": skill("return {}"), "probe": skill("""
            import llmos_plot, math
            return {"palette": llmos_plot.PALETTE[0], "pi": math.pi}
        """)}])["look"]["probe"]

    def case(self, name, probe, reported=True):
        result = self.results[name]
        self.assertNotIn("error", result["attack"], result)
        self.assertTrue(result["seen"], "the fast check did not see the change: %s" % result)
        if reported:  # a module a skill imported is dropped without a word
            self.assertTrue(result["repaired"], result)
        self.assertTrue(result["intact"], "not put back: %s" % result)
        self.assertEqual(result["probe"], {"value": probe}, result)
        self.assertEqual(result["again"], [], "the probe found something to repair: %s" % result)
        self.assertEqual(result["eq_calls"], 0, "the skill's code ran during the clean-up")

    def test_sealed_interpreter_is_intact(self):
        self.assertTrue(self.results["sealed_intact"])

    def test_helper_list_item(self):
        self.case("helper_list_item", self.original["palette"])

    def test_stdlib_rebinding(self):
        self.case("stdlib_rebinding", self.original["pi"])

    def test_builtins_reached_through_a_builtin(self):
        self.case("builtins_through_a_builtin", [2, False])

    def test_key_with_its_own_eq_is_seen_without_calling_it(self):
        self.case("key_with_its_own_eq", True)

    def test_str_subclass_key(self):
        self.case("str_subclass_key", True)

    def test_module_class_swapped(self):
        self.case("module_class", [True, "[1]"])

    def test_helper_function_code(self):
        self.case("helper_function_code", 2)

    def test_stdlib_class_attribute(self):
        self.case("stdlib_class_attribute", True)

    def test_stdlib_function_defaults(self):
        self.case("stdlib_function_defaults", '{"b": 1, "a": 2}')

    def test_last_name_renamed(self):
        self.case("last_name_renamed", [])

    def test_module_left_behind(self):
        self.case("module_left_behind", False, reported=False)

    def test_clean_up_calls_rebound(self):
        self.case("clean_up_calls_rebound", [True, True, "_signal", 1000])

    def test_benign_node_changes_nothing(self):
        result = self.results["benign"]
        self.assertEqual(result["attack"], {"m": True, "s": True, "j": '{"a": 1}', "p": True})
        self.assertFalse(result["seen"], result)
        self.assertEqual(result["repaired"], [])

    def test_what_cannot_be_put_back_is_an_error(self):
        # A class's real attribute table, reached through its mappingproxy's
        # comparison, given a key that is no name: setattr cannot take it
        # back, so the clean-up fails (the worker is retired) rather than
        # keep it as the new baseline.
        result = run_cases([{"name": "leak", "attack": skill("""
            import random
            class Leak:
                def __eq__(self, other):
                    Leak.table = other
                    return False
            random.Random.__dict__ == Leak()
            Leak.table[1] = "poisoned"
            return {"value": type(Leak.table).__name__}
        """), "probe": skill("return {}")}])["leak"]
        self.assertEqual(result["attack"], '1{"value":"dict"}')
        self.assertTrue(result["seen"])
        self.assertIn("could not put back: Random", result.get("error", ""))


if __name__ == "__main__":
    unittest.main()
