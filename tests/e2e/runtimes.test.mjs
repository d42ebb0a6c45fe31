// The browser runtimes in the real page (issue 18): stops that do not wait
// for a cold Pyodide, cancels that spare the rest of a pool, logs and
// progress reaching the core as events, permissions taken from the library,
// and the original design's snippets run verbatim.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SNIPPET_EXECUTE, SNIPPET_NODE, SNIPPET_PRELOAD } from '../support/original-snippets.mjs';
import { closeWorkbench, openWorkbench } from './harness.mjs';

let server;
let browser;
let page;
let problems;

before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true }));
  // The drawing loop would share the main thread with the answers measured below.
  await page.evaluate(() => window.llmos.module.pauseMainLoop());
});

after(() => closeWorkbench({ server, browser }));

// Waits (in the page) until the Python pool has a started standby worker.
const waitForPythonStandby = () => page.evaluate(async () => {
  const { pythonPool } = await import('/lib/pyodide-runner.js');
  await window.llmos.preloadPyodide();
  for (let i = 0; i < 1200 && pythonPool().stats().standby?.state !== 'idle'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pythonPool().stats();
});

for (const [kind, loop] of [['a Python loop (interrupted)', 'while True:\n        pass'],
                            ['a loop inside C code (worker replaced)', 'sum(range(10 ** 15))']]) {
  test(`${kind} is stopped at its deadline and the next Python node runs on a warm worker`, async () => {
    const before = await waitForPythonStandby();
    assert.equal(before.standby?.state, 'idle', JSON.stringify(before));
    const outcome = await page.evaluate(async (body) => {
      const { pythonPool } = await import('/lib/pyodide-runner.js');
      const skill = (id, code) => ({ skill_id: id, node_type: 'python-wasm', inputs: [], outputs: [{ name: 'y', type: 'any' }], code });
      const stuck = { nodes: [{ nodeId: 'stuck', skillId: 'stuck' }], edges: [] };
      const next = { nodes: [{ nodeId: 'next', skillId: 'next' }], edges: [] };
      const started = pythonPool().stats().counters.started;
      let stoppedAt = 0;
      const first = await window.llmos.executeWorkflow(
        { workflow: stuck, skills: { stuck: skill('stuck', `def execute(inputs):\n    ${body}\n`) } }, null, null,
        { node_timeout_ms: 300, use_cache: false, onEvent: (event) => { if (event.kind === 'error') stoppedAt = performance.now(); } });
      const second = await window.llmos.executeWorkflow(
        { workflow: next, skills: { next: skill('next', 'import math\n\ndef execute(inputs):\n    return {"y": math.factorial(20)}\n') } },
        null, null, { use_cache: false });
      const answeredAt = performance.now();
      return { first: first.stuck.error, second: second.next.outputs.y, ms: answeredAt - stoppedAt,
               startedMeanwhile: pythonPool().stats().counters.started - started, stats: pythonPool().stats() };
    }, loop);
    assert.equal(outcome.first.code, 'timeout');
    assert.equal(outcome.second, 2432902008176640000);
    // Not a cold start: the answer came from a worker that was already up
    // (a new standby may be starting behind it). The time itself is in bench/.
    assert.ok(outcome.ms < 5000, `next node answered ${outcome.ms} ms after the stop`);
    console.log(`# ${kind}: next Python node answered ${outcome.ms.toFixed(1)} ms after the stop`);
  });
}

test('a cancelled JS node leaves the other nodes of its worker pool running', async () => {
  const outcome = await page.evaluate(async () => {
    const js = (id, code) => ({ skill_id: id, node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'any' }], code });
    const busy = (n) => `function execute() {\n  let sum = 0;\n  for (let i = 0; i < ${n}; i++) sum += i % 7;\n  return { y: sum };\n}`;
    const payload = {
      workflow: { nodes: [{ nodeId: 'forever', skillId: 'forever' }, { nodeId: 'long', skillId: 'long' },
                          { nodeId: 'queued', skillId: 'queued' }], edges: [] },
      skills: { forever: js('forever', 'function execute() {\n  for (;;) {}\n}'), long: js('long', busy(3e8)),
                queued: js('queued', busy(1e6)) },
    };
    const order = [];
    const running = new Set();
    const results = await window.llmos.executeWorkflow(payload, null, null, {
      use_cache: false, node_timeout_ms: 60000,
      onEvent: (event) => {
        if (event.kind === 'running') {
          running.add(event.node);
          if (running.has('forever') && running.has('long') && !order.includes('cancel')) {
            order.push('cancel');
            window.llmos.cancelRun(event.run, 'forever');
          }
        }
        if (['done', 'error', 'cancelled'].includes(event.kind)) order.push(`${event.node}:${event.kind}`);
      },
    });
    return { order, forever: results.forever.state, long: results.long, queued: results.queued };
  });
  assert.equal(outcome.forever, 'cancelled', JSON.stringify(outcome));
  assert.equal(outcome.long.state, 'done');
  assert.equal(outcome.long.outputs.y, 899999997);  // sum of i % 7 for i < 3e8
  assert.equal(outcome.queued.outputs.y, 2999997);
  // The long node was running on the other worker when its neighbour was cancelled, and finished after.
  assert.ok(outcome.order.indexOf('forever:cancelled') < outcome.order.indexOf('long:done'), outcome.order.join());
});

