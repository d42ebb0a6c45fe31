// Sharing in Chromium, from a plain static server (no API): a share link
// made on one page opens in a fresh browser (no storage) with the workflow
// and the user skill it uses, and runs; a damaged link is reported, not
// half-loaded; File > Save bundle downloads a zip that, unzipped and served
// by `python3 -m http.server`, starts with the user's skill and workflows,
// runs them and an example, and after one visit runs them with the network off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openBrowser, repoRoot, screenshot, startStaticServer } from './harness.mjs';

const webRoot = process.env.LLMOS_WEB || path.join(repoRoot, 'build', 'web');
const userSkill = readFileSync(path.join(repoRoot, 'tests/data/share/my-scale-node.md'), 'utf8');
const example = JSON.parse(readFileSync(path.join(repoRoot, 'skills/examples/csv-to-chart.json'), 'utf8'));
// The csv-to-chart example plus a node of the user's own skill.
const workflow = {
  ...example,
  name: 'Chart and scale',
  nodes: [...example.nodes, { nodeId: 'scale', skillId: 'my-scale-node', inputValues: { x: 7 }, ui: { position: [80, 400] } }],
};

let temp;
let browser;
const servers = [];
const problems = [];

// A static server stopped after the suite -> its URL.
async function serveStatic(directory) {
  const server = await startStaticServer(directory);
  servers.push(server);
  return server.url;
}

// A fresh browser context (no storage, no service worker) with its requests recorded.
async function freshPage(name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`${name} console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`${name} pageerror: ${error.message}`));
  return { context, page, requests };
}

const started = (page) => page.waitForFunction(() => window.llmos && window.llmos.core && 'shared' in window.llmos, null, { timeout: 60000 });

// A workflow store as contract 8 describes it, in the page's memory.
const installMemoryStore = (page, skills, workflows) => page.evaluate(([skillList, saved]) => {
  const store = new Map(Object.entries(saved));
  window.llmos.store = {
    kind: 'memory',
    list: async () => [...store.keys()].map((name) => ({ name })),
    load: async (name) => store.get(name),
    save: async (name, json) => store.set(name, json),
    listUserSkills: async () => skillList,
    saveUserSkill: async () => {},
  };
}, [skills, workflows]);

async function run(page, document) {
  return page.evaluate(async (flow) => {
    const results = await window.llmos.executeWorkflow(flow, null, null, { use_cache: false });
    return Object.fromEntries(Object.entries(results).map(([id, r]) => [id, { state: r.state, error: r.error, outputs: r.outputs }]));
  }, document);
}

function assertRanEverything(results, nodes) {
  for (const id of nodes) assert.equal(results[id]?.state, 'done', `${id}: ${JSON.stringify(results[id]?.error)}`);
  assert.equal(results.scale.outputs.y, 21, 'the user skill ran: 7 * 3');
  assert.equal(results.peak_voltage.outputs.result, 4.97);
}

before(async () => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'llmos-share-'));
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('share link', () => {
  let link;

  test('a page makes the link from the workflow and the user skill it uses', async () => {
    const origin = await serveStatic(webRoot);
    const { page, context } = await freshPage('maker');
    await page.goto(`${origin}?user=alice`);
    await started(page);
    await installMemoryStore(page, [{ id: 'my-scale-node', markdown: userSkill }, { id: 'unused-node', markdown: 'x' }], {});
    const made = await page.evaluate((flow) => window.llmos.share.copyLink(JSON.stringify(flow), 'Chart and scale'), workflow);
    assert.deepEqual(made.skills, ['my-scale-node']);
    assert.ok(made.link.startsWith(`${origin}?user=alice#share=`), made.link.slice(0, 80));
    assert.ok(made.length < 4000, `a link of ${made.length} characters`);
    link = made.link;
    await context.close();
  });

  test('a fresh browser opens it with no server API: skill in the library, workflow valid, and it runs', async () => {
    const { page, context, requests } = await freshPage('opener');
    await page.goto(link);
    await started(page);
    const shared = await page.evaluate(() => window.llmos.shared);
    assert.equal(shared.name, 'Chart and scale');
    assert.deepEqual(shared.skills, ['my-scale-node']);
    assert.equal(shared.valid, true, JSON.stringify(shared.diagnostics));
    assert.deepEqual(shared.workflow, workflow);
    const skill = await page.evaluate(() => window.llmos.core.showSkill('my-scale-node'));
    assert.equal(skill.ok, true);
    assert.equal(shared.loaded, true, 'the editor took the shared graph');
    const nodes = await page.evaluate(() => window.llmos.debug.state().nodes.map((n) => n.nodeId).sort());
    assert.deepEqual(nodes, workflow.nodes.map((n) => n.nodeId).sort());
    assertRanEverything(await run(page, shared.workflow), workflow.nodes.map((n) => n.nodeId));
    const origin = new URL(link).origin;
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)), []);
    assert.deepEqual(requests.filter((url) => /\/workflows\//.test(url)), [], 'no API request');
    await screenshot(page, 'share-link-opened');
    await context.close();
  });

  test('a damaged link is reported with its code and loads nothing', async () => {
    const { page, context } = await freshPage('damaged');
    await page.goto(link.slice(0, link.length - 30));
    await started(page);
    const shared = await page.evaluate(() => window.llmos.shared);
    assert.equal(shared.error.code, 'share.compression');
    assert.match(shared.error.message, /damaged/);
    assert.equal(await page.evaluate(() => window.llmos.core.showSkill('my-scale-node').ok), false);
    await context.close();
  });
});

