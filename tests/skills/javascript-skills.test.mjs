// javascript skills, run by the product (the core reads them, the ses
// sandbox worker runs them): values checked by hand, SVG checked by structure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSkillHost } from '../support/skill-host.mjs';

let skills;
before(async () => { skills = await startSkillHost(); });
after(() => skills?.shutdown());

const run = (id, inputs) => skills.run(id, inputs);
const expr = (expression, variables = {}) => run('math-expression-node', { expression, variables, samples: 2 });

test('math expression: precedence, associativity, functions and constants', async () => {
  const cases = [
    ['1 + 2 * 3', 7], ['(1 + 2) * 3', 9], ['2 ^ 3 ^ 2', 512], ['-2 ^ 2', -4], ['2 ^ -1', 0.5],
    ['10 / 4 / 5', 0.5], ['8 - 3 - 2', 3], ['sqrt(16) + abs(-3)', 7], ['exp(log(5))', 5],
    ['sin(pi / 2)', 1], ['cos(0) * e', Math.E], ['max(1, 7, 3) - min(4, 2)', 5], ['1.5e3 + .5', 1500.5],
    ['atan2(1, 1) * 4', Math.PI], ['+3', 3],
  ];
  for (const [src, want] of cases) {
    const { value } = await expr(src);
    assert.ok(Math.abs(value - want) < 1e-12, `${src} = ${value}, want ${want}`);
  }
  assert.equal((await expr('a * x + b', { a: 2, b: 1, x: 5 })).value, 11);
});

test('math expression: series over the range', async () => {
  const { series, value } = await run('math-expression-node', { expression: 'x^2', x_min: -1, x_max: 1, samples: 5 });
  assert.deepEqual(series.x, [-1, -0.5, 0, 0.5, 1]);
  assert.deepEqual(series.y, [1, 0.25, 0, 0.25, 1]);
  assert.equal(value, 1);
});

test('math expression: errors name the problem and the column', async () => {
  await assert.rejects(expr('2 * (3 + 4'), /expected '\)' at column 11/);
  await assert.rejects(expr('foo(2)'), /unknown function 'foo' at column 1/);
  await assert.rejects(expr('y + 1'), /unknown variable 'y' at column 1/);
  await assert.rejects(expr('2 $ 3'), /unexpected character '\$' at column 3/);
  await assert.rejects(expr('constructor'), /unknown variable 'constructor'/);
  await assert.rejects(expr('1 / x', { x: 0 }), /not finite at x = 0/);
});

test('JSON transform: paths, wildcards, projection and reductions', async () => {
  const data = { items: [{ name: 'a', price: 2, tags: ['x'] }, { name: 'b', price: 3 }, { name: 'c', price: 5, tags: ['y', 'z'] }], meta: { 'a.b': 1 } };
  const jt = (inputs) => run('json-transform-node', { data, ...inputs });
  assert.deepEqual(await jt({ path: 'items[*].price' }), { result: [2, 3, 5], count: 3 });
  assert.deepEqual(await jt({ path: 'items[-1].name' }), { result: 'c', count: 1 });
  assert.deepEqual(await jt({ path: 'items[*].tags[*]' }), { result: ['x', 'y', 'z'], count: 3 });
  assert.deepEqual(await jt({ path: 'meta["a.b"]' }), { result: 1, count: 1 });
  assert.deepEqual((await jt({ path: 'items.*', fields: 'label:name' })).result, [{ label: 'a' }, { label: 'b' }, { label: 'c' }]);
  assert.equal((await jt({ path: 'items[*].price', reduce: 'mean' })).result, 10 / 3);
  assert.equal((await jt({ path: 'items', reduce: 'sum', reduce_key: 'price' })).result, 10);
  assert.deepEqual((await jt({ path: 'items', reduce: 'sort', reduce_key: 'price', fields: 'price' })).result, [{ price: 2 }, { price: 3 }, { price: 5 }]);
  assert.deepEqual(await jt({ path: '' }), { result: data, count: 1 });
  await assert.rejects(jt({ path: 'items[0].nope' }), /matched nothing/);
});