test('VQE and JavaScript skills report progress through llmos.progress', async () => {
  const outcome = await page.evaluate(async () => {
    const events = [];
    const wf = { nodes: [{ nodeId: 'vqe', skillId: 'quantum-vqe-node', inputValues: { iterations: 60 } },
                         { nodeId: 'js', skillId: 'talker' }], edges: [] };
    const talker = { skill_id: 'talker', node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'any' }],
                     code: 'function execute() {\n  console.log("hello", { a: 1 });\n  console.error("careful");\n  llmos.progress(0.5, "half");\n  return { y: 1 };\n}' };
    const vqe = window.llmos.core.showSkill('quantum-vqe-node').skill;
    const results = await window.llmos.executeWorkflow({ workflow: wf, skills: { 'quantum-vqe-node': vqe, talker } }, null, null, {
      use_cache: false, onEvent: (event) => { if (event.kind === 'log' || event.kind === 'progress') events.push(event); } });
    return { events, eigenvalue: results.vqe.outputs.eigenvalue };
  });
  const of = (node, kind) => outcome.events.filter((event) => event.node === node && event.kind === kind);
  assert.ok(Math.abs(outcome.eigenvalue - -1.137306) < 1e-4);
  const vqeProgress = of('vqe', 'progress');
  assert.ok(vqeProgress.length >= 2, JSON.stringify(outcome.events.slice(0, 5)));
  assert.match(vqeProgress.at(-1).message, /^iteration \d+ of 60: -1\.\d+ Ha$/);
  assert.ok(vqeProgress.every((event, i) => i === 0 || event.progress >= vqeProgress[i - 1].progress));
  assert.deepEqual(of('js', 'progress').map((event) => [event.progress, event.message]), [[0.5, 'half']]);
});

test('console.log and console.error lines reach the core as log events', async (t) => {
  if (!(await page.evaluate(() => typeof window.llmos.core.log === 'function'))) {
    t.skip('this build of the core has no log events yet (contract 2)');
    return;
  }
  const events = await page.evaluate(async () => {
    const seen = [];
    const talker = { skill_id: 'talker', node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'any' }],
                     code: 'function execute() {\n  console.log("hello", { a: 1 });\n  console.error("careful");\n  return { y: 1 };\n}' };
    await window.llmos.executeWorkflow({ workflow: { nodes: [{ nodeId: 'js', skillId: 'talker' }], edges: [] }, skills: { talker } },
                                       null, null, { use_cache: false, onEvent: (event) => { if (event.kind === 'log') seen.push([event.stream, event.text]); } });
    return seen;
  });
  assert.deepEqual(events, [['stdout', 'hello {"a":1}\n'], ['stderr', 'careful\n']]);
});

