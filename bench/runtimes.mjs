// Browser runtimes, measured in headless Chromium through window.llmos
// (the editor's drawing loop paused, so the main thread is ours; the warm JS
// node also with the editor open, drawing on demand), printed as a Markdown
// table beside the original design's figures, ready to paste in the README.
// Warm rows are measured once every runtime worker (standbys included) has
// started, so no worker start competes for the CPU. Reports, never passes
// or fails.
//   node bench/runtimes.mjs            (after make build; ROUNDS=30;
//                                       PHASES=1: where a warm JS node's time goes)
import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { openBrowser, openPage, startServer, waitForFrames } from '../tests/e2e/harness.mjs';
import { bareCompartmentSource, phaseTable, profileJsNode } from './js-node-profile.mjs';

const ROUNDS = Number(process.env.ROUNDS || 30);
const PHASES = Boolean(process.env.PHASES);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

// Resident memory of Chromium's renderer processes (the page and its
// workers live there), in bytes.
function rendererBytes() {
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    } catch { /* gone */ }
  }
  return kib * 1024;
}

// Pyodide ready, in ms since the navigation started (the page starts it in
// its Worker after the editor's first frame; this waits for the same promise).
async function pyodideReady(page) {
  await waitForFrames(page, 1);
  return page.evaluate(async () => {
    const info = await window.llmos.preloadPyodide();
    return { afterNavigation: performance.now(), phases: info.phases, snapshot: info.snapshot };
  });
}

// The floor under the repeat visit: a bare loadPyodide() in a module Worker
// of the same page (same HTTP cache and compiled-code cache), from the
// Worker's creation to Python answering, median of `times`.
async function bareLoadPyodide(page, times) {
  return page.evaluate(async (count) => {
    const source = `import { loadPyodide } from '${location.origin}/vendor/pyodide/pyodide.esm.js';
      const pyodide = await loadPyodide({ indexURL: '${location.origin}/vendor/pyodide/' });
      postMessage(pyodide.runPython('1 + 1'));`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const times = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const worker = new Worker(url, { type: 'module' });
      await new Promise((resolve, reject) => { worker.onmessage = resolve; worker.onerror = reject; });
      times.push(performance.now() - started);
      worker.terminate();
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  }, times);
}

// Bytes per runtime from performance.measureUserAgentSpecificMemory() (the
// page is cross-origin isolated under llmos serve): JS heaps and wasm
// memories, attributed to the page or to each worker's script.
async function memoryByScope(page) {
  return page.evaluate(async () => {
    if (typeof performance.measureUserAgentSpecificMemory !== 'function') return null;
    const result = await performance.measureUserAgentSpecificMemory();
    const by = {};
    for (const entry of result.breakdown) {
      const scopes = entry.attribution.length ? entry.attribution : [{ url: 'shared' }];
      for (const scope of scopes) {
        const file = String(scope.url).split('/').pop() || 'page';
        const key = scope.scope === 'Window' ? 'page' : file;
        by[key] = (by[key] || 0) + entry.bytes / scopes.length;
      }
    }
    return { total: result.bytes, by };
  });
}

