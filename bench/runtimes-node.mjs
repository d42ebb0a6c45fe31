// The runtimes under `llmos run` (Node worker_threads), printed as a
// Markdown table beside the original design's figures, ready to paste in the
// README; bench/runtimes.mjs measures the same rows in headless Chromium.
// Reports, never passes or fails.
//   node bench/runtimes-node.mjs        (after make build)
// Warm node times are measured in one host process (the module run.mjs
// uses), end to end through the wasm core's executeWorkflow; whole-command
// times spawn build/native/bin/llmos run. Warm rows are measured once every
// runtime worker (standbys included) has started. PHASES=1 prints where a
// warm JS node's time goes (bench/js-node-profile.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bareCompartmentSource, phaseTable, profileJsNode } from './js-node-profile.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = path.join(repo, 'build', 'web');
const bin = process.env.LLMOS_BIN || path.join(repo, 'build', 'native', 'bin', 'llmos');
const ROUNDS = Number(process.env.ROUNDS || 30);
const PHASES = Boolean(process.env.PHASES);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const { startHeadlessHost } = await import(pathToFileURL(path.join(webRoot, 'node', 'headless-host.mjs')).href);
const load = loadavg();
const baseline = rssMiB();
const hostStarted = performance.now();
const host = await startHeadlessHost({ webRoot });
const coreMs = performance.now() - hostStarted;
const afterCore = rssMiB();
const pools = host.pools();
const pyStarted = performance.now();
const pyInfo = await pools.python.ready();
const pyReadyMs = performance.now() - pyStarted;
const afterPython = rssMiB();
const jsStarted = performance.now();
await pools.javascript.ready();
const jsReadyMs = performance.now() - jsStarted;
const afterJs = rssMiB();
const spiceStarted = performance.now();
await pools.spice.ready();
const spiceReadyMs = performance.now() - spiceStarted;
const afterAll = rssMiB();

const node = (type, code) => ({ workflow: { nodes: [{ nodeId: 'n', skillId: 's' }], edges: [] },
  skills: { s: { skill_id: 's', node_type: type, inputs: [], outputs: [{ name: 'y', type: 'any' }], code } } });
const py = node('python-wasm', 'def execute(inputs):\n    return {"y": 1}\n');
const js = node('javascript', 'function execute() { return { y: 1 }; }');
const time = async (payload) => {
  const started = performance.now();
  const results = await host.run(payload, null, null, { use_cache: false });
  if (results.n.state !== 'done') throw new Error(JSON.stringify(results.n.error));
  return performance.now() - started;
};
for (let i = 0; i < 5; i++) { await time(py); await time(js); }
// No worker start (a standby's Pyodide load) competes with the warm rows.
const settled = (pool) => pool.stats().serving.every((slot) => slot.state === 'idle') &&
  (!pool.standby || pool.stats().standby?.state === 'idle');
for (let i = 0; i < 600 && !Object.values(pools).every(settled); i++) await sleep(100);
// A Python node as a user meets it: the runtime idle and ready (both
// workers done cleaning up after the node before); and back to back, each
// node sent as the last one answered (a worker's clean-up after its node is
// then on the path whenever both workers are still cleaning).
const pythonIdle = async () => {
  while (!(pools.python.stats().serving.every((slot) => slot.state === 'idle') &&
           pools.python.stats().standby?.state !== 'cleaning')) await sleep(1);
  await sleep(5);
};
const pyTimes = [];
const jsTimes = [];
const pyRun = [];
const pyClean = [];
for (let i = 0; i < ROUNDS; i++) {
  await pythonIdle();
  pyTimes.push(await time(py));
  const timing = pools.python.stats().serving[0]?.timing;
  pyRun.push(timing?.run_ms ?? NaN);
  pyClean.push(timing?.clean_ms ?? NaN);
}
const pyBackToBack = [];
for (let i = 0; i < ROUNDS; i++) pyBackToBack.push(await time(py));
// The JS nodes in a loop of their own, once the Python workers have put their
// interpreters back (a JS node right after a Python node shares the cores
// with that clean-up, which is the Python row's).
await pythonIdle();
for (let i = 0; i < ROUNDS; i++) jsTimes.push(await time(js));
// A JS node when nothing else runs: its worker idle (5 ms since the node
// before, its next Compartment made meanwhile).
const jsIdleTimes = [];
for (let i = 0; i < ROUNDS; i++) {
  await sleep(5);
  jsIdleTimes.push(await time(js));
}
// The floor under both warm rows: a bare worker thread answering a message.
const { Worker } = await import('node:worker_threads');
// (`work`: ms the worker is busy before answering.)
const echo = new Worker(`const { parentPort } = require('node:worker_threads');
  parentPort.on('message', (m) => { const until = performance.now() + (m.work || 0); while (performance.now() < until); parentPort.postMessage(m); });`, { eval: true });
