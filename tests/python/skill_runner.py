"""Load Python-type skills from skills/**/*.md and run them like the browser does.

Why a helper: the Pyodide runner fills defaults, puts skills/python on the
import path, executes the ```python block and calls execute(inputs); the
tests do the same steps in CPython so a skill that works here works there.
"""

import base64
import glob
import math
import os
import sys

from frontmatter_subset import python_code, read_skill

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKILLS_DIR = os.path.join(REPO, "skills")
HELPERS_DIR = os.path.join(SKILLS_DIR, "python")
PYTHON_TYPES = ("python-wasm", "qiskit")

if HELPERS_DIR not in sys.path:
    sys.path.insert(0, HELPERS_DIR)


class Skill(object):
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.meta, self.body = read_skill(f.read())
        self.code = python_code(self.body)
        self.id = self.meta.get("skill_id")
        self._execute = None

    @property
    def inputs(self):
        return self.meta.get("inputs") or []

    @property
    def outputs(self):
        return self.meta.get("outputs") or []

    def defaults(self):
        return {port["name"]: port.get("default") for port in self.inputs}

    def execute_function(self):
        if self._execute is None:
            namespace = {"__name__": "skill_" + self.id.replace("-", "_")}
            exec(compile(self.code, self.path, "exec"), namespace)
            self._execute = namespace["execute"]
        return self._execute

    def run(self, **overrides):
        inputs = self.defaults()
        unknown = set(overrides) - set(inputs)
        if unknown:
            raise KeyError("%s has no inputs %s" % (self.id, sorted(unknown)))
        inputs.update(overrides)
        return self.execute_function()(inputs)


def python_skills():
    """Every skill file whose type runs in the Python runtime, by id."""
    found = {}
    for path in sorted(glob.glob(os.path.join(SKILLS_DIR, "**", "*.md"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not text.startswith("---"):
            continue
        try:
            meta, _ = read_skill(text)
        except ValueError:
            # Not ours to judge unless it is a Python skill; re-read strictly below.
            if "type: python-wasm" in text or "type: qiskit" in text:
                raise
            continue
        if meta.get("type") in PYTHON_TYPES:
            skill = Skill(path)
            found[skill.id] = skill
    return found


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def type_error(value, port):
    """None when `value` fits the declared port, else a message."""
    kind = port.get("type")
    if kind in ("float", "number"):
        ok = _is_number(value) and math.isfinite(value)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind in ("string", "svg", "netlist"):
        ok = isinstance(value, str)
    elif kind == "enum":
        ok = isinstance(value, str) and value in (port.get("options") or [])
    elif kind == "color":
        ok = isinstance(value, str) and len(value) == 7 and value[0] == "#" and \
            all(c in "0123456789abcdefABCDEF" for c in value[1:])
    elif kind == "array":
        ok = isinstance(value, list)
    elif kind == "object":
        ok = isinstance(value, dict)
    elif kind == "series":
        ok = (isinstance(value, dict) and isinstance(value.get("x"), list)
              and isinstance(value.get("y"), list) and len(value["x"]) == len(value["y"]))
    elif kind == "image":
        try:
            ok = isinstance(value, str) and base64.b64decode(value, validate=True)[:8] == b"\x89PNG\r\n\x1a\n"
        except (ValueError, TypeError):
            ok = False
    elif kind == "scene":
        ok = isinstance(value, dict) and value.get("type") == "scene" and isinstance(value.get("objects"), list)
    elif kind == "any":
        ok = True
    else:
        return "unknown port type %r" % kind
    return None if ok else "%r is not a valid %s" % (type(value).__name__, kind)
