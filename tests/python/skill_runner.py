"""Load Python-type skills through the C++ core and run them like the browser does.

Why through the core: the C++ skill parser is the only reader of skill files
(one reader per format), so the tests see each skill's code, ports and
defaults exactly as the product does. `llmos skills list --json --code`
prints them; LLMOS_BIN (exported by tests/run-all.sh) names the binary.

Why a runner: the Pyodide worker fills defaults, puts skills/python on the
import path, executes the ```python block and calls execute(inputs); the
tests do the same steps in CPython so a skill that works here works there.
"""

import json
import os
import subprocess
import sys
import tempfile

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


def output_type_errors(outputs_by_skill):
    """The core's verdict on skills' outputs against their declared ports.

    `outputs_by_skill` maps skill id -> the outputs one run returned. Each
    skill gets a probe skill whose inputs are its output ports; a workflow
    with one probe node per skill, the outputs as input values, goes to
    `llmos workflow validate` (the validator's own type checks). Returns the
    error lines it printed (empty when every output fits its port).
    """
    skills = {meta["skill_id"]: meta for meta in library_json()}
    with tempfile.TemporaryDirectory(prefix="llmos-output-probe-") as tmp:
        nodes = []
        for sid, outputs in sorted(outputs_by_skill.items()):
            probe = "probe-" + sid
            # JSON is YAML flow syntax, so the ports go into the front matter as they are.
            with open(os.path.join(tmp, probe + ".md"), "w", encoding="utf-8") as f:
                f.write("---\nskill_id: %s\nname: %s\ntype: javascript\ncategory: test\ndescription: probe\n"
                        "inputs: %s\noutputs: []\n---\n```javascript\nfunction execute() { return {}; }\n```\n"
                        % (probe, probe, json.dumps(skills[sid]["outputs"])))
            nodes.append({"nodeId": sid, "skillId": probe, "inputValues": outputs})
        workflow = os.path.join(tmp, "outputs.json")
        with open(workflow, "w", encoding="utf-8") as f:
            json.dump({"name": "outputs", "description": "probe", "nodes": nodes, "edges": []}, f)
        run = subprocess.run([LLMOS_BIN, "workflow", "validate", workflow, "--skills", tmp],
                             capture_output=True, text=True, check=False)
    errors = [line for line in run.stderr.splitlines() if "error[" in line]
    if run.returncode != 0 and not errors:
        raise RuntimeError("llmos workflow validate failed (exit %d):\n%s" % (run.returncode, run.stderr))
    return errors