const roundTrip = (work = 0, busyBefore = 0) => new Promise((resolve) => {
  const until = performance.now() + busyBefore;
  while (performance.now() < until);
  const started = performance.now();
  echo.once('message', () => resolve(performance.now() - started));
  echo.postMessage({ outputs_json: '{"y":1}', work });
});
for (let i = 0; i < 5; i++) await roundTrip();
const workerTimes = [];
for (let i = 0; i < ROUNDS; i++) workerTimes.push(await roundTrip());
// Paced as a warm node (bench/runtimes.mjs says why): less the worker's 0.05 ms.
const pacedTimes = [];
for (let i = 0; i < ROUNDS; i++) pacedTimes.push((await roundTrip(0.05, 0.2)) - 0.05);
await echo.terminate();
// The sandbox's own floor: a fresh ses Compartment, evaluate the skill, call
// it, outputs to JSON, inside a worker thread (median of 200).
const bare = new Worker(`
  const { parentPort, workerData } = require('node:worker_threads');
  import(workerData).then(() => {${bareCompartmentSource}
    parentPort.postMessage(median);
  });`, { eval: true, workerData: pathToFileURL(path.join(webRoot, 'vendor', 'ses', 'ses.umd.min.js')).href });
const compartmentMs = await new Promise((resolve, reject) => { bare.once('message', resolve); bare.once('error', reject); });
await bare.terminate();
const phases = PHASES
  ? await profileJsNode({ core: host.core, pool: pools.javascript, executeWorkflow: host.run, rounds: Math.max(ROUNDS, 100) })
  : null;

// A stop at the deadline, then the next Python node: an interruptible loop
// (the worker is interrupted and serves again) and a loop inside C (the
// worker is replaced by the warm standby).
async function afterStop(body) {
  for (let i = 0; i < 600 && pools.python.stats().standby?.state !== 'idle'; i++) await sleep(100);
  let stoppedAt = 0;
  await host.run(node('python-wasm', `def execute(inputs):\n    ${body}\n`), null, null,
                 { use_cache: false, node_timeout_ms: 200, onEvent: (event) => { if (event.kind === 'error') stoppedAt = performance.now(); } });
  await host.run(py, null, null, { use_cache: false });
  return performance.now() - stoppedAt;
}
const interrupted = await afterStop('while True:\n        pass');
const replaced = await afterStop('sum(range(10 ** 15))');
const stats = pools.python.stats();
host.shutdown();

