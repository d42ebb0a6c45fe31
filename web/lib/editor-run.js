// The JS half of the editor's run controller (src/editor/run/run_controller.cpp).
// The editor starts runs through the same executeWorkflow() the page exports,
// so a run from the canvas and a run from the API are one path; each run
// event is handed to the editor (llmos_editor_run_event), which draws node
// states and previews from them. Also here: the runtimes' readiness for the
// status bar, the run history in IndexedDB, and the three.js overlay.
//
//   const runs = createEditorRuns();          // before the module: createLlmos({llmosRuns: runs})
//   runs.attach({module, core, executor, host});   // once the core is up
// three.js is loaded when the first scene preview appears, not at boot.
import { pythonReadiness } from './pyodide-runner.js';
import { spiceReadiness } from './spice-runner.js';
import { openRunHistory } from './run-history.js';
import { createSceneView } from './scene-view.js';

export function createEditorRuns() {
  let module = null;
  let core = null;
  let executor = null;
  let sceneView = null;
  let sceneViewLoading = null;
  let sceneHost = null;
  let loadThree = () => import('../vendor/three/three.module.js');
  let history = null;
  let currentRun = 0;
  let readinessTimer = null;
  let lastReadiness = '';
  const frameTimes = [];  // ms between editor frames while a run is live (the Stop test logs them)

  const send = (name, value) => {
    if (!module) return;
    module.ccall(name, null, ['string'], [typeof value === 'string' ? value : JSON.stringify(value)]);
    requestFrame();
  };
  const requestFrame = () => {
    if (globalThis.llmos?.requestFrame) globalThis.llmos.requestFrame();
  };

  // Readiness of the runtimes a run may wait for: pushed to the status bar when it changes.
  function pushReadiness() {
    const readiness = { python: pythonReadiness(), spice: spiceReadiness() };
    const text = JSON.stringify(readiness);
    if (text !== lastReadiness) {
      lastReadiness = text;
      send('llmos_editor_runtime_status', text);
    }
    const loading = Object.values(readiness).includes('loading');
    if (loading && !readinessTimer) readinessTimer = setInterval(pushReadiness, 200);
    if (!loading && readinessTimer) {
      clearInterval(readinessTimer);
      readinessTimer = null;
    }
    return readiness;
  }

  function ensureSceneView() {
    sceneViewLoading ??= loadThree().then((THREE) => {
      sceneView = createSceneView({
        THREE, host: sceneHost ?? document.body, requestFrame,
        sceneText: (hash) => module.ccall('llmos_editor_scene_text', 'string', ['string'], [hash]),
      });
      return sceneView;
    });
    return sceneViewLoading;
  }

  const runs = {
    attach(parts) {
      ({ module, core, executor } = parts);
      sceneHost = parts.host ?? document.body;
      if (parts.loadThree) loadThree = parts.loadThree;
      pushReadiness();
    },

    // From C++: start a run of `workflowText` with executeWorkflow's options
    // ({scope, target, use_cache}). Events go back to the editor as they come.
    start(workflowText, optionsText) {
      const workflow = JSON.parse(workflowText);
      const options = JSON.parse(optionsText);
      const started = performance.now();
      const onEvent = (event) => {
        if (event.run !== currentRun) currentRun = event.run;
        send('llmos_editor_run_event', event);
        if (event.kind === 'running' || event.kind === 'queued') pushReadiness();
      };
      setTimeout(pushReadiness, 0);  // the run may have started a runtime
      executor.executeWorkflow(workflow, null, null, { ...options, onEvent })
        .then(() => pushReadiness())
        .catch((error) => send('llmos_editor_run_failed', {
          message: String(error?.message || error), diagnostics: error?.diagnostics ?? [],
          elapsed_ms: performance.now() - started,
        }));
    },

    // From C++ (Clear cached result): the node's result leaves the core's
    // cache and the IndexedDB result store. The last answer is kept for tests.
    clearCached(workflowText, node) {
      runs.lastCleared = core ? core.clearCachedResult(workflowText, node) : null;
      if (runs.lastCleared && !runs.lastCleared.ok) console.warn(`clear cached result: ${JSON.stringify(runs.lastCleared)}`);
    },
    lastCleared: null,

    // From C++ (Stop, Esc): cancels the live run; its nodes report `cancelled`.
    stop() {
      if (currentRun) executor.cancelRun(currentRun);
    },

    // Run history of one workflow, newest first (IndexedDB).
    async saveHistory(name, recordText) {
      history ??= await openRunHistory();
      await history.add(name, JSON.parse(recordText));
    },
    async loadHistory(name) {
      history ??= await openRunHistory();
      send('llmos_editor_history_loaded', { workflow: name, records: await history.list(name) });
    },

    // From C++ after each frame: the scene previews on screen.
    sceneFrame(itemsText) {
      const items = JSON.parse(itemsText);
      if (sceneView) sceneView.frame(items);
      else if (items.length) ensureSceneView().then(requestFrame);
    },
    async openSceneViewer(sceneText, title) {
      (await ensureSceneView()).openViewer(JSON.parse(sceneText), title);
    },

    noteFrame(ms) {
      frameTimes.push(ms);
      if (frameTimes.length > 600) frameTimes.shift();
    },
    // For tests: {python, spice}, the overlay's last frame, frame times.
    readiness: pushReadiness,
    sceneState: () => sceneView?.state() ?? null,
    frameTimes: () => frameTimes.slice(),
    closeSceneViewer: () => sceneView?.closeViewer() ?? false,
  };
  return runs;
}
