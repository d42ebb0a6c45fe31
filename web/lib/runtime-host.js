// The JS side of runtime dispatch: the wasm scheduler calls
// Module.llmosHost.dispatch(request) for every node it starts; this host runs
// the node in the bridge for its type and answers with complete()/fail().
import { cancelPython, executePythonSkill } from './pyodide-runner.js';
import { executeJavaScriptSkill } from './js-runner.js';

// Node type -> function(request) returning {promise, cancel}.
const bridges = {
  'python-wasm': runPython,
  qiskit: runPython,
  javascript: runJavaScript,
  threejs: runJavaScript,
};

function runPython(request) {
  const { id, promise } = executePythonSkill(request.skill.code, request.inputs, {
    path: request.skill.source_path, firstLine: request.skill.code_first_line,
  });
  return { promise, cancel: () => cancelPython(id) };
}

function runJavaScript(request) {
  return executeJavaScriptSkill(request.skill.code, request.inputs, {
    path: request.skill.source_path, firstLine: request.skill.code_first_line,
    requires: request.skill.requires || [], network: request.skill.network || [],
  });
}

// Wall-time limits per call (skills/README.md): a JS skill that loops forever
// is stopped by terminating its worker.
const wallLimitsMs = { javascript: 5000, threejs: 5000 };

// Registers a bridge for a node type (tests and later runtimes use this).
export function registerBridge(nodeType, run) {
  bridges[nodeType] = run;
}

export function hasBridge(nodeType) {
  return Boolean(bridges[nodeType]);
}

export class RuntimeHost {
  constructor(core) {
    this.core = core;
    this.active = new Map();  // "run/node" -> cancel()
    this.listeners = new Map();  // run id -> {onEvent, onFinished}
    this.early = new Map();  // run id -> events before watch()
    this.ticker = null;
  }

  dispatch(request) {
    const key = `${request.run}/${request.node}`;
    const run = bridges[request.skill.node_type];
    if (!run) {
      // Answer after the scheduler's dispatch call returns, like a real runtime.
      queueMicrotask(() => this.core.fail(request.run, request.node, {
        code: 'runtime.unavailable',
        message: `no runtime for node type '${request.skill.node_type}' in this build`,
      }));
      return;
    }
    let handle;
    try {
      handle = run(request);
    } catch (error) {
      queueMicrotask(() => this.core.fail(request.run, request.node, { code: 'runtime.dispatch', message: String(error) }));
      return;
    }
    this.active.set(key, handle.cancel);
    const limit = wallLimitsMs[request.skill.node_type];
    const timer = limit && setTimeout(() => {
      if (!this.active.has(key)) return;
      this.active.delete(key);
      handle.cancel({ code: 'timeout', message: `stopped after ${limit} ms` });
      this.core.fail(request.run, request.node, { code: 'timeout', message: `the skill ran longer than ${limit} ms` });
    }, limit);
    handle.promise.then((answer) => {
      clearTimeout(timer);
      if (!this.active.has(key)) return;  // cancelled or timed out meanwhile
      this.active.delete(key);
      if (answer.ok) this.core.complete(request.run, request.node, answer.outputs);
      else this.core.fail(request.run, request.node, answer.error);
    });
  }

  cancel(run, node) {
    const key = `${run}/${node}`;
    const cancel = this.active.get(key);
    this.active.delete(key);
    if (cancel) cancel({ code: 'cancelled', message: 'cancelled' });
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
    // Timeouts are checked against the host clock; a slow tick is enough.
    this.ticker ??= setInterval(() => this.core.tick(), 50);
  }

  stopTicking() {
    clearInterval(this.ticker);
    this.ticker = null;
  }
}
