// The offline bundle from a plain static server (Python's http.server: no
// COOP/COEP, .mjs sent as application/octet-stream): the page starts, runs
// an example workflow with every request on the bundle's origin, saves itself
// for offline use; with the browser context offline a reload runs the same
// workflow to the same results; a new build replaces the saved copy on the
// next visit and the page says so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser, repoRoot, screenshot, startStaticServer } from './harness.mjs';

const bundleCaches = (names) => names.filter((name) => name.startsWith('llmos-bundle-'));

let root;       // a copy of build/web, so a test can make a "new build" of it
let server;
let origin;
let browser;
let context;
let page;
const requests = [];
const problems = [];

// A new build of the copy: one file changed, the manifest and the service
// worker made again by the same CMake code as `make bundle`.
function makeNewBuild() {
  appendFileSync(path.join(root, 'skills', 'README.md'), '\nA new build.\n');
  cpSync(path.join(repoRoot, 'web', 'service-worker.js'), path.join(root, 'service-worker.js'));
  const made = spawnSync('cmake', [`-DOUT=${root}`, '-P', path.join(repoRoot, 'cmake', 'BundleManifest.cmake')],
                         { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return JSON.parse(readFileSync(path.join(root, 'bundle.json'), 'utf8')).version;
}

async function openWorkbench() {
  await page.waitForFunction(() => window.llmos && window.llmos.core && window.llmos.offline?.version, null,
                             { timeout: 60000 });
}

// expression-plot: a JavaScript node in the ses sandbox feeding a Python plot
// in Pyodide, results not from the cache.
async function runExample() {
  return page.evaluate(async () => {
    const workflow = await (await fetch('skills/examples/expression-plot.json')).json();
    const results = await window.llmos.executeWorkflow(workflow, null, null, { use_cache: false });
    return Object.fromEntries(Object.entries(results).map(([id, result]) => [id, {
      state: result.state, error: result.error, cached: result.cached, outputs: result.outputs }]));
  });
}

const offlineStatus = () => page.evaluate(() => ({ ...window.llmos.offline, isolated: window.crossOriginIsolated }));

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'llmos-bundle-'));
  cpSync(process.env.LLMOS_WEB || path.join(repoRoot, 'build', 'web'), root, { recursive: true });
  server = await startStaticServer(root);
  origin = new URL(server.url).origin;
  browser = await openBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

let firstResults;
let firstVersion;

test('from a plain static server the bundle runs an example, every request on its origin', async () => {
  await page.goto(server.url);
  await openWorkbench();
  firstResults = await runExample();
  for (const [id, result] of Object.entries(firstResults)) {
    assert.equal(result.state, 'done', `${id}: ${JSON.stringify(result.error)}`);
    assert.equal(result.cached, false, id);
  }
  const series = firstResults.expr.outputs.series;
  assert.equal(series.y.length, 301);
  // a * sin(2 pi x) * exp(-x / tau) with a = 2, tau = 1.5; sample 13 is x = 13 * 6 / 300 = 0.26.
  assert.ok(Math.abs(series.y[13] - 2 * Math.sin(2 * Math.PI * 0.26) * Math.exp(-0.26 / 1.5)) < 1e-9, `${series.y[13]}`);
  assert.match(firstResults.plot.outputs.plot_image, /^iVBORw0KGgo/, 'a PNG');
  const status = await offlineStatus();
  assert.equal(status.isolated, false, 'http.server sends no COOP/COEP');
  assert.ok(status.notes.some((note) => /Not cross-origin isolated/.test(note)), status.notes.join(' | '));
  const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
  assert.deepEqual(elsewhere, []);
  assert.ok(requests.some((url) => url.endsWith('/vendor/pyodide/pyodide.asm.wasm')), 'Pyodide loaded from the bundle');
});

test('the service worker saves the whole bundle for offline use and the page says so', async () => {
  await page.waitForFunction(() => window.llmos.offline.serviceWorker === 'active', null, { timeout: 120000 });
  const status = await offlineStatus();
  const manifest = JSON.parse(readFileSync(path.join(root, 'bundle.json'), 'utf8'));
  firstVersion = manifest.version;
  assert.equal(status.version, manifest.version);
  assert.equal(status.cachedVersion, manifest.version);
  assert.ok(status.notes.some((note) => note.startsWith(`Saved for offline use (build ${manifest.version}`)),
            status.notes.join(' | '));
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((name) => name.startsWith('llmos-bundle-')));
    return { names, paths: (await cache.keys()).map((request) => new URL(request.url).pathname.slice(1)) };
  });
  // The bundle's one copy, and beside it at most the Python worker's memory
  // snapshot (web/runtimes/python-worker.js; keyed by the sources it holds).
  assert.deepEqual(bundleCaches(cached.names), [`llmos-bundle-${manifest.version}`]);
  assert.deepEqual(cached.names.filter((name) => !name.startsWith('llmos-bundle-') && name !== 'llmos-pyodide-snapshot'), []);
  assert.deepEqual(cached.paths.sort(), [...manifest.files.map((file) => file.path), 'bundle.json'].sort());
});

test('offline, a reload loads the saved copy (now cross-origin isolated) and runs to the same results', async () => {
  requests.length = 0;
  await context.setOffline(true);
  await page.reload();
  await openWorkbench();
  const status = await offlineStatus();
  assert.equal(status.fromCache, true);
  assert.equal(status.version, firstVersion);
  assert.equal(status.isolated, true, 'the service worker adds COOP/COEP');
  assert.ok(status.notes.some((note) => note.startsWith(`Offline: running the saved copy of build ${firstVersion}`)));
  const note = await page.locator('#llmos-note').boundingBox();
  assert.ok(note && note.x > 640 && note.y > 600, `the note sits quietly at the bottom right: ${JSON.stringify(note)}`);
  await screenshot(page, 'offline-bundle-note');
  const results = await runExample();
  for (const [id, result] of Object.entries(results)) {
    assert.equal(result.state, 'done', `${id}: ${JSON.stringify(result.error)}`);
    assert.equal(result.cached, false, id);
    assert.deepEqual(result.outputs, firstResults[id].outputs, id);
  }
  await context.setOffline(false);
});

test('a new build replaces the saved copy on the next visit, and the page says so', async () => {
  const version = makeNewBuild();
  assert.notEqual(version, firstVersion);
  await page.reload();
  await openWorkbench();
  await page.waitForFunction((wanted) => window.llmos.offline.cachedVersion === wanted, version, { timeout: 120000 });
  const status = await offlineStatus();
  assert.equal(status.version, version);
  assert.ok(status.notes.some((note) => note === `Updated: build ${version} replaced the offline copy of build ${firstVersion}.`),
            status.notes.join(' | '));
  // The page may hear of the new copy (the worker's answer to a status
  // question) while the worker's activate step is still deleting the old one.
  let names = bundleCaches(await page.evaluate(() => caches.keys()));
  for (const deadline = Date.now() + 30000; names.length > 1 && Date.now() < deadline;) {
    await page.waitForTimeout(100);
    names = bundleCaches(await page.evaluate(() => caches.keys()));
  }
  assert.deepEqual(names, [`llmos-bundle-${version}`]);
  const readme = await page.evaluate(async () => (await fetch('skills/README.md')).text());
  assert.match(readme, /A new build\.\n$/);
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
