// The original design's JS contract, so its snippets work unchanged:
//   const results = await executeWorkflow(payload, onStart, onComplete);
// `payload` is what POST /workflows/execute returns ({workflow, skills}); a
// bare workflow ({nodes, edges}) runs against the skills the page loaded.
// The wasm core validates and schedules; the runtime bridges run the nodes.
import { attachCore } from './core.js';
import { preloadPyodide } from './pyodide-runner.js';

export { preloadPyodide };

let corePromise = null;

// The core of the page (boot.js) or, outside the workbench page, a headless
// instance of the same module (its editor main() is not run).
export function getCore() {
  if (globalThis.llmos?.core) return Promise.resolve(globalThis.llmos.core);
  corePromise ??= import('../llmos.js').then(async ({ default: createLlmos }) =>
    attachCore(await createLlmos({ noInitialRun: true })));
  return corePromise;
}

// Use a core created elsewhere (tests, embedding pages).
export function setCore(core) {
  corePromise = Promise.resolve(core);
}

export class WorkflowValidationError extends Error {
  constructor(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(`workflow is not valid: ${errors.map((d) => `${d.code}: ${d.message}${d.pointer ? ` at ${d.pointer}` : ''}`).join('; ')}`);
    this.name = 'WorkflowValidationError';
    this.diagnostics = diagnostics;
  }
}

// Accepts the API response ({status, payload}), a payload ({workflow,
// skills}) or a bare workflow.
function normalisePayload(input) {
  if (input && input.payload && input.payload.workflow) return input.payload;
  return input;
}

const finishedKinds = new Set(['done', 'cached', 'error', 'skipped', 'cancelled']);

// Runs a workflow. onStart(nodeId) when a node starts; onComplete(result)
// with {nodeId, outputs, duration_ms, cached, error?} when a node finishes
// (done, cached, failed, skipped or cancelled). Resolves to
// {nodeId: {outputs, duration_ms, cached, error?}}. Options: {scope, target,
// use_cache, node_timeout_ms, signal (AbortSignal), onEvent}.
export async function executeWorkflow(payload, onStart, onComplete, options = {}) {
  const core = await getCore();
  const { signal, onEvent, ...runOptions } = options;
  const started = core.startRun(normalisePayload(payload), runOptions);
  if (!started.ok) {
    if (started.diagnostics) throw new WorkflowValidationError(started.diagnostics);
    throw new Error(started.error?.message || 'could not start the workflow');
  }
  const run = started.run_id;
  const abort = () => core.cancel(run);
  signal?.addEventListener('abort', abort);
  let shaped = null;
  // Outputs as the done/cached events brought them: the core's results
  // (finish) leave them out rather than serialise them a second time.
  const outputs = new Map();
  try {
    await new Promise((resolve) => {
      core.host.watch(run, (event) => {
        onEvent?.(event);
        if (event.kind === 'running') onStart?.(event.node);
        if (finishedKinds.has(event.kind)) {
          if (event.outputs) outputs.set(event.node, event.outputs);
          const result = { nodeId: event.node, outputs: event.outputs ?? {}, duration_ms: event.duration_ms,
                           cached: event.kind === 'cached' };
          if (event.error) result.error = event.error;
          onComplete?.(result);
        }
      }, resolve);
    });
    // The results, and the run released keeping its trace, in one call.
    const { results } = core.finish(run);
    shaped = {};
    for (const [nodeId, result] of Object.entries(results)) {
      shaped[nodeId] = { outputs: outputs.get(nodeId) ?? {}, duration_ms: result.duration_ms, cached: result.cached,
                         state: result.state };
      if (result.error) shaped[nodeId].error = result.error;
    }
    Object.defineProperty(shaped, 'trace', { get: traceReader(core, run), enumerable: false });
    return shaped;
  } finally {
    signal?.removeEventListener('abort', abort);
    if (shaped) traces.register(shaped, { core, run });
    else core.release(run);
  }
}

// A run's trace is built (in the core) only when someone reads results.trace,
// not on every run's critical path: the core keeps it until it is read or
// the results object is collected.
const traces = new FinalizationRegistry(({ core, run }) => core.forgetTrace(run));
function traceReader(core, run) {
  let trace;
  return () => {
    if (trace === undefined) {
      trace = core.trace(run);
      core.forgetTrace(run);
    }
    return trace;
  };
}

// Runs one skill without a graph: {skill_id, node_type, code, inputs,
// outputs, ...} (the payload's skill shape) and input values. Resolves to its
// outputs; rejects with the node's error.
export async function executeSkill(skill, inputs = {}, options = {}) {
  const id = skill.skill_id || 'skill';
  const payload = {
    workflow: { nodes: [{ nodeId: id, skillId: id, inputValues: inputs }], edges: [] },
    skills: { [id]: { ...skill, skill_id: id } },
  };
  const results = await executeWorkflow(payload, null, null, { use_cache: false, ...options });
  const result = results[id];
  if (result.error) throw Object.assign(new Error(result.error.message), { code: result.error.code, line: result.error.line });
  return result.outputs;
}

// {ok, diagnostics:[{severity, code, message, pointer, node_id, ...}]}.
export async function validateWorkflow(payload) {
  const core = await getCore();
  return core.validate(normalisePayload(payload));
}

// Cancels a run (or one of its nodes); runs are identified by the run id in
// onEvent events.
export async function cancelRun(runId, nodeId = '') {
  const core = await getCore();
  return core.cancel(runId, nodeId).ok;
}

// The skills the page loaded (the original design's JSON view), optionally
// filtered: {type, category, keyword, executable_only, search}.
export async function listSkills(query = {}) {
  const core = await getCore();
  return core.listSkills(query);
}

// Loads the bundle's skills (skills/index.json) into the core's library.
// Resolves to {loaded, diagnostics}.
export async function loadBundledSkills(baseUrl = new URL('../skills/', import.meta.url)) {
  const core = await getCore();
  const index = await (await fetch(new URL('index.json', baseUrl))).json();
  const files = index.filter((file) => file.endsWith('.md') && !file.endsWith('README.md'));
  const texts = await Promise.all(files.map(async (file) => [file, await (await fetch(new URL(file, baseUrl))).text()]));
  const diagnostics = [];
  let loaded = 0;
  for (const [file, text] of texts) {
    const answer = core.addSkill(`skills/${file}`, text, 'system');
    diagnostics.push(...(answer.diagnostics || []));
    if (answer.ok) loaded++;
  }
  return { loaded, diagnostics };
}
