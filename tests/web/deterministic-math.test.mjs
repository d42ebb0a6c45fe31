// The JavaScript sandbox's Math (web/runtimes/deterministic-math.js over
// runtime-math.wasm, as built into build/web): its error against correctly
// rounded values (tests/data/math/reference.json, from mpmath), and the
// special cases ECMAScript fixes, compared with Node's own Math.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot, webRoot } from './headless-core.mjs';

const { installDeterministicMath, UNARY } = await import(path.join(webRoot, 'runtimes', 'deterministic-math.js'));
const wasm = readFileSync(path.join(webRoot, 'runtimes', 'runtime-math.wasm'));
const reference = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'data', 'math', 'reference.json'), 'utf8')).functions;

const math = {};
const installed = installDeterministicMath(wasm, math);
const BINARY = ['atan2', 'pow', 'hypot'];

// Distance in units in the last place between two finite doubles.
function ulps(a, b) {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const ordered = (x) => (x < 0n ? -(x & 0x7fffffffffffffffn) : x);
  const d = ordered(bits[0]) - ordered(bits[1]);
  return Number(d < 0n ? -d : d);
}

test('every transcendental Math function is replaced, shaped as the built-in', () => {
  assert.deepEqual(installed.sort(), [...UNARY, ...BINARY].sort());
  for (const name of installed) {
    assert.equal(typeof math[name], 'function');
    assert.equal(math[name].name, name);
    assert.equal(math[name].length, Math[name].length, `${name}.length`);
    assert.equal(Object.hasOwn(math[name], 'prototype'), false, `${name} has no prototype, as a built-in`);
    assert.equal(Object.getOwnPropertyDescriptor(math, name).enumerable, false);
  }
});

// musl's libm: within 1 ulp of the correctly rounded result, tanh and acosh
// within 2 (as fdlibm's, which V8 uses).
const BOUND = { tanh: 2, acosh: 2 };
for (const name of [...UNARY, ...BINARY]) {
  test(`Math.${name} is within ${BOUND[name] || 1} ulp of the correctly rounded value`, (t) => {
    const rows = reference[name];
    assert.ok(rows.length >= 100, `${rows.length} reference values`);
    let worst = 0;
    let exact = 0;
    for (const row of rows) {
      const expected = row.at(-1);
      const got = math[name](...row.slice(0, -1));
      const error = ulps(got, expected);
      assert.ok(error <= (BOUND[name] || 1), `${name}(${row.slice(0, -1).join(', ')}) = ${got}, correctly rounded ${expected}`);
      worst = Math.max(worst, error);
      if (error === 0) exact++;
    }
    t.diagnostic(`${exact} of ${rows.length} correctly rounded, worst ${worst} ulp`);
  });
}

// The values ECMAScript defines exactly (NaN, zeros, infinities, ±1 and what
// they give), where every conforming engine agrees: Node's Math is the oracle.
const SPECIAL = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 0.5, -0.5, 2, -2, 5e-324, 1.7976931348623157e308];
test('special values follow ECMAScript, as Node\'s Math does', () => {
  for (const name of UNARY) {
    for (const x of SPECIAL) {
      const expected = Math[name](x);
      if (!Number.isFinite(expected) || expected === 0 || Number.isInteger(expected) || !Number.isFinite(x) || x === 0) {
        assert.ok(Object.is(math[name](x), expected), `Math.${name}(${Object.is(x, -0) ? '-0' : x}) = ${math[name](x)}, expected ${expected}`);
      }
    }
  }
  for (const name of BINARY) {
    for (const x of SPECIAL) {
      for (const y of SPECIAL) {
        const expected = Math[name](x, y);
        if (!Number.isFinite(expected) || expected === 0 || Number.isInteger(expected) || !Number.isFinite(x) || !Number.isFinite(y)) {
          const show = (v) => (Object.is(v, -0) ? '-0' : String(v));
          assert.ok(Object.is(math[name](x, y), expected) || (Number.isFinite(expected) && ulps(math[name](x, y), expected) <= 1),
                    `Math.${name}(${show(x)}, ${show(y)}) = ${show(math[name](x, y))}, expected ${show(expected)}`);
        }
      }
    }
  }
  // Where C and ECMAScript disagree (pow(1, NaN) is 1 in C).
  assert.ok(Number.isNaN(math.pow(1, NaN)));
  assert.ok(Number.isNaN(math.pow(1, Infinity)));
  assert.ok(Number.isNaN(math.pow(-1, -Infinity)));
  assert.equal(math.pow(NaN, 0), 1);
  assert.equal(math.pow(-8, 1 / 3), Math.pow(-8, 1 / 3));  // NaN: a negative base with a fraction
});

test('hypot takes any number of arguments, converted in order, as the built-in', () => {
  assert.ok(Object.is(math.hypot(), 0));
  assert.ok(Object.is(math.hypot(-0), 0));
  assert.equal(math.hypot(-3), 3);
  assert.equal(math.hypot(3, 4), 5);
  assert.equal(math.hypot(3, 4, 0), 5);
  assert.equal(math.hypot(2, 3, 6), 7);
  assert.equal(math.hypot(NaN, Infinity), Infinity);
  assert.equal(math.hypot(1, NaN, -Infinity), Infinity);
  assert.ok(Number.isNaN(math.hypot(1, NaN)));
  assert.equal(math.hypot(1e300, 1e300), Math.hypot(1e300, 1e300));  // no overflow
  const order = [];
  const spy = (label, value) => ({ valueOf() { order.push(label); return value; } });
  assert.equal(math.hypot(spy('a', 3), spy('b', 4), spy('c', 12)), 13);
  assert.deepEqual(order, ['a', 'b', 'c']);
  assert.throws(() => math.sin(1n), TypeError);  // BigInt, as Math.sin(1n)
  assert.equal(math.sin('0'), 0);  // strings convert
});

test('the functions are the module\'s, not the engine\'s', (t) => {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
  let differFromEngine = 0;
  for (const name of [...UNARY, ...BINARY]) {
    for (const row of reference[name]) {
      const args = row.slice(0, -1);
      assert.ok(Object.is(math[name](...args), exports[name](...args)), `${name}(${args})`);
      if (!Object.is(math[name](...args), Math[name](...args))) differFromEngine++;
    }
  }
  t.diagnostic(`${differFromEngine} reference inputs where this engine's Math rounds otherwise`);
});
