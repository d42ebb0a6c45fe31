// The open workflow of the page: restores the last one at start, autosaves
// every change to the workflow store (web/lib/workflow-store.js), and runs
// the File menu's actions (new, open, save as, rename, delete, import,
// export, examples) and a .json dropped on the canvas.
//
// The editor's document lives in C++ (src/editor/files/workflow_files.cpp);
// the two sides talk through:
//   JS -> C++  _llmos_files_open(json, name) -> {ok, error?}
//              _llmos_files_document()       -> the open workflow as JSON text
//              _llmos_files_set_menu(json)   -> what the File menu lists
//   C++ -> JS  Module.llmosFiles.changed()    after an edit (autosave)
//              Module.llmosFiles.action(name, argument) from the File menu
// A save is based on the version this tab loaded; when another tab saved the
// same workflow meanwhile, nothing is overwritten: a notice on the page
// offers to load theirs or keep this copy under a new name.
import { WorkflowStoreError, checkName, nameFrom } from './workflow-store.js';

const AUTOSAVE_DELAY_MS = 120;  // coalesces a drag's changes into one save

export async function startWorkflowSession({ module, store, notice, canvas, requestFrame = () => {},
                                             examplesBase = new URL('../skills/', import.meta.url) }) {
  const editorReady = typeof module._llmos_files_open === 'function';
  const lastOpenKey = `llmos.open.${store.kind}.${store.user ?? 'local'}`;
  const state = { name: null, version: undefined, conflicted: false, timer: null, saving: Promise.resolve(),
                  dirty: false, switching: 0, examples: [], saved: [], lastSaveError: null };

  const callText = (name, ...args) => module.ccall(name, 'string', args.map(() => 'string'), args);
  const documentText = () => {
    if (!editorReady) throw new Error('the editor has no document to save');
    return callText('llmos_files_document');
  };

  // --- The notice bar (conflicts, import errors).
  const showNotice = (message, buttons = []) => {
    if (!notice) return;
    notice.replaceChildren(Object.assign(document.createElement('span'), { textContent: message }));
    for (const [label, onClick] of buttons) {
      const button = Object.assign(document.createElement('button'), { textContent: label });
      button.addEventListener('click', () => { hideNotice(); onClick(); });
      notice.append(button);
    }
    const close = Object.assign(document.createElement('button'), { textContent: '×', title: 'Dismiss' });
    close.addEventListener('click', hideNotice);
    notice.append(close);
    notice.hidden = false;
  };
  const hideNotice = () => { if (notice) notice.hidden = true; };

  const uniqueName = async (wanted) => {
    const taken = new Set((await store.list()).map((item) => item.name));
    if (!taken.has(wanted)) return wanted;
    for (let i = 2; ; i++) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
  };

  const pushMenu = async () => {
    state.saved = (await store.list()).map((item) => item.name);
    if (!editorReady) return;
    callText('llmos_files_set_menu', JSON.stringify({
      name: state.name, kind: store.kind, user: store.user ?? null, team: store.team ?? null,
      saved: state.saved, examples: state.examples, conflicted: state.conflicted,
    }));
    requestFrame();
  };

  // Puts a workflow into the editor's document; false (and a notice) if refused.
  const show = (workflow, name) => {
    if (!editorReady) return false;
    const answer = JSON.parse(callText('llmos_files_open', typeof workflow === 'string' ? workflow : JSON.stringify(workflow), name));
    if (!answer.ok) {
      showNotice(`Could not open '${name}': ${answer.error?.message ?? 'not a workflow'}`);
      return false;
    }
    requestFrame();
    return true;
  };

  // The next visit reopens the last workflow that is in the store; an
  // unsaved one (a first visit's empty document) is not asked for then.
  const rememberOpen = (name) => {
    try {
      if (name) localStorage.setItem(lastOpenKey, name);
      else localStorage.removeItem(lastOpenKey);
    } catch { /* private mode: nothing to remember */ }
  };
  const remember = (name, version, { stored = true } = {}) => {
    state.name = name;
    state.version = version;
    state.conflicted = false;
    rememberOpen(stored ? name : null);
  };

  // --- Autosave.
  const saveNow = async () => {
    clearTimeout(state.timer);
    state.timer = null;
    if (!state.dirty || state.conflicted || !state.name || state.switching) return;
    state.dirty = false;
    let name = state.name;
    const workflow = JSON.parse(documentText());
    try {
      // A document never stored (a first visit's untitled one) takes a free
      // name at its first save: another tab may have saved one of that name.
      if (state.version === null) {
        const free = await uniqueName(name);
        if (state.name !== name) return;
        if (free !== name) {
          state.name = name = free;
          pushMenu();
        }
      }
      const saved = await store.save(name, workflow, { baseVersion: state.version ?? null });
      if (state.name !== name) return;  // another workflow was opened meanwhile
      state.version = saved.version;
      state.lastSaveError = null;
      rememberOpen(name);
    } catch (error) {
      if (state.name !== name) return;
      state.lastSaveError = error;
      if (error instanceof WorkflowStoreError && error.code === 'conflict') return conflict();
      showNotice(`Autosave of '${name}' failed: ${error.message}`);
    }
  };
  const queueSave = () => {
    state.saving = state.saving.then(saveNow, saveNow);
    return state.saving;
  };
  const changed = () => {
    state.dirty = true;
    if (state.switching) return;  // saved under the new name once the switch ends
    clearTimeout(state.timer);
    state.timer = setTimeout(queueSave, AUTOSAVE_DELAY_MS);
  };
  // Saves what is pending now (before a reload, a switch, in tests).
  const flush = async () => {
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
      await queueSave();
    }
    await state.saving;
  };

  // Opening, creating, importing or renaming replaces the document before the
  // store has answered: an edit reported meanwhile (the editor laying out a
  // workflow without positions) belongs to the new name, so it waits for the
  // switch to end instead of being saved under the old name.
  const switching = async (body) => {
    state.switching += 1;
    try {
      return await body();
    } finally {
      state.switching -= 1;
      if (!state.switching && state.dirty) changed();
    }
  };

  const conflict = () => {
    state.conflicted = true;
    pushMenu();
    const name = state.name;
    showNotice(`'${name}' was changed in another tab. This tab stopped saving it so neither copy is lost.`, [
      ['Load the other version', () => open(name)],
      ['Keep mine as a copy', async () => saveAs(await uniqueName(`${name}-copy`))],
    ]);
  };

  store.onChange((change) => {
    if (change.name !== state.name) return pushMenu();
    if (change.type === 'saved' && change.version !== state.version) conflict();
    if (change.type === 'removed') {
      state.conflicted = true;
      showNotice(`'${change.name}' was ${change.renamedTo ? `renamed to '${change.renamedTo}'` : 'deleted'} in another tab.`, [
        ['Keep mine as a copy', async () => saveAs(await uniqueName(change.name))],
      ]);
    }
  });

  // --- File menu actions.
  async function open(name) {
    await flush();
    const loaded = await store.load(checkName(name));
    if (!loaded) throw new WorkflowStoreError('not_found', `no workflow named '${name}'`);
    await switching(async () => {
      if (show(loaded.workflow, name)) remember(name, loaded.version);
    });
    hideNotice();
    await pushMenu();
    return true;
  }
  // `persist: false` (a first visit) keeps the empty document unsaved until
  // its first edit, so visits that change nothing leave nothing in the store.
  async function newWorkflow(name, { persist = true } = {}) {
    await flush();
    const chosen = await uniqueName(name ? checkName(name) : 'untitled');
    const workflow = { name: chosen, nodes: [], edges: [] };
    const shown = await switching(async () => {
      if (!show(workflow, chosen)) return false;
      remember(chosen, undefined, { stored: persist });
      state.version = persist ? (await store.save(chosen, JSON.parse(documentText()), { baseVersion: null })).version : null;
      return true;
    });
    if (!shown) return false;
    await pushMenu();
    return chosen;
  }
  // Saves the open document under a new name and continues with that one.
  async function saveAs(name) {
    checkName(name);
    await flush();
    await switching(async () => {
      const existing = await store.load(name);
      const saved = await store.save(name, JSON.parse(documentText()), { baseVersion: existing ? existing.version : null });
      remember(name, saved.version);  // the editor keeps its document, undo steps and results; pushMenu names it
    });
    hideNotice();
    await pushMenu();
    return name;
  }
  async function rename(to) {
    checkName(to);
    await flush();
    await switching(async () => {
      await store.rename(state.name, to);
      const loaded = await store.load(to);
      remember(to, loaded.version);
    });
    await pushMenu();
    return to;
  }
  // Deletes a workflow (the open one by default) and opens another or a new one.
  async function remove(name = state.name) {
    await flush();
    await store.remove(checkName(name));
    if (name === state.name) {
      state.name = null;
      const others = await store.list();
      if (others.length) await open(others[0].name);
      else await newWorkflow();
    }
    await pushMenu();
  }
  // A workflow from elsewhere becomes a new named workflow of this store.
  async function loadWorkflow(workflow, name) {
    let parsed = workflow;
    if (typeof workflow === 'string') {
      try {
        parsed = JSON.parse(workflow);
      } catch (error) {
        showNotice(`Not a workflow file: ${error.message}`);
        return false;
      }
    }
    if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.nodes)) {
      showNotice('Not a workflow file: it has no "nodes" list.');
      return false;
    }
    await flush();
    const chosen = await uniqueName(nameFrom(name || parsed.name, 'imported'));
    const shown = await switching(async () => {
      if (!show(parsed, chosen)) return false;
      const saved = await store.save(chosen, JSON.parse(documentText()), { baseVersion: null });
      remember(chosen, saved.version);
      return true;
    });
    if (!shown) return false;
    await pushMenu();
    return chosen;
  }
  const importText = (text, fileName = 'imported') => loadWorkflow(text, fileName.replace(/\.json$/i, ''));
  function importFile() {
    const input = Object.assign(document.createElement('input'), { type: 'file', accept: '.json,application/json' });
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      if (file) await importText(await file.text(), file.name);
    });
    input.click();
  }
  // The open workflow as a download (the same JSON the store keeps).
  function exportJson() {
    const text = `${JSON.stringify(JSON.parse(documentText()), null, 2)}\n`;
    const link = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(new Blob([text], { type: 'application/json' })), download: `${state.name || 'workflow'}.json`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    return text;
  }
  async function openExample(file) {
    const response = await fetch(new URL(file, examplesBase));
    if (!response.ok) throw new Error(`example ${file}: ${response.status}`);
    return loadWorkflow(await response.text(), file.split('/').pop().replace(/\.json$/, ''));
  }

  const actions = {
    new: () => newWorkflow(),
    open: (name) => open(name),
    saveAs: (name) => saveAs(name),
    rename: (name) => rename(name),
    delete: (name) => remove(name || state.name),
    import: () => importFile(),
    export: () => exportJson(),
    example: (file) => openExample(file),
  };
  module.llmosFiles = {
    changed,
    action: (name, argument) => {
      const run = actions[name];
      if (!run) return console.warn(`unknown File action ${name}`);
      Promise.resolve(run(argument)).catch((error) => showNotice(`${name}: ${error.message}`));
    },
  };

  // A .json dropped on the canvas is imported.
  canvas?.addEventListener('dragover', (event) => event.preventDefault());
  canvas?.addEventListener('drop', async (event) => {
    event.preventDefault();
    const file = [...(event.dataTransfer?.files || [])].find((item) => /\.json$/i.test(item.name) || item.type === 'application/json');
    if (file) await importText(await file.text(), file.name);
  });
  // Pending edits are saved before the page goes away.
  addEventListener('pagehide', () => { if (state.timer) queueSave(); });
  document.addEventListener('visibilitychange', () => { if (document.hidden && state.timer) queueSave(); });

  // --- Examples menu and the workflow of the last visit.
  try {
    const index = await (await fetch(new URL('index.json', examplesBase))).json();
    state.examples = index.filter((file) => /^examples\/[^/]+\.json$/.test(file))
      .map((file) => ({ file, name: file.slice('examples/'.length, -'.json'.length) }));
  } catch (error) {
    console.warn(`examples not listed: ${error.message}`);
  }
  if (editorReady) {
    let last = null;
    try { last = localStorage.getItem(lastOpenKey); } catch { /* no storage */ }
    const restored = last && await store.load(last).catch(() => null);
    if (restored && show(restored.workflow, last)) remember(last, restored.version);
    else await newWorkflow(undefined, { persist: false });
  }
  await pushMenu();

  return {
    get name() { return state.name; },
    get version() { return state.version; },
    get conflicted() { return state.conflicted; },
    get lastSaveError() { return state.lastSaveError; },
    examples: () => state.examples,
    list: () => store.list(),
    document: () => JSON.parse(documentText()),
    open, newWorkflow, saveAs, rename, remove, loadWorkflow, importText, importFile, exportJson, openExample, flush,
  };
}
