// Starts the wasm app on the page's canvas, loads the skills into the core
// (bundled ones, plus the user's and team's when the page is hosted), opens
// the workflow store and the last open workflow, and exposes the JS API as
// window.llmos (executeWorkflow, ..., requestFrame, debug). A failure to
// start is shown on the page, never swallowed.
import createLlmos from '../llmos.js';
import { attachCore } from './core.js';
import { openResultStore } from './result-store.js';
import * as executor from './workflow-executor.js';
import * as previewMedia from './preview-media.js';
import { openWorkflowStore } from './workflow-store.js';
import { startWorkflowSession } from './workflow-session.js';
import { installEditorClipboard } from './editor-clipboard.js';
import { importSharedWorkflow } from './share-import.js';
import * as share from './share-actions.js';
import { loadBundledUserData } from './bundle-export.js';
import { createEditorRuns } from './editor-run.js';

export async function startWorkbench(canvas, bootMessage, noticeElement = document.getElementById('notice')) {
  try {
    // Pyodide starts in its own Worker at once, beside the editor's start
    // (a repeat visit restores its snapshot: web/runtimes/python-worker.js),
    // so the first Python node rarely waits.
    executor.preloadPyodide().catch((error) => console.warn(`Pyodide preload: ${error}`));
    const editorRuns = createEditorRuns();  // the editor's runs: executeWorkflow, history, 3D overlay
    const module = await createLlmos({
      llmosRuns: editorRuns,
      canvas,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      llmosPreviews: previewMedia,  // image decoding and downloads for node previews
    });
    const frames = frameControls(module);
    const core = attachCore(module);
    // Before any run: the core's cache reads results of earlier sessions from it.
    module.llmosHost.resultStore = await openResultStore();
    core.resultStore = module.llmosHost.resultStore;
    executor.setCore(core);
    const store = await openWorkflowStore();
    const skills = await executor.loadBundledSkills();
    editorRuns.attach({ module, core, executor, host: document.body });
    for (const diagnostic of skills.diagnostics) console.warn(`${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`);
    skills.loaded += await loadOwnSkills(core, store);
    module.llmosUserSkills = userSkillKeeper(store, noticeElement);
    window.llmos = Object.assign(window.llmos || {}, {
      core, module, store, userSkills: module.llmosUserSkills,
      executeWorkflow: executor.executeWorkflow,
      executeSkill: executor.executeSkill,
      preloadPyodide: executor.preloadPyodide,
      validateWorkflow: executor.validateWorkflow,
      cancelRun: executor.cancelRun,
      listSkills: executor.listSkills,
      // Contract 7: anything outside the editor that changes what is on screen.
      requestFrame: frames.requestFrame,
      frames,
      share,
    });
    window.llmos.debug = Object.assign(window.llmos.debug || {}, previewDebugHooks(module), editorDebugHooks(module),
                                      runDebugHooks(module, editorRuns));
    const session = await startWorkflowSession({ module, store, notice: noticeElement, canvas, requestFrame: frames.requestFrame });
    window.llmos.files = session;
    window.llmos.clipboard = installEditorClipboard(module);
    window.llmos.loadWorkflow = (workflow, name) => session.loadWorkflow(workflow, name);
    // A bundle saved with File > Save bundle: its user skills and workflows.
    window.llmos.bundledUserData = await loadBundledUserData(core, { store })
      .catch((error) => { console.warn(`bundled user data: ${error.message}`); return { error: error.message }; });
    // A share link (#share=...): its skills and workflow, with no server.
    window.llmos.shared = await importSharedWorkflow(core, { hash: location.hash, loadWorkflow: window.llmos.loadWorkflow });
    if (window.llmos.shared) window.dispatchEvent(new CustomEvent('llmos:shared', { detail: window.llmos.shared }));
    frames.requestFrame();  // the palette now holds the skills
    bootMessage.remove();
    canvas.focus();
    window.dispatchEvent(new CustomEvent('llmos:ready', {
      detail: { version: core.version(), skills: skills.loaded, store: store.kind },
    }));
  } catch (error) {
    bootMessage.classList.add('failed');
    bootMessage.textContent = `LLMos-Lite Workbench could not start:\n${error && error.stack ? error.stack : error}`;
    throw error;
  }
}

// Test hooks of runs: per-node run state, commands (run all, stop, sweep), the 3D overlay.
function runDebugHooks(module, editorRuns) {
  return {
    runState: () => JSON.parse(module.ccall('llmos_debug_run_state', 'string', [], [])),
    // What each view of a node's preview draws: bars, Bloch vectors, text.
    previewData: (nodeId) => JSON.parse(module.ccall('llmos_debug_preview_data', 'string', ['string'], [nodeId])),
    runCommand: (command) => module.ccall('llmos_debug_run_command', 'number', ['string'], [JSON.stringify(command)]) === 1,
    sceneState: () => editorRuns.sceneState(),
    lastCleared: () => editorRuns.lastCleared,
    runtimeReadiness: () => editorRuns.readiness(),
    closeSceneViewer: () => editorRuns.closeSceneViewer(),
  };
}

