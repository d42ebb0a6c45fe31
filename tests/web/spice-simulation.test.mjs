// ngspice.wasm (build/web/vendor/ngspice) through web/lib/ngspice-engine.js
// and web/lib/spice-simulation.js, on the dispatch requests the core makes for
// the electronics skills: every vector bit-identical to native ngspice 39
// (binary rawfile), values that agree with circuit theory, one engine reused
// safely across circuits, and netlist errors that name the skill file line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { bitDifferences, simulateNative } from '../support/ngspice-native.mjs';
import { exampleRequests, requestFor, skillsDir, spiceCore } from '../support/spice-requests.mjs';
import { webRoot } from './headless-core.mjs';

let NgspiceEngine;
let simulateRequest;
let circuitLines;
let wasm;

before(async () => {
  ({ NgspiceEngine } = await import(path.join(webRoot, 'lib', 'ngspice-engine.js')));
  ({ simulateRequest } = await import(path.join(webRoot, 'lib', 'spice-simulation.js')));
  ({ circuitLines } = await import(path.join(webRoot, 'lib', 'spice-netlist.js')));
  wasm = await WebAssembly.compile(readFileSync(path.join(webRoot, 'vendor', 'ngspice', 'ngspice.wasm')));
});

const newEngine = (log = []) => NgspiceEngine.create({ wasm, onOutput: (stream, text) => log.push(`${stream}: ${text}`) });

// The requests every check below runs: each skill's defaults, the example
// workflows' nodes, and a few other input values.
async function cases() {
  const list = [];
  for (const id of ['circuit-rc-node', 'circuit-rlc-resonance-node', 'circuit-voltage-divider-node',
                    'circuit-diode-rectifier-node', 'circuit-bode-filter-node']) {
    list.push([`${id} (defaults)`, await requestFor(id)]);
  }
  for (const example of ['rc-chart.json', 'circuit-dashboard.json']) {
    for (const [node, request] of Object.entries(await exampleRequests(example))) list.push([`${example} ${node}`, request]);
  }
  list.push(['highpass Bode', await requestFor('circuit-bode-filter-node', { filter_type: 'highpass', resistance: 15000, capacitance: 3.3e-9 })]);
  list.push(['RC 4.7k 220n', await requestFor('circuit-rc-node', { resistance: 4700, capacitance: 2.2e-7, input_voltage: 12, simulation_time: 0.008 })]);
  list.push(['rectifier small C', await requestFor('circuit-diode-rectifier-node', { smoothing_capacitance: 1e-5 })]);
  return list;
}

test('every vector of every electronics skill and example is bit-identical to native ngspice 39', async () => {
  const engine = await newEngine();
  const all = await cases();
  assert.ok(all.length >= 11, `cases: ${all.length}`);
  for (const [name, request] of all) {
    const { outputs } = simulateRequest(engine, request);
    const native = simulateNative(circuitLines(outputs.netlist));
    assert.ok(Object.keys(native.vectors).length >= 2, `${name}: native vectors ${Object.keys(native.vectors)}`);
    assert.deepEqual(bitDifferences(outputs.vectors, native.vectors), [], name);
  }
});

// Linear interpolation of the first time y crosses `level`.
function crossing(x, y, level) {
  for (let i = 1; i < y.length; i++) {
    if ((y[i - 1] - level) * (y[i] - level) <= 0 && y[i] !== y[i - 1]) {
      return x[i - 1] + (x[i] - x[i - 1]) * (level - y[i - 1]) / (y[i] - y[i - 1]);
    }
  }
  return NaN;
}

