// Starts the wasm app on the page's canvas, loads the bundled skills into the
// core, and exposes the JS API as window.llmos (executeWorkflow, ...). A
// failure to start is shown on the page, never swallowed.
import createLlmos from '../llmos.js';
import { attachCore } from './core.js';
import { openResultStore } from './result-store.js';
import * as executor from './workflow-executor.js';
import * as previewMedia from './preview-media.js';
import { importSharedWorkflow } from './share-import.js';
import * as share from './share-actions.js';
import { loadBundledUserData } from './bundle-export.js';

export async function startWorkbench(canvas, bootMessage) {
  try {
    const module = await createLlmos({
      canvas,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      llmosPreviews: previewMedia,  // image decoding and downloads for node previews
    });
    const core = attachCore(module);
    // Before any run: the core's cache reads results of earlier sessions from it.
    module.llmosHost.resultStore = await openResultStore();
    core.resultStore = module.llmosHost.resultStore;
    executor.setCore(core);
    const skills = await executor.loadBundledSkills();
    for (const diagnostic of skills.diagnostics) console.warn(`${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`);
    window.llmos = Object.assign(window.llmos || {}, {
      core, module,
      executeWorkflow: executor.executeWorkflow,
      executeSkill: executor.executeSkill,
      preloadPyodide: executor.preloadPyodide,
      validateWorkflow: executor.validateWorkflow,
      cancelRun: executor.cancelRun,
      listSkills: executor.listSkills,
      share,
    });
    window.llmos.debug = Object.assign(window.llmos.debug || {}, previewDebugHooks(module));
    // A bundle saved with File > Save bundle: its user skills and workflows.
    window.llmos.bundledUserData = await loadBundledUserData(core, { store: window.llmos.store })
      .catch((error) => { console.warn(`bundled user data: ${error.message}`); return { error: error.message }; });
    // A share link (#share=...): its skills and workflow, with no server.
    window.llmos.shared = await importSharedWorkflow(core, { hash: location.hash, loadWorkflow: window.llmos.loadWorkflow });
    if (window.llmos.shared) window.dispatchEvent(new CustomEvent('llmos:shared', { detail: window.llmos.shared }));
    bootMessage.remove();
    canvas.focus();
    window.dispatchEvent(new CustomEvent('llmos:ready', { detail: { version: core.version(), skills: skills.loaded } }));
  } catch (error) {
    bootMessage.classList.add('failed');
    bootMessage.textContent = `LLMos-Lite Workbench could not start:\n${error && error.stack ? error.stack : error}`;
    throw error;
  }
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