test('unit converter: exact factors, affine temperatures, dimension mismatch', async () => {
  const uc = (value, from_unit, to_unit) => run('unit-converter-node', { value, from_unit, to_unit });
  assert.equal((await uc(1, 'in', 'cm')).result, 2.54);
  assert.ok(Math.abs((await uc(100, 'degC', 'degF')).result - 212) < 1e-9);
  assert.ok(Math.abs((await uc(-40, 'degF', 'degC')).result + 40) < 1e-9);
  assert.ok(Math.abs((await uc(0, 'degC', 'K')).result - 273.15) < 1e-9);
  assert.ok(Math.abs((await uc(1, 'kWh', 'MJ')).result - 3.6) < 1e-12);
  assert.ok(Math.abs((await uc(1, 'atm', 'psi')).result - 14.6959488) < 1e-6);
  const mi = await uc(26.2, 'mi', 'km');
  assert.equal(mi.dimension, 'length');
  assert.equal(mi.formula, '26.2 mi = 42.1648128 km');
  await assert.rejects(uc(1, 'kg', 'm'), /cannot convert mass \(kg\) to length \(m\)/);
  await assert.rejects(uc(1, 'furlong', 'm'), /unknown unit 'furlong'/);
});

test('CSV table: quoting, typing, numeric columns and series', async () => {
  const csv = 'x;y;note\n1;2.5;"a; b"\n2;;"say ""hi"""\n3;7.5;true\n';
  const out = await run('csv-table-node', { csv, delimiter: 'semicolon' });
  assert.deepEqual(out.columns, ['x', 'y', 'note']);
  assert.equal(out.row_count, 3);
  assert.deepEqual(out.rows[0], { x: 1, y: 2.5, note: 'a; b' });
  assert.deepEqual(out.rows[1], { x: 2, y: null, note: 'say "hi"' });
  assert.equal(out.rows[2].note, true);
  assert.deepEqual([out.series.x, out.series.y], [[1, 3], [2.5, 7.5]]);
  await assert.rejects(run('csv-table-node', { csv, delimiter: 'semicolon', y_column: 'note' }), /not numeric/);
});

test('D3 chart: complete SVG with a data path and labelled ticks', async () => {
  const data = { x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], y: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100], x_label: 'time (s)', y_label: 'v & i', label: 'square' };
  const { svg, point_count } = await run('d3-chart-node', { data, width: 500, height: 300 });
  assert.equal(point_count, 11);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="500" height="300" viewBox="0 0 500 300"/);
  assert.ok(svg.endsWith('</svg>'));
  const path = /<path class="data" d="(M[^"]+)"/.exec(svg);
  assert.ok(path, 'data path with d="M..."');
  assert.equal((path[1].match(/[ML]/g) || []).length, 11, 'one path command per point');
  // d3's linear ticks for 0..10 and 0..100 with ~6 ticks: steps of 2 and 20.
  const xTicks = [...svg.matchAll(/<g class="tick" transform="translate\([\d.]+,0\)"><line y2="6".*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  const yTicks = [...svg.matchAll(/<g class="tick" transform="translate\(0,[\d.]+\)"><line x2="-6".*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(xTicks, ['0', '2', '4', '6', '8', '10']);
  assert.deepEqual(yTicks, ['0', '20', '40', '60', '80', '100']);
  assert.match(svg, />time \(s\)</);
  assert.match(svg, />v &amp; i</, 'labels are escaped');
  // Tag balance: a cheap well-formedness check without an XML parser.
  const opens = (svg.match(/<g[\s>]/g) || []).length;
  assert.equal(opens, (svg.match(/<\/g>/g) || []).length);
});

test('D3 chart: log x axis from a Bode series, scatter and area variants', async () => {
  const f = [10, 100, 1000, 10000, 100000];
  const log = await run('d3-chart-node', { data: { x: f, y: [0, -0.1, -3, -20, -40], x_scale: 'log' } });
  for (const label of ['10', '100', '1k', '10k', '100k']) assert.match(log.svg, new RegExp(`>${label}</text>`));
  const scatter = await run('d3-chart-node', { data: [3, 1, 2], chart_type: 'scatter' });
  assert.equal((scatter.svg.match(/<circle class="data"/g) || []).length, 3);
  const area = await run('d3-chart-node', { data: [{ x: 0, y: 1 }, { x: 1, y: 2 }], chart_type: 'area' });
  assert.match(area.svg, /<path class="data" d="M[^"]+Z"/);
});
