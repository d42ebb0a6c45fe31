// Python (python-wasm, qiskit) skills in Pyodide, in a module Worker.
// The original design's API: preloadPyodide() then run skills; the first
// Python node loads Pyodide (~2-3 s) if nobody preloaded it.
import { WorkerBridge } from './worker-bridge.js';

const workerUrl = new URL('../runtimes/python-worker.js', import.meta.url);
let bridge = null;
let loading = null;

function pythonBridge() {
  bridge ??= new WorkerBridge(workerUrl, { type: 'module', name: 'llmos-python' });
  return bridge;
}

// Loads Pyodide and the helper modules in the worker; resolves with
// {load_ms, modules}. Safe to call many times.
export function preloadPyodide() {
  loading ??= pythonBridge().request({ type: 'init' }).promise.then((answer) => {
    if (answer.ok === false) {
      loading = null;
      throw new Error(answer.error.message);
    }
    return { load_ms: answer.load_ms, modules: answer.modules };
  });
  return loading;
}

export function isPyodideLoaded() {
  return loading !== null;
}

// Runs `code` (defining execute(inputs)) and resolves with
// {ok, outputs} or {ok:false, error:{code, message, line}}. `path` and
// `firstLine` make error lines point into the skill file.
export function executePythonSkill(code, inputs, { path = 'skill.py', firstLine = 1 } = {}) {
  const { id, promise } = pythonBridge().request({ type: 'run', code, inputs, path, firstLine });
  return { id, promise };
}

// Stops a running Python skill by restarting the worker (Pyodide reloads on
// the next run).
export function cancelPython(id) {
  if (!bridge) return;
  bridge.cancel(id);
  loading = null;
}

export function executePython(code, inputs, options) {
  return executePythonSkill(code, inputs, options).promise;
}
