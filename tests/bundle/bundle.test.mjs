// The offline bundle as `make bundle` writes it: the manifest is the true
// list of files with their hashes, the service worker carries the same
// manifest, dist/ and its zip hold the same files, and the notices carry
// each package's own licence text, byte for byte.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(repo, 'build', 'web');
const dist = path.join(repo, 'dist');
const cache = process.env.LLMOS_CACHE || path.join(os.homedir(), '.cache', 'llmos');
const manifest = JSON.parse(readFileSync(path.join(web, 'bundle.json'), 'utf8'));
const generated = ['bundle.json', 'service-worker.js'];

const filesUnder = (dir, prefix = '') => readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
  const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
  return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
});
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('bundle.json lists every file of build/web with its size and SHA-256, and a version hashing them', () => {
  const onDisk = filesUnder(web).filter((file) => !generated.includes(file)).sort();
  assert.deepEqual(manifest.files.map((file) => file.path), onDisk);
  for (const file of manifest.files) {
    assert.equal(file.sha256, sha256(path.join(web, file.path)), file.path);
    assert.equal(file.bytes, readFileSync(path.join(web, file.path)).length, file.path);
  }
  const listing = manifest.files.map((file) => `${file.path} ${file.sha256}\n`).join('');
  assert.equal(manifest.version, createHash('sha256').update(listing).digest('hex').slice(0, 16));
  assert.equal(manifest.bytes, manifest.files.reduce((sum, file) => sum + file.bytes, 0));
});

test('the service worker carries the same manifest (so a new build is a new service worker)', () => {
  const worker = readFileSync(path.join(web, 'service-worker.js'), 'utf8');
  assert.doesNotMatch(worker, /@LLMOS_BUNDLE@/);
  const baked = worker.match(/const bundle = (\{[\s\S]*?\n\});/);
  assert.ok(baked, 'a manifest object in service-worker.js');
  assert.deepEqual(JSON.parse(baked[1]), manifest);
});

test('the bundle holds the runtimes it needs and only the Pyodide files Pyodide loads', () => {
  const paths = new Set(manifest.files.map((file) => file.path));
  for (const needed of ['index.html', 'llmos.js', 'llmos.wasm', 'lib/offline.js', 'runtimes/python-worker.js',
                        'vendor/pyodide/pyodide.esm.js', 'vendor/pyodide/pyodide.asm.wasm',
                        'vendor/pyodide/python_stdlib.zip', 'vendor/three/three.module.js', 'vendor/d3/d3.min.js',
                        'vendor/ses/ses.umd.min.js', 'skills/index.json', 'skills/examples/vqe-plot.json',
                        'THIRD_PARTY_NOTICES.txt']) {
    assert.ok(paths.has(needed), needed);
  }
  assert.ok(!paths.has('vendor/pyodide/pyodide.js'), 'the UMD build of Pyodide is not used');
  assert.ok(![...paths].some((file) => file.endsWith('.map')), 'no source maps');
});

test('dist/ holds the same files, and dist/llmos-workbench.zip holds them in one folder', () => {
  assert.ok(existsSync(dist), 'make bundle writes dist/');
  for (const file of [...manifest.files.map((entry) => entry.path), ...generated]) {
    assert.equal(sha256(path.join(dist, file)), sha256(path.join(web, file)), file);
  }
  const listed = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
                                       path.join(dist, 'llmos-workbench.zip')], { encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const zipped = listed.stdout.split('\n').filter((name) => name && !name.endsWith('/')).sort();
  const expected = [...manifest.files.map((entry) => entry.path), ...generated].map((file) => `llmos-workbench/${file}`);
  assert.deepEqual(zipped, expected.sort());
});

test('the notices carry each package\'s own licence file, byte for byte', () => {
  const notices = readFileSync(path.join(web, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
  const tree = (name) => readdirSync(path.join(cache, 'src')).filter((entry) => entry.startsWith(`${name}-`))
    .map((entry) => path.join(cache, 'src', entry)).find((entry) => !/\.tar\./.test(entry));
  const modules = path.join(repo, 'node_modules');
  const sources = {
    'this project': path.join(repo, 'LICENSE'),
    'Dear ImGui': path.join(tree('imgui'), 'LICENSE.txt'),
    'yaml-cpp': path.join(tree('yaml-cpp'), 'LICENSE'),
    'nlohmann/json': '/usr/share/doc/nlohmann-json3-dev/copyright',
    'DejaVu fonts': '/usr/share/doc/fonts-dejavu-core/copyright',
    Emscripten: '/usr/share/doc/emscripten/copyright',
    'Pyodide (MPL-2.0, named by its package.json)': '/usr/share/common-licenses/MPL-2.0',
    CPython: '/usr/lib/python3.11/LICENSE.txt',
    'three.js': path.join(modules, 'three', 'LICENSE'),
    d3: path.join(modules, 'd3', 'LICENSE'),
    'd3-array (bundled in d3.min.js)': path.join(modules, 'd3-array', 'LICENSE'),
    ses: path.join(modules, 'ses', 'LICENSE'),
    'ses (code from V8)': path.join(modules, 'ses', 'LICENSE-v8'),
  };
  if (manifest.files.some((file) => file.path.startsWith('vendor/ngspice/'))) {
    sources.ngspice = path.join(tree('ngspice'), 'COPYING');
  }
  for (const [name, file] of Object.entries(sources)) {
    assert.ok(notices.includes(readFileSync(file, 'utf8')), `the licence of ${name} (${file})`);
    assert.ok(notices.includes(`(from ${file})`), `the notices name where ${name}'s text comes from`);
  }
  assert.match(notices, /^pyodide 0\.29\.\d+$/m);
  assert.match(notices, /^three 0\.\d+\.\d+$/m);
});
