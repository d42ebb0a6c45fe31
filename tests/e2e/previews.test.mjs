// Node previews on screen: each kind shown through the debug hook
// (window.llmos.debug.showPreview(outputs, skillId), a node-sized ImGui
// window) with the real outputs of shipped skills (tests/data/previews), at
// devicePixelRatio 1 and 2, checked by the words and by pixels in the
// preview's own rectangle.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactsDir, closeWorkbench, openPage, openWorkbench, repoRoot, screenshot, waitForFrames } from './harness.mjs';
import { mkdirSync } from 'node:fs';

const fixture = (name) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'data', 'previews', `${name}.json`), 'utf8'));

// Series colours of src/editor/preview/plot_draw.cpp, and the preview body.
const BLUE = [79, 157, 255];
const ORANGE = [255, 159, 64];
const BODY = [20, 22, 28];

let server;
let browser;
before(async () => {
  ({ server, browser } = await openWorkbench());
});
after(() => closeWorkbench({ server, browser }));

// Pixel counts in `region` (CSS pixels) of a screenshot taken at `dpr`:
// pixels within 40 of each colour, pixels unlike the preview body, bright pixels.
async function regionStats(page, shown, dpr, absolute, colours) {
  const png = shown.png;
  const region = { ...absolute, x: absolute.x - shown.origin.x, y: absolute.y - shown.origin.y };
  return page.evaluate(async ({ data, dpr: ratio, region: r, colours: wanted, body }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const x = Math.round(r.x * ratio), y = Math.round(r.y * ratio);
    const width = Math.min(Math.round(r.width * ratio), image.width - x);
    const height = Math.min(Math.round(r.height * ratio), image.height - y);
    const pixels = context.getImageData(x, y, width, height).data;
    const near = wanted.map(() => 0);
    let differing = 0, bright = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const p = [pixels[i], pixels[i + 1], pixels[i + 2]];
      wanted.forEach((c, k) => {
        if (Math.abs(p[0] - c[0]) + Math.abs(p[1] - c[1]) + Math.abs(p[2] - c[2]) < 40) near[k]++;
      });
      if (Math.abs(p[0] - body[0]) + Math.abs(p[1] - body[1]) + Math.abs(p[2] - body[2]) > 30) differing++;
      if (p[0] > 180 && p[1] > 180 && p[2] > 180) bright++;
    }
    return { total: width * height, near, differing, bright };
  }, { data: png.toString('base64'), dpr, region, colours, body: BODY });
}

// Shows one fixture as a preview, waits for its textures, returns the answer,
// the window's rectangle and a screenshot.
async function show(page, name, { skillId, large = false } = {}) {
  const doc = fixture(name);
  await page.evaluate(() => window.llmos.debug.closePreviews());
  const answer = await page.evaluate(([outputs, id]) => window.llmos.debug.showPreview(outputs, id),
    [doc.outputs, skillId ?? doc.skill_id]);
  assert.equal(answer.ok, true, JSON.stringify(answer));
  if (large) await page.evaluate((id) => window.llmos.debug.openLargeView(id), answer.id);
  await waitForFrames(page, 2);  // drawn once: any image has started decoding
  await page.waitForFunction(() => window.llmos.debug.previewWindows().texturesPending === 0, null, { timeout: 10000 });
  await waitForFrames(page, 4);
  const state = await page.evaluate(() => window.llmos.debug.previewWindows());
  const window = state.windows.find((w) => w.large === large);
  // Only the preview's rectangle is captured (whole-page PNGs at DPR 2 are
  // slow to encode on these machines); the larger view is kept whole to look at.
  const file = `preview-${name}${large ? '-large' : ''}-dpr${page.dpr}`;
  const png = large ? (await screenshot(page, file)).png
    : await page.screenshot({ clip: window.rect, path: path.join(artifactsDir, `${file}.png`) });
  return { answer, rect: window.rect, png, state, origin: large ? { x: 0, y: 0 } : window.rect };
}

