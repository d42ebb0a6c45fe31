// The spice netlist template (web/lib/spice-netlist.js): filling, the
// contract's checks, and ngspice's complaints mapped to skill file lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTemplate, circuitLines, fillTemplate, NetlistError, netlistLineOf, netlistToken } from '../../web/lib/spice-netlist.js';
import { normaliseVectorName } from '../../web/lib/spice-vectors.js';

const rc = ['* RC', 'V1 in 0 PULSE(0 {{ input_voltage }} 0 1n 1n 1 2)', 'R1 in out {{resistance}}', 'C1 out 0 {{capacitance}}',
            '.tran {1e-3/1000} 1e-3', '.end', ''].join('\n');

test('inputs are written as shortest round-trip numbers, 1/0, or single tokens', () => {
  const filled = fillTemplate(rc, { input_voltage: 5, resistance: 2200, capacitance: 4.7e-7 });
  assert.equal(filled.split('\n')[1], 'V1 in 0 PULSE(0 5 0 1n 1n 1 2)');
  assert.equal(filled.split('\n')[3], 'C1 out 0 4.7e-7');
  assert.equal(filled.split('\n').length, rc.split('\n').length, 'filling never adds or removes lines');
  assert.equal(netlistToken('x', 0.000001), '0.000001');
  assert.equal(netlistToken('x', 1e21), '1e+21');
  assert.equal(netlistToken('x', true), '1');
  assert.equal(netlistToken('x', 'lowpass'), 'lowpass');
  assert.throws(() => netlistToken('x', 'a b'), /cannot be written into a netlist/);
  assert.throws(() => netlistToken('x', 'x\n.control'), /cannot be written into a netlist/);
  assert.throws(() => netlistToken('x', Infinity), /not a finite number/);
  assert.throws(() => netlistToken('x', [1]), /cannot be written/);
});

test('an unknown {{name}} or an unwritable value names the skill file line', () => {
  const error = (fn) => { try { fn(); } catch (e) { return e; } return null; };
  const unknown = error(() => fillTemplate(rc, { input_voltage: 5, resistance: 1 }, 40));
  assert.ok(unknown instanceof NetlistError);
  assert.equal(unknown.line, 43);
  assert.match(unknown.message, /unknown input '\{\{capacitance\}\}'/);
  const bad = error(() => fillTemplate(rc, { input_voltage: 'x y', resistance: 1, capacitance: 1 }, 40));
  assert.equal(bad.line, 41);
  assert.equal(bad.code, 'spice.input');
  // ngspice's own {expr} braces are left alone.
  assert.match(fillTemplate(rc, { input_voltage: 1, resistance: 1, capacitance: 1 }), /\.tran \{1e-3\/1000\} 1e-3/);
});

test('the template must hold exactly one analysis and no control section, include or lib', () => {
  const lineOf = (template) => { try { checkTemplate(template, 10); } catch (e) { return [e.line, e.message]; } return null; };
  assert.equal(lineOf(rc), null);
  assert.deepEqual(lineOf('* t\nR1 a 0 1\n')[0], 10);
  assert.match(lineOf('* t\nR1 a 0 1\n')[1], /no analysis line/);
  assert.deepEqual(lineOf('* t\n.op\n.control\nrun\n.endc')[0], 12);
  assert.deepEqual(lineOf('* t\n.include models.lib\n.op')[0], 11);
  assert.deepEqual(lineOf('* t\n.op\n.tran 1 2')[0], 12);
  assert.match(lineOf('* t\n.op\n.tran 1 2')[1], /exactly one analysis/);
});

test('the circuit handed to ngspice ends with one .end, line for line', () => {
  assert.deepEqual(circuitLines('* t\nR1 a 0 1\n.op\n.end\n'), ['* t', 'R1 a 0 1', '.op', '.end']);
  assert.deepEqual(circuitLines('* t\nR1 a 0 1\n.op'), ['* t', 'R1 a 0 1', '.op', '.end']);
});

test("ngspice's messages map to the netlist line they are about", () => {
  const netlist = '* RC\nV1 in 0 DC 1\nR1 in out 1k\nC1 out 0 1u\n.tran 1u 1m\n.end';
  assert.equal(netlistLineOf(['Error on line 3 or its substitute:', '  r1 in out 1k', 'unknown parameter'], netlist), 3);
  // No number: the quoted line, lower-cased and re-spaced as ngspice echoes it.
  assert.equal(netlistLineOf(['Error: unknown subckt: c1  out 0 1u'], netlist), 4);
  assert.equal(netlistLineOf(['Error: nothing to see'], netlist), 0);
});

test('vector names: shared-library and rawfile spellings give the same names', () => {
  assert.equal(normaliseVectorName('out'), 'v(out)');
  assert.equal(normaliseVectorName('V(OUT)'), 'v(out)');
  assert.equal(normaliseVectorName('v1#branch'), 'i(v1)');
  assert.equal(normaliseVectorName('i(v1)'), 'i(v1)');
  assert.equal(normaliseVectorName('v-sweep'), 'v-sweep');
  assert.equal(normaliseVectorName('v(v-sweep)'), 'v-sweep');
  assert.equal(normaliseVectorName('time'), 'time');
  assert.equal(normaliseVectorName('frequency'), 'frequency');
});
