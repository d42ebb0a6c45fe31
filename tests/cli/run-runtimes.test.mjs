// The runtimes as `llmos run` drives them: the host of build/web/node (the
// same module run.mjs uses: the wasm core, workflow-executor.js, the pools of
// runtime Workers as worker_threads), in this process so the 61 escape
// attempts do not each pay for a Pyodide start:
//  - the escape catalogue (tests/data/escapes), each attempt refused with its
//    expected error, as in Chromium (tests/e2e/escapes.test.mjs); among them
//    skills that try to poison the next node of the same run;
//  - a Python node stuck in a loop stopped at its deadline, and the next
//    Python node answered by a warm worker (no cold start);
//  - a cancelled JavaScript node leaves the other nodes running.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkRun } from '../data/escapes/expectations.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webRoot = path.join(repo, 'build', 'web');
const escapesDir = path.join(repo, 'tests', 'data', 'escapes');
const catalogue = JSON.parse(readFileSync(path.join(escapesDir, 'catalogue.json'), 'utf8'));

let host;
let pythonStart;

before(async () => {
  const { startHeadlessHost } = await import(pathToFileURL(path.join(webRoot, 'node', 'headless-host.mjs')).href);
  host = await startHeadlessHost({ webRoot });
  const system = host.loadSkills(path.join(repo, 'skills'), 'system');
  assert.deepEqual(system.diagnostics.filter((d) => d.severity === 'error'), []);
  for (const language of ['javascript', 'python']) {
    const loaded = host.loadSkills(path.join(escapesDir, 'skills', language), 'user');
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  }
  pythonStart = await host.pools().python.ready();  // deadlines below count from dispatch
});

after(() => host?.shutdown());

// A one-off skill in the user volume.
function addSkill(id, type, code, { outputs = ['y'], inputs = '' } = {}) {
  const language = type === 'javascript' ? 'javascript' : 'python';
  const text = `---\nskill_id: ${id}\nname: ${id}\ntype: ${type}\ncategory: test\ndescription: test\n` +
    `inputs:\n  - {name: n, type: float, default: 1}\n${inputs}outputs:\n${outputs.map((o) => `  - {name: ${o}, type: any}\n`).join('')}---\n` +
    `\`\`\`${language}\n${code}\n\`\`\`\n`;
  const answer = host.core.addSkill(`tests/${id}.md`, text, 'user');
  assert.ok(answer.ok, JSON.stringify(answer.diagnostics));
}

