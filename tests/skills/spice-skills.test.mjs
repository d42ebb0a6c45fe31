// Spice skills checked against circuit theory, with native ngspice as the simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSkill, SKILLS_DIR } from './skill-harness.mjs';
import { runSkill } from './run-skill.mjs';

const skill = (id) => loadSkill(join(SKILLS_DIR, 'electronics', `${id}.md`));
const within = (actual, expected, rel, what) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} not within ${rel * 100}% of ${expected}`);

test('RC: time constant measured from the curve is within 2% of R*C', async () => {
  for (const [R, C, V] of [[1000, 1e-6, 5], [4700, 2.2e-7, 12], [100, 1e-3, 3.3]]) {
    const tau = R * C;
    const { outputs } = await runSkill(skill('circuit-rc-node'), { resistance: R, capacitance: C, input_voltage: V, simulation_time: 8 * tau });
    within(outputs.time_constant, tau, 0.02, `tau for R=${R} C=${C}`);
    within(outputs.steady_state_voltage, V, 0.005, 'steady state');
    assert.equal(outputs.voltage_data.theoretical_time_constant, tau);
    assert.ok(Math.abs(outputs.voltage_data.time_constant_error_percent) < 2);
    // The curve itself follows V(1 - e^(-t/tau)) at t = 2 tau.
    const i = outputs.voltage_data.x.findIndex((t) => t >= 2 * tau);
    within(outputs.voltage_data.y[i], V * (1 - Math.exp(-outputs.voltage_data.x[i] / tau)), 0.01, 'v(2 tau)');
    assert.match(outputs.netlist, new RegExp(`R1 in out ${R}\\b`));
  }
});

test('RC: a simulation shorter than tau is an error, not a wrong number', async () => {
  await assert.rejects(runSkill(skill('circuit-rc-node'), { simulation_time: 1e-4 }), /shorter than about one RC/);
});

test('RLC: resonance found in the AC data is within 2% of 1/(2 pi sqrt(LC))', async () => {
  for (const [R, L, C] of [[10, 0.01, 1e-7], [50, 1e-3, 1e-6], [2, 1e-4, 4.7e-9]]) {
    const theory = 1 / (2 * Math.PI * Math.sqrt(L * C));
    const { outputs } = await runSkill(skill('circuit-rlc-resonance-node'), { resistance: R, inductance: L, capacitance: C, f_start: 10, f_stop: 1e7 });
    within(outputs.resonance_frequency, theory, 0.02, `f0 for L=${L} C=${C}`);
    assert.equal(outputs.theoretical_frequency, theory);
    within(outputs.peak_gain, 1, 0.05, 'gain at resonance (output across R)');
    within(outputs.quality_factor, Math.sqrt(L / C) / R, 0.1, 'Q');
  }
});

test('voltage divider: fitted slope equals R2/(R1+R2)', async () => {
  for (const [r1, r2] of [[10000, 4700], [1000, 1000], [220, 33000]]) {
    const { outputs } = await runSkill(skill('circuit-voltage-divider-node'), { r1, r2 });
    assert.ok(Math.abs(outputs.slope - r2 / (r1 + r2)) < 1e-9, `slope ${outputs.slope}`);
    assert.equal(outputs.transfer.x.length, 25);
    assert.ok(Math.abs(outputs.transfer.y[24] - 12 * r2 / (r1 + r2)) < 1e-9);
  }
});

test('rectifier: peak output is Vp minus one diode drop; ripple shrinks with C', async () => {
  const big = (await runSkill(skill('circuit-diode-rectifier-node'), { peak_voltage: 10, smoothing_capacitance: 1e-4 })).outputs;
  assert.ok(big.diode_drop > 0.5 && big.diode_drop < 1.0, `diode drop ${big.diode_drop}`);
  assert.ok(Math.abs(big.peak_output - (10 - big.diode_drop)) < 1e-12);
  // Small-ripple approximation: Vripple ~ Vpeak / (f R C), an upper bound.
  const approx = big.peak_output / (50 * 1000 * 1e-4);
  assert.ok(big.ripple_voltage > 0.5 * approx && big.ripple_voltage < approx, `ripple ${big.ripple_voltage} vs ${approx}`);
  const small = (await runSkill(skill('circuit-diode-rectifier-node'), { peak_voltage: 10, smoothing_capacitance: 1e-5 })).outputs;
  assert.ok(small.ripple_voltage > 3 * big.ripple_voltage);
  // Half-wave: the output never goes negative.
  assert.ok(Math.min(...big.waveform.y) > -0.01);
  assert.equal(big.waveform.input_y.length, big.waveform.x.length);
});

test('Bode: -3 dB point within 3% of 1/(2 pi R C), phase -45/+45 deg there', async () => {
  for (const [filter_type, sign] of [['lowpass', -1], ['highpass', 1]]) {
    for (const [R, C] of [[1000, 1e-7], [15000, 3.3e-9]]) {
      const fc = 1 / (2 * Math.PI * R * C);
      const { outputs } = await runSkill(skill('circuit-bode-filter-node'), { filter_type, resistance: R, capacitance: C, f_start: 1, f_stop: 1e8 });
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
