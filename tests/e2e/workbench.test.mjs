// The page a user opens: it must start the wasm app, draw the ImGui canvas
// (grid, menu bar text) on WebGL2, and log no errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, pixelStats, screenshot, waitForFrames } from './harness.mjs';

const background = [24, 26, 31];  // the canvas background colour in src/editor/canvas.cpp
let server;
let browser;

before(async () => {
  ({ server, browser } = await openWorkbench());
});

after(() => closeWorkbench({ server, browser }));

test('server sends wasm with its MIME type and cross-origin isolation headers', async () => {
  const response = await fetch(new URL('llmos.wasm', server.url), { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/wasm');
  assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
  const bytes = new Uint8Array(await response.arrayBuffer());  // fetch undoes the gzip
  assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'wasm magic number');
  const missing = await fetch(new URL('no/such/file.js', server.url));
  assert.equal(missing.status, 404);
});

test('the workbench renders the ImGui canvas with a grid and a menu bar', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await waitForFrames(page, 10);
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  assert.equal(isolated, true, 'COOP/COEP make the page cross-origin isolated');
  const version = await page.evaluate(() => window.llmos.core.version());
  assert.match(version, /^\d+\.\d+\.\d+$/);

  const { png } = await screenshot(page, 'workbench');
  const whole = await pixelStats(page, png, background);
  assert.equal(whole.width, 1280);
  // Grid lines cover a visible share of the canvas, but it is mostly background.
  const canvasArea = await pixelStats(page, png, background, { x: 0, y: 60, width: 1280, height: 600 });
  assert.ok(canvasArea.differing / canvasArea.total > 0.02, `grid visible: ${JSON.stringify(canvasArea)}`);
  assert.ok(canvasArea.differing / canvasArea.total < 0.5, `canvas mostly background: ${JSON.stringify(canvasArea)}`);
  // The menu bar holds light text ("LLMos-Lite Workbench", File, View, Help).
  const menuBar = await pixelStats(page, png, background, { x: 0, y: 0, width: 400, height: 20 });
  assert.ok(menuBar.bright > 40, `menu bar text drawn: ${JSON.stringify(menuBar)}`);
  assert.deepEqual(problems, []);
});

test('the canvas is drawn at device resolution on HiDPI screens', async () => {
  const { page, problems } = await openPage(browser, server.url, { width: 800, height: 600, deviceScaleFactor: 2 });
  await waitForFrames(page, 10);
  const size = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth };
  });
  assert.deepEqual(size, { width: 1600, height: 1200, cssWidth: 800 });
  const { png } = await screenshot(page, 'workbench-hidpi');
  const menuBar = await pixelStats(page, png, background, { x: 0, y: 0, width: 800, height: 40 });
  assert.ok(menuBar.bright > 80, `menu text at 2x: ${JSON.stringify(menuBar)}`);
  assert.deepEqual(problems, []);
});

test('the skill palette lists the parsed skills and filters them as the user types', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await waitForFrames(page, 5);
  const palette = { x: 0, y: 60, width: 250, height: 700 };
  const before = await pixelStats(page, (await screenshot(page, 'palette')).png, [13, 13, 15], palette);
  await page.mouse.click(120, 53);  // the filter box under "SKILLS (N)"
  await page.keyboard.type('vqe');
  await waitForFrames(page, 5);
  const after = await pixelStats(page, (await screenshot(page, 'palette-filtered')).png, [13, 13, 15], palette);
  // About 30 rows of text before; one category with one skill after.
  assert.ok(before.bright > 2000, `palette text before: ${JSON.stringify(before)}`);
  assert.ok(after.bright < before.bright / 5, `filtered: ${after.bright} vs ${before.bright}`);
  assert.ok(after.bright > 100, `the VQE row is still shown: ${after.bright}`);
  assert.deepEqual(problems, []);
});
