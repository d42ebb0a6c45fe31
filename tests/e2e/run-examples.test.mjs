// Issue 20's acceptance through the editor: every shipped example opened as
// the Examples menu opens it (window.llmos.files.openExample, the menu's
// action) and run with Ctrl+Enter on the canvas; node states, previews and
// words from window.llmos.debug.state(); the cube's live 3D preview from
// pixels; a second Ctrl+Enter shows every node cached.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, repoRoot, screenshot, waitForFrames } from './harness.mjs';

const examples = readdirSync(path.join(repoRoot, 'skills', 'examples')).filter((f) => f.endsWith('.json')).sort();

let server;
let browser;
let page;
let problems;
before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true, frames: 3 }));
  await page.waitForFunction(() => window.llmos?.files?.openExample, null, { timeout: 30000 });
});
after(() => closeWorkbench({ server, browser }));

const nodesById = async () => Object.fromEntries((await page.evaluate(() => window.llmos.debug.state().nodes))
  .map((n) => [n.nodeId, n]));

async function runAllWithKeys() {
  // The run's status line names it ("Run N finished: ..."); the history
  // count is per workflow, so it cannot tell a new run after switching examples.
  const before = await page.evaluate(() => window.llmos.debug.runState().status);
  // Focus the canvas on an empty spot (its bottom-left corner, away from the
  // nodes and the minimap): a click at a fixed point can land in a node's text
  // field, which then takes Ctrl+Enter as text input.
  const spot = await page.evaluate(() => {
    const { canvas } = window.llmos.debug.state();
    const { ratio } = window.llmos.debug.display();
    return { x: (canvas.x + 12) / ratio, y: (canvas.y + canvas.height - 12) / ratio };
  });
  await page.mouse.click(spot.x, spot.y);
  await waitForFrames(page, 2);  // the canvas has focus before the keys, as after a person's click
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((previous) => {
    const s = window.llmos.debug.runState();
    return !s.running && s.status !== previous && /^Run \d+ finished/.test(s.status);
  }, before, { timeout: 180000, polling: 100 }).catch(async (error) => {
    // Say where it stood: the run's line and each node's state.
    const s = await page.evaluate(() => window.llmos.debug.runState());
    throw new Error(`${error.message}\nstatus: ${s.status}, running: ${s.running}, nodes: ${JSON.stringify(s.nodes)}`);
  });
  return nodesById();
}

async function openExample(file) {
  await page.evaluate((f) => window.llmos.files.openExample(f), `examples/${file}`);
  await waitForFrames(page, 3);
}

for (const file of examples) {
  test(`${file}: Run all from the keyboard, then again: all cached`, async () => {
    await openExample(file);
    // The previous example's results and its run line do not follow it here.
    const fresh = await page.evaluate(() => window.llmos.debug.runState());
    assert.deepEqual(Object.entries(fresh.nodes).filter(([, n]) => n.state !== 'idle'), [], `${file} opens with no results`);
    assert.equal(fresh.status, '');
    const first = await runAllWithKeys();
    for (const node of Object.values(first)) {
      assert.ok(['done', 'cached'].includes(node.state), `${file} ${node.nodeId}: ${node.state} ${JSON.stringify(node.error ?? '')}`);
      assert.notEqual(node.preview, 'none', `${file} ${node.nodeId} has a preview`);
    }
    if (file === 'vqe-plot.json') {
      assert.match(first.vqe.previewText, /-1\.137306/);
      assert.equal(first.vqe.preview, 'plot');
      assert.equal(first.plot.preview, 'image');
    }
    await screenshot(page, `run-${file.replace('.json', '')}`);
    const second = await runAllWithKeys();
    assert.deepEqual(Object.values(second).map((n) => n.state), Object.values(second).map(() => 'cached'));
  });
}

test('The cube preview animates in 3D in its colour; a new colour changes the pixels', async () => {
  await openExample('spinning-cube.json');
  await runAllWithKeys();
  await page.waitForFunction(() => (window.llmos.debug.sceneState()?.drawn ?? []).length > 0, null, { timeout: 20000 });
  const rect = await page.evaluate(() => window.llmos.debug.sceneState().drawn[0]);
  const colourCount = async ([r, g, b]) => {
    const png = await page.screenshot({ clip: { x: rect.x, y: rect.y, width: rect.w, height: rect.h } });
    return page.evaluate(async ({ data, r, g, b }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let near = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        // Lit faces are the colour scaled by the light: compare hue by ratios.
        const max = Math.max(pixels[i], pixels[i + 1], pixels[i + 2]);
        if (max < 60) continue;
        const top = Math.max(r, g, b);  // both sides scaled to their brightest channel
        const d = Math.abs(pixels[i] / max - r / top) + Math.abs(pixels[i + 1] / max - g / top) + Math.abs(pixels[i + 2] / max - b / top);
        if (d < 0.25) near++;
      }
      return { near, hash: Array.from(pixels.slice(0, 40000)).reduce((h, v) => (h * 31 + v) >>> 0, 7) };
    }, { data: png.toString('base64'), r, g, b });
  };
  const orange = [255, 107, 53];
  const a = await colourCount(orange);
  await page.waitForTimeout(150);
  const b = await colourCount(orange);
  assert.ok(a.near > 300, `only ${a.near} cube-coloured pixels`);
  assert.notEqual(a.hash, b.hash, 'the cube turns between two frames');

  const green = [32, 208, 96];
  await page.evaluate(async () => {
    const text = await (await fetch('skills/examples/spinning-cube.json')).text();
    const doc = JSON.parse(text);
    doc.nodes.find((n) => n.nodeId === 'cube').inputValues.color = '#20d060';
    await window.llmos.loadWorkflow(doc, 'green-cube');
  });
  await waitForFrames(page, 3);
  await runAllWithKeys();
  await page.waitForTimeout(300);
  const c = await colourCount(green);
  const d = await colourCount(orange);
  assert.ok(c.near > 300, `only ${c.near} green pixels after the colour change`);
  assert.ok(d.near < c.near / 10, `${d.near} orange pixels left after the colour change`);
  await screenshot(page, 'run-cube');
  assert.deepEqual(problems, []);
});