test('Python print lines stream while the node runs, before its result', async (t) => {
  if (!(await page.evaluate(() => typeof window.llmos.core.log === 'function'))) {
    t.skip('this build of the core has no log events yet (contract 2)');
    return;
  }
  const outcome = await page.evaluate(async () => {
    const events = [];
    const skill = { skill_id: 'printer', node_type: 'python-wasm', inputs: [], outputs: [{ name: 'y', type: 'any' }],
                    code: 'import time\n\ndef execute(inputs):\n    print("first")\n    end = time.time() + 0.3\n    while time.time() < end:\n        pass\n    print("second", 2)\n    return {"y": 1}\n' };
    await window.llmos.executeWorkflow({ workflow: { nodes: [{ nodeId: 'p', skillId: 'printer' }], edges: [] },
                                         skills: { printer: skill } }, null, null,
                                       { use_cache: false, onEvent: (event) => events.push([event.kind, event.text ?? '', performance.now()]) });
    return events;
  });
  const logs = outcome.filter(([kind]) => kind === 'log');
  assert.deepEqual(logs.map(([, text]) => text).join(''), 'first\nsecond 2\n');
  const done = outcome.find(([kind]) => kind === 'done');
  // "first" arrived while the node was still busy for 300 ms.
  assert.ok(done[2] - logs[0][2] >= 250, `first line ${done[2] - logs[0][2]} ms before the result`);
});

test('network permissions come from the library: the same skill in a payload keeps them, a changed one loses them', async () => {
  const origin = new URL(server.url).origin;
  const outcome = await page.evaluate(async (allowed) => {
    const text = [
      '---', 'skill_id: page-reader', 'name: Page reader', 'description: Reads a file of the workbench.', 'type: javascript',
      'execution_mode: browser-wasm', 'category: test', `permissions: {network: ["${allowed}"]}`,
      'outputs:', '  - {name: size, type: int}', '---', '# Page reader', '', '```javascript',
      'async function execute() {', '  const response = await fetch("/skills/index.json");', '  return { size: (await response.text()).length };', '}', '```', ''].join('\n');
    const added = window.llmos.core.addSkill('user/page-reader.md', text, 'user');
    const shown = window.llmos.core.showSkill('page-reader').skill;
    const wf = { nodes: [{ nodeId: 'r', skillId: 'page-reader' }], edges: [] };
    const run = async (input) => (await window.llmos.executeWorkflow(input, null, null, { use_cache: false })).r;
    const fromLibrary = await run(wf);
    const samePayload = await run({ workflow: wf, skills: { 'page-reader': { ...shown, network: [allowed] } } });
    const changed = { ...shown, network: [allowed], code: shown.code.replace('index.json', 'examples/vqe-plot.json') };
    const changedPayload = await run({ workflow: wf, skills: { 'page-reader': changed } });
    const stranger = { ...changed, skill_id: 'stranger' };
    const strangerPayload = (await window.llmos.executeWorkflow(
      { workflow: { nodes: [{ nodeId: 'r', skillId: 'stranger' }], edges: [] }, skills: { stranger } }, null, null,
      { use_cache: false })).r;
    return { added: added.ok, fromLibrary, samePayload, changedPayload, strangerPayload };
  }, origin);
  assert.equal(outcome.added, true);
  assert.ok(outcome.fromLibrary.outputs.size > 100, JSON.stringify(outcome.fromLibrary));
  assert.equal(outcome.samePayload.outputs.size, outcome.fromLibrary.outputs.size, JSON.stringify(outcome.samePayload));
  for (const refused of [outcome.changedPayload, outcome.strangerPayload]) {
    assert.equal(refused.error?.code, 'js.permission', JSON.stringify(refused));
    assert.match(refused.error.message, /^network access to http:\/\/127\.0\.0\.1:\d+ is not permitted/);
  }
});

