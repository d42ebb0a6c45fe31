// File > Save bundle (web/lib/bundle-export.js): the zip holds the app, the
// user's workflows and skills, and a manifest + service worker equal to what
// cmake/BundleManifest.cmake would write for those files; the page of the
// unzipped copy loads the user's skills into the real wasm core.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { USER_INDEX, buildBundleZip, loadBundledUserData, makeManifest, readUserData } from '../../web/lib/bundle-export.js';
import { loadHeadlessCore, repoRoot } from './headless-core.mjs';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-bundle-export-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

const userSkill = fs.readFileSync(path.join(repoRoot, 'tests/data/share/my-scale-node.md'), 'utf8');

// A small bundle made the way AssembleBundle does it: files, then the manifest script.
function makeBundle(dir) {
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>\n');
  fs.writeFileSync(path.join(dir, 'lib', 'boot.js'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(dir, 'llmos.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  fs.copyFileSync(path.join(repoRoot, 'web', 'service-worker.js'), path.join(dir, 'service-worker.js'));
  const run = spawnSync('cmake', [`-DOUT=${dir}`, '-P', path.join(repoRoot, 'cmake', 'BundleManifest.cmake')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}
const fromDir = (dir) => async (file) => new Uint8Array(fs.readFileSync(path.join(dir, file)));

// A workflow store (team.md contract 8) in memory.
function memoryStore(workflows, skills) {
  const saved = new Map(Object.entries(workflows));
  const savedSkills = new Map(Object.entries(skills));
  return {
    kind: 'memory',
    list: async () => [...saved.keys()].map((name) => ({ name })),
    load: async (name) => ({ name, workflow: saved.get(name), version: 'v1' }),  // web/lib/workflow-store.js's shape
    save: async (name, json) => saved.set(name, typeof json === 'string' ? JSON.parse(json) : json),
    listUserSkills: async () => [...savedSkills].map(([id, markdown]) => ({ id, markdown })),
    saveUserSkill: async (id, markdown) => savedSkills.set(id, markdown),
    saved, savedSkills,
  };
}

const scaleWorkflow = {
  nodes: [{ nodeId: 'scale', skillId: 'my-scale-node', inputValues: { x: 7 } }],
  edges: [],
};

describe('buildBundleZip', () => {
  const source = path.join(temp, 'source');
  const out = path.join(temp, 'unzipped');
  let zip;
  before(async () => {
    makeBundle(source);
    const store = memoryStore({ 'Scale by three': scaleWorkflow, 'rc/../chart': { nodes: [], edges: [] } }, { 'my-scale-node': userSkill });
    zip = await buildBundleZip({ store, fetchFile: fromDir(source) });
    fs.writeFileSync(path.join(temp, 'saved.zip'), zip.bytes);
    const unzip = spawnSync('unzip', ['-q', path.join(temp, 'saved.zip'), '-d', out], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, unzip.stderr);
  });

  test('makeManifest writes bundle.json byte for byte as the CMake script does', async () => {
    const files = new Map(['index.html', 'lib/boot.js', 'llmos.wasm'].map((f) => [f, new Uint8Array(fs.readFileSync(path.join(source, f)))]));
    const manifest = await makeManifest(files);
    assert.equal(manifest.text + '\n', fs.readFileSync(path.join(source, 'bundle.json'), 'utf8'));
  });

  test('the zip holds the app in one folder plus the user folder with safe names', () => {
    const root = path.join(out, 'llmos-workbench');
    assert.deepEqual(fs.readdirSync(root).sort(), ['bundle.json', 'index.html', 'lib', 'llmos.wasm', 'service-worker.js', 'user']);
    const index = JSON.parse(fs.readFileSync(path.join(root, USER_INDEX), 'utf8'));
    assert.deepEqual(index.workflows, [
      { name: 'Scale by three', file: 'user/workflows/Scale-by-three.json' },
      { name: 'rc/../chart', file: 'user/workflows/rc-chart.json' },
    ]);
    assert.deepEqual(index.skills, [{ id: 'my-scale-node', file: 'user/skills/my-scale-node.md' }]);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'user/workflows/Scale-by-three.json'), 'utf8')), scaleWorkflow);
    assert.equal(fs.readFileSync(path.join(root, 'user/skills/my-scale-node.md'), 'utf8'), userSkill);
    assert.equal(fs.readFileSync(path.join(root, 'llmos.wasm')).length, 8);
  });

  test('its manifest and service worker are what the CMake script makes of the unzipped folder', () => {
    const root = path.join(out, 'llmos-workbench');
    const again = path.join(temp, 'again');
    fs.cpSync(root, again, { recursive: true });
    fs.copyFileSync(path.join(repoRoot, 'web', 'service-worker.js'), path.join(again, 'service-worker.js'));
    const run = spawnSync('cmake', [`-DOUT=${again}`, '-P', path.join(repoRoot, 'cmake', 'BundleManifest.cmake')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fs.readFileSync(path.join(root, 'bundle.json'), 'utf8'), fs.readFileSync(path.join(again, 'bundle.json'), 'utf8'));
    assert.equal(fs.readFileSync(path.join(root, 'service-worker.js'), 'utf8'), fs.readFileSync(path.join(again, 'service-worker.js'), 'utf8'));
    const before = JSON.parse(fs.readFileSync(path.join(source, 'bundle.json'), 'utf8')).version;
    assert.notEqual(zip.version, before, 'a bundle with user data is a new build version');
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'bundle.json'), 'utf8')).version, zip.version);
  });

  test('saving the saved bundle again does not nest the old user folder', async () => {
    const root = path.join(out, 'llmos-workbench');
    const again = await buildBundleZip({ userData: { workflows: [], skills: [] }, fetchFile: fromDir(root) });
    fs.writeFileSync(path.join(temp, 'again.zip'), again.bytes);
    const list = spawnSync('unzip', ['-Z1', path.join(temp, 'again.zip')], { encoding: 'utf8' }).stdout.trim().split('\n');
    assert.deepEqual(list.filter((p) => p.includes('/user/')), ['llmos-workbench/user/index.json']);
  });

  test('a user skill id that is not kebab-case is refused before anything is zipped', async () => {
    await assert.rejects(buildBundleZip({ userData: { workflows: [], skills: [{ id: '../x', markdown: 'x' }] }, fetchFile: fromDir(source) }),
      /user skill id '..\/x' is not kebab-case/);
  });
});

