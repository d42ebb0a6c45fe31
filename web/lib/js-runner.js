// javascript and threejs skills in a sandboxed classic Worker (no DOM, no
// network unless permitted). A small pool so independent branches overlap.
import { WorkerBridge } from './worker-bridge.js';

const workerUrl = new URL('../runtimes/javascript-worker.js', import.meta.url);
const pool = [];
let nextWorker = 0;

export function setJavaScriptPoolSize(size) {
  while (pool.length > size) pool.pop().terminate();
  while (pool.length < size) pool.push(new WorkerBridge(workerUrl, { name: `llmos-js-${pool.length}` }));
}

function pick() {
  if (pool.length === 0) setJavaScriptPoolSize(2);
  const bridge = pool[nextWorker % pool.length];
  nextWorker++;
  return bridge;
}

// Runs `code` (defining function execute(inputs)); resolves with {ok, outputs}
// or {ok:false, error}. Returns {promise, cancel}. `entry` and `args` call
// another function of the code instead (spice: postprocess(vectors, inputs, netlist)).
export function executeJavaScriptSkill(code, inputs, { path = 'skill.js', firstLine = 1, requires = [], network = [], entry, args } = {}) {
  const bridge = pick();
  const { id, promise } = bridge.request({ type: 'run', code, inputs, path, firstLine, requires, network, entry, args });
  return { promise, cancel: (reason) => bridge.cancel(id, reason) };
}
