// Eight animated 3D previews on the canvas (issue 20), in one headless
// Chromium run: the page's frames per second, our CPU ms per frame (the
// editor's frame loop, window.llmos.frames.stats()) and the 3D overlay's ms
// per frame (web/lib/scene-view.js: one three.js renderer, a scissor
// rectangle per preview), against the empty canvas drawn every frame (the
// floor) measured in the same run. Then the cases where the previews must
// cost nothing: the same scenes not animated, and animated but panned off
// screen (frames drawn and scenes rendered should both be 0).
// WebGL is software-rendered here (SwiftShader): fps is bounded by fill, not
// by our code. Reports, never passes or fails.
//   node bench/scene-previews.mjs   (after make build)
import { openBrowser, openPage, startServer, waitForFrames } from '../tests/e2e/harness.mjs';

const WIDTH = Number(process.env.WIDTH || 1280);
const HEIGHT = Number(process.env.HEIGHT || 800);
const SECONDS = Number(process.env.SECONDS || 3);
const COLOURS = ['#ff6b35', '#20d060', '#4f9dff', '#f0c020', '#c050f0', '#30d0d0', '#f05080', '#a0a0a0'];

// Eight cube nodes in two rows of four, each its own colour (its own scene).
function cubes(rotationSpeed) {
  return {
    nodes: COLOURS.map((color, i) => ({
      nodeId: `cube${i + 1}`, skillId: 'threejs-cube-node',
      inputValues: { color, rotation_speed: rotationSpeed, size: 1.2 },
      ui: { position: [(i % 4) * 300, Math.floor(i / 4) * 330] },
    })),
    edges: [],
  };
}

const server = await startServer();
const browser = await openBrowser();
try {
  const { page } = await openPage(browser, server.url, { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1 });
  await waitForFrames(page, 5);
  await page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });
  await page.waitForTimeout(4000);  // Pyodide preloading settles in its Worker

  // Over `seconds`: rAF callbacks of the page, editor frames and their CPU ms,
  // overlay frames, scene renders and their ms. `force` asks for an editor
  // frame on every rAF (the floor: the canvas drawn although nothing moves).
  const measure = (force) => page.evaluate(async ({ seconds, force }) => {
    const frames = () => window.llmos.frames.stats();
    const scenes = () => window.llmos.debug.sceneState() ?? { frames: 0, renders: 0, totalMs: 0 };
    const [f0, s0] = [frames(), scenes()];
    const started = performance.now();
    let pageFrames = 0;
    await new Promise((resolve) => {
      const step = () => {
        pageFrames++;
        if (force) window.llmos.requestFrame();
        if (performance.now() - started < seconds * 1000) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    const elapsed = (performance.now() - started) / 1000;
    const [f1, s1] = [frames(), scenes()];
    const editorFrames = f1.frames - f0.frames;
    const overlayFrames = s1.frames - s0.frames;
    return {
      pageFps: pageFrames / elapsed, editorFps: editorFrames / elapsed,
      cpuMs: editorFrames ? (f1.totalCpuMs - f0.totalCpuMs) / editorFrames : 0,
      overlayMs: overlayFrames ? (s1.totalMs - s0.totalMs) / overlayFrames : 0,
      renders: s1.renders - s0.renders, drawn: window.llmos.debug.sceneState()?.drawn.length ?? 0,
    };
  }, { seconds: SECONDS, force });

  const load = async (workflow, name) => {
    await page.evaluate(([w, n]) => window.llmos.loadWorkflow(w, n), [workflow, name]);
    await waitForFrames(page, 5);
  };
  const runAll = async () => {
    const started = await page.evaluate(() => window.llmos.debug.runCommand({ command: 'run_all' }));
    if (!started) throw new Error(`Run all refused: ${JSON.stringify(await page.evaluate(() => window.llmos.debug.runState().status))}`);
    await page.waitForFunction(() => !window.llmos.debug.runState().running, null, { timeout: 60000, polling: 100 });
    await page.waitForFunction(() => (window.llmos.debug.sceneState()?.drawn.length ?? 0) === 8 ||
                                     window.llmos.debug.sceneState()?.animating === false,
                               null, { timeout: 30000 });
    await waitForFrames(page, 10);
  };

  const rows = [];
  await load({ nodes: [], edges: [] }, 'bench-empty');
  rows.push(['empty canvas, a frame asked for every rAF (the floor)', await measure(true)]);

  await load(cubes(1.5), 'bench-cubes');
  rows.push(['8 cube nodes, no result yet, a frame every rAF', await measure(true)]);
  await runAll();
  rows.push(['8 animated 3D previews on screen (frames come from the animation)', await measure(false)]);

  // Panned away: right-drag the canvas 2 x 1000 px to the left.
  for (let i = 0; i < 2; i++) {
    await page.mouse.move(WIDTH - 60, HEIGHT / 2);
    await page.mouse.down({ button: 'right' });
    for (let x = WIDTH - 60; x >= WIDTH - 1060; x -= 50) await page.mouse.move(x, HEIGHT / 2);
    await page.mouse.up({ button: 'right' });
  }
  await page.mouse.move(WIDTH / 2, 40);  // off the canvas region
  await waitForFrames(page, 5);
  await page.waitForTimeout(500);
  rows.push(['the same 8 animated previews panned off screen', await measure(false)]);

  await load(cubes(0), 'bench-cubes-still');
  await runAll();
  await page.waitForTimeout(500);
  rows.push(['8 3D previews on screen, not animated', await measure(false)]);

  const floor = rows[0][1];
  console.log(`## 3D previews: ${WIDTH}x${HEIGHT}, DPR 1, headless Chromium (SwiftShader WebGL), ${SECONDS} s per row`);
  console.log('| case | page fps | editor frames/s | our CPU ms/frame (editor) | overlay ms/frame (three.js) | scene renders/s | previews drawn | editor fps vs floor |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, r] of rows) {
    console.log(`| ${label} | ${r.pageFps.toFixed(1)} | ${r.editorFps.toFixed(1)} | ${r.cpuMs.toFixed(2)} | ` +
                `${r.overlayMs.toFixed(2)} | ${(r.renders / SECONDS).toFixed(0)} | ${r.drawn} | ` +
                `${floor.editorFps ? (r.editorFps / floor.editorFps).toFixed(2) : 'n/a'} |`);
  }
} finally {
  await browser.close();
  server.stop();
}
