// executeWorkflow and friends (web/lib/workflow-executor.js) over the real
// wasm core, with a stand-in javascript bridge: it answers each skill by id
// from the functions below (the skills' code is not run here; the product's
// sandbox has its own tests in tests/skills), and its cancel really stops a
// hanging node and records that it was asked to.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { loadHeadlessCore, webRoot } from './headless-core.mjs';

let executor;
let host;
let core;
const hanging = new Set();  // skill ids whose bridge answers only when cancelled
const cancels = [];  // {node, reason} for every cancel() the bridge received

function jsSkill(id, code, inputs, outputs) {
  return { skill_id: id, name: id, node_type: 'javascript', code, inputs, outputs };
}

const skills = {
  source: jsSkill('source', 'function execute(i) { return { value: i.start * 2 }; }',
    [{ name: 'start', type: 'float', default: 1 }], [{ name: 'value', type: 'float' }]),
  add: jsSkill('add', 'function execute(i) { return { sum: i.a + i.b }; }',
    [{ name: 'a', type: 'float', default: 0 }, { name: 'b', type: 'float', default: 10 }], [{ name: 'sum', type: 'float' }]),
  boom: jsSkill('boom', 'function execute(i) {\n  throw new Error("kaboom");\n}',
    [{ name: 'x', type: 'float', default: 0 }], [{ name: 'y', type: 'float' }]),
  slow: jsSkill('slow', 'function execute(i) { return { y: 1 }; }',
    [{ name: 'x', type: 'float', default: 0 }], [{ name: 'y', type: 'float' }]),
  big: jsSkill('big', 'function execute() { return { y: "x".repeat(8 * 1024 * 1024) }; }', [], [{ name: 'y', type: 'string' }]),
};
// What each skill's code computes, as the stand-in bridge answers it.
const behaviour = {
  source: (i) => ({ value: i.start * 2 }),
  add: (i) => ({ sum: i.a + i.b }),
  boom: () => { throw new Error('kaboom'); },
  slow: () => ({ y: 1 }),
};

before(async () => {
  core = await loadHeadlessCore();
  executor = await import(path.join(webRoot, 'lib', 'workflow-executor.js'));
  host = await import(path.join(webRoot, 'lib', 'runtime-host.js'));
  executor.setCore(core);
  let calls = 0;
  host.registerBridge('javascript', (request) => {
    calls++;
    globalThis.lastRequest = request;
    let answer;
    const promise = new Promise((resolve) => { answer = resolve; });
    if (!hanging.has(request.skill.skill_id)) {
      setTimeout(() => {
        try {
          answer({ ok: true, outputs: behaviour[request.skill.skill_id](request.inputs) });
        } catch (error) {
          answer({ ok: false, error: { code: 'js.exception', message: String(error.message) } });
        }
      }, 1);
    }
    return { promise, cancel: (reason) => { cancels.push({ node: request.node, reason }); answer({ ok: false, error: reason }); } };
  });
  globalThis.bridgeCalls = () => calls;
});

function payload(nodes, edges, only = Object.keys(skills)) {
  return { workflow: { nodes, edges }, skills: Object.fromEntries(only.map((id) => [id, skills[id]])) };
}

test('data flows along edges and results have the original shape', async () => {
  const started = [];
  const completed = [];
  const results = await executor.executeWorkflow(payload(
    [{ nodeId: 'src', skillId: 'source', inputValues: { start: 21 } },
     { nodeId: 'sum', skillId: 'add', inputValues: { b: 0.5 } }],
    [{ source: 'src', sourceOutput: 'value', target: 'sum', targetInput: 'a' }]),
  (id) => started.push(id), (result) => completed.push(result));
  assert.deepEqual(started, ['src', 'sum']);
  assert.equal(results.src.outputs.value, 42);
  assert.equal(results.sum.outputs.sum, 42.5);
  assert.equal(results.sum.cached, false);
  assert.equal(typeof results.sum.duration_ms, 'number');
  assert.deepEqual(completed.map((r) => [r.nodeId, r.cached]), [['src', false], ['sum', false]]);
  assert.equal(completed[1].outputs.sum, 42.5);
  assert.equal(results.trace.nodes.sum.state, 'done');
});

// The trace is built when read (off the nodes' critical path): a run's
// results still carry it after the run was released, read once, and the
// core lets go of it then.
test('results.trace is read from the core on first use, after the run was released', async () => {
  let run = null;
  const results = await executor.executeWorkflow(payload([{ nodeId: 'n', skillId: 'source', inputValues: { start: 4 } }], []),
                                                 null, null, { use_cache: false, onEvent: (event) => { run = event.run; } });
  assert.equal(core.results(run).status, 'unknown');  // released
  assert.deepEqual(Object.keys(results), ['n']);  // the trace is not enumerable
  const trace = results.trace;
  assert.equal(trace.run_id, run);
  assert.deepEqual(Object.keys(trace.nodes), ['n']);
  assert.equal(trace.nodes.n.state, 'done');
  assert.deepEqual(trace.events.map((event) => event.kind), ['queued', 'running', 'done']);
  assert.equal(results.trace, trace);
  assert.equal(core.trace(run).error.code, 'run.unknown');  // forgotten once read
});

