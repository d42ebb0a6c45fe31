// executeWorkflow in the real page: the wasm core schedules, Pyodide (module
// Worker) runs Python skills, the sandboxed JS Worker runs javascript and
// threejs skills. Everything is served by `llmos serve` from the bundle.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, waitForFrames } from './harness.mjs';

let server;
let browser;
let page;
let problems;

before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true }));
});

after(() => closeWorkbench({ server, browser }));

test('the bundled skills are parsed by the wasm core and listed', async () => {
  const listed = await page.evaluate(async () => {
    const all = await window.llmos.listSkills();
    const qiskit = await window.llmos.listSkills({ type: 'qiskit' });
    const found = await window.llmos.listSkills({ search: 'voltage' });
    return { count: all.length, qiskit: qiskit.map((s) => s.skill_id), found: found.map((s) => s.skill_id),
             vqe: all.find((s) => s.skill_id === 'quantum-vqe-node') };
  });
  assert.ok(listed.count >= 24, `skills listed: ${listed.count}`);
  assert.ok(listed.qiskit.includes('quantum-vqe-node'));
  assert.ok(listed.found.includes('circuit-voltage-divider-node'), listed.found.join());
  assert.deepEqual(listed.vqe.inputs.map((p) => p.name), ['ansatz_type', 'iterations', 'hamiltonian', 'shots']);
  assert.equal(listed.vqe.node_type, 'qiskit');
});

