// Every shipped example gives the same outputs in Chromium (executeWorkflow
// in the page: module Workers) and under `llmos run` (the same core and
// worker scripts under Node worker_threads): equal as JSON, every bit of every
// float (the JavaScript sandbox's Math is runtime-math.wasm in both, not the
// two V8s' own), PNG bytes and SVG text. A skill's relative fetch reads the
// same file in both: the page's address there, --base-url here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, repoRoot } from './harness.mjs';

const bin = process.env.LLMOS_BIN || path.join(repoRoot, 'build', 'native', 'bin', 'llmos');
const examplesDir = path.join(repoRoot, 'skills', 'examples');
const examples = readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();

let server;
let browser;
let page;
let problems;

before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true }));
});

after(() => closeWorkbench({ server, browser }));

const shape = (results) => Object.fromEntries(Object.entries(results).map(([node, result]) =>
  [node, { state: result.state, outputs: result.outputs, ...(result.error ? { error: result.error } : {}) }]));

// Runs a workflow file both ways: [under llmos run, in the browser].
async function bothWays(file, args = []) {
  const workflow = JSON.parse(readFileSync(file, 'utf8'));
  const inBrowser = await page.evaluate(async (flow) =>
    JSON.parse(JSON.stringify(await window.llmos.executeWorkflow(flow, null, null, { use_cache: false }))), workflow);
  const headless = spawnSync(bin, ['run', file, '--skills', path.join(repoRoot, 'skills'), '--json', '--no-cache', ...args],
                             { encoding: 'utf8', timeout: 240000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(headless.status, 0, headless.stderr);
  const underNode = JSON.parse(headless.stdout).results;
  assert.deepEqual(Object.keys(inBrowser).sort(), workflow.nodes.map((node) => node.nodeId).sort());
  for (const node of Object.keys(inBrowser)) assert.equal(inBrowser[node].state, 'done', `${node} in the browser`);
  return [shape(underNode), shape(inBrowser)];
}

// The first differing paths (at most 10), for a readable failure.
function differences(a, b, where = '', found = []) {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], `${where}/${key}`, found);
  } else if (!Object.is(a, b) && found.length < 10) {
    const show = (value) => JSON.stringify(value)?.slice(0, 120);
    found.push(`${where}: llmos run ${show(a)}, browser ${show(b)}`);
  }
  return found;
}

for (const example of examples) {
  test(`${example}: the browser's outputs equal llmos run's, bit for bit`, async () => {
    const [underNode, inBrowser] = await bothWays(path.join(examplesDir, example));
    assert.deepEqual(differences(underNode, inBrowser), []);
    assert.equal(JSON.stringify(underNode), JSON.stringify(inBrowser));
  });
}

test('a skill\'s relative fetch reads the same file in the page and under llmos run --base-url', async () => {
  const origin = new URL(server.url).origin;
  const dir = mkdtempSync(path.join(tmpdir(), 'llmos-relative-'));
  const text = '---\nskill_id: relative-index-node\nname: relative-index-node\ntype: javascript\ncategory: test\n' +
    `description: reads the skill index by a relative URL\npermissions:\n  network: [${origin}]\ninputs: []\n` +
    'outputs:\n  - {name: count, type: number}\n  - {name: url, type: string}\n---\n' +
    '```javascript\nasync function execute() {\n  const response = await fetch("skills/index.json");\n' +
    '  return { count: (await response.json()).length, url: response.url };\n}\n```\n';
  writeFileSync(path.join(dir, 'relative-index-node.md'), text);
  const flow = path.join(dir, 'flow.json');
  writeFileSync(flow, JSON.stringify({ nodes: [{ nodeId: 'index', skillId: 'relative-index-node' }], edges: [] }));
  // In the page the skill sits in the user volume too (permissions count only there).
  const added = await page.evaluate((skill) => window.llmos.core.addSkill('user/relative-index-node.md', skill, 'user'), text);
  assert.ok(added.ok, JSON.stringify(added.diagnostics));
  const [underNode, inBrowser] = await bothWays(flow, ['--user', dir, '--base-url', server.url]);
  assert.deepEqual(underNode, inBrowser);
  assert.equal(inBrowser.index.outputs.url, new URL('skills/index.json', server.url).href);
  assert.ok(inBrowser.index.outputs.count > 10);
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
