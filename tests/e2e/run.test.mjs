// Running from the editor (issue 20), in Debian's Chromium: runs started by
// the editor's run controller (the same executeWorkflow path as the page's
// API), node states / previews / words from window.llmos.debug.runState(),
// Stop within 1 s while frames keep coming, an error with the skill file's
// line while the other branch finishes, a 20-step sweep, the run history,
// the runtimes' readiness, and the 3D overlay's pixels.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, repoRoot, screenshot, waitForFrames } from './harness.mjs';
import { busyPythonSkill } from '../support/busy-python-skill.mjs';

const example = (name) => JSON.parse(readFileSync(path.join(repoRoot, 'skills', 'examples', `${name}.json`), 'utf8'));

// Skills the tests add to the page's library: one that raises at a known line, one that runs long.
const RAISING = `---
skill_id: test-raising-node
name: Raises
type: python-wasm
category: test
inputs:
  - {name: x, type: float, default: 1}
outputs:
  - {name: y, type: float}
---
# Raises on purpose

\`\`\`python
def execute(inputs):
    x = inputs["x"]
    return {"y": x / 0}
\`\`\`
`;
const RAISING_LINE = RAISING.split('\n').findIndex((line) => line.includes('x / 0')) + 1;
const LONG = busyPythonSkill({ id: 'test-long-node', name: 'Runs long', seconds: 30 });

let server;
let browser;
let page;
let problems;
before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true, frames: 3 }));
  await page.evaluate(({ raising, long }) => {
    for (const [file, text] of [['user/test-raising-node.md', raising], ['user/test-long-node.md', long]]) {
      const answer = window.llmos.core.addSkill(file, text, 'user');
      if (!answer.ok) throw new Error(JSON.stringify(answer));
    }
  }, { raising: RAISING, long: LONG });
});
after(() => closeWorkbench({ server, browser }));

const runState = () => page.evaluate(() => window.llmos.debug.runState());
const command = (c) => page.evaluate((value) => window.llmos.debug.runCommand(value), c);
async function runToEnd(c, timeout = 120000) {
  assert.equal(await command(c), true, `command ${JSON.stringify(c)} refused: ${(await runState()).status}`);
  await page.waitForFunction(() => !window.llmos.debug.runState().running, null, { timeout, polling: 100 });
  return runState();
}

test('Run all of VQE -> Plot: states, previews and words per node; a second run is all cached', async () => {
  const before = await runState();
  assert.equal(before.readiness.spice, 'off');
  const first = await runToEnd({ command: 'run_all', workflow: example('vqe-plot') });
  const { vqe, plot } = first.nodes;
  assert.equal(vqe.state, 'done', JSON.stringify(vqe));
  assert.equal(vqe.preview, 'plot');
  assert.match(vqe.previewText, /-1\.137306/);
  assert.ok(vqe.durationMs > 0);
  assert.equal(plot.state, 'done', JSON.stringify(plot));
  assert.equal(plot.preview, 'image');
  assert.match(first.status, /finished/);
  assert.equal(first.readiness.python, 'ready', 'the status bar says Python is ready after a Python node ran');

  const second = await runToEnd({ command: 'run_all' });
  assert.deepEqual(Object.values(second.nodes).map((n) => n.state), ['cached', 'cached']);
  assert.match(second.nodes.vqe.previewText, /-1\.137306/);
  assert.ok(second.history >= 2, `history has ${second.history} records`);
});

test('A raising node shows the error at the skill file line; the other branch finishes', async () => {
  const workflow = {
    nodes: [
      { nodeId: 'bad', skillId: 'test-raising-node', inputValues: { x: 2 } },
      { nodeId: 'after_bad', skillId: 'plot-data-node', inputValues: {} },
      { nodeId: 'good', skillId: 'math-expression-node', inputValues: { expression: 'x * 2', samples: 11 } },
    ],
    edges: [{ source: 'bad', sourceOutput: 'y', target: 'after_bad', targetInput: 'data' }],
  };
  const state = await runToEnd({ command: 'run_all', workflow });
  assert.equal(state.nodes.bad.state, 'error');
  assert.match(state.nodes.bad.error.message, /ZeroDivisionError/);
  assert.equal(state.nodes.bad.error.line, RAISING_LINE);
  assert.match(state.nodes.bad.errorLocation, new RegExp(`test-raising-node\\.md:${RAISING_LINE}: .*ZeroDivisionError`));
  assert.equal(state.nodes.after_bad.state, 'skipped');
  assert.equal(state.nodes.good.state, 'done');
  assert.equal(state.nodes.good.preview, 'plot');
  assert.ok(state.consoleLines >= 1, 'the error is in the console');
});