describe('loadBundledUserData (the unzipped copy starting up)', () => {
  test('puts the user skill into the core\'s user volume, the workflows into the store, and the workflow validates', async () => {
    const core = await loadHeadlessCore();
    const root = path.join(temp, 'unzipped', 'llmos-workbench');
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (url) => new Response(fs.readFileSync(new URL(url)));
    try {
      const store = memoryStore({ 'Scale by three': { nodes: [], edges: [] } }, {});
      const loaded = await loadBundledUserData(core, { baseUrl: pathToFileURL(root + '/'), store });
      assert.deepEqual(loaded.skills, ['my-scale-node']);
      assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.deepEqual(loaded.workflows.map((w) => w.name), ['Scale by three', 'rc/../chart']);
      // The recipient's own workflow of the same name is kept; the other one is added.
      assert.deepEqual(store.saved.get('Scale by three'), { nodes: [], edges: [] });
      assert.deepEqual(store.saved.get('rc/../chart'), { nodes: [], edges: [] });
      assert.equal(store.savedSkills.get('my-scale-node'), userSkill);
      assert.deepEqual(loaded.problems, []);
      const skill = core.showSkill('my-scale-node');
      assert.equal(skill.ok, true, JSON.stringify(skill));
      assert.equal(core.validate(scaleWorkflow).ok, true, JSON.stringify(core.validate(scaleWorkflow)));
      assert.equal(await loadBundledUserData(core, { baseUrl: pathToFileURL(path.join(temp, 'source') + '/') }), null);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  test('a name the recipient\'s store refuses is reported and the rest still loads', async () => {
    const core = await loadHeadlessCore();
    const root = path.join(temp, 'unzipped', 'llmos-workbench');
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (url) => new Response(fs.readFileSync(new URL(url)));
    try {
      const store = memoryStore({}, {});
      const save = store.save;
      store.save = async (name, json) => {
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new Error(`bad name '${name}'`);
        return save(name, json);
      };
      const loaded = await loadBundledUserData(core, { baseUrl: pathToFileURL(root + '/'), store });
      assert.deepEqual(loaded.problems, ["workflow 'Scale by three': bad name 'Scale by three'", "workflow 'rc/../chart': bad name 'rc/../chart'"]);
      assert.deepEqual(loaded.skills, ['my-scale-node']);
      assert.equal(loaded.workflows.length, 2);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  test('readUserData accepts the store\'s shapes', async () => {
    const store = memoryStore({ a: scaleWorkflow }, { 'my-scale-node': userSkill });
    const data = await readUserData(store);
    assert.deepEqual(data, { workflows: [{ name: 'a', workflow: scaleWorkflow }], skills: [{ id: 'my-scale-node', markdown: userSkill }] });
    assert.deepEqual(await readUserData(null), { workflows: [], skills: [] });
  });
});
