// A skill's relative URL under `llmos run`, as in the page: in the browser
// fetch('values.csv') resolves against the page's address; under Node it
// resolves against --base-url, and the skill's permissions.network decides
// as it does in the browser. Without --base-url there is no page: the URL
// is the worker's own file: location (origin "null"), refused.
// Run: node --test tests/cli/run-relative-fetch.test.mjs (after make build)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.LLMOS_BIN || path.join(repo, 'build', 'native', 'bin', 'llmos');
const scratch = mkdtempSync(path.join(tmpdir(), 'llmos-relative-fetch-'));
const CSV = 'x,y\n1,2.5\n2,3.75\n';

let server;
let origin;
const requested = [];

// The skills are written once the server's port is known (permissions name an origin).
function writeSkills() {
  const skills = path.join(scratch, 'skills');
  mkdirSync(skills, { recursive: true });
  const skill = (id, permissions) => `---\nskill_id: ${id}\nname: ${id}\ntype: javascript\ncategory: test\n` +
    `description: reads values.csv by a relative URL\n${permissions}inputs:\n  - {name: file, type: string, default: values.csv}\n` +
    'outputs:\n  - {name: text, type: string}\n  - {name: url, type: string}\n---\n' +
    '```javascript\nasync function execute(inputs) {\n  const response = await fetch(inputs.file);\n' +
    '  if (!response.ok) throw new Error(`HTTP ${response.status}`);\n' +
    '  return { text: await response.text(), url: response.url };\n}\n```\n';
  writeFileSync(path.join(skills, 'permitted.md'), skill('relative-fetch-permitted', `permissions:\n  network: [${origin}]\n`));
  writeFileSync(path.join(skills, 'unpermitted.md'), skill('relative-fetch-unpermitted', ''));
  const flow = (id) => {
    const file = path.join(scratch, `${id}.json`);
    writeFileSync(file, JSON.stringify({ nodes: [{ nodeId: 'read', skillId: id }], edges: [] }));
    return file;
  };
  return { skills, permitted: flow('relative-fetch-permitted'), unpermitted: flow('relative-fetch-unpermitted') };
}
let files;

before(async () => {
  server = createServer((request, response) => {
    requested.push(request.url);
    if (request.url === '/data/values.csv') {
      response.writeHead(200, { 'Content-Type': 'text/csv' });
      response.end(CSV);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  files = writeSkills();
});

after(() => server?.close());

// Async: the server above answers from this process while llmos runs.
function llmosRun(file, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['run', file, '--skills', path.join(repo, 'skills'), '--user', files.skills, '--json', '--no-cache', ...args],
                        { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, read: stdout ? JSON.parse(stdout).results.read : null });
    });
  });
}

test('with --base-url, a permitted skill reads values.csv relative to it', async () => {
  requested.length = 0;
  const run = await llmosRun(files.permitted, ['--base-url', `${origin}/data/`]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.read.state, 'done');
  assert.deepEqual(run.read.outputs, { text: CSV, url: `${origin}/data/values.csv` });
  assert.deepEqual(requested, ['/data/values.csv']);
});

test('a relative path climbing out of the base stays on its origin, as in a browser', async () => {
  const run = await llmosRun(files.permitted, ['--base-url', `${origin}/other/deeper/`, '--set', 'read.file=../../data/values.csv']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.read.outputs, { text: CSV, url: `${origin}/data/values.csv` });
});

test('with --base-url, a skill without that origin in permissions.network is refused', async () => {
  requested.length = 0;
  const run = await llmosRun(files.unpermitted, ['--base-url', `${origin}/data/`]);
  assert.equal(run.status, 1);
  assert.equal(run.read.state, 'error');
  assert.equal(run.read.error.code, 'js.permission');
  assert.match(run.read.error.message, new RegExp(`network access to ${origin.replaceAll('.', '\\.')} is not permitted`));
  assert.deepEqual(requested, [], 'nothing reached the server');
});

test('without --base-url a relative URL is the worker\'s own file: location, origin null: refused', async () => {
  requested.length = 0;
  const run = await llmosRun(files.permitted);
  assert.equal(run.status, 1);
  assert.equal(run.read.error.code, 'js.permission');
  assert.match(run.read.error.message, /network access to null is not permitted/);
  assert.deepEqual(requested, []);
});

test('--base-url must be an absolute http(s) URL (exit 2, the flag named)', async () => {
  const run = await llmosRun(files.permitted, ['--base-url', 'data/']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--base-url data\/: give an absolute URL/);
});
