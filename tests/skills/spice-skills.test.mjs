// spice skills run by the product (the core fills the template, ngspice.wasm
// simulates under a worker, the postprocess block runs in the ses sandbox),
// checked against circuit theory computed here: the curves themselves, not
// the skills' own "theoretical" echo fields.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSkillHost } from '../support/skill-host.mjs';

let skills;
before(async () => { skills = await startSkillHost(); });
after(() => skills?.shutdown());

const run = (id, inputs) => skills.run(id, inputs);
const within = (actual, expected, rel, what) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} not within ${rel * 100}% of ${expected}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('RC: the simulated curve is V(1 - e^(-t/RC)); tau fitted from it and the reported one are R*C', async () => {
  for (const [R, C, V] of [[1000, 1e-6, 5], [4700, 2.2e-7, 12], [100, 1e-3, 3.3]]) {
    const tau = R * C;
    const outputs = await run('circuit-rc-node', { resistance: R, capacitance: C, input_voltage: V, simulation_time: 8 * tau });
    const { x, y } = outputs.voltage_data;
    assert.ok(x.length > 500, `${x.length} samples`);
    // Every sample on the analytic curve (1 ns rise of the source aside).
    x.forEach((t, i) => assert.ok(Math.abs(y[i] - V * (1 - Math.exp(-t / tau))) < 0.005 * V, `v(${t}) = ${y[i]}`));
    // tau from each sample of the rising part: t / -ln(1 - v/V).
    const fitted = median(x.map((t, i) => [t, y[i] / V]).filter(([, f]) => f > 0.05 && f < 0.95).map(([t, f]) => -t / Math.log(1 - f)));
    within(fitted, tau, 0.01, `tau fitted from the curve for R=${R} C=${C}`);
    within(outputs.time_constant, tau, 0.02, `reported tau for R=${R} C=${C}`);
    within(outputs.steady_state_voltage, V * (1 - Math.exp(-8)), 0.005, 'v(out) after 8 tau');
    assert.match(outputs.netlist, new RegExp(`R1 in out ${R}\\b`));
  }
});

test('RC: a simulation shorter than tau is an error, not a wrong number', async () => {
  await assert.rejects(run('circuit-rc-node', { simulation_time: 1e-4 }), /shorter than about one RC/);
});

test('RLC: the AC gain follows R/|Z| at every frequency; its peak and Q are the series-RLC theory', async () => {
  for (const [R, L, C] of [[10, 0.01, 1e-7], [50, 1e-3, 1e-6], [2, 1e-4, 4.7e-9]]) {
    const f0 = 1 / (2 * Math.PI * Math.sqrt(L * C));
    const outputs = await run('circuit-rlc-resonance-node', { resistance: R, inductance: L, capacitance: C, f_start: 10, f_stop: 1e7 });
    const { x: f, y: gain } = outputs.response;
    f.forEach((hz, i) => {
      const w = 2 * Math.PI * hz;
      const want = R / Math.hypot(R, w * L - 1 / (w * C));
      assert.ok(Math.abs(gain[i] - want) < 1e-3 * Math.max(want, 1e-3), `gain at ${hz} Hz: ${gain[i]}, expected ${want}`);
    });
    // The largest sample sits on the grid point nearest f0 (log spacing).
    const top = gain.indexOf(Math.max(...gain));
    const nearest = f.reduce((best, hz, i) => (Math.abs(Math.log(hz / f0)) < Math.abs(Math.log(f[best] / f0)) ? i : best), 0);
    assert.ok(Math.abs(top - nearest) <= 1, `peak sample ${f[top]} Hz, f0 ${f0} Hz`);
    within(outputs.resonance_frequency, f0, 0.02, `f0 for L=${L} C=${C}`);
    within(outputs.peak_gain, 1, 0.05, 'gain at resonance (output across R)');
    within(outputs.quality_factor, Math.sqrt(L / C) / R, 0.1, 'Q');
  }
});

test('voltage divider: fitted slope equals R2/(R1+R2)', async () => {
  for (const [r1, r2] of [[10000, 4700], [1000, 1000], [220, 33000]]) {
    const outputs = await run('circuit-voltage-divider-node', { r1, r2 });
    assert.ok(Math.abs(outputs.slope - r2 / (r1 + r2)) < 1e-9, `slope ${outputs.slope}`);
    assert.equal(outputs.transfer.x.length, 25);
    assert.ok(Math.abs(outputs.transfer.y[24] - 12 * r2 / (r1 + r2)) < 1e-9);
  }
});

