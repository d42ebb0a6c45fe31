// A Python skill that keeps the interpreter busy for `seconds` (an input)
// in pure Python, so a cancel or a deadline can interrupt it: the tests of
// stopping, cancelling and the run's live states use it.
export function busyPythonSkill({ id, name, seconds }) {
  return `---
skill_id: ${id}
name: ${name}
type: python-wasm
category: test
inputs:
  - {name: seconds, type: float, default: ${seconds}}
outputs:
  - {name: loops, type: int}
---
# Busy for a while (pure Python: interruptible)

\`\`\`python
import time

def execute(inputs):
    end = time.time() + inputs["seconds"]
    loops = 0
    while time.time() < end:
        loops += 1
    return {"loops": loops}
\`\`\`
`;
}