test('a failing node skips its descendants while the other branch finishes', async () => {
  const results = await executor.executeWorkflow(payload(
    [{ nodeId: 'bad', skillId: 'boom' }, { nodeId: 'after', skillId: 'add' },
     { nodeId: 'good', skillId: 'source', inputValues: { start: 3 } }],
    [{ source: 'bad', sourceOutput: 'y', target: 'after', targetInput: 'a' }]));
  assert.equal(results.bad.error.code, 'js.exception');
  assert.match(results.bad.error.message, /kaboom/);
  assert.equal(results.after.state, 'skipped');
  assert.equal(results.good.outputs.value, 6);
});

test('a second identical run is answered from the cache', async () => {
  const work = payload([{ nodeId: 'n', skillId: 'source', inputValues: { start: 123 } }], []);
  await executor.executeWorkflow(work);
  const before = globalThis.bridgeCalls();
  const hitsBefore = core.cacheStats().hits;
  const completed = [];
  const results = await executor.executeWorkflow(work, null, (r) => completed.push(r));
  assert.equal(results.n.cached, true);
  assert.equal(results.n.outputs.value, 246);
  assert.equal(completed[0].cached, true);
  assert.equal(globalThis.bridgeCalls(), before, 'no dispatch on a cache hit');
  const stats = core.cacheStats();
  assert.equal(stats.hits, hitsBefore + 1);
  assert.ok(stats.entries >= 1 && stats.bytes > 0 && stats.bytes <= stats.byte_budget, JSON.stringify(stats));
  for (const field of ['misses', 'store_hits', 'evictions', 'in_order_hits']) assert.equal(typeof stats[field], 'number');
});

test('invalid workflows are rejected before anything runs, with pointers', async () => {
  const before = globalThis.bridgeCalls();
  await assert.rejects(
    executor.executeWorkflow(payload(
      [{ nodeId: 'a', skillId: 'source' }, { nodeId: 'b', skillId: 'add' }],
      [{ source: 'a', sourceOutput: 'valeu', target: 'b', targetInput: 'a' }])),
    (error) => {
      assert.equal(error.name, 'WorkflowValidationError');
      const diagnostic = error.diagnostics.find((d) => d.code === 'workflow.port.unknown');
      assert.ok(diagnostic, JSON.stringify(error.diagnostics));
      assert.equal(diagnostic.pointer, '/edges/0/sourceOutput');
      assert.match(diagnostic.message, /did you mean 'value'/);
      return true;
    });
  assert.equal(globalThis.bridgeCalls(), before);
  const checked = await executor.validateWorkflow(payload([{ nodeId: 'a', skillId: 'sourse' }], []));
  assert.equal(checked.ok, false);
  assert.equal(checked.diagnostics[0].code, 'workflow.skill.unknown');
});

test('a node that never answers times out; cancelling a run cancels its nodes', async () => {
  hanging.add('slow');
  try {
    cancels.length = 0;
    const timedOut = await executor.executeWorkflow(payload([{ nodeId: 's', skillId: 'slow' }], []), null, null,
      { node_timeout_ms: 60, use_cache: false });
    assert.equal(timedOut.s.error.code, 'timeout');
    assert.deepEqual(cancels.map(({ node }) => node), ['s'], 'the deadline stopped the runtime, not only the result');

    cancels.length = 0;
    const callsBefore = globalThis.bridgeCalls();
    const controller = new AbortController();
    const running = executor.executeWorkflow(
      payload([{ nodeId: 's', skillId: 'slow' }, { nodeId: 't', skillId: 'add' }],
              [{ source: 's', sourceOutput: 'y', target: 't', targetInput: 'a' }]),
      (id) => { if (id === 's') setTimeout(() => controller.abort(), 10); }, null,
      { signal: controller.signal, use_cache: false });
    const results = await running;
    assert.equal(results.s.state, 'cancelled');
    assert.equal(results.t.state, 'cancelled', 'cancelling a run cancels its waiting nodes too');
    assert.deepEqual(cancels, [{ node: 's', reason: { code: 'cancelled', message: 'cancelled' } }],
                     'the running node\'s runtime was told to stop');
    assert.equal(globalThis.bridgeCalls(), callsBefore + 1, 't never reached a runtime');
  } finally {
    hanging.delete('slow');
  }
});

test('executeSkill runs one skill with defaults filled in', async () => {
  const outputs = await executor.executeSkill(skills.add, { a: 1 });
  assert.deepEqual(outputs, { sum: 11 });
  await assert.rejects(executor.executeSkill(skills.boom, {}), /kaboom/);
});

