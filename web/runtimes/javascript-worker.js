// Runs javascript and threejs skills (and spice post-processing blocks) in
// a module Worker, each node in its own ses Compartment after lockdown():
// a skill sees the ECMAScript built-ins (frozen, shared), and only the
// endowments below; nothing of this worker's scope, no network but a fetch
// gated by its permissions.network, no eval or Function constructor.
//
// Endowments: console (the node's log), llmos.progress(fraction, message),
// fetch (gated), and d3 when `requires: [d3]` (hardened once, without its
// fetch and timer functions). Math's transcendental functions are
// runtime-math.wasm's (deterministic-math.js), so results are the same bits
// in every browser and under `llmos run`.
//
// Protocol (docs/RUNTIMES.md):
//   -> {type:'init', base_url?}      <- {type:'ready', ok, load_ms}
//   -> {type:'run', id, request}     (request.entry / request.args: another
//                                     entry point than execute(inputs))
//   <- {type:'log'|'progress', id, ...}, {type:'result', id, ok, outputs_json | error}
import '../vendor/ses/ses.umd.min.js';
import { loadDeterministicMath } from './deterministic-math.js';
import { closeWorkerScope, LogSink, makeFetchGate, openChannel, outputsToJson } from './worker-guard.js';

const started = performance.now();
// Messages wait until the set-up below (awaits included) has finished.
let setUp;
const settingUp = new Promise((resolve) => { setUp = resolve; });
const post = openChannel(async (message) => {
  await settingUp;
  return onMessage(message);
});
const sink = new LogSink(post);
const nativeFetch = globalThis.fetch;
// Math first, then d3, which keeps its own references (`var sin = Math.sin`).
await loadDeterministicMath();
await import('../vendor/d3/d3.min.js');
const d3 = globalThis.d3;

lockdown({ errorTaming: 'unsafe', consoleTaming: 'unsafe', overrideTaming: 'severe', stackFiltering: 'verbose',
           domainTaming: 'unsafe' });

// d3 without what reaches outside the node: d3-fetch (the network) and
// d3-timer (callbacks after the node has finished).
const NOT_FOR_SKILLS = new Set(['blob', 'buffer', 'csv', 'dsv', 'html', 'image', 'json', 'svg', 'text', 'tsv', 'xml',
                                'timer', 'timerFlush', 'timeout', 'interval', 'now']);
const libraries = {
  d3: harden(Object.fromEntries(Object.entries(d3).filter(([name]) => !NOT_FOR_SKILLS.has(name)))),
};

let allowedOrigins = new Set();
let baseUrl = null;  // for relative URLs: the page's address (init's base_url)
const gatedFetch = makeFetchGate(nativeFetch, () => allowedOrigins, () => baseUrl);
closeWorkerScope({ tameFunctions: false });

const permissionError = (message) => Object.assign(new TypeError(message), { code: 'js.permission' });
const refusing = (what) => function refused() { throw permissionError(`${what} is not available to skills`); };
const refuse = (what) => harden(refusing(what));
// instanceof Function keeps working in skills; calling it is refused.
const inertFunction = refusing('Function (code from a string)');
inertFunction.prototype = Function.prototype;
harden(inertFunction);
const inertEval = refuse('eval (code from a string)');

function formatArgument(value) {
  if (typeof value === 'string') return value;
  try {
    if (value instanceof Error) return value.stack || String(value);
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  } catch {
    try { return String(value); } catch { return '[unprintable]'; }
  }
}

// The endowments of one node; they stop working when the node has finished,
// so callbacks a skill leaves behind cannot act for a later node.
function endowments(job) {
  const write = (stream) => (...args) => {
    if (job.live) sink.write(stream, `${args.map(formatArgument).join(' ')}\n`);
  };
  const console = harden({
    log: write('stdout'), info: write('stdout'), debug: write('stdout'), trace: write('stdout'),
    warn: write('stderr'), error: write('stderr'),
  });
  const llmos = harden({
    progress: (fraction, message = '') => {
      if (job.live) sink.progress(fraction, message);
    },
  });
  const fetch = harden((resource, init) => {
    if (!job.live) throw permissionError('this node has finished');
    return gatedFetch(resource, init);
  });
  return { console, llmos, fetch, eval: inertEval, Function: inertFunction, Compartment: refuse('Compartment') };
}

// The next node's Compartment, made while the worker is idle (after init and
// after each answer), so a node's critical path only evaluates its skill.
// Each node still gets a fresh one: a prepared Compartment is used once, and
// no skill code has run in it (the warm-up evaluates a constant, which makes
// ses build the Compartment's evaluator).
function prepareNode() {
  const job = { live: true };
  const compartment = new Compartment({ globals: endowments(job), __options__: true });
  compartment.evaluate('undefined');
  return { job, compartment };
}
let prepared = null;