// The user's skills (IndexedDB) or, hosted, the user's and team's skills
// from the server, layered over the bundled system volume.
async function loadOwnSkills(core, store) {
  let loaded = 0;
  try {
    const own = await store.listUserSkills();
    // Team first, so a user's skill shadows the team's.
    own.sort((a, b) => (a.volume === b.volume ? 0 : a.volume === 'team' ? -1 : 1));
    for (const skill of own) {
      const answer = core.addSkill(`${skill.volume}/${skill.id}.md`, skill.markdown, skill.volume);
      for (const diagnostic of answer.diagnostics || []) console.warn(`${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`);
      if (answer.ok) loaded++;
    }
  } catch (error) {
    console.warn(`user skills not loaded: ${error.message}`);
  }
  return loaded;
}

// Where "Edit a copy" keeps the user skills it saves: the workflow store
// (IndexedDB, or the server when hosted), which the next visit loads them
// from. A failed save says so on the page; flush() waits for pending saves.
function userSkillKeeper(store, noticeElement) {
  const pending = new Set();
  return {
    save: (id, markdown) => {
      const saving = store.saveUserSkill(id, markdown).catch((error) => {
        console.warn(`user skill '${id}' not kept: ${error.message}`);
        if (noticeElement) {
          noticeElement.textContent = `The user skill '${id}' works in this tab but could not be kept: ${error.message}`;
          noticeElement.hidden = false;
        }
      });
      pending.add(saving);
      saving.finally(() => pending.delete(saving));
    },
    flush: () => Promise.all([...pending]),
  };
}

// Draw on demand (src/editor/frames): the editor draws only when asked.
function frameControls(module) {
  const stats = () => JSON.parse(module.UTF8ToString(module._llmos_frame_stats()));
  const controls = {
    requestFrame: () => module._llmos_request_frame(),
    // Stops drawing altogether (benchmarks compare with it).
    pause: () => module._llmos_set_drawing_paused(1),
    resume: () => module._llmos_set_drawing_paused(0),
    // {frames, lastCpuMs, totalCpuMs, maxCpuMs, pending, paused}
    stats,
  };
  // Emscripten's names for the same thing (older tests and benches use them).
  module.pauseMainLoop = controls.pause;
  module.resumeMainLoop = controls.resume;
  return controls;
}

const parsed = (module, pointer) => JSON.parse(module.UTF8ToString(pointer));

// Contract 6: window.llmos.debug.state() / pinPosition / paletteItemPosition.
// The editor's exports (src/editor/debug_api.cpp) answer in ImGui's screen
// coordinates (drawing-buffer pixels); the page's tests want CSS pixels.
function editorDebugHooks(module) {
  const display = () => parsed(module, module._llmos_debug_display());
  const toCss = (point) => {
    if (!point || typeof point.x !== 'number') return null;
    const { ratio } = display();
    return { x: point.x / ratio, y: point.y / ratio };
  };
  const callText = (name, ...args) => {
    if (typeof module[`_${name}`] !== 'function') return null;
    return JSON.parse(module.ccall(name, 'string', args.map(() => 'string'), args));
  };
  return {
    state: () => {
      const state = callText('llmos_debug_state') ?? { nodes: [], links: [], selection: [], viewport: { x: 0, y: 0, zoom: 1 } };
      const { width, height, ratio } = display();
      state.display = { width, height };
      // Screen points in CSS pixels, like pinPosition's.
      const css = (point) => ({ ...point, x: point.x / ratio, y: point.y / ratio });
      if (state.contextMenu) state.contextMenu.items = state.contextMenu.items.map(css);
      if (state.pulsePoints) state.pulsePoints = state.pulsePoints.map(css);
      return state;
    },
    pinPosition: (nodeId, port, direction) => toCss(callText('llmos_debug_pin_position', nodeId, port, direction)),
    paletteItemPosition: (skillId) => toCss(callText('llmos_debug_palette_item_position', skillId)),
    headerPosition: (nodeId) => toCss(callText('llmos_debug_header_position', nodeId)),
    // "Edit a copy": {open, skillId, text, diagnostics, errorLines, ...} with positions in CSS pixels.
    skillEditor: () => {
      const editor = callText('llmos_debug_skill_editor');
      if (!editor) return null;
      const { ratio } = display();
      for (const key of ['textOrigin', 'saveButton', 'openButton']) editor[key] = toCss(editor[key]);
      editor.lineHeight /= ratio;
      editor.charWidth /= ratio;
      editor.gutter = { left: editor.gutter.left / ratio, right: editor.gutter.right / ratio };
      return editor;
    },
    display,
    frameStats: () => parsed(module, module._llmos_frame_stats()),
  };
}

// Test hooks of the previews: show any outputs as a skill's node preview.
function previewDebugHooks(module) {
  const call = (name, ...args) => JSON.parse(module.ccall(name, 'string', args.map(() => 'string'), args));
  return {
    showPreview: (outputs, skillId) => call('llmos_debug_show_preview', JSON.stringify(outputs), skillId),
    previewWindows: () => call('llmos_debug_preview_windows'),
    openLargeView: (id) => module.ccall('llmos_debug_open_large_view', null, ['number'], [id]),
    closePreviews: () => module.ccall('llmos_debug_close_previews', null, [], []),
    openAbout: () => module.ccall('llmos_debug_open_about', null, [], []),
    about: () => {
      const pointer = module.ccall('llmos_debug_about_state', 'number', [], []);
      try { return JSON.parse(module.UTF8ToString(pointer)); } finally { module._free(pointer); }
    },
  };
}
