// The page's frame loop (src/editor/main.cpp, issue 19): the canvas follows
// the window at any size and devicePixelRatio, without page errors, and the
// editor draws only when something asks for a frame.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, pixelStats, screenshot, waitForPageFrames } from './harness.mjs';

const background = [24, 26, 31];
let server;
let browser;

before(async () => {
  ({ server, browser } = await openWorkbench());
});

after(() => closeWorkbench({ server, browser }));

const ready = (page) => page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });
const stats = (page) => page.evaluate(() => window.llmos.frames.stats());
// Waits until no frame is pending (the trailing frames after input are drawn).
async function settled(page) {
  await page.waitForFunction(() => !window.llmos.frames.stats().pending, null, { timeout: 10000 });
  await waitForPageFrames(page, 2);  // not waitForFrames: it asks the editor for frames
}

async function expectCanvasFollows(page, width, height, ratio) {
  await page.waitForFunction(([w, h, r]) => {
    const display = window.llmos.debug.display();
    return Math.round(display.width) === w && Math.round(display.height) === h && display.ratio === r;
  }, [width, height, ratio], { timeout: 10000 });
  const size = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return { width: canvas.width, height: canvas.height, state: window.llmos.debug.state().display,
             display: window.llmos.debug.display() };
  });
  assert.equal(size.width, width * ratio, 'drawing buffer = CSS width x devicePixelRatio');
  assert.equal(size.height, height * ratio);
  assert.deepEqual({ width: Math.round(size.state.width), height: Math.round(size.state.height) }, { width, height },
    'debug.state().display is ImGui\'s display size in CSS pixels');
  assert.equal(size.display.framebufferWidth, width * ratio);
  assert.equal(size.display.ratio, ratio);
}

for (const [width, height, ratio] of [[1920, 1080, 1], [1400, 900, 1], [1000, 700, 1], [1400, 900, 2], [1000, 700, 2]]) {
  test(`at ${width}x${height} and devicePixelRatio ${ratio} the UI fills the window, crisp, without page errors`, async () => {
    const { page, problems } = await openPage(browser, server.url, { width, height, deviceScaleFactor: ratio });
    await ready(page);
    await expectCanvasFollows(page, width, height, ratio);
    await page.waitForTimeout(1500);  // errors of the first seconds (the old loop threw 50-160 here)
    await settled(page);
    const { png } = await screenshot(page, `frame-loop-${width}x${height}@${ratio}`);
    // The menu bar at the top and the status bar at the very bottom are
    // both drawn: the UI is neither cut off nor shifted.
    const menu = await pixelStats(page, png, background, { x: 0, y: 0, width: 300 * ratio, height: 18 * ratio });
    const statusBar = await pixelStats(page, png, background,
      { x: 0, y: (height - 22) * ratio, width: 400 * ratio, height: 20 * ratio });
    assert.ok(menu.bright > 30 * ratio * ratio, `menu text: ${JSON.stringify(menu)}`);
    assert.ok(statusBar.bright > 20 * ratio * ratio, `status bar text at the bottom: ${JSON.stringify(statusBar)}`);
    assert.equal(menu.width, width * ratio, 'screenshot at device resolution');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}

test('the canvas follows window resizes and devicePixelRatio changes', async () => {
  const { page, problems } = await openPage(browser, server.url, { width: 1280, height: 800 });
  await ready(page);
  await expectCanvasFollows(page, 1280, 800, 1);
  // A ratio change alone (browser zoom, another screen): no resize event, a media query.
  const cdp = await page.context().newCDPSession(page);
  const emulate = (width, height, deviceScaleFactor) =>
    cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor, mobile: false });
  await emulate(1280, 800, 2);
  await expectCanvasFollows(page, 1280, 800, 2);
  await emulate(1920, 1080, 2);
  await expectCanvasFollows(page, 1920, 1080, 2);
  await emulate(1000, 700, 1);
  await expectCanvasFollows(page, 1000, 700, 1);
  await emulate(1400, 900, 1);
  await expectCanvasFollows(page, 1400, 900, 1);
  await settled(page);
  const { png } = await screenshot(page, 'frame-loop-after-resizes');
  const menu = await pixelStats(page, png, background, { x: 0, y: 0, width: 300, height: 18 });
  assert.ok(menu.bright > 30, `menu text after the ratio went back to 1 (fonts rebuilt): ${JSON.stringify(menu)}`);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('an idle editor draws no frames; input, requestFrame and resizes draw a few', async () => {
  const { page, problems } = await openPage(browser, server.url, { width: 1280, height: 800 });
  await ready(page);
  await settled(page);
  const idleStart = await stats(page);
  await page.waitForTimeout(1500);
  const idleEnd = await stats(page);
  assert.equal(idleEnd.frames - idleStart.frames, 0, 'no input, no event: no frame');
  assert.equal(idleEnd.pending, false);

  await page.mouse.move(700, 400);
  await page.mouse.move(720, 410);
  await settled(page);
  const afterMove = await stats(page);
  const moved = afterMove.frames - idleEnd.frames;
  assert.ok(moved >= 3 && moved <= 8, `a mouse move draws the trailing frames only, drew ${moved}`);

  await page.evaluate(() => window.llmos.requestFrame());
  await settled(page);
  const afterRequest = await stats(page);
  assert.equal(afterRequest.frames - afterMove.frames, 1, 'requestFrame() draws one frame');

  // Fifty requests within one animation frame are one frame.
  await page.evaluate(() => { for (let i = 0; i < 50; i++) window.llmos.requestFrame(); });
  await settled(page);
  assert.equal((await stats(page)).frames - afterRequest.frames, 1);

  // Paused: nothing draws, even on input; resuming draws what was asked.
  await page.evaluate(() => window.llmos.frames.pause());
  const pausedStart = await stats(page);
  await page.mouse.move(800, 500);
  await page.waitForTimeout(300);
  assert.equal((await stats(page)).frames, pausedStart.frames);
  assert.equal((await stats(page)).paused, true);
  await page.evaluate(() => window.llmos.frames.resume());
  await settled(page);
  assert.ok((await stats(page)).frames > pausedStart.frames);

  // Our CPU time per frame of the empty canvas is recorded and plausible.
  const final = await stats(page);
  assert.ok(final.lastCpuMs > 0 && final.lastCpuMs < 1000, JSON.stringify(final));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the idle page leaves the main thread free', async () => {
  const { page, problems } = await openPage(browser, server.url, { width: 1280, height: 800 });
  await ready(page);
  await page.waitForTimeout(3000);  // Pyodide preloads in its Worker after the first frame
  await settled(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  await page.waitForTimeout(2000);
  const after = await metric();
  const busy = (after.TaskDuration - before.TaskDuration) / (after.Timestamp - before.Timestamp);
  assert.ok(busy < 0.05, `main thread busy ${(busy * 100).toFixed(1)} % while idle`);
  assert.deepEqual(problems, []);
  await page.context().close();
});
