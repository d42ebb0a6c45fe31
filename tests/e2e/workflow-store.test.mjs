// web/lib/workflow-store.js in Chromium: the IndexedDB backend (several named
// workflows, versions, conflicts refused, other tabs told over a
// BroadcastChannel, persistent storage asked for), and hosted mode against
// `llmos serve --demo` (the store on the server, the team's and user's
// skills in the palette).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, startServer } from './harness.mjs';

const HOSTED_PORT = 8105;  // shell's port (team.md)
let server;
let browser;

before(async () => {
  ({ server, browser } = await openWorkbench());
});

after(() => closeWorkbench({ server, browser }));

const ready = (page) => page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });

test('IndexedDB: named workflows saved, listed, loaded, renamed and removed; stale saves refused', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await ready(page);
  const result = await page.evaluate(async () => {
    const { openWorkflowStore } = await import('/lib/workflow-store.js');
    const store = await openWorkflowStore({ kind: 'indexeddb', database: 'llmos-workflows-test-1' });
    const workflow = { nodes: [{ nodeId: 'a', skillId: 'math-expression-node', ui: { position: [10, 20] } }], edges: [],
                       ui: { viewport: { x: 5, y: 6, zoom: 1.5 } } };
    const out = { kind: store.kind, persisted: typeof store.persisted };
    out.first = await store.save('one', workflow, { baseVersion: null });
    out.second = await store.save('two', { nodes: [], edges: [] });
    out.list = await store.list();
    out.loaded = await store.load('one');
    out.stale = await store.save('one', workflow, { baseVersion: 0 }).then(() => 'saved', (error) => error.code);
    out.fresh = await store.save('one', workflow, { baseVersion: 1 });
    out.newOverExisting = await store.save('two', workflow, { baseVersion: null }).then(() => 'saved', (error) => error.code);
    await store.rename('one', 'uno');
    out.afterRename = (await store.list()).map((item) => item.name);
    out.renameOnto = await store.rename('uno', 'two').then(() => 'renamed', (error) => error.code);
    out.badName = await store.save('../x', workflow).then(() => 'saved', (error) => error.code);
    await store.remove('two');
    out.afterRemove = (await store.list()).map((item) => item.name);
    out.missing = await store.load('two');
    await store.saveUserSkill('my-skill', '---\nskill_id: my-skill\n---\n');
    out.skills = await store.listUserSkills();
    store.close();
    return out;
  });
  assert.equal(result.kind, 'indexeddb');
  assert.equal(result.persisted, 'boolean', 'navigator.storage.persist() was asked');
  assert.deepEqual(result.first, { name: 'one', version: 1 });
  assert.deepEqual(result.list.map((item) => [item.name, item.nodes, item.version]), [['one', 1, 1], ['two', 0, 1]]);
  assert.deepEqual(result.loaded.workflow.ui.viewport, { x: 5, y: 6, zoom: 1.5 });
  assert.equal(result.stale, 'conflict');
  assert.equal(result.fresh.version, 2);
  assert.equal(result.newOverExisting, 'conflict', 'a new workflow never replaces an existing one of the same name');
  assert.deepEqual(result.afterRename, ['two', 'uno']);
  assert.equal(result.renameOnto, 'exists');
  assert.equal(result.badName, 'bad_name');
  assert.deepEqual(result.afterRemove, ['uno']);
  assert.equal(result.missing, null);
  assert.deepEqual(result.skills.map((skill) => [skill.id, skill.volume]), [['my-skill', 'user']]);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('IndexedDB: another tab hears of each save at once', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const [first, second] = [await context.newPage(), await context.newPage()];
  for (const page of [first, second]) {
    await page.goto(server.url);
    await ready(page);
    await page.evaluate(async () => {
      const { openWorkflowStore } = await import('/lib/workflow-store.js');
      window.testStore = await openWorkflowStore({ kind: 'indexeddb', database: 'llmos-workflows-test-2' });
      window.heard = [];
      window.testStore.onChange((change) => window.heard.push(change));
    });
  }
  const saved = await first.evaluate(() => window.testStore.save('shared', { nodes: [], edges: [] }, { baseVersion: null }));
  await second.waitForFunction(() => window.heard.length > 0, null, { timeout: 5000 });
  const heard = await second.evaluate(() => window.heard);
  assert.deepEqual(heard.map(({ type, name, version }) => ({ type, name, version })),
    [{ type: 'saved', name: 'shared', version: saved.version }]);
  assert.deepEqual(await first.evaluate(() => window.heard), [], 'a tab does not hear its own saves');
  // The second tab's save based on what it had (nothing) is refused.
  const refused = await second.evaluate(() => window.testStore.save('shared', { nodes: [], edges: [] }, { baseVersion: null })
    .then(() => 'saved', (error) => error.code));
  assert.equal(refused, 'conflict');
  await context.close();
});

test('hosted: the page finds `llmos serve`, keeps workflows on the server as ?user and loads the team\'s skills', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-hosted-'));
  const hosted = await startServer({ port: HOSTED_PORT, extraArgs: ['--demo', '--data', dataDir] });
  try {
    const { page, problems } = await openPage(browser, `${hosted.url}?user=alice&team=engineering`);
    await ready(page);
    const seen = await page.evaluate(async () => {
      const { store } = window.llmos;
      const skills = await window.llmos.listSkills();
      const byId = Object.fromEntries(skills.map((skill) => [skill.skill_id, skill]));
      const listed = await store.list();
      await store.save('from-the-page', { nodes: [{ nodeId: 'r', skillId: 'rc-tolerance-node', ui: { position: [1, 2] } }], edges: [] });
      return { kind: store.kind, user: store.user, team: store.team, team_skill: byId['rc-tolerance-node']?.name,
               user_skill: byId['energy-report-node']?.name, saved: listed.map((item) => item.name) };
    });
    assert.equal(seen.kind, 'server');
    assert.deepEqual([seen.user, seen.team], ['alice', 'engineering']);
    assert.ok(seen.team_skill, 'the team skill from the server is in the page\'s library');
    assert.ok(seen.user_skill, 'the user skill from the server is in the page\'s library');
    assert.ok(seen.saved.length >= 1, `alice's demo workflows are listed: ${seen.saved}`);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, 'users', 'alice', 'workflows', 'from-the-page.json'), 'utf8'));
    assert.equal(onDisk.nodes[0].skillId, 'rc-tolerance-node');
    assert.deepEqual(problems, []);
    await page.context().close();

    // The same page without ?user is the default user, who sees none of alice's.
    const { page: other } = await openPage(browser, hosted.url);
    await ready(other);
    const localList = await other.evaluate(async () => (await window.llmos.store.list()).map((item) => item.name));
    assert.equal(localList.includes('from-the-page'), false);
    await other.context().close();
  } finally {
    hosted.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