test('the vectors agree with circuit theory', async () => {
  const engine = await newEngine();
  const run = async (id, inputs) => simulateRequest(engine, await requestFor(id, inputs)).outputs.vectors;

  // RC step: v(out) = V (1 - e^(-t/RC)); it reaches 63.2 % at t = RC.
  const rc = await run('circuit-rc-node', { resistance: 2200, capacitance: 4.7e-7, input_voltage: 5, simulation_time: 0.006 });
  const tau = 2200 * 4.7e-7;
  const measured = crossing(rc.time, rc['v(out)'], 5 * (1 - Math.exp(-1)));
  assert.ok(Math.abs(measured - tau) / tau < 0.01, `tau ${measured} vs ${tau}`);
  const worst = Math.max(...rc.time.map((t, i) => (t > 2e-9 ? Math.abs(rc['v(out)'][i] - 5 * (1 - Math.exp(-t / tau))) : 0)));
  assert.ok(worst < 0.02, `largest deviation from the exponential: ${worst} V`);
  assert.ok(Math.abs(rc['i(v1)'][rc.time.length - 1]) < 5 / 2200 * 0.01, 'the capacitor has charged: no more current');

  // Divider: v(out) = v(in) R2 / (R1 + R2) at every sweep point.
  const divider = await run('circuit-voltage-divider-node', { r1: 10000, r2: 4700 });
  assert.equal(divider['v-sweep'].length, 25);
  divider['v-sweep'].forEach((v, i) => assert.ok(Math.abs(divider['v(out)'][i] - v * 4700 / 14700) <= 1e-12 * (1 + Math.abs(v))));

  // Series RLC across R: H = R / (R + j(wL - 1/(wC))), peaking at f0 = 1 / (2 pi sqrt(LC)).
  const [R, L, C] = [20, 0.01, 1e-7];
  const rlc = await run('circuit-rlc-resonance-node', { resistance: R, inductance: L, capacitance: C });
  rlc.frequency.forEach((f, i) => {
    const w = 2 * Math.PI * f;
    const x = w * L - 1 / (w * C);
    const h = { re: R * R / (R * R + x * x), im: -R * x / (R * R + x * x) };
    const got = { re: rlc['v(out)'].re[i], im: rlc['v(out)'].im[i] };
    assert.ok(Math.hypot(got.re - h.re, got.im - h.im) < 1e-9, `H at ${f} Hz: ${got.re}+j${got.im} vs ${h.re}+j${h.im}`);
  });
  const gain = rlc.frequency.map((_, i) => Math.hypot(rlc['v(out)'].re[i], rlc['v(out)'].im[i]));
  const peak = gain.indexOf(Math.max(...gain));
  const f0 = 1 / (2 * Math.PI * Math.sqrt(L * C));
  assert.ok(Math.abs(rlc.frequency[peak] - f0) / f0 < 0.012, `peak at ${rlc.frequency[peak]} Hz, f0 ${f0}`);  // 200 points per decade

  // First-order filters, x = f / fc: low-pass H = 1 / (1 + jx), high-pass H = jx / (1 + jx).
  const bode = await run('circuit-bode-filter-node', { resistance: 1000, capacitance: 1e-7 });
  const fc = 1 / (2 * Math.PI * 1000 * 1e-7);
  bode.frequency.forEach((f, i) => {
    const x = f / fc;
    const lp = { re: bode['v(out_lp)'].re[i], im: bode['v(out_lp)'].im[i] };  // the source is 1 V AC
    const hp = { re: bode['v(out_hp)'].re[i], im: bode['v(out_hp)'].im[i] };
    assert.ok(Math.abs(lp.re - 1 / (1 + x * x)) < 1e-9 && Math.abs(lp.im + x / (1 + x * x)) < 1e-9, `low-pass H at ${f} Hz`);
    assert.ok(Math.abs(hp.re - x * x / (1 + x * x)) < 1e-9 && Math.abs(hp.im - x / (1 + x * x)) < 1e-9, `high-pass H at ${f} Hz`);
  });

  // Half-wave rectifier: the output peaks one diode drop below the input and never goes negative.
  const rect = await run('circuit-diode-rectifier-node', { peak_voltage: 10, smoothing_capacitance: 1e-4 });
  const top = Math.max(...rect['v(out)']);
  assert.ok(top > 10 - 1.0 && top < 10 - 0.5, `peak output ${top}`);
  assert.ok(Math.min(...rect['v(out)']) > -0.01);
  assert.ok(Math.abs(Math.max(...rect['v(in)']) - 10) < 0.01);
});

test('one engine serves circuit after circuit exactly as fresh engines do, errors and options included', async () => {
  const requests = [
    await requestFor('circuit-rc-node'), await requestFor('circuit-bode-filter-node'),
    await requestFor('circuit-voltage-divider-node'), await requestFor('circuit-rlc-resonance-node'),
    await requestFor('circuit-diode-rectifier-node'),
  ];
  const fresh = [];
  for (const request of requests) fresh.push(simulateRequest(await newEngine(), request).outputs.vectors);
  const shared = await newEngine();
  // A circuit with loose tolerances, and one ngspice rejects, run first.
  const loose = { ...requests[0], skill: { ...requests[0].skill, code: requests[0].skill.code.replace('.tran', '.options reltol=0.05 abstol=1e-3 method=gear\n.tran') } };
  const looseResult = simulateRequest(shared, loose).outputs.vectors;
  assert.ok(bitDifferences(looseResult, fresh[0]).length > 0, 'the loose options change the result');
  const broken = { ...requests[0], skill: { ...requests[0].skill, code: requests[0].skill.code.replace(/^R1 .*$/m, 'R1 in out 1k bogus=1') } };
  assert.throws(() => simulateRequest(shared, broken));
  for (let round = 0; round < 3; round++) {
    requests.forEach((request, i) => {
      assert.deepEqual(bitDifferences(simulateRequest(shared, request).outputs.vectors, fresh[i]), [], `round ${round} ${request.skill.skill_id}`);
    });
  }
});

test('memory stays flat over hundreds of runs on one engine', async () => {
  const engine = await newEngine();
  const request = await requestFor('circuit-rc-node');
  for (let i = 0; i < 30; i++) simulateRequest(engine, request);
  const warm = engine.memoryBytes();
  for (let i = 0; i < 300; i++) simulateRequest(engine, request);
  const after = engine.memoryBytes();
  console.log(`ngspice.wasm memory: ${(warm / 2 ** 20).toFixed(1)} MiB after 30 runs, ${(after / 2 ** 20).toFixed(1)} MiB after 330`);
  assert.ok(after - warm <= 2 * 2 ** 20, `memory grew by ${after - warm} bytes over 300 runs`);
});

test('a typo in an element line fails with the line of the .md file', async () => {
  const core = await spiceCore();
  const file = path.join(skillsDir, 'electronics', 'circuit-rc-node.md');
  const lines = readFileSync(file, 'utf8').split('\n');
  const element = lines.findIndex((line) => line.startsWith('C1 out 0'));
  lines[element] = 'C1 out 0 {{capacitance}} foo=1';  // not a capacitor parameter
  const text = lines.join('\n').replace('skill_id: circuit-rc-node', 'skill_id: broken-rc-node');
  assert.ok(core.addSkill('skills/user/broken-rc-node.md', text, 'user').ok);
  const request = await requestFor('broken-rc-node');
  const engine = await newEngine();
  let error = null;
  try {
    simulateRequest(engine, request);
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'the broken netlist must fail');
  assert.equal(error.code, 'spice.netlist', error.message);
  assert.equal(error.line, element + 1, error.message);
  assert.match(error.message, /foo/i);
  // The engine stays usable (or is replaced) for the next node.
  const next = engine.broken ? await newEngine() : engine;
  assert.ok(simulateRequest(next, await requestFor('circuit-rc-node')).outputs.vectors.time.length > 100);
});
