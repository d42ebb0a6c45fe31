// The product's JavaScript sandbox (web/runtimes/javascript-worker.js, a ses
// Compartment in a worker_thread under Node, as `llmos run` uses it) seen
// from a skill: no Node.js or page globals, d3 only when the skill requires
// it, results cross as JSON. The browser-side escape catalogue runs under
// Node too (tests/cli/run-runtimes.test.mjs); these are the Node-only doors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSkillHost } from '../support/skill-host.mjs';

let skills;
before(async () => { skills = await startSkillHost(); });
after(() => skills?.shutdown());

// Adds a javascript skill to the user volume through the core's parser.
function addSkill(id, code, { requires = '' } = {}) {
  const text = `---\nskill_id: ${id}\nname: ${id}\ntype: javascript\ncategory: test\ndescription: probe\n${requires}` +
    'inputs:\n  - {name: a, type: float, default: 1}\noutputs:\n  - {name: v, type: any}\n---\n' +
    `\`\`\`javascript\n${code}\n\`\`\`\n`;
  const answer = skills.core.addSkill(`tests/${id}.md`, text, 'user');
  assert.ok(answer.ok, JSON.stringify(answer.diagnostics));
}

const NODE_GLOBALS = ['process', 'require', 'module', 'exports', 'Buffer', '__dirname', '__filename', 'global',
                      'setImmediate', 'WebAssembly', 'document', 'window', 'importScripts', 'd3'];

test('a skill sees none of Node\'s or the page\'s globals, and no d3 it did not require', async () => {
  addSkill('probe-globals', `function execute() {
  const seen = {};
  for (const name of ${JSON.stringify(NODE_GLOBALS)}) seen[name] = typeof globalThis[name];
  seen.bareProcess = typeof process;
  seen.bareRequire = typeof require;
  return { v: seen };
}`);
  const { v } = await skills.run('probe-globals');
  const expected = Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'undefined']));
  assert.deepEqual(v, { ...expected, bareProcess: 'undefined', bareRequire: 'undefined' });
});

test('the sandbox\'s fetch (permission-checked) does not read the disk under Node', async () => {
  addSkill('probe-file-fetch', `async function execute() {
  const tried = [];
  for (const url of ['file:///etc/hostname', '/etc/hostname', '../llmos.wasm']) {
    try { tried.push(url + ': read ' + (await (await fetch(url)).text()).length); } catch (error) { tried.push(url + ': refused'); }
  }
  return { v: tried };
}`);
  const { v } = await skills.run('probe-file-fetch');
  assert.deepEqual(v, ['file:///etc/hostname: refused', '/etc/hostname: refused', '../llmos.wasm: refused']);
});

test('a skill that requires d3 gets the real d3 (its scales compute)', async () => {
  addSkill('probe-d3', 'function execute(i) { return { v: [typeof d3.scaleLinear, d3.scaleLinear().domain([0, 10]).range([0, 100])(i.a)] }; }',
           { requires: 'requires: [d3]\n' });
  assert.deepEqual((await skills.run('probe-d3', { a: 2.5 })).v, ['function', 25]);
});

test('eval and new Function are refused inside the sandbox, with the skill\'s error', async () => {
  addSkill('probe-eval', 'function execute() { return { v: eval("1 + 1") }; }');
  await assert.rejects(skills.run('probe-eval'), (error) => {
    assert.doesNotMatch(error.message, /^node ended/);
    assert.match(error.message, /eval|code generation|not allowed|SES/i);
    return true;
  });
  addSkill('probe-function', 'function execute() { return { v: new Function("return 2")() }; }');
  await assert.rejects(skills.run('probe-function'), /Function|code generation|not allowed|SES/i);
});

test('an async execute is awaited; its result arrives as JSON data', async () => {
  addSkill('probe-async', 'async function execute(i) { await null; return { v: { twice: i.a * 2, list: [i.a, "x"] } }; }');
  assert.deepEqual((await skills.run('probe-async', { a: 21 })).v, { twice: 42, list: [21, 'x'] });
});

// The worker makes each node's Compartment before the node arrives (while
// idle): it must still be a fresh one for every node, with the libraries of
// that node's skill only.
test('every node gets a fresh Compartment: globals a node set, and a library an earlier node required, are gone', async () => {
  addSkill('probe-counter', `function execute() {
  globalThis.count = (globalThis.count || 0) + 1;
  Promise.resolve().then(() => { globalThis.count = 100; });  // after the node has answered
  return { v: [count, typeof d3] };
}`);
  addSkill('probe-d3-first', 'function execute() { globalThis.count = 50; return { v: typeof d3 }; }',
           { requires: 'requires: [d3]\n' });
  const seen = [];
  for (const id of ['probe-counter', 'probe-counter', 'probe-d3-first', 'probe-counter']) seen.push((await skills.run(id)).v);
  assert.deepEqual(seen, [[1, 'undefined'], [1, 'undefined'], 'object', [1, 'undefined']]);
});
