// The result store (web/lib/result-store.js) without IndexedDB, as in Node:
// the budget and the least-recently-used order. The IndexedDB side (reloads,
// v1 records) is tested in Chromium by tests/e2e/execute.test.mjs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './headless-core.mjs';

const { openResultStore, DEFAULT_BUDGET } = await import(path.join(repoRoot, 'web', 'lib', 'result-store.js'));

test('least recently used results go first when the budget is exceeded', async () => {
  const store = await openResultStore({ budget: 10 });
  assert.equal(store.persistent, false);
  store.put('a', 'aaaa');
  store.put('b', 'bbbb');
  assert.equal(store.characters(), 8);
  assert.equal(store.get('a'), 'aaaa');  // a is now more recent than b
  assert.deepEqual(store.keys(), ['b', 'a']);
  store.put('c', 'cccc');
  assert.deepEqual(store.keys(), ['a', 'c']);
  assert.equal(store.get('b'), undefined);
  assert.equal(store.characters(), 8);
  assert.equal(store.evictions(), 1);
});

test('replacing a result counts its new size; a result larger than the budget is not kept', async () => {
  const store = await openResultStore({ budget: 10 });
  store.put('a', 'aaaa');
  store.put('a', 'aaaaaaaa');
  assert.equal(store.characters(), 8);
  assert.equal(store.size(), 1);
  store.put('a', 'x'.repeat(11));
  assert.equal(store.has('a'), false);
  assert.equal(store.characters(), 0);
  store.put('b', 'bb');
  await store.clear();
  assert.equal(store.size(), 0);
  assert.equal(store.characters(), 0);
});

test('the default budget is 64 MiB of JSON text', async () => {
  const store = await openResultStore();
  assert.equal(store.budget, DEFAULT_BUDGET);
  assert.equal(DEFAULT_BUDGET, 64 * 1024 * 1024);
});
