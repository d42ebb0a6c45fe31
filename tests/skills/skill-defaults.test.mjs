// Every javascript, threejs and spice skill runs with its defaults and
// returns exactly its declared outputs, each a valid value of its type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAllSkills, outputProblems } from './skill-harness.mjs';
import { runSkill, RUNNABLE_TYPES } from './run-skill.mjs';

const skills = loadAllSkills().filter((s) => RUNNABLE_TYPES.includes(s.frontMatter.type));

test('there are runnable skills of every browser runtime type', () => {
  for (const type of RUNNABLE_TYPES) assert.ok(skills.some((s) => s.frontMatter.type === type), type);
});

for (const skill of skills) {
  const fm = skill.frontMatter;
  test(`${fm.skill_id} (${fm.type}) runs with defaults`, async () => {
    const { outputs } = await runSkill(skill);
    assert.deepEqual(outputProblems(skill, outputs), []);
    const declared = fm.outputs.map((p) => p.name).sort();
    assert.deepEqual(Object.keys(outputs).sort(), declared, 'returns exactly the declared outputs');
    assert.deepEqual(JSON.parse(JSON.stringify(outputs)), outputs, 'outputs are plain JSON');
  });
}