test('Stop during a long Python node: cancelled within 1 s while frames keep coming', async () => {
  const workflow = { nodes: [{ nodeId: 'long', skillId: 'test-long-node', inputValues: { seconds: 30 } }], edges: [] };
  assert.equal(await command({ command: 'run_all', workflow }), true);
  await page.waitForFunction(() => window.llmos.debug.runState().nodes.long?.state === 'running', null,
                             { timeout: 60000, polling: 50 });
  // "running" in the core starts while Pyodide may still be loading (the
  // request waits in the pool's queue): wait until a worker has taken it, so
  // Stop has to stop a worker inside the loop, not only drop a queued request.
  const pythonStats = () => page.evaluate(async () => (await import('/lib/pyodide-runner.js')).pythonPool().stats());
  for (const until = Date.now() + 120000; !(await pythonStats()).serving.some((slot) => slot.state === 'busy');) {
    assert.ok(Date.now() < until, `no Python worker took the node: ${JSON.stringify(await pythonStats())}`);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(500);  // it is really inside the loop
  const frameTimes = (ms) => page.evaluate((span) => new Promise((resolve) => {
    const frames = [];
    let last = performance.now();
    const start = last;
    const tick = () => {
      const now = performance.now();
      frames.push(now - last);
      last = now;
      if (now - start < span) requestAnimationFrame(tick);
      else resolve(frames);
    };
    requestAnimationFrame(tick);
  }), ms);
  const running = await frameTimes(1500);
  const pythonCounters = async () => (await pythonStats()).counters;
  const before = await pythonCounters();
  const measured = await page.evaluate(() => new Promise((resolve) => {
    const frames = [];
    let last = performance.now();
    const stopAt = performance.now();
    window.llmos.debug.runCommand({ command: 'stop' });
    let cancelledAfter = null;
    const tick = () => {
      const now = performance.now();
      frames.push(now - last);
      last = now;
      if (cancelledAfter === null && window.llmos.debug.runState().nodes.long.state === 'cancelled') {
        cancelledAfter = now - stopAt;
      }
      if (now - stopAt < 1500) requestAnimationFrame(tick);
      else resolve({ cancelledAfter, frames });
    };
    requestAnimationFrame(tick);
  }));
  const describe = (frames) => {
    const sorted = [...frames].sort((a, b) => a - b);
    return `${frames.length} frames in 1.5 s, median ${sorted[sorted.length >> 1].toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
  };
  console.log(`stop: while the node runs: ${describe(running)}; after Stop: cancelled after ` +
              `${measured.cancelledAfter?.toFixed(1)} ms, ${describe(measured.frames)}`);
  assert.ok(measured.cancelledAfter !== null && measured.cancelledAfter < 1000,
            `cancelled after ${measured.cancelledAfter} ms`);
  assert.ok(measured.frames.length >= 4, `only ${measured.frames.length} frames while stopping`);
  await page.waitForFunction(() => !window.llmos.debug.runState().running, null, { timeout: 10000 });
  // The worker itself was stopped (interrupted, or terminated when it did not
  // answer the interrupt in time), not only the node's state changed.
  const stops = ({ interrupted, terminated }) => interrupted + terminated;
  for (const until = Date.now() + 10000; stops(await pythonCounters()) === stops(before);) {
    assert.ok(Date.now() < until, `the Python worker was never stopped: ${JSON.stringify(await pythonCounters())}`);
    await page.waitForTimeout(100);
  }
  console.log(`python pool counters before Stop ${JSON.stringify(before)}, after ${JSON.stringify(await pythonCounters())}`);
});

test('A 20-step sweep of the RC circuit resistance overlays 20 series', async () => {
  const workflow = example('rc-chart');
  const rc = workflow.nodes.find((n) => n.skillId === 'circuit-rc-node');
  assert.equal(await command({ command: 'sweep', workflow, node: rc.nodeId, input: 'resistance', from: 100, to: 2000,
                               steps: 20, output_node: rc.nodeId, output_port: 'voltage_data' }), true);
  await page.waitForFunction(() => {
    const s = window.llmos.debug.runState();
    return s.sweep && s.sweep.finished === 20 && !s.running;
  }, null, { timeout: 180000, polling: 200 });
  const state = await runState();
  assert.equal(state.sweep.series, 20, JSON.stringify(state.sweep));
  assert.match(state.status, /Sweep finished: 20 series/);
  assert.equal(state.readiness.spice, 'ready');
});

// The overlay on its own: one renderer, previews in scissor rectangles,
// animated, clipped by the canvas region, the colour of the cube's material.
test('3D overlay: the cube preview animates in its rectangle, in its colour, clipped by the canvas', async () => {
  const result = await page.evaluate(async () => {
    const THREE = await import('/vendor/three/three.module.js');
    const { createSceneView } = await import('/lib/scene-view.js');
    const scene = (color) => JSON.stringify({
      type: 'scene', background: '#1e1e2e',
      camera: { position: [2.4, 1.8, 3.6], target: [0, 0, 0] },
      lights: [{ type: 'ambient', intensity: 0.6 }, { type: 'directional', position: [3, 5, 4] }],
      objects: [{ id: 'cube', kind: 'mesh', geometry: { type: 'box', width: 1.5, height: 1.5, depth: 1.5 },
                  material: { type: 'basic', color } }],
      animation: { targets: ['cube'], rotation_speed: 3, axis: [1, 1, 0] },
    });
    const texts = { orange: scene('#ff6b35'), green: scene('#20d060') };
    let frameRequests = 0;
    const host = document.createElement('div');
    document.body.appendChild(host);
    const view = createSceneView({ THREE, host, requestFrame: () => frameRequests++, sceneText: (hash) => texts[hash] });
    const item = (hash, x) => ({ id: hash, hash, x, y: 100, w: 200, h: 150, clip: { x: 0, y: 0, w: 1000, h: 800 } });
    const read = (x) => {
      const gl = view.renderer.getContext();
      const pixels = new Uint8Array(200 * 150 * 4);
      gl.readPixels(x, 800 - 100 - 150, 200, 150, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      return pixels;
    };
    const count = (pixels, [r, g, b]) => {
      let n = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) < 60) n++;
      }
      return n;
    };
    view.frame([item('orange', 50), item('green', 400)]);
    const a = read(50);
    await new Promise((r) => setTimeout(r, 120));
    view.frame([item('orange', 50), item('green', 400)]);
    const b = read(50);
    const green = read(400);
    let changed = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) changed++;
    const requestsWhileAnimating = frameRequests;
    // Clipped: a preview half outside the canvas region draws only the inside half.
    view.frame([{ ...item('orange', 50), clip: { x: 0, y: 0, w: 150, h: 800 } }]);
    const clipped = view.state().drawn[0];
    const outside = read(150);
    const inside = read(50);
    // Off screen: nothing drawn, no frame requested.
    const before = frameRequests;
    view.frame([{ ...item('orange', 50), x: 2000 }]);
    const offscreen = { drawn: view.state().drawn.length, requests: frameRequests - before };
    return {
      changed, orange: count(b, [255, 107, 53]), greenInOrange: count(b, [32, 208, 96]), green: count(green, [32, 208, 96]),
      requestsWhileAnimating, clipped, outsideBackground: count(outside, [30, 30, 46]), insideBackground: count(inside, [30, 30, 46]), offscreen,
      renders: view.state().renders,
    };
  });
  assert.ok(result.changed > 200, `only ${result.changed} pixels changed between two frames`);
  assert.ok(result.orange > 2000, `only ${result.orange} orange pixels in the orange preview`);
  assert.equal(result.greenInOrange, 0);
  assert.ok(result.green > 2000, `only ${result.green} green pixels in the green preview (colour change changes pixels)`);
  assert.ok(result.requestsWhileAnimating >= 2, 'an animated scene on screen asks for frames');
  assert.deepEqual({ x: result.clipped.x, w: result.clipped.w }, { x: 50, w: 100 });
  assert.equal(result.outsideBackground, 0, 'nothing drawn right of the clip');
  assert.ok(result.insideBackground > 1000, 'the visible half is drawn');
  assert.deepEqual(result.offscreen, { drawn: 0, requests: 0 });
  assert.deepEqual(problems, []);
});

test('The page reports the runs it drew without errors; screenshot of the status bar', async () => {
  await waitForFrames(page, 3);
  await screenshot(page, 'run-status');
  assert.deepEqual(problems, []);
});
