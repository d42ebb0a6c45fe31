// Crisp canvas text at every zoom (issue 19): node titles are drawn from
// the font baked nearest above the size they need (src/editor/canvas_text),
// never magnified from one small atlas. Measured on screenshots at zoom 1,
// 2 and 3.5 and devicePixelRatio 1 and 2: a magnified 15 px glyph has wide
// blurred edges, so few of its pixels reach the full text colour; a glyph
// rasterised at its size keeps solid strokes with thin edges.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, screenshot, waitForFrames } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await openWorkbench());
});
after(() => closeWorkbench({ server, browser }));

// Share of the title's ink pixels that are solid (within 10 % of the text
// colour), in the header of node `id` on a PNG of the page.
async function solidInk(page, png, id) {
  const geometry = await page.evaluate((nodeId) => {
    const state = window.llmos.debug.state();
    const { ratio } = window.llmos.debug.display();
    const node = state.nodes.find((n) => n.nodeId === nodeId);
    const { x: panX, y: panY, zoom } = state.viewport;
    // Canvas units -> CSS pixels: the canvas origin (drawing-buffer pixels) plus zoom per unit.
    const left = state.canvas.x / ratio + (node.x - panX) * zoom;
    const top = state.canvas.y / ratio + (node.y - panY) * zoom;
    return { ratio, x: left + 28 * zoom, y: top + 4 * zoom, width: node.w * zoom * 0.55, height: 20 * zoom };
  }, id);
  return page.evaluate(async ({ data, g }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const x = Math.round(g.x * g.ratio), y = Math.round(g.y * g.ratio);
    const width = Math.min(Math.round(g.width * g.ratio), image.width - x);
    const height = Math.min(Math.round(g.height * g.ratio), image.height - y);
    const pixels = context.getImageData(x, y, width, height).data;
    const luminance = (i) => 0.3 * pixels[i] + 0.59 * pixels[i + 1] + 0.11 * pixels[i + 2];
    // The header colour is the region's brightest common value; the text is dark (20, 20, 24).
    const values = [];
    for (let i = 0; i < pixels.length; i += 4) values.push(luminance(i));
    values.sort((a, b) => a - b);
    const background = values[Math.floor(values.length * 0.9)];
    const text = 20.4;
    let ink = 0, solid = 0;
    for (const value of values) {
      const t = (background - value) / (background - text);
      if (t > 0.15) ink++;
      if (t > 0.9) solid++;
    }
    return { ink, solid, share: solid / Math.max(1, ink), width, height };
  }, { data: png.toString('base64'), g: geometry });
}

for (const ratio of [1, 2]) {
  test(`node titles are crisp at zoom 1, 2 and 3.5 at devicePixelRatio ${ratio}`, async () => {
    const { page, problems } = await openPage(browser, server.url, { width: 1400, height: 900, deviceScaleFactor: ratio });
    await page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });
    const shares = {};
    for (const zoom of [1, 2, 3.5]) {
      const workflow = {
        name: `text-${zoom}`,
        nodes: [{ nodeId: 'title', skillId: 'unit-converter-node', inputValues: {}, ui: { position: [0, 0] } }],
        edges: [],
        ui: { viewport: { x: -20, y: -20, zoom } },
      };
      await page.evaluate((w) => window.llmos.loadWorkflow(w, w.name), workflow);
      await page.waitForFunction((z) => window.llmos.debug.state().viewport.zoom === z, zoom);
      await waitForFrames(page, 3);
      const { png } = await screenshot(page, `canvas-text-zoom${zoom}@${ratio}`);
      shares[zoom] = await solidInk(page, png, 'title');
      assert.ok(shares[zoom].ink > 50, `the title is drawn at zoom ${zoom}: ${JSON.stringify(shares[zoom])}`);
    }
    // Larger glyphs drawn at their size have a larger solid share than small
    // ones; magnified ones would have a smaller share.
    assert.ok(shares[2].share >= shares[1].share, JSON.stringify(shares));
    assert.ok(shares[3.5].share >= shares[1].share, JSON.stringify(shares));
    assert.ok(shares[3.5].share > 0.45, `solid strokes at zoom 3.5: ${JSON.stringify(shares)}`);
    assert.deepEqual(problems, []);
  });
}