const waitFor = async (what, condition, ms = 30000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    assert.ok(Date.now() < until, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('the catalogue has 20+ attempts in each runtime', () => {
  const count = (prefix) => catalogue.cases.filter((entry) => entry.id.startsWith(prefix)).length;
  assert.ok(count('js-') >= 20 && count('py-') >= 20);
});

// Under Node there is no page: the attempts that read "the page's files" ask
// for the worker's own location (a file: URL, origin "null"), refused like
// the page's origin is in the browser.
const NODE_ORIGIN = { 'http://127\\.0\\.0\\.1:\\d+': 'null' };
function forNode(expect) {
  const text = JSON.stringify(expect);
  let adapted = text;
  for (const [browser, node] of Object.entries(NODE_ORIGIN)) adapted = adapted.split(JSON.stringify(browser).slice(1, -1)).join(node);
  return JSON.parse(adapted);
}

for (const entry of catalogue.cases) {
  test(`escape ${entry.id}: ${entry.what}`, async () => {
    for (const [index, run] of entry.runs.entries()) {
      const results = JSON.parse(JSON.stringify(await host.run(run.workflow, null, null, { use_cache: false, ...run.options })));
      const mismatches = checkRun(forNode(run.expect), results);
      assert.deepEqual(mismatches, [], `run ${index + 1}: ${JSON.stringify(results).slice(0, 2000)}`);
    }
  });
}

test('a skill tries to poison another within the same run: the victim sees clean state (JS and Python)', async () => {
  for (const id of ['js-poison-within-run', 'py-poison-within-run']) {
    const entry = catalogue.cases.find((candidate) => candidate.id === id);
    const [run] = entry.runs;
    assert.equal(run.workflow.nodes.length, 2, `${id}: poisoner and victim in one workflow`);
    const results = JSON.parse(JSON.stringify(await host.run(run.workflow, null, null, { use_cache: false })));
    assert.deepEqual(checkRun(run.expect, results), []);
  }
});

test('a stuck Python node is stopped at its deadline; the next Python node is answered by a warm worker', async () => {
  addSkill('stuck-python-node', 'python-wasm', 'def execute(inputs):\n    while True:\n        pass\n');
  addSkill('next-python-node', 'python-wasm', 'def execute(inputs):\n    return {"y": inputs["n"] * 2}\n');
  const pool = host.pools().python;
  await waitFor('the Python standby', () => pool.stats().standby?.state === 'idle', 60000);
  const times = {};
  const results = await host.run({
    nodes: [{ nodeId: 'stuck', skillId: 'stuck-python-node' },
            { nodeId: 'next', skillId: 'next-python-node', inputValues: { n: 21 } }],
    edges: [],
  }, null, null, {
    use_cache: false, node_timeout_ms: 1000,
    onEvent: (event) => { times[`${event.node}:${event.kind}`] ??= performance.now(); },
  });
  assert.equal(results.stuck.state, 'error');
  assert.equal(results.stuck.error.code, 'timeout');
  assert.match(results.stuck.error.message, /^no answer within 1000 ms/);
  assert.equal(results.next.state, 'done');
  assert.deepEqual(results.next.outputs, { y: 42 });
  const answeredAfterStop = times['next:done'] - Math.max(times['stuck:error'], times['next:running'] ?? 0);
  // Not a timing test (bench/runtimes-node.mjs measures it): a cold start
  // would take as long as Pyodide's first load; a warm worker far less.
  assert.ok(times['next:done'] - times['stuck:error'] < pythonStart.load_ms / 2,
            `next answered ${Math.round(times['next:done'] - times['stuck:error'])} ms after the stop; cold start ${pythonStart.load_ms} ms`);
  assert.ok(answeredAfterStop >= 0);
});

test('a cancelled JavaScript node leaves the other nodes of its pool running', async () => {
  addSkill('spin-js-node', 'javascript', 'function execute(inputs) { let t = 0; for (let i = 0; i < inputs.n; i++) t += i % 3; return { y: t }; }');
  const events = [];
  let runId = null;
  const done = host.run({
    nodes: [{ nodeId: 'spin', skillId: 'spin-js-node', inputValues: { n: 1e12 } },
            { nodeId: 'a', skillId: 'spin-js-node', inputValues: { n: 10 } },
            { nodeId: 'b', skillId: 'spin-js-node', inputValues: { n: 100 } },
            { nodeId: 'c', skillId: 'spin-js-node', inputValues: { n: 1000 } }],
    edges: [],
  }, null, null, { use_cache: false, onEvent: (event) => { runId = event.run; events.push(event); } });
  await waitFor('spin running', () => events.some((event) => event.node === 'spin' && event.kind === 'running'));
  assert.equal(host.core.cancel(runId, 'spin').ok, true);
  const results = await done;
  assert.equal(results.spin.state, 'cancelled');
  // sum of i % 3 for i < n
  const expected = (n) => { let t = 0; for (let i = 0; i < n; i++) t += i % 3; return t; };
  for (const [node, n] of [['a', 10], ['b', 100], ['c', 1000]]) {
    assert.equal(results[node].state, 'done', `${node}: ${JSON.stringify(results[node].error)}`);
    assert.deepEqual(results[node].outputs, { y: expected(n) });
  }
  // And the pool still answers afterwards.
  const again = await host.run({ nodes: [{ nodeId: 'x', skillId: 'spin-js-node', inputValues: { n: 7 } }], edges: [] },
                               null, null, { use_cache: false });
  assert.deepEqual(again.x.outputs, { y: expected(7) });
});
