// The bridge for `spice` nodes (contract 4): ngspice.wasm in its own module
// Worker (web/runtimes/spice-worker.js) simulates the filled netlist; the
// skill's JavaScript postprocess block then runs in the javascript sandbox as
// postprocess(vectors, inputs, netlist), like any javascript skill.
import { executeJavaScriptSkill } from './js-runner.js';
import { registerBridge } from './runtime-host.js';
import { WorkerBridge } from './worker-bridge.js';

const workerUrl = new URL('../runtimes/spice-worker.js', import.meta.url);
let bridge = null;

function spiceBridge() {
  bridge ??= new WorkerBridge(workerUrl, { type: 'module', name: 'llmos-spice' });
  return bridge;
}

// Loads ngspice in its worker ahead of the first spice node; resolves with
// {load_ms, version}.
export async function preloadSpice() {
  const answer = await spiceBridge().request({ type: 'init' }).promise;
  if (answer.ok === false) throw new Error(answer.error.message);
  return { load_ms: answer.load_ms, version: answer.version };
}

// Simulates only (no postprocess): resolves with the worker's answer,
// {ok, outputs:{vectors, netlist}, stats} or {ok:false, error}.
export function simulateSpice(request, { log = () => {}, progress = () => {} } = {}) {
  const worker = spiceBridge();
  const { id, promise } = worker.request({ type: 'run', request }, [], (update) => {
    if (update.type === 'log') log(update.stream, update.text);
    else progress(update.fraction, update.message);
  });
  return { promise, cancel: (reason) => worker.cancel(id, reason) };
}

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
    const { vectors, netlist } = answer.outputs;
    const skill = request.skill;
    let outputs = { vectors };
    if (skill.postprocess) {
      const post = executeJavaScriptSkill(skill.postprocess, request.inputs, {
        path: skill.source_path, firstLine: skill.postprocess_first_line || 1, requires: skill.requires || [],
        entry: 'postprocess', args: [vectors, request.inputs, netlist],
      });
      stage = post.cancel;
      const result = await post.promise;
      if (!result.ok) return { ok: false, error: result.error };
      outputs = result.outputs;
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

registerBridge('spice', runSpice);
