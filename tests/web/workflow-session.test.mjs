// The File session's autosave (web/lib/workflow-session.js) against a store
// as slow as the server's: an edit the editor reports while a workflow is
// being opened belongs to the workflow being opened, never to the one
// before it (that race once saved the new document under the old name and
// left the session at the wrong version, so its next autosave was refused
// as a conflict with another tab).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWorkflowSession } from '../../web/lib/workflow-session.js';
import { WorkflowStoreError } from '../../web/lib/workflow-store.js';

// The page's globals the session listens on.
globalThis.addEventListener ??= () => {};
globalThis.document ??= { hidden: false, addEventListener: () => {} };

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A store that takes `latency` ms per call and refuses stale saves, as the
// server store does (versions are counters here).
function slowStore(latency) {
  const files = new Map();
  let next = 1;
  return {
    kind: 'server', user: 'local', files,
    async list() { await delay(latency); return [...files.keys()].map((name) => ({ name })); },
    async load(name) {
      await delay(latency);
      const file = files.get(name);
      return file ? { name, workflow: structuredClone(file.workflow), version: file.version } : null;
    },
    async save(name, workflow, { baseVersion } = {}) {
      await delay(latency);
      const current = files.get(name)?.version ?? null;
      if (baseVersion !== undefined && current !== baseVersion) {
        throw new WorkflowStoreError('conflict', `workflow '${name}' was saved elsewhere`);
      }
      const version = next++;
      files.set(name, { workflow: structuredClone(workflow), version });
      return { name, version };
    },
    async remove(name) { await delay(latency); files.delete(name); },
    onChange() { return () => {}; },
  };
}

// The editor's side of the contract: a document that, like the canvas laying
// out a workflow without positions, reports an edit a frame after opening.
function fakeEditor() {
  const editor = { document: null, name: null };
  const module = {
    _llmos_files_open() {},
    ccall(name, _returns, _types, args) {
      if (name === 'llmos_files_open') {
        editor.document = JSON.parse(args[0]);
        editor.name = args[1];
        if (editor.document.nodes.length && !editor.document.ui) {
          setTimeout(() => {
            editor.document.ui = { laidOut: true };
            module.llmosFiles.changed();
          }, 0);
        }
        return JSON.stringify({ ok: true });
      }
      if (name === 'llmos_files_document') return JSON.stringify(editor.document);
      return '';
    },
  };
  return { editor, module };
}

test('an edit reported while a workflow opens is saved under its name, and the next edit saves too', async () => {
  const store = slowStore(150);  // slower than the autosave's 120 ms
  const { editor, module } = fakeEditor();
  const files = await startWorkflowSession({ module, store, examplesBase: 'data:text/plain,' });
  assert.equal(files.name, 'untitled');
  assert.equal(store.files.has('untitled'), false);  // a first visit stores nothing until an edit

  await files.loadWorkflow({ nodes: [{ nodeId: 'a', skillId: 'x' }], edges: [] }, 'loaded');
  await delay(400);
  await files.flush();
  assert.equal(files.name, 'loaded');
  assert.deepEqual(store.files.get('loaded').workflow.ui, { laidOut: true });
  // The old name got nothing of the new document.
  assert.equal(store.files.get('untitled')?.workflow.nodes.length ?? 0, 0);

  // The next edit (the skill editor switching a node to its copy) saves.
  editor.document.nodes[0].skillId = 'x-copy';
  module.llmosFiles.changed();
  await delay(200);
  await files.flush();
  assert.equal(files.conflicted, false, String(files.lastSaveError));
  assert.equal(store.files.get('loaded').workflow.nodes[0].skillId, 'x-copy');
});

test('two first visits: the second untitled document is saved under a free name, not refused', async () => {
  const store = slowStore(5);
  const first = fakeEditor();
  const second = fakeEditor();
  const a = await startWorkflowSession({ module: first.module, store, examplesBase: 'data:text/plain,' });
  const b = await startWorkflowSession({ module: second.module, store, examplesBase: 'data:text/plain,' });
  assert.equal(a.name, 'untitled');
  assert.equal(b.name, 'untitled');
  first.editor.document.nodes.push({ nodeId: 'a', skillId: 'x', ui: {} });
  first.module.llmosFiles.changed();
  await delay(200);
  await a.flush();
  second.editor.document.nodes.push({ nodeId: 'b', skillId: 'y', ui: {} });
  second.module.llmosFiles.changed();
  await delay(200);
  await b.flush();
  assert.equal(b.conflicted, false, String(b.lastSaveError));
  assert.equal(b.name, 'untitled-2');
  assert.deepEqual(store.files.get('untitled').workflow.nodes.map((n) => n.nodeId), ['a']);
  assert.deepEqual(store.files.get('untitled-2').workflow.nodes.map((n) => n.nodeId), ['b']);
});
