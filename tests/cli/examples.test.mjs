// The example workflows in skills/examples, validated by the core
// (`llmos workflow validate`) against the shipped skills; and broken copies
// of them, each with the one diagnostic its mistake must produce: code,
// message, JSON pointer and the line:col of the offending value.
// Run: node --test tests/cli/examples.test.mjs  (LLMOS_BIN overrides the binary)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.LLMOS_BIN || path.join(repo, 'build', 'native', 'bin', 'llmos');
const examplesDir = path.join(repo, 'skills', 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();

function validate(file) {
  const result = spawnSync(bin, ['workflow', 'validate', file, '--skills', 'skills'],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, LLMOS_SKILLS_DIR: '' } });
  assert.equal(result.error, undefined, `cannot run ${bin}: ${result.error}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// 1-based line:col of the first character of `needle` in `text`; the needle
// must occur exactly once, so the position is unambiguous.
function lineCol(text, needle) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0 && text.indexOf(needle, at + 1) < 0, `'${needle}' must occur once`);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before.at(-1).length + 1}`;
}

test('the seven examples are there', () => {
  for (const name of ['circuit-dashboard', 'csv-to-chart', 'expression-plot', 'quantum-and-3d', 'rc-chart',
    'spinning-cube', 'vqe-plot']) {
    assert.ok(examples.includes(`${name}.json`), name);
  }
});

test('vqe-plot.json is the original design\'s VQE -> Plot workflow', () => {
  const wf = JSON.parse(readFileSync(path.join(examplesDir, 'vqe-plot.json'), 'utf8'));
  assert.deepEqual(wf.nodes.map(({ nodeId, skillId, inputValues }) => ({ nodeId, skillId, inputValues })), [
    { nodeId: 'vqe', skillId: 'quantum-vqe-node', inputValues: { iterations: 100 } },
    { nodeId: 'plot', skillId: 'plot-data-node', inputValues: {} },
  ]);
  assert.deepEqual(wf.edges, [{ source: 'vqe', sourceOutput: 'convergence_data', target: 'plot', targetInput: 'data' }]);
});

for (const example of examples) {
  test(`${example}: the core accepts it`, () => {
    const file = `skills/examples/${example}`;
    const { nodes, edges } = JSON.parse(readFileSync(path.join(repo, file), 'utf8'));
    const { code, stdout, stderr } = validate(file);
    assert.equal(stderr, '');
    assert.equal(stdout, `${file}: ok (${nodes.length} nodes, ${edges.length} edges)\n`);
    assert.equal(code, 0);
  });
}

// Each case: an example, text replacements that break it, and the expected
// diagnostics as [code, message, pointer, text whose first character the
// line:col must point at].
const broken = [
  {
    name: 'unknown skill', example: 'vqe-plot.json',
    replace: [['"skillId": "plot-data-node"', '"skillId": "plot-data-nod"']],
    expect: [['workflow.skill.unknown', "unknown skill 'plot-data-nod' (did you mean 'plot-data-node'?)",
      '/nodes/1/skillId', '"plot-data-nod"']],
  },
  {
    name: 'unknown input', example: 'rc-chart.json',
    replace: [['"resistance": 2200.0', '"resistence": 2200.0']],
    expect: [['workflow.port.unknown',
      "skill 'circuit-rc-node' has no input 'resistence' (did you mean 'resistance'?)",
      '/nodes/0/inputValues/resistence', '2200.0']],
  },
  {
    name: 'value of the wrong type', example: 'spinning-cube.json',
    replace: [['"color": "#ff6b35"', '"color": 16737077']],
    expect: [['workflow.value.type', "input 'color' expects color, got 16737077", '/nodes/1/inputValues/color',
      '16737077']],
  },
  {
    name: 'edge between incompatible types', example: 'spinning-cube.json',
    replace: [['"sourceOutput": "result"', '"sourceOutput": "formula"']],
    expect: [['workflow.edge.type', "cannot connect 'speed.formula' (string) to 'cube.rotation_speed' (float)",
      '/edges/0', '{ "source": "speed"']],
  },
  {
    name: 'edge from an output the skill does not have', example: 'vqe-plot.json',
    replace: [['"sourceOutput": "convergence_data"', '"sourceOutput": "convergance_data"']],
    expect: [['workflow.port.unknown',
      "skill 'quantum-vqe-node' has no output 'convergance_data' (did you mean 'convergence_data'?)",
      '/edges/0/sourceOutput', '"convergance_data"']],
  },
  {
    name: 'edge to a node that is not there', example: 'vqe-plot.json',
    replace: [['"target": "plot"', '"target": "plott"']],
    expect: [['workflow.edge.missing_node', "edge target 'plott' is not a node (did you mean 'plot'?)",
      '/edges/0/target', '"plott"']],
  },
  {
    name: 'two nodes with one id', example: 'vqe-plot.json',
    replace: [['\n  ],\n  "edges"', ',\n    { "nodeId": "plot", "skillId": "plot-data-node", "inputValues": { "kind": "bar" } }\n  ],\n  "edges"']],
    expect: [['workflow.node.duplicate', "duplicate node id 'plot'", '/nodes/2/nodeId',
      '"plot", "skillId": "plot-data-node", "inputValues": { "kind"']],
  },
  {
    name: 'an input fed by two edges', example: 'spinning-cube.json',
    replace: [['"edges": [\n', '"edges": [\n    { "source": "speed", "sourceOutput": "result", "target": "cube", "targetInput": "size" },\n    { "source": "speed", "sourceOutput": "result", "target": "cube", "targetInput": "size" },\n']],
    expect: [['workflow.input.multiple_edges', "input 'cube.size' already has an edge (/edges/0)",
      '/edges/1/targetInput', '"size" },\n    { "source": "speed", "sourceOutput": "result", "target": "cube", "targetInput": "rotation_speed"']],
  },
  {
    name: 'a cycle', example: 'spinning-cube.json',
    replace: [['"nodes": [\n', '"nodes": [\n    { "nodeId": "back", "skillId": "unit-converter-node", "inputValues": { "from_unit": "rad", "to_unit": "deg" } },\n'],
      ['"edges": [\n', '"edges": [\n    { "source": "speed", "sourceOutput": "result", "target": "back", "targetInput": "value" },\n    { "source": "back", "sourceOutput": "result", "target": "speed", "targetInput": "value" },\n']],
    expect: [['workflow.cycle', 'cycle: back -> speed -> back', '/nodes/0', '{ "nodeId": "back"']],
  },
  {
    name: 'a position that is not [x, y]', example: 'rc-chart.json',
    replace: [['"position": [80, 120]', '"position": [80]']],
    expect: [['workflow.schema', 'expected [number, number]', '/nodes/0/ui/position', '[80]']],
  },
];

for (const { name, example, replace, expect } of broken) {
  test(`broken ${example}: ${name}`, () => {
    let text = readFileSync(path.join(examplesDir, example), 'utf8');
    for (const [from, to] of replace) {
      assert.ok(text.includes(from), `${example} no longer contains ${JSON.stringify(from)}`);
      text = text.replace(from, to);
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'llmos-examples-')), example);
    writeFileSync(file, text);
    const { code, stdout, stderr } = validate(file);
    assert.equal(stdout, '');
    assert.deepEqual(stderr.trimEnd().split('\n'), expect.map(([diagnostic, message, pointer, at]) =>
      `${file}:${lineCol(text, at)}: error[${diagnostic}]: ${message} at ${pointer}`));
    assert.equal(code, 1);
  });
}
