// The harness pieces the skill tests rely on: template filling, the rawfile
// reader and the JavaScript sandbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate, codeBlocks, splitFrontMatter } from './skill-harness.mjs';
import { parseAsciiRaw, normaliseVectorName } from './raw-file.mjs';
import { simulate, netlistProblems, withControl } from './spice-runner.mjs';
import { callSkillFunction } from './js-runner.mjs';

test('fillTemplate replaces {{name}} and leaves ngspice {expr} alone', () => {
  const out = fillTemplate('R1 a b {{r}}\n.tran {t/100} {{ t }}', { r: 1000, t: 0.5 });
  assert.equal(out, 'R1 a b 1000\n.tran {t/100} 0.5');
});

test('fillTemplate refuses unknown names and values that could add netlist lines', () => {
  assert.throws(() => fillTemplate('{{nope}}', {}), /unknown input '\{\{nope\}\}'/);
  assert.throws(() => fillTemplate('{{m}}', { m: 'D\n.control\nshell rm -rf /' }), /cannot be written into a netlist/);
  assert.throws(() => fillTemplate('{{v}}', { v: Infinity }), /not finite/);
  assert.equal(fillTemplate('{{m}} {{b}}', { m: 'lowpass', b: true }), 'lowpass 1');
});

test('code blocks keep their language and order', () => {
  const { body } = splitFrontMatter('---\na: 1\n---\n# T\n```spice\n* x\n```\ntext\n```js\nfunction f() {}\n```\n');
  assert.deepEqual(codeBlocks(body).map((b) => [b.lang, b.code]), [['spice', '* x'], ['js', 'function f() {}']]);
});

test('vector names are normalised to the documented shape', () => {
  assert.equal(normaliseVectorName('v(v-sweep)', true), 'v-sweep');
  assert.equal(normaliseVectorName('V(OUT)', false), 'v(out)');
  assert.equal(normaliseVectorName('l1#branch', false), 'i(l1)');
  assert.equal(normaliseVectorName('out', false), 'v(out)');
  assert.equal(normaliseVectorName('frequency', true), 'frequency');
});

test('ASCII rawfile: real and complex plots', () => {
  const real = parseAsciiRaw('Title: t\nPlotname: Transient Analysis\nFlags: real\nNo. Variables: 2\nNo. Points: 2\nVariables:\n\t0\ttime\ttime\n\t1\tv(out)\tvoltage\nValues:\n 0\t0\n\t1.5\n\n 1\t1e-3\n\t2.5\n');
  assert.deepEqual(real[0].vectors, { time: [0, 1e-3], 'v(out)': [1.5, 2.5] });
  const cplx = parseAsciiRaw('Title: t\nPlotname: AC Analysis\nFlags: complex\nNo. Variables: 2\nNo. Points: 1\nVariables:\n\t0\tfrequency\tfrequency grid=3\n\t1\tv(out)\tvoltage\nValues:\n 0\t1.0e+01,0.0e+00\n\t5.0e-01,-5.0e-01\n');
  assert.deepEqual(cplx[0].vectors, { frequency: [10], 'v(out)': { re: [0.5], im: [-0.5] } });
});

test('the runtime owns .control; templates must carry an analysis', () => {
  assert.deepEqual(netlistProblems('* t\nR1 a 0 1\n'), ['no analysis line (.tran/.ac/.dc/.op)']);
  assert.match(netlistProblems('* t\n.op\n.control\nrun\n.endc')[0], /must not contain \.control/);
  assert.match(withControl('* t\n.op\n.end\n', '/tmp/x.raw'), /\.op\n\.control\nset filetype=ascii\nrun\nwrite \/tmp\/x\.raw\nquit\n\.endc\n\.end\n$/);
});

test('native ngspice runs an operating point and reports errors', () => {
  const { vectors } = simulate('* divider\nV1 in 0 DC 9\nR1 in out 2k\nR2 out 0 1k\n.op\n');
  assert.ok(Math.abs(vectors['v(out)'][0] - 3) < 1e-9);
  assert.throws(() => simulate('* bad\nR1 a 0 {undefined_param}\n.op\n'), /ngspice/);
});

test('the JS sandbox has no Node globals, no eval, and clones results', async () => {
  const probe = `function execute() { return {
    process: typeof process, require: typeof require, fetch: typeof fetch, document: typeof document,
    d3: typeof d3 }; }`;
  assert.deepEqual(await callSkillFunction(probe, 'execute', [{}]), {
    process: 'undefined', require: 'undefined', fetch: 'undefined', document: 'undefined', d3: 'undefined',
  });
  assert.equal((await callSkillFunction('function execute() { return { d3: typeof d3.scaleLinear }; }', 'execute', [{}], ['d3'])).d3, 'function');
  await assert.rejects(callSkillFunction('function execute() { return { v: eval("1") }; }', 'execute', [{}]), /Code generation from strings disallowed/);
  await assert.rejects(callSkillFunction('function execute() { return { f: () => 1 }; }', 'execute', [{}]), /could not be cloned/);
  await assert.rejects(callSkillFunction('function execute() { while (true) {} }', 'execute', [{}], [], 200), /timed out/);
  assert.deepEqual(await callSkillFunction('async function execute(i) { return { v: i.a * 2 }; }', 'execute', [{ a: 21 }]), { v: 42 });
});
