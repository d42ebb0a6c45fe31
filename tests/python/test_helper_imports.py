"""The helper modules in skills/python import one way only: no cycle, and no
import tucked inside a function to hide one. Each module imports on its own
in a fresh interpreter, loading exactly the helpers its import lines name."""

import ast
import glob
import os
import subprocess
import sys
import unittest

import helpers_path

HELPERS_DIR = helpers_path.HELPERS_DIR
MODULES = sorted(os.path.splitext(os.path.basename(p))[0]
                 for p in glob.glob(os.path.join(HELPERS_DIR, "llmos*.py")))


def parse(module):
    with open(os.path.join(HELPERS_DIR, module + ".py"), encoding="utf-8") as f:
        return ast.parse(f.read(), module + ".py")


def imported_names(node):
    """Top-level module names an import statement loads."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    return []


def import_graph(modules):
    """module -> helper modules it imports, wherever the import statement is."""
    return {m: sorted({name for node in ast.walk(parse(m)) for name in imported_names(node) if name in modules})
            for m in modules}


def find_cycle(graph):
    """One import cycle as [a, b, ..., a], or None."""
    state = {}  # module -> "open" while on the DFS stack, "done" after

    def visit(module, stack):
        state[module] = "open"
        stack.append(module)
        for dep in graph.get(module, ()):
            if state.get(dep) == "open":
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                cycle = visit(dep, stack)
                if cycle:
                    return cycle
        stack.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module, [])
            if cycle:
                return cycle
    return None


def closure(graph, module):
    seen, todo = set(), [module]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(graph[m])
    return seen


class HelperImportTest(unittest.TestCase):
    def test_there_are_helpers_to_check(self):
        for module in ("llmos", "llmos_quantum", "llmos_qasm", "llmos_circuit_draw", "llmos_angle", "llmos_plot"):
            self.assertIn(module, MODULES)

    def test_imports_are_only_at_module_level(self):
        for module in MODULES:
            tree = parse(module)
            top = set(id(stmt) for stmt in tree.body)
            nested = ["%s.py:%d" % (module, node.lineno) for node in ast.walk(tree)
                      if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top]
            self.assertEqual(nested, [], "imports inside a function or block")

    def test_import_graph_has_no_cycle(self):
        graph = import_graph(set(MODULES))
        self.assertIsNone(find_cycle(graph))
        # The pair that used to import each other now share a leaf.
        self.assertEqual(graph["llmos_qasm"], ["llmos_angle"])
        self.assertEqual(graph["llmos_circuit_draw"], ["llmos_angle"])
        self.assertEqual(graph["llmos_angle"], [])

    def test_cycle_finder_finds_cycles(self):
        # The old graph: quantum -> qasm -> quantum (through function-level imports).
        self.assertEqual(find_cycle({"q": ["qasm", "draw"], "qasm": ["q"], "draw": ["q"]}), ["q", "qasm", "q"])
        self.assertEqual(find_cycle({"a": ["b"], "b": ["c"], "c": ["a"], "d": []}), ["a", "b", "c", "a"])
        self.assertIsNone(find_cycle({"a": ["b", "c"], "b": ["c"], "c": []}))

    def test_each_module_imports_alone_in_a_fresh_interpreter(self):
        graph = import_graph(set(MODULES))
        probe = ("import json, sys; sys.path.insert(0, sys.argv[1]); __import__(sys.argv[2]); "
                 "print(json.dumps(sorted(m for m in sys.modules if m.split('_')[0] == 'llmos')))")
        for module in MODULES:
            with self.subTest(module=module):
                run = subprocess.run([sys.executable, "-I", "-c", probe, HELPERS_DIR, module],
                                     capture_output=True, text=True, check=False)
                self.assertEqual(run.returncode, 0, run.stderr)
                loaded = set(ast.literal_eval(run.stdout.strip()))
                self.assertEqual(loaded, closure(graph, module))


if __name__ == "__main__":
    unittest.main()
