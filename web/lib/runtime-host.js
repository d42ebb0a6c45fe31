// The JS side of runtime dispatch: the wasm scheduler calls
// Module.llmosHost.dispatch(request) for every node it starts; this host runs
// the node in the bridge registered for its type and answers with
// complete()/fail(), handing the node's log lines and progress to the core
// as they arrive. Deadlines are the core's (request.deadline_ms, from its
// node-type table): when one passes, the core fails the node and calls
// cancel(), like a user's cancel. Pool sizes come from the same table.
import { configurePython, runPythonRequest } from './pyodide-runner.js';
import { configureJavaScript, runJavaScriptRequest } from './js-runner.js';

// Node type -> {run(request, hooks) -> {promise, cancel}, configure?(entry)}.
const bridges = new Map();

// Registers the bridge of a node type (contract 4): `run(request, {log,
// progress})` returns {promise, cancel}; the promise resolves to {ok,
// outputs | outputs_json | error}; a rejection fails the node.
// `configure(nodeTypeEntry)` (optional) receives the core's table entry.
export function registerBridge(nodeType, run, { configure } = {}) {
  bridges.set(nodeType, { run, configure });
}

// Both Python types share one pool, both JS types another: a pool is as
// large as the largest pool among its types.
const largest = (apply) => {
  let size = 0;
  return (entry) => {
    size = Math.max(size, Number(entry.pool) || 1);
    apply({ size });
  };
};
const configurePythonPool = largest(configurePython);
const configureJavaScriptPool = largest(configureJavaScript);
registerBridge('python-wasm', runPythonRequest, { configure: configurePythonPool });
registerBridge('qiskit', runPythonRequest, { configure: configurePythonPool });
registerBridge('javascript', runJavaScriptRequest, { configure: configureJavaScriptPool });
registerBridge('threejs', runJavaScriptRequest, { configure: configureJavaScriptPool });

export class RuntimeHost {
  constructor(core) {
    this.core = core;
    this.active = new Map();  // "run/node" -> cancel()
    this.listeners = new Map();  // run id -> {onEvent, onFinished}
    this.early = new Map();  // run id -> events before watch()
    this.ticker = null;
    this.configured = false;
  }

  // Hands each bridge its entry of the core's node-type table, once.
  configure() {
    if (this.configured) return;
    this.configured = true;
    const table = typeof this.core.nodeTypes === 'function' ? this.core.nodeTypes() : [];
    for (const entry of table || []) bridges.get(entry.type)?.configure?.(entry);
  }

  dispatch(request) {
    this.configure();
    const { run: runId, node } = request;
    const key = `${runId}/${node}`;
    // Answers go back after the scheduler's dispatch call has returned.
    const fail = (error) => queueMicrotask(() => this.core.fail(runId, node, error));
    const bridge = bridges.get(request.skill.node_type);
    if (!bridge) {
      fail({ code: 'runtime.unavailable', message: `no runtime for node type '${request.skill.node_type}' in this build` });
      return;
    }
    const live = () => this.active.has(key);
    const hooks = {
      log: (stream, text) => { if (live()) this.core.log(runId, node, stream, text); },
      progress: (fraction, message) => { if (live()) this.core.progress(runId, node, fraction, message); },
      // A worker still starting (or busy) holds the request: the node's
      // deadline waits for it. Told after dispatch has returned.
      waiting: () => queueMicrotask(() => { if (live()) this.core.awaitingRuntime?.(runId, node); }),
      started: () => { if (live()) this.core.runtimeStarted?.(runId, node); },
    };
    let handle;
    try {
      handle = bridge.run(request, hooks);
    } catch (error) {
      fail({ code: 'runtime.dispatch', message: String(error?.message || error) });
      return;
    }
    this.active.set(key, handle.cancel);
    Promise.resolve(handle.promise).then((answer) => {
      if (!live()) return;  // cancelled or past its deadline meanwhile
      this.active.delete(key);
      if (answer?.ok) this.core.complete(runId, node, answer.outputs_json ?? answer.outputs ?? {});
      else this.core.fail(runId, node, answer?.error || { code: 'runtime.error', message: 'the runtime gave no answer' });
    }).catch((error) => {
      if (!live()) return;
      this.active.delete(key);
      this.core.fail(runId, node, { code: 'runtime.bridge', message: String(error?.message || error) });
    });
  }

  cancel(run, node) {
    const key = `${run}/${node}`;
    const cancel = this.active.get(key);
    this.active.delete(key);
    cancel?.({ code: 'cancelled', message: 'cancelled' });
  }

  event(event) {
    // Events of a run arrive before start() has returned its id: keep them
    // until watch() is called for that run.
    if (!this.listeners.has(event.run)) {
      if (!this.early.has(event.run)) this.early.set(event.run, []);
      this.early.get(event.run).push(event);
      return;
    }
    this.listeners.get(event.run).onEvent(event);
    if (event.kind === 'run_finished') {
      const listener = this.listeners.get(event.run);
      this.listeners.delete(event.run);
      listener?.onFinished();
      if (this.listeners.size === 0) this.stopTicking();
    }
  }

  watch(run, onEvent, onFinished) {
    this.listeners.set(run, { onEvent, onFinished });
    const early = this.early.get(run) || [];
    this.early.delete(run);
    for (const event of early) this.event(event);
    if (!this.listeners.has(run)) return;  // it finished during start()
    // Deadlines are checked against the host clock; a slow tick is enough.
    this.ticker ??= setInterval(() => this.core.tick(), 50);
  }

  stopTicking() {
    clearInterval(this.ticker);
    this.ticker = null;
  }
}