test('a C++ exception inside the core becomes an error answer and the module lives on', () => {
  // Malformed outputs text makes json::parse throw inside llmos_run_complete;
  // the binding catches it (native wasm exceptions) and answers ok:false.
  const broken = core.complete(1, 'x', '{"out": ');
  assert.equal(broken.ok, false);
  assert.equal(broken.error.code, 'internal.exception');
  assert.match(broken.error.message, /parse error/);
  const checked = core.validate(payload([{ nodeId: 'a', skillId: 'source' }], []));
  assert.equal(checked.ok, true, JSON.stringify(checked));
});

// The core keeps the last run start (parsed, validated): the same workflow
// text runs again without being parsed, but a change of the library (a skill
// added again with other code, a payload skill now known to the library) is
// seen by the very next run of that same text.
test('an unchanged workflow run again sees every change of the library', async () => {
  const skillFile = (code, network) => `---
skill_id: kept-start
name: Kept start
description: Used to check the kept run start.
type: javascript
execution_mode: browser-wasm
category: utility
${network ? `permissions: {network: ["${network}"]}\n` : ''}inputs:
  - {name: start, type: float, default: 1}
outputs:
  - {name: value, type: float}
---
# Kept start

\`\`\`javascript
${code}
\`\`\`
`;
  const behaviourBefore = behaviour['kept-start'];
  behaviour['kept-start'] = (i) => ({ value: i.start });
  try {
    const first = 'function execute(i) { return { value: i.start }; }';
    const second = 'function execute(i) { return { value: i.start + 1 }; }';
    assert.ok(core.addSkill('skills/kept-start.md', skillFile(first), 'system').ok);
    const bare = { nodes: [{ nodeId: 'k', skillId: 'kept-start', inputValues: { start: 3 } }], edges: [] };
    await executor.executeWorkflow(bare, null, null, { use_cache: false });
    assert.equal(globalThis.lastRequest.skill.code.trim(), first);
    await executor.executeWorkflow(bare, null, null, { use_cache: false });
    assert.equal(globalThis.lastRequest.skill.code.trim(), first);
    // The library's skill changes (a team skill shadows it); the workflow's text does not.
    assert.ok(core.addSkill('skills/team/kept-start.md', skillFile(second), 'team').ok);
    await executor.executeWorkflow(bare, null, null, { use_cache: false });
    assert.equal(globalThis.lastRequest.skill.code.trim(), second);

    // A payload skill gets the library's network origins only while the
    // library has the same skill (same code): the same payload text, before
    // and after a user skill with that code and an origin shadows the team's.
    const libraryCode = core.showSkill('kept-start').skill.code;  // the block as the file has it
    assert.equal(libraryCode.trim(), second);
    const inPayload = { workflow: bare, skills: { 'kept-start': { ...jsSkill('kept-start', libraryCode.replace(second, first),
      [{ name: 'start', type: 'float', default: 1 }], [{ name: 'value', type: 'float' }]) } } };
    await executor.executeWorkflow(inPayload, null, null, { use_cache: false });
    assert.deepEqual(globalThis.lastRequest.skill.network, []);
    assert.ok(core.addSkill('skills/user/kept-start.md', skillFile(first, 'https://data.example.org'), 'user').ok);
    await executor.executeWorkflow(inPayload, null, null, { use_cache: false });
    assert.deepEqual(globalThis.lastRequest.skill.network, ['https://data.example.org']);
    // An invalid workflow is refused every time, not only the first.
    const broken = { nodes: [{ nodeId: 'k', skillId: 'no-such-skill' }], edges: [] };
    for (let i = 0; i < 2; i++) await assert.rejects(executor.executeWorkflow(broken), executor.WorkflowValidationError);
  } finally {
    behaviour['kept-start'] = behaviourBefore;
  }
});

// Strings cross into the core on its 5 MiB stack only when short: 8 MiB of
// outputs (within the 32 MiB limit) used to overflow it and corrupt the
// module's memory ("memory access out of bounds" at the next call).
test('outputs larger than the wasm stack arrive whole, and the core keeps working', async () => {
  const big = 'x'.repeat(8 * 1024 * 1024 - 3) + 'end';
  behaviour.big = () => ({ y: big });
  try {
    const results = await executor.executeWorkflow(payload([{ nodeId: 'b', skillId: 'big' }], [], ['big']), null, null,
                                                   { use_cache: false });
    assert.equal(results.b.state, 'done');
    assert.equal(results.b.outputs.y.length, big.length);
    assert.ok(results.b.outputs.y.endsWith('xend'));
    const after = await executor.executeWorkflow(payload([{ nodeId: 's', skillId: 'source', inputValues: { start: 2 } }], []));
    assert.equal(after.s.outputs.value, 4);
  } finally {
    delete behaviour.big;
  }
});
