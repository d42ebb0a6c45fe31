// The open workflow across reloads, files and tabs (issue 19 "Files"):
// autosave restores the graph and its viewport exactly; export and import
// round-trip to an equal graph the CLI validates; a .json dropped on the
// canvas opens; two tabs on one workflow never overwrite each other
// silently; hosted, the workflow lives on the server under ?user.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, repoRoot, startServer, waitForFrames } from './harness.mjs';

const HOSTED_PORT = 8105;  // shell's port (team.md)
const llmos = process.env.LLMOS_BIN || path.join(repoRoot, 'build', 'native', 'bin', 'llmos');
let server;
let browser;

before(async () => {
  ({ server, browser } = await openWorkbench());
  // The page is hosted by llmos serve; ?store=browser keeps these tests' workflows in IndexedDB.
  server.page = `${server.url}?store=browser`;
});

after(() => closeWorkbench({ server, browser }));

const ready = async (page) => {
  await page.waitForFunction(() => window.llmos?.files?.name, null, { timeout: 30000 });
  await waitForFrames(page, 3);
};
// The graph as the editor holds it, in a comparable form.
const graphOf = (page) => page.evaluate(() => {
  const state = window.llmos.debug.state();
  return {
    nodes: state.nodes.map(({ nodeId, skillId, x, y, inputValues }) => ({ nodeId, skillId, x, y, inputValues }))
      .sort((a, b) => a.nodeId.localeCompare(b.nodeId)),
    links: state.links.map(({ source, sourceOutput, target, targetInput }) => ({ source, sourceOutput, target, targetInput }))
      .sort((a, b) => `${a.target}.${a.targetInput}`.localeCompare(`${b.target}.${b.targetInput}`)),
    viewport: state.viewport,
  };
});
// A real edit of what is saved: zoom the canvas with the wheel (the viewport is part of the file).
async function zoomCanvas(page, clicks = -3) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width * 0.65, height * 0.5);
  for (let i = 0; i < Math.abs(clicks); i++) {
    await page.mouse.wheel(0, Math.sign(clicks) * 100);
    await waitForFrames(page, 2);
  }
}

