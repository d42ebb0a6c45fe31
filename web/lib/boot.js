// Starts the wasm app on the page's canvas, loads the bundled skills into the
// core, and exposes the JS API as window.llmos (executeWorkflow, ...). A
// failure to start is shown on the page, never swallowed.
import createLlmos from '../llmos.js';
import { attachCore } from './core.js';
import { openResultStore } from './result-store.js';
import * as executor from './workflow-executor.js';
import * as previewMedia from './preview-media.js';
import { createEditorRuns } from './editor-run.js';

export async function startWorkbench(canvas, bootMessage) {
  try {
    const editorRuns = createEditorRuns();  // the editor's runs: executeWorkflow, history, 3D overlay
    const module = await createLlmos({
      llmosRuns: editorRuns,
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
    editorRuns.attach({ module, core, executor, host: document.body });
    for (const diagnostic of skills.diagnostics) console.warn(`${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`);
    window.llmos = Object.assign(window.llmos || {}, {
      core, module,
      executeWorkflow: executor.executeWorkflow,
      executeSkill: executor.executeSkill,
      preloadPyodide: executor.preloadPyodide,
      validateWorkflow: executor.validateWorkflow,
      cancelRun: executor.cancelRun,
      listSkills: executor.listSkills,
    });
    window.llmos.debug = Object.assign(window.llmos.debug || {}, previewDebugHooks(module), runDebugHooks(module, editorRuns));
    bootMessage.remove();
    canvas.focus();
    window.dispatchEvent(new CustomEvent('llmos:ready', { detail: { version: core.version(), skills: skills.loaded } }));
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
    runCommand: (command) => module.ccall('llmos_debug_run_command', 'number', ['string'], [JSON.stringify(command)]) === 1,
    sceneState: () => editorRuns.sceneState(),
    runtimeReadiness: () => editorRuns.readiness(),
    closeSceneViewer: () => editorRuns.closeSceneViewer(),
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
  };
}
