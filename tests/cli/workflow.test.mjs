// `llmos workflow validate|plan|dot` on the fixtures in tests/data/workflows
// against the tiny skill set in tests/data/workflow_skills.
// Run: node --test tests/cli/workflow.test.mjs  (LLMOS_BIN overrides the binary)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.LLMOS_BIN || path.join(repo, 'build', 'native', 'bin', 'llmos');
const skills = 'tests/data/workflow_skills';
const fixture = (name) => `tests/data/workflows/${name}.json`;

function llmos(...args) {
  const result = spawnSync(bin, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, LLMOS_SKILLS_DIR: '' } });
  assert.equal(result.error, undefined, `cannot run ${bin}: ${result.error}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('validate: a valid workflow is ok', () => {
  const { code, stdout, stderr } = llmos('workflow', 'validate', fixture('vqe-plot'), '--skills', skills);
  assert.equal(stderr, '');
  assert.equal(stdout, `${fixture('vqe-plot')}: ok (2 nodes, 1 edges)\n`);
  assert.equal(code, 0);
});

test('validate: every problem at once, with codes, line:col and JSON pointers', () => {
  const { code, stdout, stderr } = llmos('workflow', 'validate', fixture('invalid'), '--skills', skills);
  const file = fixture('invalid');
  assert.equal(stdout, '');
  assert.deepEqual(stderr.trimEnd().split('\n'), [
    `${file}:3:34: error[workflow.skill.unknown]: unknown skill 'quantum-vqe-nod' (did you mean 'quantum-vqe-node'?) at /nodes/0/skillId`,
    `${file}:4:78: error[workflow.port.unknown]: skill 'plot-data-node' has no input 'titel' (did you mean 'title'?) at /nodes/1/inputValues/titel`,
    `${file}:5:72: error[workflow.value.type]: input 'factor' expects float, got "two" at /nodes/2/inputValues/factor`,
    `${file}:8:5: error[workflow.edge.type]: cannot connect 's.result' (float) to 'plot.data' (series) at /edges/0`,
  ]);
  assert.equal(code, 1);
});

test('validate: a cycle is named in order', () => {
  const { code, stderr } = llmos('workflow', 'validate', fixture('cycle'), '--skills', skills);
  assert.equal(stderr, `${fixture('cycle')}:3:5: error[workflow.cycle]: cycle: a -> b -> c -> a at /nodes/0\n`);
  assert.equal(code, 1);
});

test('validate: JSON syntax errors carry line and column', () => {
  const { code, stderr } = llmos('workflow', 'validate', fixture('syntax-error'), '--skills', skills);
  assert.match(stderr, /^tests\/data\/workflows\/syntax-error\.json:3:45: error\[workflow\.parse\]: invalid JSON: syntax error/);
  assert.equal(code, 1);
});

test('validate: a missing file is an error, bad usage exits 2', () => {
  const missing = llmos('workflow', 'validate', 'tests/data/workflows/nope.json', '--skills', skills);
  assert.equal(missing.stderr, 'tests/data/workflows/nope.json: error[workflow.io]: cannot read file\n');
  assert.equal(missing.code, 1);
  assert.equal(llmos('workflow').code, 2);
  assert.equal(llmos('workflow', 'frobnicate', fixture('diamond')).code, 2);
});

test('plan: topological levels, one per line', () => {
  assert.equal(llmos('workflow', 'plan', fixture('vqe-plot')).stdout, '0: vqe\n1: plot\n');
  const diamond = llmos('workflow', 'plan', fixture('diamond'));
  assert.equal(diamond.stdout, '0: a\n1: b c\n2: d\n');
  assert.equal(diamond.code, 0);
  const cycle = llmos('workflow', 'plan', fixture('cycle'));
  assert.equal(cycle.code, 1);
  assert.match(cycle.stderr, /cycle: a -> b -> c -> a/);
});

test('dot: Graphviz with "id\\nskill" node labels and "out -> in" edge labels', () => {
  const { code, stdout } = llmos('workflow', 'dot', fixture('vqe-plot'));
  assert.equal(code, 0);
  assert.equal(stdout, [
    'digraph workflow {',
    '  rankdir=LR;',
    '  node [shape=box];',
    '  "vqe" [label="vqe\\nquantum-vqe-node"];',
    '  "plot" [label="plot\\nplot-data-node"];',
    '  "vqe" -> "plot" [label="convergence_data -> data"];',
    '}',
    '',
  ].join('\n'));
});