test('VQE -> Plot (the original example) runs in the browser and finds the H2 ground energy', async () => {
  const outcome = await page.evaluate(async () => {
    const workflow = await (await fetch('skills/examples/vqe-plot.json')).json();
    const started = [];
    const completed = [];
    const results = await window.llmos.executeWorkflow(workflow, (id) => started.push(id),
                                                       (result) => completed.push(result.nodeId));
    const image = new Image();
    image.src = `data:image/png;base64,${results.plot.outputs.plot_image}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let coloured = 0;  // saturated pixels: the plotted series, not axes or text
    for (let i = 0; i < pixels.length; i += 4) {
      const max = Math.max(pixels[i], pixels[i + 1], pixels[i + 2]);
      const min = Math.min(pixels[i], pixels[i + 1], pixels[i + 2]);
      if (max - min > 80) coloured++;
    }
    const convergence = results.vqe.outputs.convergence_data;
    return { started, completed, eigenvalue: results.vqe.outputs.eigenvalue, converged: convergence.converged,
             points: convergence.y.length, last: convergence.y.at(-1), diagram: results.vqe.outputs.circuit_diagram,
             width: image.width, height: image.height, coloured, errors: [results.vqe.error, results.plot.error] };
  });
  assert.deepEqual(outcome.errors, [undefined, undefined]);
  assert.deepEqual(outcome.started, ['vqe', 'plot']);
  assert.deepEqual(outcome.completed, ['vqe', 'plot']);
  assert.ok(Math.abs(outcome.eigenvalue - -1.137306) < 1e-4, `eigenvalue ${outcome.eigenvalue}`);
  assert.equal(outcome.converged, true);
  assert.ok(outcome.points >= 10, `convergence points: ${outcome.points}`);
  assert.match(outcome.diagram, /q_0/);
  assert.ok(outcome.width >= 320 && outcome.height >= 200);
  assert.ok(outcome.coloured > 200, `series pixels in the plot: ${outcome.coloured}`);
});

test('javascript and threejs skills run in the sandboxed worker; a failing branch spares the others', async () => {
  const outcome = await page.evaluate(async () => {
    const workflow = {
      nodes: [
        { nodeId: 'bad', skillId: 'math-expression-node', inputValues: { expression: '1 +' } },  // fails
        { nodeId: 'bad_chart', skillId: 'd3-chart-node' },
        { nodeId: 'expr', skillId: 'math-expression-node', inputValues: { expression: 'x^2 + 1' } },
        { nodeId: 'chart', skillId: 'd3-chart-node' },
        { nodeId: 'cube', skillId: 'threejs-cube-node', inputValues: { size: 2 } },
      ],
      edges: [
        { source: 'bad', sourceOutput: 'series', target: 'bad_chart', targetInput: 'data' },
        { source: 'expr', sourceOutput: 'series', target: 'chart', targetInput: 'data' },
      ],
    };
    const results = await window.llmos.executeWorkflow(workflow);
    return {
      bad: results.bad.error, badChart: results.bad_chart.state, exprValue: results.expr.outputs.value,
      svg: results.chart.outputs.svg, cube: results.cube.outputs.scene_data,
    };
  });
  assert.ok(outcome.bad && outcome.bad.message, JSON.stringify(outcome.bad));
  assert.equal(outcome.badChart, 'skipped');
  assert.equal(typeof outcome.exprValue, 'number');
  assert.match(outcome.svg, /^<svg[^>]*>/);
  assert.match(outcome.svg, /d="M/);
  assert.ok(Array.isArray(outcome.cube.objects) && outcome.cube.objects.length >= 1);
});

test('skill errors point at the line of the code that failed', async () => {
  const outcome = await page.evaluate(async () => {
    const attempt = async (skill) => {
      try {
        await window.llmos.executeSkill(skill, {});
        return null;
      } catch (error) {
        return { message: error.message, line: error.line, code: error.code };
      }
    };
    return {
      js: await attempt({ skill_id: 'thrower', node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'float' }],
                          code: 'function execute(inputs) {\n  const x = 1;\n  throw new Error("bad " + x);\n}' }),
      py: await attempt({ skill_id: 'divider', node_type: 'python-wasm', inputs: [], outputs: [{ name: 'y', type: 'float' }],
                          code: 'def execute(inputs):\n    zero = 0\n    return {"y": 1 / zero}\n' }),
      network: await attempt({ skill_id: 'leaky', node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'float' }],
                               code: 'async function execute() { await fetch("http://127.0.0.2:9/x"); return { y: 1 }; }' }),
    };
  });
  assert.equal(outcome.js.line, 3, JSON.stringify(outcome.js));
  assert.match(outcome.js.message, /bad 1/);
  assert.equal(outcome.py.line, 3, JSON.stringify(outcome.py));
  assert.match(outcome.py.message, /ZeroDivisionError/);
  assert.equal(outcome.network.code, 'js.permission', JSON.stringify(outcome.network));
});

test('the page logged no errors while running workflows', () => {
  assert.deepEqual(problems, []);
});

test('the result store keeps a budget in IndexedDB, in use order across reloads, and reads v1 records', async () => {
  const { page, problems: errors } = await openPage(browser, server.url);
  await waitForFrames(page, 2);
  const database = 'llmos-test-budget';
  const before = await page.evaluate(async (name) => {
    // A v1 database as earlier builds wrote it: bare JSON text per key.
    await new Promise((resolve, reject) => {
      const opening = indexedDB.open(name, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('results').put('{"out":1}', 'old');
      opening.onsuccess = () => { opening.result.close(); resolve(); };
      opening.onerror = () => reject(opening.error);
    });
    const { openResultStore } = await import('/lib/result-store.js');
    const store = await openResultStore({ database: name, budget: 20 });
    const old = store.get('old');             // 9 characters, now the most recent
    await new Promise((r) => setTimeout(r, 5));
    store.put('k2', '{"v":22}');              // 8: total 17
    await new Promise((r) => setTimeout(r, 5));
    store.put('k3', '{"v":33}');              // 8: total 25 > 20, 'old' goes
    await new Promise((r) => setTimeout(r, 5));
    store.get('k2');                          // k2 more recent than k3
    await store.flush();
    return { old, keys: store.keys(), evictions: store.evictions(), persistent: store.persistent };
  }, database);
  assert.equal(before.persistent, true);
  assert.equal(before.old, '{"out":1}');
  assert.deepEqual(before.keys, ['k3', 'k2']);
  assert.equal(before.evictions, 1);
  // Let the page finish starting (skills, the Pyodide preload after its first
  // frame) so the reload aborts nothing it was still fetching.
  await page.evaluate(() => window.llmos.preloadPyodide());
  await page.waitForFunction(() => window.llmos?.files?.openExample, null, { timeout: 30000 });
  await page.reload();
  await waitForFrames(page, 2);
  const after = await page.evaluate(async (name) => {
    const { openResultStore } = await import('/lib/result-store.js');
    const keys = (await openResultStore({ database: name, budget: 20 })).keys();
    const tight = await openResultStore({ database: name, budget: 10 });  // a smaller budget evicts at open
    return { keys, tight: tight.keys(), k2: tight.get('k2') };
  }, database);
  assert.deepEqual(after.keys, ['k3', 'k2']);
  assert.deepEqual(after.tight, ['k2']);
  assert.equal(after.k2, '{"v":22}');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('results persist in IndexedDB: after a reload the same node is a cache hit', async () => {
  const { page: first, problems: errors } = await openPage(browser, server.url);
  const workflow = { nodes: [{ nodeId: 'expr', skillId: 'math-expression-node',
                               inputValues: { expression: 'sin(x) * 7 + 0.125' } }], edges: [] };
  await waitForFrames(first, 2);
  const fresh = await first.evaluate(async (w) => (await window.llmos.executeWorkflow(w)).expr, workflow);
  assert.equal(fresh.cached, false);
  await first.evaluate(() => window.llmos.core.resultStore.flush());  // the IndexedDB write has landed
  // Leaving the page aborts what it was still loading (a standby worker's
  // script, say): those aborts are the reload's doing, not a problem.
  const leftBehind = new Set();
  let leaving = true;
  first.on('requestfailed', (request) => {
    if (leaving && request.failure()?.errorText === 'net::ERR_ABORTED') leftBehind.add(`requestfailed: ${request.url()}`);
  });
  await first.reload();
  leaving = false;
  await waitForFrames(first, 2);
  const again = await first.evaluate(async (w) => {
    const result = (await window.llmos.executeWorkflow(w)).expr;
    return { ...result, persistent: window.llmos.core.resultStore.persistent, stats: window.llmos.core.cacheStats() };
  }, workflow);
  assert.equal(again.persistent, true);
  assert.equal(again.cached, true, JSON.stringify({ stats: again.stats, state: again.state, error: again.error }));
  assert.deepEqual(again.outputs, fresh.outputs);
  assert.deepEqual(errors.filter((problem) => !leftBehind.has(problem)), []);
  await first.context().close();
});
