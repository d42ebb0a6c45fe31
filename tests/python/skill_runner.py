"""Load Python-type skills through the C++ core and run them like the browser does.

Why through the core: the C++ skill parser is the only reader of skill files
(one reader per format), so the tests see each skill's code, ports and
defaults exactly as the product does. `llmos skills list --json --code`
prints them; LLMOS_BIN (exported by tests/run-all.sh) names the binary.

Why a runner: the Pyodide worker fills defaults, puts skills/python on the
import path, executes the ```python block and calls execute(inputs); the
tests do the same steps in CPython so a skill that works here works there.
"""

import base64
import json
import math
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKILLS_DIR = os.path.join(REPO, "skills")
HELPERS_DIR = os.path.join(SKILLS_DIR, "python")
LLMOS_BIN = os.environ.get("LLMOS_BIN") or os.path.join(REPO, "build", "native", "bin", "llmos")
PYTHON_TYPES = ("python-wasm", "qiskit")

if HELPERS_DIR not in sys.path:
    sys.path.insert(0, HELPERS_DIR)


def library_json(skills_dir=SKILLS_DIR):
    """Every skill of `skills_dir` as the core reads it (`skills list --json --code`).

    Raises when the binary is missing or the library has errors: a Python
    skill the core cannot read must fail the tests, not drop out of them.
    """
    if not os.path.exists(LLMOS_BIN):
        raise RuntimeError("%s does not exist: build it first (make native) or set LLMOS_BIN" % LLMOS_BIN)
    run = subprocess.run([LLMOS_BIN, "skills", "list", "--json", "--code", "--dir", skills_dir],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError("llmos skills list failed (exit %d):\n%s" % (run.returncode, run.stderr))
    return json.loads(run.stdout)["skills"]


class Skill(object):
    """One skill, from the JSON the core wrote: `meta` is that JSON object."""

    def __init__(self, meta):
        self.meta = meta
        self.id = meta["skill_id"]
        self.path = os.path.abspath(meta["source_path"])
        self.code = meta.get("code")
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
            # Blank lines in front of the block make tracebacks name the skill
            # file's own lines, as the Pyodide worker's do.
            first_line = int(self.meta.get("code_first_line") or 1)
            source = "\n" * (first_line - 1) + self.code
            namespace = {"__name__": "skill_" + self.id.replace("-", "_")}
            exec(compile(source, self.path, "exec"), namespace)
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
    """Every skill whose type runs in the Python runtime, by id."""
    return {meta["skill_id"]: Skill(meta) for meta in library_json() if meta["node_type"] in PYTHON_TYPES}


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