const server = await startServer();
// Measures memory at once rather than at the next garbage collection.
const browser = await openBrowser({ args: ['--enable-blink-features=ForceEagerMeasureMemory'] });
const load = loadavg();
const rows = [];
const notes = [];
const profiles = [];  // [label, phases] with PHASES=1
try {
  const baseline = rendererBytes();
  const { page } = await openPage(browser, server.url);
  const first = await pyodideReady(page);
  const withPython = rendererBytes();
  // A repeat visit: the same browser profile (HTTP cache with ETags, the
  // service worker's cache, compiled wasm cached by Chromium).
  await page.goto(server.url);
  const repeat = await pyodideReady(page);
  await page.goto(server.url);
  const repeatAgain = await pyodideReady(page);
  const floorMs = await bareLoadPyodide(page, 3);
  // Warm JS nodes with the editor open and idle (it draws on demand: what
  // a run's events ask for), once both pools and their standbys are up.
  const drawing = await page.evaluate(async (rounds) => {
    const { pythonPool } = await import('/lib/pyodide-runner.js');
    const { javaScriptPool } = await import('/lib/js-runner.js');
    const js = { workflow: { nodes: [{ nodeId: 'n', skillId: 's' }], edges: [] },
      skills: { s: { skill_id: 's', node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'any' }],
                     code: 'function execute() { return { y: 1 }; }' } } };
    const time = async () => {
      const started = performance.now();
      const results = await window.llmos.executeWorkflow(js, null, null, { use_cache: false });
      if (results.n.state !== 'done') throw new Error(JSON.stringify(results.n.error));
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await time();
    const settled = (pool) => pool.stats().serving.every((slot) => slot.state === 'idle') && pool.stats().standby?.state === 'idle';
    for (let i = 0; i < 600 && !(settled(pythonPool()) && settled(javaScriptPool())); i++) await new Promise((r) => setTimeout(r, 100));
    const frames = window.llmos.frames.stats().frames;
    const times = [];
    for (let i = 0; i < rounds; i++) times.push(await time());
    return { times, frames: (window.llmos.frames.stats().frames) - frames };
  }, ROUNDS);
  // The same page source runs the phase breakdown (bench/js-node-profile.mjs).
  const profileIn = (label) => page.evaluate(async ([source, rounds]) => {
    const { javaScriptPool } = await import('/lib/js-runner.js');
    const profile = (0, eval)(`(${source})`);
    return profile({ core: window.llmos.core, pool: javaScriptPool(), executeWorkflow: window.llmos.executeWorkflow, rounds });
  }, [profileJsNode.toString(), Math.max(ROUNDS, 100)]).then((phases) => [label, phases]);
  if (PHASES) profiles.push(await profileIn('editor open, drawing on demand'));
  await page.evaluate(() => window.llmos.module.pauseMainLoop());
  if (PHASES) profiles.push(await profileIn('drawing loop paused'));
  const timings = await page.evaluate(async ([rounds, compartmentSource]) => {
    const { pythonPool } = await import('/lib/pyodide-runner.js');
    const node = (type, code) => ({ workflow: { nodes: [{ nodeId: 'n', skillId: 's' }], edges: [] },
      skills: { s: { skill_id: 's', node_type: type, inputs: [], outputs: [{ name: 'y', type: 'any' }], code } } });
    const py = node('python-wasm', 'def execute(inputs):\n    return {"y": 1}\n');
    const js = node('javascript', 'function execute() { return { y: 1 }; }');
    const time = async (payload) => {
      const started = performance.now();
      const results = await window.llmos.executeWorkflow(payload, null, null, { use_cache: false });
      if (results.n.state !== 'done') throw new Error(JSON.stringify(results.n.error));
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) { await time(py); await time(js); }
    // A Python node as a user meets it: the runtime idle and ready (both
    // workers done cleaning up after the node before); and back to back,
    // each node sent as the last one answered (a worker's clean-up after its
    // node is then on the path whenever both workers are still cleaning).
    const pythonIdle = async () => {
      const settled = () => pythonPool().stats().serving.every((slot) => slot.state === 'idle') &&
        pythonPool().stats().standby?.state !== 'cleaning';
      while (!settled()) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, 5));
    };
    const pyTimes = [];
    const jsTimes = [];
    for (let i = 0; i < rounds; i++) { await pythonIdle(); pyTimes.push(await time(py)); }
    const pyBackToBack = [];
    for (let i = 0; i < rounds; i++) pyBackToBack.push(await time(py));
    // The JS nodes in a loop of their own, once the Python workers have put
    // their interpreters back: a JS node timed right after a Python node shared
    // the 2 cores with that clean-up (which is the Python row's, not this one's).
    await pythonIdle();
    for (let i = 0; i < rounds; i++) jsTimes.push(await time(js));
    // A JS node as a user meets it when nothing else runs: its worker idle
    // (5 ms since the node before, its next Compartment made meanwhile).
    const jsIdleTimes = [];
    for (let i = 0; i < rounds; i++) {
      await new Promise((r) => setTimeout(r, 5));
      jsIdleTimes.push(await time(js));
    }
    // The warm Python node's parts, the runtime idle and ready as above: the
    // pool alone (no core), and the worker's own time (its run, its clean-up
    // after the node before).
    const request = { run: 0, node: 'n', inputs: {}, deadline_ms: null, skill: { ...py.skills.s, code_first_line: 1,
      source_path: 's.md', network: [], language: 'python' } };
    const poolTimes = [];
    const workerRun = [];
    const workerClean = [];
    for (let i = 0; i < rounds; i++) {
      await pythonIdle();
      const started = performance.now();
      const answer = await pythonPool().run(request).promise;
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      poolTimes.push(performance.now() - started);
      const timing = pythonPool().stats().serving[0]?.timing;
      workerRun.push(timing?.run_ms ?? NaN);
      workerClean.push(timing?.clean_ms ?? NaN);
      await time(js);  // the same spacing as above
    }
    // A stop, then the next Python node: interrupted loop, and a C loop (worker replaced).
    const afterStop = async (body) => {
      for (let i = 0; i < 600 && pythonPool().stats().standby?.state !== 'idle'; i++) await new Promise((r) => setTimeout(r, 100));
      let stoppedAt = 0;
      await window.llmos.executeWorkflow(node('python-wasm', `def execute(inputs):\n    ${body}\n`), null, null,
        { use_cache: false, node_timeout_ms: 200, onEvent: (event) => { if (event.kind === 'error') stoppedAt = performance.now(); } });
      await window.llmos.executeWorkflow(py, null, null, { use_cache: false });
      return performance.now() - stoppedAt;
    };
    // The floor under both warm rows: a bare Worker answering a message
    // (no core, no sandbox), measured the same way in the same page.
    // (`work`: ms the worker is busy before answering.)
    const echo = new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => { const until = performance.now() + (e.data.work || 0); while (performance.now() < until); postMessage(e.data); };'],
                                                         { type: 'text/javascript' })));
    const roundTrip = (work = 0, busyBefore = 0) => new Promise((resolve) => {
      const until = performance.now() + busyBefore;
      while (performance.now() < until);
      const started = performance.now();
      echo.onmessage = () => resolve(performance.now() - started);
      echo.postMessage({ outputs_json: '{"y":1}', work });
    });
    for (let i = 0; i < 5; i++) await roundTrip();
    const workerTimes = [];
    for (let i = 0; i < rounds; i++) workerTimes.push(await roundTrip());
    // Paced as a warm node: the page works 0.2 ms between an answer and the
    // next request (the core), the worker 0.05 ms before answering (the
    // sandbox), so each side has fallen asleep when its message comes, and
    // waking it costs (more so in a VM); the round trip less the 0.05 ms.
    const pacedTimes = [];
    for (let i = 0; i < rounds; i++) pacedTimes.push((await roundTrip(0.05, 0.2)) - 0.05);
    echo.terminate();
    // The sandbox's own floor: a fresh ses Compartment, evaluate the skill,
    // call it, outputs to JSON, inside a module Worker (median of 200).
    const sesUrl = new URL('/vendor/ses/ses.umd.min.js', location.href).href;
    const bare = new Worker(URL.createObjectURL(new Blob([`import '${sesUrl}';${compartmentSource}postMessage(median);`], { type: 'text/javascript' })), { type: 'module' });
    const compartmentMs = await new Promise((resolve, reject) => {
      bare.onmessage = (event) => resolve(event.data);
      bare.onerror = (event) => reject(new Error(event.message || 'the bare Compartment worker failed'));
    });
    bare.terminate();
    const interrupted = await afterStop('while True:\n        pass');
    const replaced = await afterStop('sum(range(10 ** 15))');
    return { pyTimes, pyBackToBack, jsTimes, jsIdleTimes, workerTimes, pacedTimes, compartmentMs, poolTimes, workerRun, workerClean, interrupted, replaced, stats: pythonPool().stats() };
  }, [ROUNDS, bareCompartmentSource]);
  const memory = await memoryByScope(page);
  const pythonWasm = timings.stats.serving[0]?.memory_bytes || 0;
  const scope = (file) => (memory?.by[file] ? MiB(memory.by[file]) : 'n/a');
  rows.push(['Load Pyodide, first visit (ready after navigation)', '~3 s', `${(first.afterNavigation / 1000).toFixed(2)} s`]);
  rows.push(['Load Pyodide, repeat visit (ready after navigation; target <= 1.5 s)', '0 ms (cached)',
             `${(repeat.afterNavigation / 1000).toFixed(2)} s, again ${(repeatAgain.afterNavigation / 1000).toFixed(2)} s (snapshot ${repeat.snapshot}/${repeatAgain.snapshot})`]);
  rows.push(['Floor: a bare loadPyodide() in a Worker of the same page, repeat visit (median of 3)', '-', `${(floorMs / 1000).toFixed(2)} s`]);
  rows.push(['Execute Python node, warm, end to end, runtime idle and ready (target <= 2 ms)', '~50-200 ms', `${median(timings.pyTimes).toFixed(2)} ms`]);
  rows.push(['Execute Python node, warm, end to end, back to back (each sent as the last answered)', '-', `${median(timings.pyBackToBack).toFixed(2)} ms`]);
  rows.push(['Execute JS node, warm, end to end, back to back (target <= 0.5 ms)', '<5 ms', `${median(timings.jsTimes).toFixed(2)} ms`]);
  rows.push(['Execute JS node, warm, end to end, runtime idle (5 ms after the node before)', '-', `${median(timings.jsIdleTimes).toFixed(2)} ms`]);
  rows.push(['Execute JS node, warm, end to end, editor open (drawing on demand)', '-', `${median(drawing.times).toFixed(2)} ms`]);
  rows.push(['Floor: a bare Worker message round trip (no core, no sandbox)', '-', `${median(timings.workerTimes).toFixed(2)} ms`]);
  rows.push(['Floor: the same round trip paced as a warm node (page busy 0.2 ms before each message, worker 0.05 ms before answering; less those 0.05 ms)', '-', `${median(timings.pacedTimes).toFixed(2)} ms`]);
  rows.push(['Floor: a fresh ses Compartment, evaluate + call + JSON (in a Worker, no messages)', '-', `${timings.compartmentMs.toFixed(3)} ms`]);
  rows.push(['Warm Python node, runtime idle, without the core (the pool alone) / inside the worker: run, clean-up after it', '-',
             `${median(timings.poolTimes).toFixed(2)} ms / ${median(timings.workerRun).toFixed(2)} ms, ${median(timings.workerClean).toFixed(2)} ms`]);
  rows.push(['Next Python node after a stop, loop interrupted (target <= 100 ms)', '(reload, ~3 s)', `${timings.interrupted.toFixed(1)} ms`]);
  rows.push(['Next Python node after a stop, worker replaced (target <= 100 ms)', '(reload, ~3 s)', `${timings.replaced.toFixed(1)} ms`]);
  rows.push(['Memory: Pyodide (wasm memory of one worker)', '~50 MB', MiB(pythonWasm)]);
  rows.push(['Memory: Python worker, JS heap + wasm (all Python workers)', '~10-20 MB per node', scope('python-worker.js')]);
  rows.push(['Memory: JavaScript sandbox workers (JS heap)', '~1-5 MB per node', scope('javascript-worker.js')]);
  rows.push(['Memory: ngspice workers (JS heap + wasm)', '-', scope('spice-worker.js')]);
  rows.push(['Memory: the page (core wasm + editor)', '-', scope('page')]);
  notes.push(`renderer processes' RSS: ${MiB(baseline)} before the page, +${MiB(withPython - baseline)} with the page and Pyodide`);
  notes.push(`Pyodide start-up phases, first visit: ${JSON.stringify(first.phases)}`);
  notes.push(`Pyodide start-up phases, repeat visit: ${JSON.stringify(repeat.phases)}, again: ${JSON.stringify(repeatAgain.phases)}`);
  notes.push(`Python pool: ${JSON.stringify(timings.stats.counters)}`);
  notes.push(`editor frames drawn during the ${ROUNDS} warm JS nodes with the editor open: ${drawing.frames}`);
} finally {
  await browser.close();
  server.stop();
}
const version = (await import('node:child_process')).execSync('/usr/bin/chromium --version 2>/dev/null || true').toString().trim();
console.log(`### Browser runtimes (${version || 'Chromium'}, headless, drawing loop paused; median of ${ROUNDS} runs; ` +
            `load average ${load.map((value) => value.toFixed(2)).join(' ')} at the start)\n`);
console.log('| operation | original design | measured |');
console.log('|---|---|---|');
for (const [what, original, ours] of rows) console.log(`| ${what} | ${original} | ${ours} |`);
console.log('');
for (const note of notes) console.log(`- ${note}`);
for (const [label, phases] of profiles) console.log(`\n${phaseTable(`Warm JS node, ${label}: where the time goes`, phases)}`);
