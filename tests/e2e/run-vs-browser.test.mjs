// Every shipped example gives the same outputs in Chromium (executeWorkflow
// in the page: module Workers) and under `llmos run` (the same core and
// worker scripts under Node worker_threads): compared node by node, value
// by value (PNG bytes, SVG text, every float of every series; JavaScript
// Math results may differ in the last bit between the two V8s, see compare()).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser, openPage, repoRoot, startServer, waitForFrames } from './harness.mjs';

const bin = process.env.LLMOS_BIN || path.join(repoRoot, 'build', 'native', 'bin', 'llmos');
const examplesDir = path.join(repoRoot, 'skills', 'examples');
const examples = readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();

let server;
let browser;
let page;
let problems;

before(async () => {
  server = await startServer();
  browser = await openBrowser();
  ({ page, problems } = await openPage(browser, server.url));
  await waitForFrames(page, 2);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

// Distance in units in the last place between two finite doubles.
function ulps(a, b) {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const ordered = (x) => (x < 0n ? -(x & 0x7fffffffffffffffn) : x);
  const d = ordered(bits[0]) - ordered(bits[1]);
  return Number(d < 0n ? -d : d);
}

// The two JSON values compared everywhere: paths that differ (at most 10
// listed), and the count of numbers that differ only in their last bits.
// Node 20's V8 and Chromium's V8 round a few Math functions (exp, sin,
// log10, atan2...) differently in the last bit, so JavaScript skills'
// floats may differ there (by <= MAX_ULPS, or a relative 1e-12 where a
// skill's arithmetic amplifies it, e.g. an interpolated peak); anything
// more (another digit, a string, a missing key, an image byte) is a difference.
const MAX_ULPS = 4;
const MAX_RELATIVE = 1e-12;
function compare(a, b, where = '', found = { differences: [], lastBit: 0 }) {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(a[key], b[key], `${where}/${key}`, found);
  } else if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) &&
             a !== b && (ulps(a, b) <= MAX_ULPS || Math.abs(a - b) <= MAX_RELATIVE * Math.max(Math.abs(a), Math.abs(b)))) {
    found.lastBit++;
  } else if (!Object.is(a, b) && found.differences.length < 10) {
    const show = (value) => JSON.stringify(value)?.slice(0, 120);
    found.differences.push(`${where}: llmos run ${show(a)}, browser ${show(b)}`);
  }
  return found;
}

const shape = (results) => Object.fromEntries(Object.entries(results).map(([node, result]) =>
  [node, { state: result.state, outputs: result.outputs, ...(result.error ? { error: result.error } : {}) }]));

for (const example of examples) {
  test(`${example}: the browser's outputs equal llmos run's`, async (t) => {
    const file = path.join(examplesDir, example);
    const workflow = JSON.parse(readFileSync(file, 'utf8'));
    const inBrowser = await page.evaluate(async (flow) =>
      JSON.parse(JSON.stringify(await window.llmos.executeWorkflow(flow, null, null, { use_cache: false }))), workflow);
    const headless = spawnSync(bin, ['run', file, '--skills', path.join(repoRoot, 'skills'), '--json', '--no-cache'],
                               { encoding: 'utf8', timeout: 240000, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(headless.status, 0, headless.stderr);
    const underNode = JSON.parse(headless.stdout).results;
    assert.deepEqual(Object.keys(inBrowser).sort(), workflow.nodes.map((node) => node.nodeId).sort());
    for (const node of Object.keys(inBrowser)) assert.equal(inBrowser[node].state, 'done', `${node} in the browser`);
    const { differences, lastBit } = compare(shape(underNode), shape(inBrowser));
    assert.deepEqual(differences, []);
    t.diagnostic(`${lastBit} numbers differ in the last bits (<= ${MAX_ULPS} ulps or ${MAX_RELATIVE} relative; V8 Math of Node vs Chromium)`);
  });
}

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
