// The README's pictures of finished runs, taken with the e2e harness (the
// real `llmos serve` and Debian's Chromium): each example is opened with
// File > Examples' own call, run with Ctrl+Enter, framed with F, and
// captured once every node has finished and the previews have drawn.
//   node tools/readme-screenshots.mjs      (after make build; writes docs/*.png)
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { openBrowser, openPage, repoRoot, screenshot, startServer, waitForFrames } from '../tests/e2e/harness.mjs';

const shots = [
  // [example file, picture, what the caption says]
  ['examples/quantum-and-3d.json', 'run-quantum-3d.png'],
];

const server = await startServer();
const browser = await openBrowser();
try {
  const { page, problems } = await openPage(browser, server.url, { width: 1400, height: 900 });
  await waitForFrames(page, 5);
  await page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });
  for (const [example, picture] of shots) {
    await page.evaluate((file) => window.llmos.files.openExample(file), example);
    await waitForFrames(page, 5);
    await page.mouse.click(900, 820);  // the canvas has the keyboard
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => window.llmos.debug.runState().running, null, { timeout: 10000 }).catch(() => {});
    await page.waitForFunction(() => !window.llmos.debug.runState().running, null, { timeout: 300000, polling: 250 });
    await page.keyboard.press('f');
    await waitForFrames(page, 30);
    await page.waitForTimeout(1500);  // decoded images and the 3D overlay in place
    const run = await page.evaluate(() => window.llmos.debug.runState());
    const states = Object.values(run.nodes).map((n) => n.state);
    if (states.some((s) => s !== 'done' && s !== 'cached')) throw new Error(`${example}: ${JSON.stringify(run.nodes)}`);
    const { file } = await screenshot(page, picture.replace(/\.png$/, ''));
    copyFileSync(file, path.join(repoRoot, 'docs', picture));
    console.log(`docs/${picture}: ${example}, ${run.status}`);
  }
  if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
} finally {
  await browser.close();
  server.stop();
}
