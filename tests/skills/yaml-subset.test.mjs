// The front-matter reader: what it accepts and, as importantly, what it rejects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlSubset, resolvePlainScalar } from './yaml-subset.mjs';

test('scalars resolve like the YAML 1.2 core schema', () => {
  assert.equal(resolvePlainScalar('42'), 42);
  assert.equal(resolvePlainScalar('1.0e-6'), 1e-6);
  assert.equal(resolvePlainScalar('-3.5'), -3.5);
  assert.equal(resolvePlainScalar('true'), true);
  assert.equal(resolvePlainScalar('null'), null);
  assert.equal(resolvePlainScalar('1.0.0'), '1.0.0');
  assert.equal(resolvePlainScalar('ohm'), 'ohm');
});

test('block maps, block lists of flow maps and flow sequences', () => {
  const doc = parseYamlSubset([
    'skill_id: demo-node   # trailing comment',
    'keywords: [a, b c, "d, e"]',
    'inputs:',
    '  - {name: color, type: color, default: "#ff8800", description: a colour}',
    '  - {name: n, type: int, default: 3}',
    'outputs:',
    '- name: out',
    '  type: series',
    'permissions:',
    '  network: []',
  ].join('\n'));
  assert.deepEqual(doc, {
    skill_id: 'demo-node',
    keywords: ['a', 'b c', 'd, e'],
    inputs: [
      { name: 'color', type: 'color', default: '#ff8800', description: 'a colour' },
      { name: 'n', type: 'int', default: 3 },
    ],
    outputs: [{ name: 'out', type: 'series' }],
    permissions: { network: [] },
  });
});

test('an unquoted # colour is a comment, as in YAML', () => {
  assert.deepEqual(parseYamlSubset('color: #ff8800'), { color: null });
});

test('double-quoted escapes and single-quoted doubling', () => {
  assert.deepEqual(parseYamlSubset(`a: "x\\ny\\"z"\nb: 'it''s'`), { a: 'x\ny"z', b: "it's" });
});

test('rejects what the subset does not support, with a line number', () => {
  assert.throws(() => parseYamlSubset('a: &anchor 1'), /line 1: unsupported YAML feature '&'/);
  assert.throws(() => parseYamlSubset('a: |\n  text'), /unsupported YAML feature '\|'/);
  assert.throws(() => parseYamlSubset('a: 1\na: 2'), /line 2: duplicate key 'a'/);
  assert.throws(() => parseYamlSubset('x: {name: a, description: one, two}'), /expected ":" in flow map/);
});