test('reload restores the same graph and viewport', async () => {
  const { page, problems } = await openPage(browser, server.page);
  await ready(page);
  const name = await page.evaluate(() => window.llmos.files.openExample('examples/rc-chart.json'));
  assert.equal(name, 'rc-chart');
  await waitForFrames(page, 3);
  const before = await graphOf(page);
  assert.ok(before.nodes.length >= 2 && before.links.length >= 1, JSON.stringify(before));
  await zoomCanvas(page);
  const edited = await graphOf(page);
  assert.notDeepEqual(edited.viewport, before.viewport, 'the wheel zoomed the canvas');
  await page.evaluate(() => window.llmos.files.flush());
  // The page preloads Pyodide after its first frame; a reload before it is in
  // would abort those requests (the reload's doing, not a page problem).
  await page.evaluate(() => window.llmos.preloadPyodide());

  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => window.llmos.files.name), 'rc-chart');
  const restored = await graphOf(page);
  assert.deepEqual(restored.nodes, edited.nodes);
  assert.deepEqual(restored.links, edited.links);
  for (const key of ['x', 'y', 'zoom']) {
    assert.ok(Math.abs(restored.viewport[key] - edited.viewport[key]) < 1e-3, `viewport.${key}: ${JSON.stringify([restored.viewport, edited.viewport])}`);
  }
  const saved = await page.evaluate(() => window.llmos.files.list());
  assert.ok(saved.some((item) => item.name === 'rc-chart'));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('export then import gives an equal graph that `llmos workflow validate` accepts; a dropped .json opens', async () => {
  const { page, problems } = await openPage(browser, server.page, { width: 1400, height: 900, deviceScaleFactor: 2 });
  await ready(page);
  await page.evaluate(() => window.llmos.files.openExample('examples/expression-plot.json'));
  await waitForFrames(page, 3);
  const original = await graphOf(page);
  const [download, text] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.llmos.files.exportJson())]);
  assert.equal(download.suggestedFilename(), 'expression-plot.json');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-export-')), 'expression-plot.json');
  await download.saveAs(file);
  assert.equal(fs.readFileSync(file, 'utf8'), text);
  const exported = JSON.parse(text);
  assert.ok(exported.version >= 2, 'the file carries its format version');

  const validated = spawnSync(llmos, ['workflow', 'validate', file], { encoding: 'utf8' });
  assert.equal(validated.status, 0, `llmos workflow validate: ${validated.stdout}${validated.stderr}`);
  const inPage = await page.evaluate((workflow) => window.llmos.validateWorkflow(workflow), exported);
  assert.equal(inPage.ok, true, JSON.stringify(inPage.diagnostics));

  const imported = await page.evaluate((body) => window.llmos.files.importText(body, 'round-trip.json'), text);
  assert.equal(imported, 'round-trip');
  await waitForFrames(page, 3);
  const reimported = await graphOf(page);
  assert.deepEqual(reimported.nodes, original.nodes);
  assert.deepEqual(reimported.links, original.links);

  // Dropping the file on the canvas imports it under its file name.
  await page.evaluate((body) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([body], 'dropped flow.json', { type: 'application/json' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction(() => window.llmos.files.name === 'dropped-flow', null, { timeout: 5000 });
  assert.deepEqual((await graphOf(page)).nodes, original.nodes);

  // Not a workflow: refused with a notice, nothing replaced.
  const refused = await page.evaluate(() => window.llmos.files.importText('{"not": "a workflow"}', 'bad.json'));
  assert.equal(refused, false);
  assert.match(await page.textContent('#notice'), /no "nodes" list/);
  assert.equal(await page.evaluate(() => window.llmos.files.name), 'dropped-flow');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('File actions: new, save as, rename, delete', async () => {
  const { page, problems } = await openPage(browser, server.page);
  await ready(page);
  const files = (expression) => page.evaluate(expression);
  await files(() => window.llmos.files.openExample('examples/vqe-plot.json'));
  await waitForFrames(page, 3);
  // An edit to undo later: move the first node by its header.
  const moved = (await graphOf(page)).nodes[0];
  const header = await page.evaluate((id) => window.llmos.debug.headerPosition(id), moved.nodeId);
  await page.mouse.move(header.x, header.y);
  await waitForFrames(page, 2);
  await page.mouse.down();
  for (let step = 1; step <= 4; step++) {
    await page.mouse.move(header.x + step * 15, header.y + step * 10);
    await waitForFrames(page, 1);
  }
  await page.mouse.up();
  await waitForFrames(page, 2);
  const undoLabel = await page.evaluate(() => window.llmos.debug.state().undo);
  assert.ok(undoLabel, 'dragging a node is an undo step');
  await files(() => window.llmos.files.saveAs('vqe-study'));
  assert.equal(await files(() => window.llmos.files.name), 'vqe-study');
  await files(() => window.llmos.files.rename('vqe-final'));
  await waitForFrames(page, 2);
  // Save as and rename keep the document: its undo steps survive them.
  assert.equal(await page.evaluate(() => window.llmos.debug.state().undo), undoLabel);
  let names = (await files(() => window.llmos.files.list())).map((item) => item.name);
  assert.ok(names.includes('vqe-final') && !names.includes('vqe-study') && names.includes('vqe-plot'), names.join());
  const fresh = await files(() => window.llmos.files.newWorkflow());
  assert.match(fresh, /^untitled/);
  assert.equal((await graphOf(page)).nodes.length, 0);
  await files(() => window.llmos.files.open('vqe-final'));
  assert.equal((await graphOf(page)).nodes.length, 2);
  await files(() => window.llmos.files.remove());
  names = (await files(() => window.llmos.files.list())).map((item) => item.name);
  assert.ok(!names.includes('vqe-final'), names.join());
  assert.notEqual(await files(() => window.llmos.files.name), 'vqe-final', 'another workflow is open after the delete');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('two tabs on the same workflow: the second is told and overwrites nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const first = await context.newPage();
  const second = await context.newPage();
  const problems = [];
  for (const page of [first, second]) page.on('pageerror', (error) => problems.push(error.message));
  await first.goto(server.page);
  await ready(first);
  await first.evaluate(() => window.llmos.files.openExample('examples/spinning-cube.json'));
  await second.goto(server.page);
  await ready(second);
  await second.evaluate(() => window.llmos.files.open('spinning-cube'));
  assert.equal(await second.isVisible('#notice'), false);

  await zoomCanvas(first, -2);
  await first.evaluate(() => window.llmos.files.flush());
  const firstSaved = await first.evaluate(() => ({ version: window.llmos.files.version, viewport: window.llmos.debug.state().viewport }));
  await second.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  assert.match(await second.textContent('#notice'), /changed in another tab/);

  // The second tab edits anyway: its autosave stays off, the first tab's save stands.
  await zoomCanvas(second, 3);
  await second.evaluate(() => window.llmos.files.flush());
  const stored = await second.evaluate(() => window.llmos.store.load('spinning-cube'));
  assert.equal(stored.version, firstSaved.version);
  assert.ok(Math.abs(stored.workflow.ui.viewport.zoom - firstSaved.viewport.zoom) < 1e-3);

  // "Keep mine as a copy" keeps the second tab's edit under a new name.
  await second.click('#notice button:has-text("Keep mine as a copy")');
  await second.waitForFunction(() => window.llmos.files.name === 'spinning-cube-copy', null, { timeout: 5000 });
  const copy = await second.evaluate(() => window.llmos.store.load('spinning-cube-copy'));
  const secondViewport = await second.evaluate(() => window.llmos.debug.state().viewport);
  assert.ok(Math.abs(copy.workflow.ui.viewport.zoom - secondViewport.zoom) < 1e-3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hosted: the open workflow autosaves to the server as ?user and comes back after a reload', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-hosted-files-'));
  const hosted = await startServer({ port: HOSTED_PORT, extraArgs: ['--demo', '--data', dataDir] });
  try {
    const { page, problems } = await openPage(browser, `${hosted.url}?user=alice&team=engineering`);
    await ready(page);
    assert.equal(await page.evaluate(() => window.llmos.store.kind), 'server');
    await page.evaluate(() => window.llmos.files.openExample('examples/rc-chart.json'));
    await zoomCanvas(page);
    await page.evaluate(() => window.llmos.files.flush());
    const edited = await graphOf(page);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, 'users', 'alice', 'workflows', 'rc-chart.json'), 'utf8'));
    assert.ok(Math.abs(onDisk.ui.viewport.zoom - edited.viewport.zoom) < 1e-3, 'the zoom reached the server');
    await page.evaluate(() => window.llmos.preloadPyodide());
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => window.llmos.files.name), 'rc-chart');
    assert.deepEqual((await graphOf(page)).nodes, edited.nodes);
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    hosted.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
