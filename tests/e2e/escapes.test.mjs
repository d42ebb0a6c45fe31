// The escape catalogue (tests/data/escapes/catalogue.json) in Chromium's
// workers: every attempt to leave the sandbox, reach another node's data or
// exhaust the machine gets exactly its expected error, and attempts to
// poison the next node (same run or a later one) change nothing it sees.
// The Python attempts run twice: on a first visit (the interpreter that
// makes Pyodide's memory snapshot) and on a repeat visit (one restored from
// that snapshot, web/runtimes/python-worker.js).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, repoRoot, waitForFrames } from './harness.mjs';
import { checkRun } from '../data/escapes/expectations.mjs';

const escapesDir = path.join(repoRoot, 'tests', 'data', 'escapes');
const catalogue = JSON.parse(readFileSync(path.join(escapesDir, 'catalogue.json'), 'utf8'));
const skillFiles = ['javascript', 'python'].flatMap((language) =>
  readdirSync(path.join(escapesDir, 'skills', language)).map((file) => {
    const relative = path.join('tests', 'data', 'escapes', 'skills', language, file);
    return { path: relative, text: readFileSync(path.join(repoRoot, relative), 'utf8') };
  }));

let server;
let browser;
let page;
let problems;
let snapshots = [];

// (Re)loads the page and the escape skills; resolves once Pyodide is ready.
async function visit() {
  await waitForFrames(page, 2);
  const { loaded, snapshot } = await page.evaluate(async (files) => {
    const answers = files.map((file) => window.llmos.core.addSkill(file.path, file.text, 'user'));
    const info = await window.llmos.preloadPyodide();  // deadlines below count from dispatch
    return { loaded: answers.filter((answer) => !answer.ok).map((answer) => answer.diagnostics), snapshot: info.snapshot };
  }, skillFiles);
  assert.deepEqual(loaded, []);
  snapshots.push(snapshot);
}

before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true }));
  await visit();
});

after(() => closeWorkbench({ server, browser }));

test('the catalogue has 20+ attempts in each runtime', () => {
  const count = (prefix) => catalogue.cases.filter((entry) => entry.id.startsWith(prefix)).length;
  assert.ok(count('js-') >= 20, `javascript: ${count('js-')}`);
  assert.ok(count('py-') >= 20, `python: ${count('py-')}`);
});

const runCase = (entry) => async () => {
  for (const [index, run] of entry.runs.entries()) {
    const results = await page.evaluate(async ({ workflow, options }) => {
      const outcome = await window.llmos.executeWorkflow(workflow, null, null, { use_cache: false, ...options });
      return JSON.parse(JSON.stringify(outcome));
    }, run);
    const mismatches = checkRun(run.expect, results, { origin: new URL(server.url).origin });
    assert.deepEqual(mismatches, [], `run ${index + 1}: ${JSON.stringify(results).slice(0, 2000)}`);
  }
};

for (const entry of catalogue.cases) test(`${entry.id}: ${entry.what}`, runCase(entry));

test('a repeat visit restores Python from the snapshot the first visit made', async () => {
  // Leave once no Python worker is still starting (its requests would be cut off).
  await page.evaluate(async () => {
    const { pythonPool } = await import('/lib/pyodide-runner.js');
    const settled = () => {
      const stats = pythonPool().stats();
      return [...stats.serving, stats.standby].every((slot) => slot && slot.state !== 'starting');
    };
    for (let i = 0; i < 600 && !settled(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  });
  await page.goto(server.url);
  await visit();
  assert.deepEqual(snapshots, ['made', 'restored']);
});

for (const entry of catalogue.cases.filter((item) => item.id.startsWith('py-'))) {
  test(`restored from the snapshot, ${entry.id}: ${entry.what}`, runCase(entry));
}

test('after the catalogue both runtimes still answer, and the page logged no errors', async () => {
  const answers = await page.evaluate(async () => {
    const py = await window.llmos.executeSkill({ skill_id: 'after-py', node_type: 'python-wasm', inputs: [],
      outputs: [{ name: 'y', type: 'float' }], code: 'import math\n\ndef execute(inputs):\n    return {"y": math.pi}\n' });
    const js = await window.llmos.executeSkill({ skill_id: 'after-js', node_type: 'javascript', inputs: [],
      outputs: [{ name: 'y', type: 'float' }], code: 'function execute() { return { y: [3, 1, 2].sort()[0] }; }' });
    return { py: py.y, js: js.y };
  });
  assert.deepEqual(answers, { py: Math.PI, js: 1 });
  assert.deepEqual(problems.filter((problem) => !/requestfailed: .*127\.0\.0\.2/.test(problem)), []);
});
