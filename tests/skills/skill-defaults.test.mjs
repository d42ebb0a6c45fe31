// Every executable skill, as the core reads it, runs with its defaults in
// the product's runtimes under Node (the ses sandbox, ngspice.wasm, Pyodide)
// and returns exactly its declared outputs, each a value of its declared type
// by the core's own checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSkillHost } from '../support/skill-host.mjs';

const RUNNABLE_TYPES = ['javascript', 'threejs', 'spice', 'python-wasm', 'qiskit'];

let skills;
before(async () => { skills = await startSkillHost(); });
after(() => skills?.shutdown());

test('every runnable skill runs with its defaults and returns its declared outputs', async (t) => {
  const runnable = skills.core.listSkills({}).filter((skill) => RUNNABLE_TYPES.includes(skill.node_type));
  for (const type of RUNNABLE_TYPES) assert.ok(runnable.some((skill) => skill.node_type === type), `a ${type} skill`);
  for (const { skill_id: id, node_type: type } of runnable) {
    await t.test(`${id} (${type})`, async () => {
      const outputs = await skills.run(id);
      assert.deepEqual(skills.outputProblems(id, outputs), []);
    });
  }
});

test('the output check itself catches a wrong type, a missing and an undeclared output', () => {
  const problems = skills.outputProblems('circuit-rc-node', { voltage_data: { x: [0, 1] }, time_constant: 'fast', extra: 1 });
  assert.ok(problems.includes('steady_state_voltage: missing'), problems.join('\n'));
  assert.ok(problems.includes('netlist: missing'), problems.join('\n'));
  assert.ok(problems.includes('extra: not declared'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('/nodes/0/inputValues/time_constant: workflow.value.type')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('/nodes/0/inputValues/voltage_data: workflow.value.type')), problems.join('\n'));
});