describe('File > Save bundle', () => {
  let unzipped;
  let origin;

  test('downloads a zip of the app with the user\'s workflows and skills, which unzip reads', async () => {
    const served = await serveStatic(webRoot);
    const { page, context } = await freshPage('saver');
    await page.goto(served);
    await started(page);
    await installMemoryStore(page, [{ id: 'my-scale-node', markdown: userSkill }], { 'Chart and scale': workflow });
    const [download, result] = await Promise.all([
      page.waitForEvent('download', { timeout: 120000 }),
      page.evaluate(() => window.llmos.share.saveBundle()),
    ]);
    assert.equal(download.suggestedFilename(), 'llmos-workbench.zip');
    const zip = path.join(temp, 'llmos-workbench.zip');
    await download.saveAs(zip);
    assert.deepEqual([result.workflows, result.skills], [1, 1]);
    const manifest = JSON.parse(readFileSync(path.join(webRoot, 'bundle.json'), 'utf8'));
    assert.ok(result.files >= manifest.files.length + 4, `${result.files} files`);
    const check = spawnSync('unzip', ['-tq', zip], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    unzipped = path.join(temp, 'unzipped');
    assert.equal(spawnSync('unzip', ['-q', zip, '-d', unzipped]).status, 0);
    await context.close();
  });

  test('someone else serves the unzipped folder: the user skill and workflow are there and run, and an example too', async () => {
    origin = await serveStatic(path.join(unzipped, 'llmos-workbench'));
    const { page, context } = await freshPage('recipient');
    await page.goto(origin);
    await started(page);
    const data = await page.evaluate(() => window.llmos.bundledUserData);
    assert.deepEqual(data.skills, ['my-scale-node']);
    assert.deepEqual(data.workflows.map((w) => w.name), ['Chart and scale']);
    assertRanEverything(await run(page, data.workflows[0].workflow), workflow.nodes.map((n) => n.nodeId));
    const exampleResults = await run(page, example);
    assert.equal(exampleResults.peak_voltage.outputs.result, 4.97);
    // After one visit the service worker holds this copy: offline it runs again.
    await page.waitForFunction(() => window.llmos.offline.cachedVersion && window.llmos.offline.cachedVersion === window.llmos.offline.version,
                               null, { timeout: 180000 });
    await context.setOffline(true);
    await page.reload();
    await started(page);
    await page.waitForFunction(() => window.llmos.offline?.version, null, { timeout: 60000 });
    assert.equal(await page.evaluate(() => window.llmos.offline.fromCache), true);
    const again = await page.evaluate(() => window.llmos.bundledUserData);
    assert.deepEqual(again.skills, ['my-scale-node']);
    assertRanEverything(await run(page, again.workflows[0].workflow), workflow.nodes.map((n) => n.nodeId));
    await context.setOffline(false);
    await context.close();
  });

  test('no page logged an error', () => {
    assert.deepEqual(problems, []);
  });
});