// The original design's snippets (/work/shared/reference/original-design.md,
// "Browser Execution Flow" 2-3 and "Custom Node Component"), verbatim, in a
// page of their own that only adds what they assume exists (a payload,
// fetchSkill, data, setResult) and an import map for their import paths.
test('the original design\'s snippets run verbatim', async () => {
  const html = `<!doctype html><meta charset="utf-8"><title>original snippets</title>
<script type="importmap">{"imports": {"./lib/pyodide-runner": "./lib/pyodide-runner.js",
                                      "./lib/workflow-executor": "./lib/workflow-executor.js"}}</script>
<script type="module">
import { executePythonSkill } from './lib/pyodide-runner';
import { getCore, loadBundledSkills } from './lib/workflow-executor';
const payload = await (await fetch('skills/examples/vqe-plot.json')).json();
await loadBundledSkills();
const core = await getCore();
const fetchSkill = async (id) => core.showSkill(id).skill;
const data = { skillId: 'quantum-vqe-node', inputs: { ansatz_type: 'ry', iterations: 100, hamiltonian: 'h2' } };
let result = null;
const setResult = (value) => { result = value; };
${SNIPPET_PRELOAD}
${SNIPPET_EXECUTE}
${SNIPPET_NODE}
await handleExecute();
window.snippetResults = { results: JSON.parse(JSON.stringify(results)), result, loaded: (await import('./lib/pyodide-runner.js')).isPyodideLoaded() };
</script>`;
  const context = await browser.newContext();
  const snippetPage = await context.newPage();
  const url = `${server.url}original-snippets.html`;
  await snippetPage.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const lines = [];
  snippetPage.on('console', (message) => lines.push(message.text()));
  const errors = [];
  snippetPage.on('pageerror', (error) => errors.push(error.message));
  await snippetPage.goto(url);
  await snippetPage.waitForFunction(() => window.snippetResults, null, { timeout: 600000 });
  const { results, result, loaded } = await snippetPage.evaluate(() => window.snippetResults);
  assert.deepEqual(errors, []);
  assert.equal(loaded, true);
  assert.ok(Math.abs(results.vqe.outputs.eigenvalue - -1.137306) < 1e-4, JSON.stringify(results.vqe).slice(0, 300));
  assert.match(results.plot.outputs.plot_image, /^iVBOR/);
  for (const line of ['Starting vqe...', 'Completed vqe', 'Starting plot...', 'Completed plot']) assert.ok(lines.includes(line), line);
  // The node component's call resolves to the outputs object itself.
  assert.ok(Math.abs(result.eigenvalue - -1.137306) < 1e-4, JSON.stringify(result).slice(0, 300));
  assert.match(result.circuit_diagram, /q_0/);
  await context.close();
});

test('executePythonSkill rejects with the skill\'s error and can be cancelled', async () => {
  const outcome = await page.evaluate(async () => {
    const { executePythonSkill } = await import('/lib/pyodide-runner.js');
    const failure = await executePythonSkill('def execute(inputs):\n    return {"y": inputs["x"] / 0}\n', { x: 1 }, { path: 'divide.py' })
      .then(() => null, (error) => ({ message: error.message, code: error.code, line: error.line }));
    const looping = executePythonSkill('def execute(inputs):\n    while True:\n        pass\n', {});
    setTimeout(() => looping.cancel(), 100);
    const cancelled = await looping.then(() => null, (error) => ({ message: error.message, code: error.code }));
    const after = await executePythonSkill('def execute(inputs):\n    return {"y": inputs["x"] * 2}\n', { x: 21 });
    return { failure, cancelled, after, id: typeof looping.id };
  });
  assert.deepEqual(outcome.failure, { message: 'ZeroDivisionError: division by zero', code: 'python.exception', line: 2 });
  assert.deepEqual(outcome.cancelled, { message: 'cancelled', code: 'cancelled' });
  assert.deepEqual(outcome.after, { y: 42 });
  assert.equal(outcome.id, 'number');
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