// The libraries a skill requires (`requires: [d3]`) join its fresh globals.
function addLibraries(compartment, request) {
  for (const name of request.skill?.requires || []) {
    if (!Object.hasOwn(libraries, name)) {
      throw Object.assign(new Error(`unknown library '${name}' in requires (available: ${Object.keys(libraries).join(', ')})`),
                          { code: 'js.requires' });
    }
    compartment.globalThis[name] = libraries[name];
  }
}

// Lines of the code block are the skill file's own: the source starts with
// (first_line - 1) blank lines and names the skill file. ses adds lines of
// its own before the source; the offset is measured once.
let lineOffset = 0;
function lineOf(error, path) {
  let stack = '';
  try { stack = String(error?.stack || ''); } catch { return 0; }
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = stack.match(new RegExp(`${escaped}:(\\d+)(?::\\d+)?`));
  return match ? Number(match[1]) - lineOffset : 0;
}
{
  const probe = new Compartment({ __options__: true });
  const error = probe.evaluate('\n\nnew Error("probe")\n//# sourceURL=llmos-probe.js');
  lineOffset = lineOf(error, 'llmos-probe.js') - 3;
}

function describe(error) {
  try {
    if (typeof error?.code === 'string' && error.code.startsWith('runtime.')) return String(error.message);
    if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) {
      return `${String(error.name || 'Error')}: ${String(error.message)}`;
    }
    return String(error);
  } catch {
    return 'the skill threw a value that cannot be shown';
  }
}

// With `profile` (WorkerPool's profile option, for bench/), the answer
// carries where the worker's time went: {received, prepare, evaluate, run,
// serialise, sent} in ms (received, sent: this worker's performance.now();
// origin: its performance.timeOrigin, to place them on the page's clock).
async function runRequest(id, request, profile) {
  const received = profile ? performance.now() : 0;
  const skill = request.skill || {};
  const path = String(skill.source_path || 'skill.js');
  const entry = String(request.entry || 'execute');
  const node = prepared || prepareNode();
  prepared = null;
  const { job, compartment } = node;
  const ready = profile ? performance.now() : 0;
  let evaluated = 0;
  let ran = 0;
  let answer;
  allowedOrigins = new Set(Array.isArray(skill.network) ? skill.network : []);
  sink.begin(id);
  try {
    addLibraries(compartment, request);
    const source = `${'\n'.repeat(Math.max(0, (Number(skill.code_first_line) || 1) - 1))}${String(skill.code ?? '')}` +
                   `\n;(typeof ${entry} === 'function' ? ${entry} : undefined)\n//# sourceURL=${path}`;
    if (!/^[A-Za-z_$][\w$]*$/.test(entry)) throw Object.assign(new Error(`bad entry point '${entry}'`), { code: 'js.entrypoint' });
    const run = compartment.evaluate(source);
    if (profile) evaluated = performance.now();
    if (typeof run !== 'function') {
      throw Object.assign(new Error(`the skill defines no function ${entry}(${entry === 'execute' ? 'inputs' : '...'})`),
                          { code: 'js.entrypoint' });
    }
    const args = Array.isArray(request.args) ? request.args : [request.inputs ?? {}];
    const outputs = await run(...args);
    if (profile) ran = performance.now();
    answer = { type: 'result', id, ok: true, outputs_json: outputsToJson(outputs) };
  } catch (error) {
    let code = 'js.exception';
    try { if (typeof error?.code === 'string' && /^[a-z_.]+$/.test(error.code)) code = error.code; } catch { /* a hostile getter */ }
    if (code === 'runtime.permission') code = 'js.permission';
    answer = { type: 'result', id, ok: false, error: { code, message: describe(error), line: lineOf(error, path) } };
  } finally {
    job.live = false;
    allowedOrigins = new Set();
    // The node's last log lines go before its result: the host stops
    // listening to a node once it has answered.
    sink.end();
  }
  if (profile) {
    const done = performance.now();
    answer.phases = { received, prepare: ready - received, evaluate: evaluated && evaluated - ready,
                      run: ran && ran - evaluated, serialise: ran && done - ran, sent: done, origin: performance.timeOrigin };
  }
  post(answer);
}

let busy = false;
async function onMessage(message) {
  if (!message || typeof message !== 'object') return;
  if (message.type === 'init') {
    baseUrl = typeof message.base_url === 'string' ? message.base_url : null;
    prepared = prepareNode();
    post({ type: 'ready', ok: true, load_ms: Math.round(performance.now() - started) });
  } else if (message.type === 'run' && !busy) {
    busy = true;
    try {
      await runRequest(message.id, message.request || {}, message.profile === true);
    } finally {
      busy = false;
      // The answer has gone: the next node's Compartment is made now, while
      // the page handles this one's result.
      prepared ??= prepareNode();
    }
  }
}

setUp();
