// Preview drawing cost in headless Chromium: CPU milliseconds per frame spent
// in draw_preview_windows() (classifier output -> ImGui draw lists) and the
// page's frames per second, for a screen full of previews of each kind,
// against the same page with no preview (the reference, measured in this run).
// Software-rendered WebGL here: fps is dominated by fill, CPU ms is ours.
// Prints a table; never passes or fails.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openBrowser, openPage, repoRoot, startServer, waitForFrames } from '../tests/e2e/harness.mjs';

const fixture = (name) => JSON.parse(readFileSync(path.join(repoRoot, 'tests/data/previews', `${name}.json`), 'utf8'));
const cases = [
  ['none (reference)', null, 0],
  ['VQE convergence plot (101 points)', 'quantum-vqe-node', 9],
  ['rectifier waveform (2 x 2013 points)', 'circuit-diode-rectifier-node', 9],
  ['raw transient vectors (3 x 1027 points)', 'spice-vectors-tran', 9],
  ['Bode magnitude + phase (251 points)', 'circuit-bode-filter-node', 9],
  ['Bell histogram', 'bell-state-node', 9],
  ['table (3 rows)', 'json-transform-node', 9],
  ['PNG image (texture)', 'vqe-plot-image', 9],
];

const server = await startServer();
const browser = await openBrowser();
try {
  const { page } = await openPage(browser, server.url, { width: 1280, height: 800, deviceScaleFactor: 1 });
  await waitForFrames(page, 10);
  const rows = [];
  for (const [label, name, count] of cases) {
    await page.evaluate(() => window.llmos.debug.closePreviews());
    if (name) {
      const doc = fixture(name);
      const skill = doc.skill_id.startsWith('spice-vectors') ? 'circuit-rc-node' : doc.skill_id;
      for (let i = 0; i < count; i++) {
        await page.evaluate(([o, s]) => window.llmos.debug.showPreview(o, s), [doc.outputs, skill]);
      }
    }
    await waitForFrames(page, 40);  // textures in, 32-frame average refilled
    const measured = await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      let frames = 0;
      const step = () => {
        frames++;
        if (performance.now() - start < 2000) requestAnimationFrame(step);
        else resolve({ fps: frames / ((performance.now() - start) / 1000), drawMs: window.llmos.debug.previewWindows().drawMs });
      };
      requestAnimationFrame(step);
    }));
    rows.push({ label, count, ...measured });
  }
  const reference = rows[0].fps;
  console.log('## previews: a screen full of each kind (1280x800, DPR 1, headless Chromium, software WebGL)');
  console.log('| previews | on screen | our CPU ms/frame (draw_preview_windows) | fps | fps vs no preview |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.count} | ${r.drawMs.toFixed(3)} | ${r.fps.toFixed(1)} | ${(r.fps / reference).toFixed(2)} |`);
  }
} finally {
  await browser.close();
  server.stop();
}
