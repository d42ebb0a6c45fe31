// The bridge for `spice` nodes (contract 4): ngspice.wasm in a pool of module
// Workers (web/runtimes/spice-worker.js, one ngspice instance each, reused
// across runs) simulates the filled netlist; the skill's JavaScript
// postprocess block then runs in the javascript sandbox as
// postprocess(vectors, inputs, netlist), like any javascript skill.
import { runJavaScriptRequest } from './js-runner.js';
import { registerBridge } from './runtime-host.js';
import { WorkerPool } from './worker-bridge.js';

const workerUrl = new URL('../runtimes/spice-worker.js', import.meta.url);
let pool = null;
let options = {};

// Options of the pool, before it starts (size from the core's node-type
// table; the Node host passes createWorker).
export function configureSpice(settings) {
  options = { ...options, ...settings };
  if (pool && settings.size) pool.setSize(settings.size);
}

export function spicePool() {
  pool ??= new WorkerPool({ url: workerUrl, type: 'module', name: 'llmos-spice', ...options });
  return pool;
}

// Loads ngspice in a worker ahead of the first spice node; resolves with
// {load_ms, version}.
export async function preloadSpice() {
  const info = await spicePool().ready();
  return { load_ms: info.load_ms, version: info.version };
}

// 'off', 'loading' or 'ready' (the editor's status bar).
export function spiceReadiness() {
  return pool ? pool.readiness() : 'off';
}

// Simulates only (no postprocess): {promise, cancel}; the promise resolves to
// {ok:true, outputs:{vectors, netlist}} or {ok:false, error}.
export function simulateSpice(request, hooks = {}) {
  return spicePool().run(request, hooks);
}

// The javascript request that runs a spice request's postprocess block as
// postprocess(vectors, inputs, netlist) (tests run native vectors through it).
export function postprocessRequest(request, vectors, netlist) {
  const skill = request.skill;
  return {
    ...request,
    skill: { ...skill, node_type: 'javascript', language: 'javascript', code: skill.postprocess,
             code_first_line: skill.postprocess_first_line || 1, network: [] },
    entry: 'postprocess',
    args: [vectors, request.inputs, netlist],
  };
}

const parsed = (answer) => (answer.outputs_json !== undefined ? JSON.parse(answer.outputs_json) : answer.outputs);

// run(request, {log, progress}) -> {promise, cancel}; the promise resolves to
// {ok, outputs | error}. Outputs: the postprocess result, or {vectors}
// without a postprocess block; a declared `netlist` output not returned is
// the filled netlist.
export function runSpice(request, hooks = {}) {
  let stage = null;
  let cancelled = false;
  const promise = (async () => {
    const simulation = simulateSpice(request, hooks);
    stage = simulation.cancel;
    const answer = await simulation.promise;
    if (!answer.ok || cancelled) return { ok: false, error: answer.error ?? { code: 'cancelled', message: 'cancelled' } };
    const { vectors, netlist } = parsed(answer);
    const skill = request.skill;
    let outputs = { vectors };
    if (skill.postprocess) {
      const post = runJavaScriptRequest(postprocessRequest(request, vectors, netlist), hooks);
      stage = post.cancel;
      const result = await post.promise;
      if (!result.ok) return { ok: false, error: result.error };
      outputs = parsed(result);
    }
    if ((skill.outputs || []).includes('netlist') && outputs.netlist === undefined) outputs.netlist = netlist;
    return { ok: true, outputs };
  })();
  return {
    promise,
    cancel: (reason) => {
      cancelled = true;
      stage?.(reason);
    },
  };
}

registerBridge('spice', runSpice, { configure: (entry) => configureSpice({ size: Number(entry.pool) || 1 }) });