// The rectifier integrated here from its physics: the skill's diode model
// (.model DRECT D(IS=2.52n N=1.752 RS=0.568), Shockley's equation with a
// series resistance, at ngspice's default 27 C) charging C and feeding R,
// explicit Euler at 1 us. Returns v(out)'s crest and trough over the last period.
const THERMAL_VOLTAGE = (1.380649e-23 * 300.15) / 1.602176634e-19;
function rectifierPhysics({ vp, f, load, capacitance, cycles = 5 }) {
  const [is, n, rs] = [2.52e-9, 1.752, 0.568];
  const diodeCurrent = (v) => {  // solves v = n Vt ln(i/is + 1) + rs i for i
    if (v <= 0) return is * (Math.exp(v / (n * THERMAL_VOLTAGE)) - 1);
    let [lo, hi] = [0, v / rs];
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (n * THERMAL_VOLTAGE * Math.log(mid / is + 1) + rs * mid > v) hi = mid;
      else lo = mid;
    }
    return (lo + hi) / 2;
  };
  const dt = 1e-6;
  const end = cycles / f;
  let [v, crest, trough] = [0, -Infinity, Infinity];
  for (let t = 0; t < end; t += dt) {
    v += (dt * (diodeCurrent(vp * Math.sin(2 * Math.PI * f * t) - v) - v / load)) / capacitance;
    if (t >= end - 1 / f) [crest, trough] = [Math.max(crest, v), Math.min(trough, v)];
  }
  return { crest, trough };
}

test('rectifier: peak output and ripple are those of the diode equation driving R and C', async () => {
  const vp = 10;
  const load = 1000;
  const big = await run('circuit-diode-rectifier-node', { peak_voltage: vp, smoothing_capacitance: 1e-4 });
  const expected = rectifierPhysics({ vp, f: 50, load, capacitance: 1e-4 });
  // About 0.7 V below the input's crest: one silicon diode drop.
  assert.ok(vp - expected.crest > 0.6 && vp - expected.crest < 0.8, `model sanity: ${expected.crest}`);
  const { x: t, y: vout } = big.waveform;
  const lastPeriod = vout.filter((_, i) => t[i] >= t.at(-1) - 1 / 50);
  assert.ok(Math.abs(Math.max(...lastPeriod) - expected.crest) < 0.005, `crest of the last period ${Math.max(...lastPeriod)} V, physics ${expected.crest} V`);
  assert.ok(Math.abs(big.peak_output - expected.crest) < 0.005, `peak_output ${big.peak_output} V, physics ${expected.crest} V`);
  assert.ok(Math.abs(big.diode_drop - (vp - expected.crest)) < 0.005, `diode_drop ${big.diode_drop} V, physics ${vp - expected.crest} V`);
  assert.ok(Math.abs(big.ripple_voltage - (expected.crest - expected.trough)) < 0.01,
            `ripple ${big.ripple_voltage} V, physics ${expected.crest - expected.trough} V`);
  // Small-ripple approximation: Vripple ~ Vpeak / (f R C), an upper bound.
  const approx = expected.crest / (50 * load * 1e-4);
  assert.ok(big.ripple_voltage > 0.5 * approx && big.ripple_voltage < approx, `ripple ${big.ripple_voltage} vs ${approx}`);
  const small = await run('circuit-diode-rectifier-node', { peak_voltage: vp, smoothing_capacitance: 1e-5 });
  assert.ok(small.ripple_voltage > 3 * big.ripple_voltage);
  // Half-wave: the output never goes negative; the input is the sine.
  assert.ok(Math.min(...vout) > -0.01);
  big.waveform.input_y.forEach((v, i) => assert.ok(Math.abs(v - vp * Math.sin(2 * Math.PI * 50 * t[i])) < 1e-3, `v(in) at ${t[i]}`));
});

test('Bode: -3 dB point within 3% of 1/(2 pi R C), phase -45/+45 deg there', async () => {
  for (const [filter_type, sign] of [['lowpass', -1], ['highpass', 1]]) {
    for (const [R, C] of [[1000, 1e-7], [15000, 3.3e-9]]) {
      const fc = 1 / (2 * Math.PI * R * C);
      const outputs = await run('circuit-bode-filter-node', { filter_type, resistance: R, capacitance: C, f_start: 1, f_stop: 1e8 });
      within(outputs.cutoff_frequency, fc, 0.03, `${filter_type} fc`);
      assert.ok(Math.abs(outputs.phase_at_cutoff - sign * 45) < 2, `${filter_type} phase ${outputs.phase_at_cutoff}`);
      assert.equal(outputs.magnitude_db.x_scale, 'log');
      // One decade past the cutoff a first-order filter is down ~20 dB.
      const f = outputs.magnitude_db.x;
      const target = sign < 0 ? 10 * fc : fc / 10;
      const i = f.findIndex((x) => x >= target);
      assert.ok(Math.abs(outputs.magnitude_db.y[i] + 20) < 1, `gain a decade away ${outputs.magnitude_db.y[i]}`);
    }
  }
});
