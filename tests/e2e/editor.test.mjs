// The node editor with the real mouse and keyboard (issue 19's acceptance):
// at two window sizes and devicePixelRatio 1 and 2, drag skills from the
// palette, connect them, see an incompatible link refused with the
// validator's words, accept an int -> float coercion, change a parameter,
// undo and redo each step, box-select and delete, copy and paste, export
// and re-import an equal graph that `llmos workflow validate` accepts, with
// zero page errors. Positions come from window.llmos.debug (CSS pixels).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, pixelStats, repoRoot, screenshot, waitForFrames } from './harness.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await openWorkbench());
});

after(() => closeWorkbench({ server, browser }));

const state = (page) => page.evaluate(() => window.llmos.debug.state());
const frames = (page, count = 3) => waitForFrames(page, count);

async function ready(page) {
  await page.waitForFunction(() => window.llmos?.files && window.llmos.debug?.state, null, { timeout: 30000 });
  // Start from an empty workflow of our own.
  await page.evaluate(() => window.llmos.files.newWorkflow());
  await frames(page, 5);
}

// The canvas region in CSS pixels.
async function canvasRect(page) {
  const { canvas } = await state(page);
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  return { x: canvas.x / ratio, y: canvas.y / ratio, width: canvas.width / ratio, height: canvas.height / ratio };
}

async function paletteItem(page, skillId) {
  let point = await page.evaluate((id) => window.llmos.debug.paletteItemPosition(id), skillId);
  if (!point) {
    // Not on screen: type its id into the palette's filter, as a person would.
    const filter = await page.evaluate(() => window.llmos.debug.paletteItemPosition('#filter'));
    await page.mouse.click(filter.x, filter.y);
    await frames(page);
    await page.keyboard.press('Control+A', { delay: 80 });
    await page.keyboard.type(skillId);
    await frames(page);
    point = await page.evaluate((id) => window.llmos.debug.paletteItemPosition(id), skillId);
  }
  assert.ok(point, `palette row of ${skillId} is on screen`);
  return point;
}

async function drag(page, from, to, { steps = 12, modifiers = [] } = {}) {
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.move(from.x, from.y);
  await frames(page, 2);
  await page.mouse.down();
  await frames(page, 2);
  for (let i = 1; i <= steps; ++i) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await frames(page, 1);
  }
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 3);
  for (const key of modifiers) await page.keyboard.up(key);
}

async function dropSkill(page, skillId, at) {
  const before = (await state(page)).nodes.length;
  await drag(page, await paletteItem(page, skillId), at);
  const after = await state(page);
  assert.equal(after.nodes.length, before + 1, `dropping ${skillId} adds a node`);
  const node = after.nodes.at(-1);
  assert.equal(node.skillId, skillId);
  return node;
}

const pin = (page, nodeId, port, direction) =>
  page.evaluate(([n, p, d]) => window.llmos.debug.pinPosition(n, p, d), [nodeId, port, direction]);

// Held for a few frames, as a hand does (ImGui 1.86 reads key state once per frame).
async function press(page, keys) {
  await page.keyboard.press(keys, { delay: 80 });
  await frames(page, 3);
}

const linkKey = (l) => `${l.source}.${l.sourceOutput}->${l.target}.${l.targetInput}`;

