"""Captures the outputs of every Python skill run with its defaults (CPython,
the way tests/python runs them) as preview fixtures: tests/data/previews/<id>.json.
Run from the repository root: python3 tests/support/capture_preview_fixtures.py tests/data/previews"""
import json, os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python"))
from skill_runner import python_skills
out = sys.argv[1]
for sid, skill in sorted(python_skills().items()):
    t = time.time()
    try:
        outputs = skill.run()
    except Exception as e:
        print("FAIL", sid, e); continue
    doc = {"skill_id": sid, "type": skill.meta.get("type"), "output_ports": skill.outputs, "outputs": outputs}
    with open(os.path.join(out, sid + ".json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print("ok", sid, "%.2fs" % (time.time() - t))

# The "VQE -> Plot" example's second node: the PNG of the convergence data.
skills = python_skills()
convergence = skills["quantum-vqe-node"].run()["convergence_data"]
plot = skills["plot-data-node"]
doc = {"skill_id": "plot-data-node", "type": plot.meta.get("type"), "output_ports": plot.outputs,
       "outputs": plot.run(data=convergence)}
with open(os.path.join(out, "vqe-plot-image.json"), "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print("ok vqe-plot-image")
