// javascript and threejs skills (and spice post-processing blocks) in ses
// Compartments inside module Workers (web/runtimes/javascript-worker.js): a
// pool sized by the core's node-type table, plus a warm standby, so a stopped
// node's worker is replaced without a wait.
import { WorkerPool } from './worker-bridge.js';

const workerUrl = new URL('../runtimes/javascript-worker.js', import.meta.url);
let pool = null;
let options = {};

export function configureJavaScript(settings) {
  options = { ...options, ...settings };
  if (pool && settings.size) pool.setSize(settings.size);
}

export function javaScriptPool() {
  pool ??= new WorkerPool({ url: workerUrl, type: 'module', name: 'llmos-js', ...options });
  return pool;
}

// Runs one dispatch request: {promise, cancel}. `request.entry` and
// `request.args` call another function than execute(inputs) (spice:
// entry 'postprocess', args [vectors, inputs, netlist]).
export function runJavaScriptRequest(request, hooks) {
  return javaScriptPool().run(request, hooks);
}
