// ngspice.wasm (our build, through the worker's own code) against native
// ngspice 39 (Debian's binary, the same source) and eecircuit-engine (npm, an
// ngspice 45 wasm build), on the filled netlists of the electronics skills.
// Prints a table; never passes or fails. Run after `make build`:
//   node bench/spice.mjs [--quick]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requestFor } from '../tests/support/spice-requests.mjs';
import { NATIVE_ENV, NGSPICE } from '../tests/support/ngspice-native.mjs';
import { webRoot } from '../tests/web/headless-core.mjs';

const quick = process.argv.includes('--quick');
const { NgspiceEngine } = await import(path.join(webRoot, 'lib', 'ngspice-engine.js'));
const { simulateRequest } = await import(path.join(webRoot, 'lib', 'spice-simulation.js'));
const { circuitLines } = await import(path.join(webRoot, 'lib', 'spice-netlist.js'));

const skills = ['circuit-rc-node', 'circuit-rlc-resonance-node', 'circuit-voltage-divider-node',
                'circuit-diode-rectifier-node', 'circuit-bode-filter-node'];
const passes = quick ? 1 : 3;

// Times are CPU time (user + system), not wall time: the machine is shared,
// and CPU time is what the simulator itself costs. Node's process.cpuUsage()
// for the wasm loops (one busy thread); bash's `time` for the native process.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// Native: one ngspice process runs the analysis `count` times (run, then
// destroy the plot, as the wasm loop does); per run = (T(count) - T(0)) /
// count, so process start and parsing cancel out. Best of `passes`.
function nativeMsPerRun(lines, count) {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmos-bench-'));
  const body = lines.slice(0, -1).join('\n');
  const time = (n) => {
    writeFileSync(path.join(dir, 'c.cir'),
                  `${body}\n.control\nlet k = 0\nwhile k < ${n}\nrun\ndestroy all\nlet k = k + 1\nend\nquit\n.endc\n.end\n`);
    const out = execFileSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time ${NGSPICE} -b c.cir >/dev/null 2>&1; } 2>&1`],
                             { cwd: dir, env: NATIVE_ENV, encoding: 'utf8' });
    const [user, system] = out.trim().split(/\s+/).slice(-2).map(Number);
    return (user + system) * 1000;
  };
  try {
    let best = Infinity;
    for (let p = 0; p < passes; p++) best = Math.min(best, (time(count) - time(0)) / count);
    return best;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function bestMs(count, work) {
  let best = Infinity;
  for (let p = 0; p < passes; p++) {
    const started = cpuMs();
    for (let i = 0; i < count; i++) work();
    best = Math.min(best, (cpuMs() - started) / count);
  }
  return best;
}

// eecircuit-engine answers through promises: wall time (its loop is busy throughout).
async function bestMsAsync(count, work) {
  let best = Infinity;
  for (let p = 0; p < passes; p++) {
    const started = performance.now();
    for (let i = 0; i < count; i++) await work();
    best = Math.min(best, (performance.now() - started) / count);
  }
  return best;
}

const wasm = await WebAssembly.compile(readFileSync(path.join(webRoot, 'vendor', 'ngspice', 'ngspice.wasm')));
let started = performance.now();
const engine = await NgspiceEngine.create({ wasm });
const instantiateMs = performance.now() - started;

const { Simulation } = await import('eecircuit-engine');
const eecircuit = new Simulation();
started = performance.now();
await eecircuit.start();
const eecircuitStartMs = performance.now() - started;

const rows = [];
for (const id of skills) {
  const request = await requestFor(id);
  const { outputs } = simulateRequest(engine, request);
  const lines = circuitLines(outputs.netlist);
  const points = Object.values(outputs.vectors).find(Array.isArray).length;
  engine.load(lines);
  const once = bestMs(3, () => {
    engine.run();
    engine.command('destroy all');
  });
  // About a second of CPU per measurement.
  const count = Math.max(5, Math.min(400, Math.round((quick ? 300 : 1000) / Math.max(once, 0.05))));
  const native = nativeMsPerRun(lines, count);
  const run = bestMs(count, () => {
    engine.run();
    engine.command('destroy all');
  });
  const node = bestMs(count, () => simulateRequest(engine, request));
  eecircuit.setNetList(outputs.netlist);
  await eecircuit.runSim();
  const eeCount = Math.max(2, Math.min(count, 10));
  const ee = await bestMsAsync(eeCount, async () => {
    eecircuit.setNetList(outputs.netlist);
    await eecircuit.runSim();
  });
  rows.push({ id, points, count, native, run, node, ee });
}

const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`ngspice.wasm instantiate (compiled module at hand): ${f(instantiateMs)} ms; eecircuit-engine start: ${f(eecircuitStartMs)} ms`);
console.log('Per run, best of', passes, 'passes, CPU ms. "run": the analysis alone (run + destroy, circuit loaded); "node": what');
console.log('a spice node costs in the worker (fill, load, run, read every vector); eecircuit-engine: setNetList + runSim (wall ms).\n');
console.log('| skill | points | runs | native run ms | wasm run ms | wasm/native | wasm node ms | eecircuit-engine ms | eecircuit/native |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.id} | ${r.points} | ${r.count} | ${f(r.native)} | ${f(r.run)} | ${(r.run / r.native).toFixed(2)} | ${f(r.node)} | ${f(r.ee)} | ${(r.ee / r.native).toFixed(1)} |`);
}
process.exit(0);  // eecircuit-engine keeps its loop alive