for (const dpr of [1, 2]) {
  test(`every preview kind draws in its rectangle at devicePixelRatio ${dpr}`, async () => {
    const { page, problems } = await openPage(browser, server.url, { width: 1280, height: 800, deviceScaleFactor: dpr });
    page.dpr = dpr;
    mkdirSync(artifactsDir, { recursive: true });
    await waitForFrames(page, 5);
    const log = [];

    // Plot: the VQE convergence, in words and in the series colour.
    let shown = await show(page, 'quantum-vqe-node');
    assert.equal(shown.answer.preview, 'plot');
    assert.equal(shown.answer.previewText, 'Eigenvalue: -1.137306 Ha (converged)');
    // Convergence, histogram, amplitudes, Bloch spheres, circuit, OpenQASM, values: in tabs.
    assert.deepEqual(shown.answer.views, ['plot', 'plot', 'plot', 'bloch', 'circuit', 'text', 'number']);
    assert.ok(shown.rect.width > 250 && shown.rect.height > 150, JSON.stringify(shown.rect));
    let stats = await regionStats(page, shown, dpr, shown.rect, [BLUE]);
    log.push(['plot', stats]);
    assert.ok(stats.near[0] > 150 * dpr, `the convergence line is drawn: ${JSON.stringify(stats)}`);

    // Image: the "VQE -> Plot" example's PNG, decoded by the browser into a texture.
    shown = await show(page, 'vqe-plot-image');
    assert.equal(shown.answer.preview, 'image');
    assert.equal(shown.answer.previewText, 'PNG image, 640x400');
    assert.equal(shown.state.textures, 1);
    stats = await regionStats(page, shown, dpr, shown.rect, [[31, 119, 180]]);
    log.push(['image', stats]);
    assert.ok(stats.bright / stats.total > 0.4, `the PNG's white page is on screen: ${JSON.stringify(stats)}`);
    assert.ok(stats.near[0] > 30 * dpr, `the PNG's blue line is on screen: ${JSON.stringify(stats)}`);

    // SVG: the D3 chart, rasterised by the browser (at DPR 2 too: sharper raster).
    shown = await show(page, 'd3-chart-node');
    assert.equal(shown.answer.preview, 'image');
    stats = await regionStats(page, shown, dpr, shown.rect, []);
    log.push(['svg', stats]);
    assert.ok(stats.differing / stats.total > 0.3, `the SVG is drawn: ${JSON.stringify(stats)}`);

    // Waveform: the rectifier's output and its input sine, two colours.
    shown = await show(page, 'circuit-diode-rectifier-node');
    assert.equal(shown.answer.preview, 'waveform');
    stats = await regionStats(page, shown, dpr, shown.rect, [BLUE, ORANGE]);
    log.push(['waveform', stats]);
    assert.ok(stats.near[0] > 100 * dpr && stats.near[1] > 100 * dpr, `output and input traces: ${JSON.stringify(stats)}`);

    // Bode: magnitude over phase, a line in each half.
    shown = await show(page, 'circuit-bode-filter-node');
    assert.equal(shown.answer.preview, 'bode');
    assert.equal(shown.answer.previewText, 'Cutoff frequency: 1591.474 Hz');
    const top = { ...shown.rect, height: shown.rect.height * 0.5 };
    const bottom = { ...shown.rect, y: shown.rect.y + shown.rect.height * 0.55, height: shown.rect.height * 0.3 };
    const upper = await regionStats(page, shown, dpr, top, [BLUE]);
    const lower = await regionStats(page, shown, dpr, bottom, [BLUE]);
    log.push(['bode', upper, lower]);
    assert.ok(upper.near[0] > 80 * dpr && lower.near[0] > 80 * dpr, `magnitude and phase: ${JSON.stringify([upper, lower])}`);

    // At DPR 2 (frames are slow in software WebGL) the kinds above and the
    // larger view; the rest at DPR 1 only.
    if (dpr === 1) {
    // Histogram: Bell-state counts as two bars.
    shown = await show(page, 'bell-state-node');
    assert.equal(shown.answer.previewText, '2 outcomes, 1024 shots, most likely 11');
    stats = await regionStats(page, shown, dpr, shown.rect, [BLUE]);
    log.push(['histogram', stats]);
    assert.ok(stats.near[0] / stats.total > 0.15, `bars fill the plot: ${JSON.stringify(stats)}`);

    // Table and numbers: text drawn.
    shown = await show(page, 'json-transform-node');
    assert.equal(shown.answer.preview, 'table');
    stats = await regionStats(page, shown, dpr, shown.rect, []);
    log.push(['table', stats]);
    assert.ok(stats.bright > 150 * dpr * dpr, `table text: ${JSON.stringify(stats)}`);
    shown = await show(page, 'unit-converter-node');
    assert.equal(shown.answer.preview, 'number');
    assert.equal(shown.answer.previewText, 'Result: 1.609344');
    stats = await regionStats(page, shown, dpr, shown.rect, []);
    assert.ok(stats.bright > 100 * dpr * dpr, `numbers: ${JSON.stringify(stats)}`);

    // Numbers first, the JSON object behind them.
    shown = await show(page, 'statistics-summary-node');
    assert.equal(shown.answer.preview, 'number');
    assert.deepEqual(shown.answer.views, ['number', 'json']);

    // Scene: classified, and the rectangle left to the three.js overlay.
    shown = await show(page, 'threejs-cube-node');
    assert.equal(shown.answer.preview, 'scene');
    stats = await regionStats(page, shown, dpr, shown.rect, [BLUE, ORANGE]);
    assert.ok(stats.near[0] + stats.near[1] < 20, `nothing of ours drawn over the scene: ${JSON.stringify(stats)}`);

    }

    // The larger view: every view in tabs, the plot interactive and bigger.
    shown = await show(page, 'circuit-diode-rectifier-node', { large: true });
    assert.ok(shown.rect.width > 700 && shown.rect.height > 400, `larger view: ${JSON.stringify(shown.rect)}`);
    stats = await regionStats(page, shown, dpr, shown.rect, [BLUE, ORANGE]);
    log.push(['large', stats]);
    assert.ok(stats.near[0] > 300 * dpr && stats.near[1] > 300 * dpr, `larger waveform: ${JSON.stringify(stats)}`);

    console.log(`dpr ${dpr}:`, JSON.stringify(log));
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}

test('a preview of outputs for an unknown skill or of bad JSON is refused with a clear error', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await waitForFrames(page, 3);
  const unknown = await page.evaluate(() => window.llmos.debug.showPreview({ a: 1 }, 'no-such-skill'));
  assert.deepEqual(unknown, { ok: false, error: { code: 'preview.skill', message: "unknown skill 'no-such-skill'" } });
  const bad = await page.evaluate(() => window.llmos.debug.showPreview([1, 2], 'circuit-rc-node'));
  assert.equal(bad.error.code, 'preview.outputs');
  // A broken image still leaves the editor drawing, with the failure in words.
  const broken = await page.evaluate(() => window.llmos.debug.showPreview({ plot_image: 'iVBORw0KGgoAAAAbroken' }, 'plot-data-node'));
  assert.equal(broken.preview, 'image');
  await page.waitForFunction(() => window.llmos.debug.previewWindows().texturesPending === 0, null, { timeout: 10000 });
  await waitForFrames(page, 3);
  assert.equal(problems.filter((p) => !p.includes('could not be decoded')).length, 0, problems.join('\n'));
  await page.context().close();
});
