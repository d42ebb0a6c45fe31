// Every shipped example gives the same outputs in Chromium (executeWorkflow
// in the page: module Workers) and under `llmos run` (the same core and
// worker scripts under Node worker_threads): compared node by node, value
// by value (PNG bytes, SVG text, every float of every series).
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

const shape = (results) => Object.fromEntries(Object.entries(results).map(([node, result]) =>
  [node, { state: result.state, outputs: result.outputs, ...(result.error ? { error: result.error } : {}) }]));

for (const example of examples) {
  test(`${example}: the browser's outputs equal llmos run's`, async () => {
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
    assert.deepEqual(shape(underNode), shape(inBrowser));
  });
}

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
