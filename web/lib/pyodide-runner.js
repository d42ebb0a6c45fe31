// Python (python-wasm, qiskit) skills in Pyodide: one pool of module Workers
// (web/runtimes/python-worker.js) for both node types, sized by the core's
// node-type table, with a warm standby (web/lib/worker-bridge.js). The
// original design's API: preloadPyodide(), then executePythonSkill(code,
// inputs) resolving to the outputs.
import { WorkerPool } from './worker-bridge.js';

const workerUrl = new URL('../runtimes/python-worker.js', import.meta.url);
let pool = null;
let options = {};

// Options of the pool, before it starts (the Node host passes createWorker;
// standby:false saves a second Pyodide where stops are rare).
export function configurePython(settings) {
  options = { ...options, ...settings };
  if (pool && settings.size) pool.setSize(settings.size);
}

export function pythonPool() {
  pool ??= new WorkerPool({
    url: workerUrl, type: 'module', name: 'llmos-python', interruptible: true,
    // A node that grew Pyodide's memory past this leaves it to a fresh worker.
    recycleAboveBytes: 512 * 1024 * 1024, ...options,
  });
  return pool;
}

// Starts Pyodide and the helper modules in a worker; resolves with
// {load_ms, phases, modules, snapshot} (phases: where the start-up time
// went; snapshot: 'restored', 'made' or 'none', see python-worker.js).
export async function preloadPyodide() {
  const info = await pythonPool().ready();
  return { load_ms: info.load_ms, phases: info.phases, modules: info.modules, snapshot: info.snapshot };
}

// True once a Pyodide worker has started and can run skills.
export function isPyodideLoaded() {
  return Boolean(pool?.isReady());
}

// 'off', 'loading' or 'ready' (the editor's status bar).
export function pythonReadiness() {
  return pool ? pool.readiness() : 'off';
}

// Runs one dispatch request (the core's; runtime-host.js): {promise, cancel}.
export function runPythonRequest(request, hooks) {
  return pythonPool().run(request, hooks);
}

// The original design's call: `const output = await executePythonSkill(code,
// inputs)` gives the skill's outputs object; it rejects with the skill's
// error ({code, line} on the Error). The promise also carries `id` and
// `cancel()`. Options: path and firstLine put error lines in the skill file.
export function executePythonSkill(code, inputs = {}, { path = 'skill.py', firstLine = 1 } = {}) {
  const request = {
    run: 0, node: '', inputs, deadline_ms: null,
    skill: { skill_id: 'python-skill', node_type: 'python-wasm', code, code_first_line: firstLine, language: 'python',
             source_path: path, requires: [], network: [], outputs: [] },
  };
  const handle = runPythonRequest(request, {});
  const outputs = handle.promise.then((answer) => {
    if (answer.ok) return answer.outputs_json !== undefined ? JSON.parse(answer.outputs_json) : answer.outputs;
    throw Object.assign(new Error(answer.error.message), answer.error);
  });
  return Object.assign(outputs, { id: handle.id, cancel: handle.cancel });
}