// Whole commands: a one-node workflow per runtime, from exec to exit.
const scratch = mkdtempSync(path.join(tmpdir(), 'llmos-bench-run-'));
function command(name, workflow) {
  const file = path.join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(workflow));
  const started = performance.now();
  const result = spawnSync(bin, ['run', file, '--skills', path.join(repo, 'skills'), '--json'], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${name}: ${result.stderr}`);
  return ms;
}
const jsCommand = command('js', { nodes: [{ nodeId: 'n', skillId: 'unit-converter-node', inputValues: { value: 1, from_unit: 'Ha', to_unit: 'eV' } }], edges: [] });
const pyCommand = command('py', { nodes: [{ nodeId: 'n', skillId: 'statistics-summary-node' }], edges: [] });
const vqeCommand = command('vqe', JSON.parse(readFileSync(path.join(repo, 'skills', 'examples', 'vqe-plot.json'), 'utf8')));
const rcCommand = command('rc', JSON.parse(readFileSync(path.join(repo, 'skills', 'examples', 'rc-chart.json'), 'utf8')));

const rows = [
  ['Start the wasm core (llmos.wasm) in Node', '-', `${coreMs.toFixed(0)} ms`],
  ['Load Pyodide in a worker thread (ready)', '~3 s', `${(pyReadyMs / 1000).toFixed(2)} s (${pyInfo.phases?.restore_snapshot_ms !== undefined ? `snapshot restored in ${pyInfo.phases.restore_snapshot_ms} ms` : `load_pyodide ${pyInfo.phases?.load_pyodide_ms} ms`})`],
  ['JS sandbox worker ready (ses lockdown)', '-', `${jsReadyMs.toFixed(0)} ms`],
  ['ngspice.wasm worker ready', '-', `${spiceReadyMs.toFixed(0)} ms`],
  ['Execute Python node, warm, end to end, runtime idle and ready (target <= 2 ms)', '~50-200 ms', `${median(pyTimes).toFixed(2)} ms`],
  ['Execute Python node, warm, end to end, back to back (each sent as the last answered)', '-', `${median(pyBackToBack).toFixed(2)} ms`],
  ['Warm Python node inside the worker: run, clean-up after it (not on an idle node\'s path)', '-',
   `${median(pyRun).toFixed(2)} ms, ${median(pyClean).toFixed(2)} ms`],
  ['Execute JS node, warm, end to end, back to back (target <= 0.5 ms)', '<5 ms', `${median(jsTimes).toFixed(2)} ms`],
  ['Execute JS node, warm, end to end, runtime idle (5 ms after the node before)', '-', `${median(jsIdleTimes).toFixed(2)} ms`],
  ['Floor: a bare worker thread message round trip (no core, no sandbox)', '-', `${median(workerTimes).toFixed(2)} ms`],
  ['Floor: the same round trip paced as a warm node (main thread busy 0.2 ms before each message, worker 0.05 ms before answering; less those 0.05 ms)', '-', `${median(pacedTimes).toFixed(2)} ms`],
  ['Floor: a fresh ses Compartment, evaluate + call + JSON (in a worker thread, no messages)', '-', `${compartmentMs.toFixed(3)} ms`],
  ['Next Python node after a stop, loop interrupted (target <= 100 ms)', '(reload, ~3 s)', `${interrupted.toFixed(1)} ms`],
  ['Next Python node after a stop, worker replaced (target <= 100 ms)', '(reload, ~3 s)', `${replaced.toFixed(1)} ms`],
  ['Memory: the wasm core (process RSS growth)', '-', `+${(afterCore - baseline).toFixed(0)} MiB`],
  ['Memory: Pyodide (wasm memory of one worker)', '~50 MB', `${((stats.serving[0]?.memory_bytes || 0) / 2 ** 20).toFixed(0)} MiB`],
  ['Memory: one Python worker thread (RSS growth)', '~10-20 MB per node', `+${(afterPython - afterCore).toFixed(0)} MiB`],
  ['Memory: one JavaScript sandbox worker thread (RSS growth)', '~1-5 MB per node', `+${(afterJs - afterPython).toFixed(0)} MiB`],
  ['Memory: one ngspice worker thread (RSS growth)', '-', `+${(afterAll - afterJs).toFixed(0)} MiB`],
  ['`llmos run`: one JS node, whole command', '-', `${(jsCommand / 1000).toFixed(2)} s`],
  ['`llmos run`: one Python node, whole command', '-', `${(pyCommand / 1000).toFixed(2)} s`],
  ['`llmos run` vqe-plot.json (VQE + PNG plot)', '-', `${(vqeCommand / 1000).toFixed(2)} s`],
  ['`llmos run` rc-chart.json (ngspice + d3 SVG)', '-', `${(rcCommand / 1000).toFixed(2)} s`],
];
console.log(`### Runtimes under llmos run (Node ${process.version}, worker_threads; median of ${ROUNDS} runs; ` +
            `load average ${load.map((value) => value.toFixed(2)).join(' ')} at the start)\n`);
console.log('| operation | original design | llmos run |');
console.log('|---|---|---|');
for (const [what, original, ours] of rows) console.log(`| ${what} | ${original} | ${ours} |`);
console.log('\nPython pool:', JSON.stringify(stats.counters));
if (phases) console.log(`\n${phaseTable('Warm JS node under llmos run: where the time goes', phases)}`);
process.exit(0);
