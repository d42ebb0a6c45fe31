// web/lib/workflow-store.js: hosted detection, the user and team from the
// URL, and the server backend against the real `llmos serve --demo`
// (the IndexedDB backend is tested in Chromium: tests/e2e/workflow-files.test.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../server/server-harness.mjs';
import { checkName, detectHosted, identityFromUrl, nameFrom, openWorkflowStore } from '../../web/lib/workflow-store.js';

let server;
before(async () => (server = await startServer({ demo: true })));
after(async () => server?.stop());

const rcChart = JSON.parse(fs.readFileSync(new URL('../../skills/examples/rc-chart.json', import.meta.url), 'utf8'));

test('the user and team come from the URL, default local', () => {
  assert.deepEqual(identityFromUrl('http://x/?user=alice&team=engineering'), { user: 'alice', team: 'engineering' });
  assert.deepEqual(identityFromUrl('http://x/'), { user: 'local', team: 'local' });
});

test('names: the server\'s id alphabet, and names made from free text', () => {
  assert.equal(checkName('rc-study_2'), 'rc-study_2');
  for (const bad of ['', '../x', 'a/b', '-x', 'with space', 'x'.repeat(129), '%2e%2e']) {
    assert.throws(() => checkName(bad), { code: 'bad_name' }, bad);
  }
  assert.equal(nameFrom('My RC study.json'), 'My-RC-study-json');
  assert.equal(nameFrom('  ../../etc/passwd '), 'etc-passwd');
  assert.equal(nameFrom('***'), 'workflow');
});

test('hosted detection: /health answers JSON on llmos serve; a static server or no server is not hosted', async () => {
  assert.equal(await detectHosted(`${server.base}/index.html`), true);
  const notFound = async () => new Response('<h1>404</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
  assert.equal(await detectHosted('http://static.invalid/', notFound), false);
  const html = async () => new Response('<html></html>', { status: 200, headers: { 'content-type': 'text/html' } });
  assert.equal(await detectHosted('http://static.invalid/', html), false);
  const offline = async () => { throw new TypeError('Failed to fetch'); };
  assert.equal(await detectHosted('http://static.invalid/', offline), false);
});

test('server backend: save, list, load, rename, remove as alice, kept in her volume with history', async () => {
  const store = await openWorkflowStore({ url: `${server.base}/?user=alice&team=engineering` });
  assert.equal(store.kind, 'server');
  assert.equal(store.user, 'alice');
  const first = await store.save('rc-study', rcChart);
  assert.match(first.version, /^[0-9a-f]{7,40}$/, 'the version is the commit id');
  const listed = await store.list();
  const entry = listed.find((item) => item.name === 'rc-study');
  assert.deepEqual(entry, { name: 'rc-study', nodes: rcChart.nodes.length, edges: rcChart.edges.length });
  const loaded = await store.load('rc-study');
  assert.equal(loaded.version, first.version);
  assert.deepEqual(loaded.workflow.nodes.map((n) => [n.nodeId, n.ui.position]), rcChart.nodes.map((n) => [n.nodeId, n.ui.position]));
  assert.ok(fs.existsSync(path.join(server.dataDir, 'users', 'alice', 'workflows', 'rc-study.json')));

  // A second save based on the loaded version is accepted; a save based on
  // an older version is refused, never silently overwriting.
  const changed = structuredClone(rcChart);
  changed.nodes[0].inputValues = { ...changed.nodes[0].inputValues, resistance: 4700 };
  const second = await store.save('rc-study', changed, { baseVersion: first.version });
  assert.notEqual(second.version, first.version);
  await assert.rejects(store.save('rc-study', rcChart, { baseVersion: first.version }), { code: 'conflict' });
  assert.equal((await store.load('rc-study')).workflow.nodes[0].inputValues.resistance, 4700);

  await store.rename('rc-study', 'rc-final');
  assert.equal(await store.load('rc-study'), null);
  assert.equal((await store.load('rc-final')).workflow.nodes[0].inputValues.resistance, 4700);
  await store.save('other', rcChart);
  await assert.rejects(store.rename('other', 'rc-final'), { code: 'exists' }, 'renaming onto another workflow is refused');
  await store.remove('rc-final');
  await store.remove('other');
  assert.deepEqual((await store.list()).filter((item) => item.name.startsWith('rc-') || item.name === 'other'), []);
});

test('server backend: another user never sees alice\'s workflows', async () => {
  const alice = await openWorkflowStore({ url: `${server.base}/?user=alice&team=engineering` });
  await alice.save('private-one', rcChart);
  const bob = await openWorkflowStore({ url: `${server.base}/?user=bob&team=engineering` });
  assert.equal((await bob.list()).some((item) => item.name === 'private-one'), false);
  assert.equal(await bob.load('private-one'), null);
  await alice.remove('private-one');
});

test('server backend: user skills are saved to the server and listed with the team\'s', async () => {
  const store = await openWorkflowStore({ url: `${server.base}/?user=alice&team=engineering` });
  const own = await store.listUserSkills();
  const byId = Object.fromEntries(own.map((skill) => [skill.id, skill]));
  assert.equal(byId['rc-tolerance-node'].volume, 'team', 'the demo team skill');
  assert.equal(byId['energy-report-node'].volume, 'user', 'the demo user skill');
  assert.match(byId['energy-report-node'].markdown, /^---\nskill_id: energy-report-node/);

  const markdown = byId['energy-report-node'].markdown.replace('skill_id: energy-report-node', 'skill_id: energy-report-copy');
  const created = await store.saveUserSkill('energy-report-copy', markdown);
  assert.equal(created.created, true);
  const again = await store.saveUserSkill('energy-report-copy', markdown.replace(/^name: .*$/m, 'name: Energy report (mine)'));
  assert.equal(again.created, false, 'the second save replaces the user\'s skill');
  const listed = Object.fromEntries((await store.listUserSkills()).map((skill) => [skill.id, skill]));
  assert.match(listed['energy-report-copy'].markdown, /name: Energy report \(mine\)/);
  assert.ok(fs.existsSync(path.join(server.dataDir, 'users', 'alice', 'skills', 'energy-report-copy.md')));
  const bad = await store.saveUserSkill('broken', '---\nskill_id: broken\n---\n').catch((error) => error);
  assert.equal(bad.status, 400, 'a skill the parser refuses is not saved');
});
