// End-to-end harness: starts the real `llmos serve` on a free loopback port
// and drives Debian's Chromium through playwright-core (no browser download).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactsDir = path.join(repoRoot, 'build', 'e2e');

// Flags verified to give WebGL2 in headless Chromium on these machines.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader', '--disable-quic',
];

// Python's http.server on DIRECTORY (a plain static server: no COOP/COEP,
// no API) on a free port -> {url, stop}.
export async function startStaticServer(directory) {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', directory],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${stdout}`)), 10000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/port (\d+)/);
      if (match) { clearTimeout(timer); resolve(`http://127.0.0.1:${match[1]}/`); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`http.server exited ${code}`)); });
  });
  child.stderr.resume();  // its access log
  return { url, stop: () => child.kill('SIGTERM') };
}

// extraArgs: more `llmos serve` options (--demo, --data DIR); port 0 = any free one.
// Without --data the server gets a fresh data directory of its own, so what
// one test file saves (user skills, workflows) never reaches another run.
export async function startServer({ webRoot = path.join(repoRoot, 'build', 'web'), port = 0, extraArgs = [] } = {}) {
  const binary = process.env.LLMOS_BIN || path.join(repoRoot, 'build', 'native', 'bin', 'llmos');
  const ownData = extraArgs.includes('--data') ? null : mkdtempSync(path.join(tmpdir(), 'llmos-e2e-data-'));
  const dataArgs = ownData ? ['--data', ownData] : [];
  const child = spawn(binary, ['serve', '--port', String(port), '--web', webRoot, ...dataArgs, ...extraArgs],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 10000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/at (http:\/\/[\d.]+:\d+\/)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      if (ownData) rmSync(ownData, { recursive: true, force: true });
    },
  };
}

export async function openBrowser({ args = [] } = {}) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...chromiumArgs, ...args] });
}

// Opens the page, recording console errors and uncaught exceptions.
export async function openPage(browser, url, { width = 1280, height = 800, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
  await page.goto(url);
  return { page, problems };
}

// What most test files start with: a server (startServer's options) and a
// browser and, with `page` (openPage's options, or true), one open page that
// has drawn `frames` frames. Returns {server, browser, page, problems}.
export async function openWorkbench({ server: serverOptions = {}, page: pageOptions = null, frames = 2 } = {}) {
  const server = await startServer(serverOptions);
  const browser = await openBrowser();
  if (!pageOptions) return { server, browser };
  const { page, problems } = await openPage(browser, server.url, pageOptions === true ? {} : pageOptions);
  await waitForFrames(page, frames);
  return { server, browser, page, problems };
}

// The other half: closes what openWorkbench opened (either may be missing
// when its before hook failed).
export async function closeWorkbench({ server, browser } = {}) {
  await browser?.close();
  server?.stop();
}

// Waits until the wasm app has started and the editor has drawn `frames`
// more frames. The editor draws on demand and yields to runs
// (src/editor/frames), so the page's animation frames say nothing about it:
// this asks for each frame and counts the editor's own (frames.stats()).
// A paused editor draws nothing; then only the page's frames are waited for.
export async function waitForFrames(page, frames = 5) {
  await page.waitForFunction(() => window.llmos && window.llmos.core, null, { timeout: 30000 });
  await page.evaluate((count) => new Promise((resolve) => {
    const { frames: editor } = window.llmos;
    const start = editor.stats().frames;
    let pageFrames = 0;
    const deadline = performance.now() + 15000;
    const step = () => {
      const stats = editor.stats();
      ++pageFrames;
      if (stats.frames - start >= count || (stats.paused && pageFrames >= count) || performance.now() > deadline) {
        resolve();
        return;
      }
      editor.requestFrame();
      requestAnimationFrame(step);
    };
    editor.requestFrame();
    requestAnimationFrame(step);
  }), frames);
}

// Waits for `frames` of the page's animation frames without asking the
// editor for any (tests that count the frames the editor draws by itself).
export async function waitForPageFrames(page, frames = 2) {
  await page.evaluate((count) => new Promise((resolve) => {
    let left = count;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), frames);
}

// A right-click as a person makes it: hover, press and release in frames of
// their own (the page draws on demand; events inside one frame coalesce).
// Returns the editor's context menu as debug.state() reports it.
export async function rightClick(page, point) {
  await page.mouse.move(point.x, point.y);
  await waitForFrames(page, 3);
  await page.mouse.down({ button: 'right' });
  await waitForFrames(page, 2);
  await page.mouse.up({ button: 'right' });
  await waitForFrames(page, 4);
  return (await page.evaluate(() => window.llmos.debug.state())).contextMenu;
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

// Pixel statistics of a PNG, decoded by the browser itself: how many pixels
// differ from `background` and how many are bright (text), per region.
export async function pixelStats(page, png, background, region = null) {
  return page.evaluate(async ({ data, background: bg, region: r }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const area = r || { x: 0, y: 0, width: image.width, height: image.height };
    const pixels = context.getImageData(area.x, area.y, area.width, area.height).data;
    let differing = 0, bright = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const distance = Math.abs(pixels[i] - bg[0]) + Math.abs(pixels[i + 1] - bg[1]) + Math.abs(pixels[i + 2] - bg[2]);
      if (distance > 12) differing++;
      if (pixels[i] > 180 && pixels[i + 1] > 180 && pixels[i + 2] > 180) bright++;
    }
    return { total: pixels.length / 4, differing, bright, width: image.width, height: image.height };
  }, { data: png.toString('base64'), background, region });
}