for (const [width, height, ratio] of [[1400, 900, 1], [1000, 700, 2]]) {
  test(`editing with mouse and keyboard at ${width}x${height}, devicePixelRatio ${ratio}`, async () => {
    const { page, problems } = await openPage(browser, server.url, { width, height, deviceScaleFactor: ratio });
    await ready(page);
    // The canvas narrows when the inspector opens: points are taken from its current rectangle.
    let rect = await canvasRect(page);
    const at = (fx, fy) => ({ x: rect.x + rect.width * fx, y: rect.y + rect.height * fy });
    const refresh = async () => { rect = await canvasRect(page); };
    // Zoom out around the centre with the wheel so three nodes fit side by side at every size.
    await page.mouse.move(at(0.5, 0.5).x, at(0.5, 0.5).y);
    for (let i = 0; i < 3; ++i) {
      await page.mouse.wheel(0, 100);
      await frames(page, 2);
    }
    const zoomed = (await state(page)).viewport.zoom;
    assert.ok(zoomed < 0.9 && zoomed > 0.3, `the wheel zooms out (${zoomed})`);

    // Two skills dragged from the palette land where they are dropped.
    // Narrow windows leave little canvas beside the palette and inspector: drop further apart.
    const spread = width < 1200 ? 0.1 : 0;
    const firstDrop = at(0.25 - spread, 0.3);
    const expression = await dropSkill(page, 'math-expression-node', firstDrop);
    await refresh();
    const converter = await dropSkill(page, 'unit-converter-node', at(0.75 + spread, 0.3));
    let current = await state(page);
    const dropped = current.nodes.find((n) => n.nodeId === expression.nodeId);
    const zoom = current.viewport.zoom;
    // The drop point is the node's header centre, in canvas units.
    const expectedX = current.viewport.x + (firstDrop.x - rect.x) / zoom - dropped.w / 2;
    assert.ok(Math.abs(dropped.x - expectedX) < 2, `node placed where dropped (${dropped.x} vs ${expectedX})`);

    // An incompatible link (series -> string) is refused with the validator's message.
    await drag(page, await pin(page, expression.nodeId, 'series', 'out'), await pin(page, converter.nodeId, 'from_unit', 'in'));
    current = await state(page);
    assert.equal(current.links.length, 0, 'refused link is not created');
    assert.equal(current.lastRefusal,
      `cannot connect '${expression.nodeId}.series' (series) to '${converter.nodeId}.from_unit' (string)`);

    // A compatible one is made; undo and redo it.
    await drag(page, await pin(page, expression.nodeId, 'value', 'out'), await pin(page, converter.nodeId, 'value', 'in'));
    current = await state(page);
    assert.deepEqual(current.links.map(linkKey), [`${expression.nodeId}.value->${converter.nodeId}.value`]);
    await press(page, 'Control+Z');
    assert.equal((await state(page)).links.length, 0, 'undo removes the link');
    await press(page, 'Control+Shift+Z');
    assert.equal((await state(page)).links.length, 1, 'redo brings it back');

    // An allowed coercion: int (d3-chart's point_count) into float replaces the link.
    await refresh();
    const chart = await dropSkill(page, 'd3-chart-node', at(0.25, 0.75));
    await drag(page, await pin(page, chart.nodeId, 'point_count', 'out'), await pin(page, converter.nodeId, 'value', 'in'));
    current = await state(page);
    assert.deepEqual(current.links.map(linkKey), [`${chart.nodeId}.point_count->${converter.nodeId}.value`],
      'int -> float is accepted and replaces the input\'s link');
    await press(page, 'Control+Z');
    assert.deepEqual((await state(page)).links.map(linkKey), [`${expression.nodeId}.value->${converter.nodeId}.value`]);

    // A parameter drag (samples, an int with a minimum) is one undo step.
    const samplesPin = await pin(page, expression.nodeId, 'samples', 'in');
    const node = (await state(page)).nodes.find((n) => n.nodeId === expression.nodeId);
    const z = (await state(page)).viewport.zoom;
    const widget = { x: samplesPin.x + (node.w * 0.45 + 20) * z, y: samplesPin.y };
    await drag(page, widget, { x: widget.x + 60, y: widget.y }, { steps: 6 });
    let samples = (await state(page)).nodes.find((n) => n.nodeId === expression.nodeId).inputValues.samples;
    assert.equal(typeof samples, 'number', 'dragging the widget sets a value');
    assert.ok(samples > 0);
    await press(page, 'Control+Z');
    assert.equal((await state(page)).nodes.find((n) => n.nodeId === expression.nodeId).inputValues.samples, undefined,
      'one undo reverts the whole drag');
    await press(page, 'Control+Y');
    assert.equal((await state(page)).nodes.find((n) => n.nodeId === expression.nodeId).inputValues.samples, samples);

    const { png } = await screenshot(page, `editor-${width}x${height}@${ratio}`);
    const nodesArea = await pixelStats(page, png, [23, 26, 31], {
      x: Math.round(at(0.2, 0.25).x * ratio), y: Math.round(at(0.2, 0.25).y * ratio),
      width: Math.round(rect.width * 0.5 * ratio), height: Math.round(rect.height * 0.2 * ratio) });
    assert.ok(nodesArea.differing / nodesArea.total > 0.2, `nodes are drawn on the canvas (${JSON.stringify(nodesArea)})`);

    // Copy and paste (workflow JSON on the system clipboard): select one node, Ctrl+C, Ctrl+V.
    const header = await page.evaluate((id) => window.llmos.debug.headerPosition(id), converter.nodeId);
    await page.mouse.move(header.x, header.y);  // a person points, then clicks
    await frames(page);
    await page.mouse.click(header.x, header.y, { delay: 50 });
    await frames(page);
    assert.deepEqual((await state(page)).selection, [converter.nodeId]);
    await page.mouse.move(at(0.7, 0.8).x, at(0.7, 0.8).y);
    await press(page, 'Control+C');
    await press(page, 'Control+V');
    current = await state(page);
    assert.equal(current.nodes.length, 4, 'paste adds a copy');
    assert.equal(current.nodes.at(-1).skillId, 'unit-converter-node');
    assert.notEqual(current.nodes.at(-1).nodeId, converter.nodeId);
    await press(page, 'Control+Z');
    current = await state(page);
    assert.equal(current.nodes.length, 3, `undo of the paste (undo '${current.undo}', redo '${current.redo}')`);

    // Box-select everything, delete, undo.
    await drag(page, at(0.02, 0.03), at(0.98, 0.97));
    current = await state(page);
    assert.equal(current.selection.length, 3, 'box selection takes the three nodes');
    await press(page, 'Delete');
    current = await state(page);
    assert.equal(current.nodes.length, 0);
    assert.equal(current.links.length, 0);
    await press(page, 'Control+Z');
    current = await state(page);
    assert.equal(current.nodes.length, 3, 'undo restores the nodes');
    assert.equal(current.links.length, 1, '... and their link');

    // Export, re-import: an equal graph, which the CLI validates and the core accepts.
    const exported = await page.evaluate(() => window.llmos.files.document());
    assert.equal(exported.version, 2);
    await page.evaluate((text) => window.llmos.files.importText(text, 'reimported'), JSON.stringify(exported));
    await frames(page, 5);
    const reimported = await state(page);
    const strip = (s) => ({
      nodes: s.nodes.map(({ nodeId, skillId, x, y, inputValues }) => ({ nodeId, skillId, x, y, inputValues }))
        .sort((a, b) => a.nodeId.localeCompare(b.nodeId)),
      links: s.links.map(linkKey).sort(),
    });
    assert.deepEqual(strip(reimported), strip(current));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llmos-editor-'));
    const file = path.join(dir, 'exported.json');
    writeFileSync(file, JSON.stringify(exported, null, 2));
    const binary = process.env.LLMOS_BIN || path.join(repoRoot, 'build', 'native', 'bin', 'llmos');
    // Required inputs without values are the only complaints a fresh graph may have.
    let output = '';
    try {
      output = execFileSync(binary, ['workflow', 'validate', file, '--skills', path.join(repoRoot, 'skills')],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = `${error.stdout}${error.stderr}`;
      const codes = [...output.matchAll(/error\[([\w.]+)\]/g)].map((m) => m[1]);
      assert.ok(codes.length > 0 && codes.every((code) => code === 'workflow.input.missing'),
        `validate finds only missing inputs: ${output}`);
    }
    assert.deepEqual(problems, [], 'no page errors');
    await page.context().close();
  });
}
