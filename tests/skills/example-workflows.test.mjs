// Every example workflow references existing skills and ports with
// compatible types; the parts that run on browser runtimes are executed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllSkills, SKILLS_DIR, outputProblems } from './skill-harness.mjs';
import { workflowProblems, runWorkflow } from './workflow-check.mjs';

const EXAMPLES = join(SKILLS_DIR, 'examples');
const skillsById = new Map(loadAllSkills().filter((s) => s.frontMatter.skill_id).map((s) => [s.frontMatter.skill_id, s]));
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
const load = (f) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8'));

test('the required examples exist', () => {
  for (const f of ['vqe-plot.json', 'spinning-cube.json', 'rc-chart.json', 'expression-plot.json']) assert.ok(files.includes(f), f);
  assert.ok(files.length >= 6);
});

test('vqe-plot.json is the original design\'s VQE -> Plot workflow', () => {
  const wf = load('vqe-plot.json');
  assert.deepEqual(wf.nodes.map(({ nodeId, skillId, inputValues }) => ({ nodeId, skillId, inputValues })), [
    { nodeId: 'vqe', skillId: 'quantum-vqe-node', inputValues: { iterations: 100 } },
    { nodeId: 'plot', skillId: 'plot-data-node', inputValues: {} },
  ]);
  assert.deepEqual(wf.edges, [{ source: 'vqe', sourceOutput: 'convergence_data', target: 'plot', targetInput: 'data' }]);
});

for (const f of files) {
  test(`${f}: skills, ports and types resolve`, () => {
    const wf = load(f);
    assert.equal(typeof wf.name, 'string');
    assert.equal(typeof wf.description, 'string');
    assert.deepEqual(workflowProblems(wf, skillsById), []);
  });

  test(`${f}: browser-runtime nodes run and produce their declared outputs`, async () => {
    const wf = load(f);
    const { results } = await runWorkflow(wf, skillsById);
    for (const [id, outputs] of results) {
      const skill = skillsById.get(wf.nodes.find((n) => n.nodeId === id).skillId);
      assert.deepEqual(outputProblems(skill, outputs), [], id);
    }
  });
}

test('rc-chart.json: the chart draws the simulated curve', async () => {
  const { results } = await runWorkflow(load('rc-chart.json'), skillsById);
  const rc = results.get('rc');
  assert.ok(Math.abs(rc.time_constant - 2200 * 4.7e-7) / (2200 * 4.7e-7) < 0.02);
  assert.equal(results.get('chart').point_count, rc.voltage_data.x.length);
  assert.match(results.get('chart').svg, /<path class="data" d="M/);
});

test('spinning-cube.json: 90 deg/s arrives as pi/2 rad/s', async () => {
  const { results } = await runWorkflow(load('spinning-cube.json'), skillsById);
  assert.ok(Math.abs(results.get('cube').animation_frame.period_s - 4) < 1e-9);
});

test('csv-to-chart.json: fan-out from one parsed table', async () => {
  const { results } = await runWorkflow(load('csv-to-chart.json'), skillsById);
  assert.equal(results.get('peak_voltage').result, 4.97);
  assert.equal(results.get('chart').point_count, 6);
});

test('the workflow checker catches the usual mistakes', () => {
  const bad = {
    nodes: [
      { nodeId: 'rc', skillId: 'circuit-rc-node', inputValues: { resistence: 1 } },
      { nodeId: 'cube', skillId: 'threejs-cube-node', inputValues: { size: 1 } },
      { nodeId: 'x', skillId: 'no-such-node', inputValues: {} },
    ],
    edges: [
      { source: 'rc', sourceOutput: 'voltage_data', target: 'cube', targetInput: 'size' },
      { source: 'rc', sourceOutput: 'time_constant', target: 'cube', targetInput: 'colour' },
    ],
  };
  assert.deepEqual(workflowProblems(bad, skillsById), [
    "node 'rc': skill 'circuit-rc-node' has no input 'resistence'",
    "node 'x': unknown skill 'no-such-node'",
    'edge rc.voltage_data -> cube.size: series cannot feed float',
    'edge rc.voltage_data -> cube.size: input also set in inputValues (ambiguous)',
    "edge rc.time_constant -> cube.colour: 'threejs-cube-node' has no input 'colour'",
  ]);
});
