// What every runtime Worker does around skill code (docs/RUNTIMES.md):
//  - openChannel(): takes the message channel before skill code can reach it
//    (postMessage, onmessage, addEventListener are then closed);
//  - closeWorkerScope(): removes every way out of the worker (network,
//    storage, other workers, code from strings) from its global object and the
//    objects of its prototype chain, non-configurable, so nothing a skill
//    reaches (Pyodide's `js`, d3's closures) can put them back;
//  - makeFetchGate(): the one network call left, for the origins in the
//    running skill's permissions.network;
//  - LogSink: stdout/stderr lines and progress of the running request,
//    streamed to the page while the skill runs, rate-limited and capped;
//  - outputsToJson(): the outputs as strict JSON text, within a size limit.
// Only self.onmessage/self.postMessage are used, so the same code runs in a
// browser Worker and under Node worker_threads (contract 5).

// Limits of one request, shared by every runtime.
export const limits = Object.freeze({
  outputBytes: 32 * 1024 * 1024,  // JSON text of a node's outputs
  logBytes: 1024 * 1024,          // stdout + stderr of one node; the rest is dropped
  logIntervalMs: 20,              // lines and progress are batched at most this often
  pythonMemoryBytes: 1024 * 1024 * 1024,  // Pyodide's wasm memory may grow this far
});

// Globals no skill may use. Missing ones are skipped (Node lacks some, the
// browser lacks process/require).
const CLOSED = [
  // network
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'fetchLater',
  'RTCPeerConnection',
  // code and other workers
  'importScripts', 'Worker', 'SharedWorker', 'eval',
  // storage shared with the page and other workers
  'indexedDB', 'caches', 'BroadcastChannel', 'cookieStore', 'webkitRequestFileSystem',
  'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL', 'webkitResolveLocalFileSystemSyncURL',
  'Notification',
  // the message channel to the page (taken by openChannel first)
  'postMessage', 'close', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'onmessageerror',
  'onerror', 'onunhandledrejection', 'onrejectionhandled',
  // Node worker_threads (llmos run)
  'process', 'require', 'module',
];

const refuse = (what) => function closed() {
  throw Object.assign(new TypeError(`${what} is not available to skills`), { code: 'runtime.permission' });
};

// Defines `name` as `value`, read-only and non-configurable, on the global
// object and on every object of its prototype chain that has it.
function seal(name, value) {
  for (let object = globalThis; object; object = Object.getPrototypeOf(object)) {
    if (object !== globalThis && !Object.prototype.hasOwnProperty.call(object, name)) continue;
    try {
      Object.defineProperty(object, name, { value, writable: false, configurable: false, enumerable: false });
    } catch {
      // Already non-configurable: checked below.
    }
  }
  if (globalThis[name] !== value) throw new Error(`the worker could not close '${name}'`);
}

let handler = null;
let post = null;

// Installs `onMessage(data)` as the worker's only message handler and returns
// post(message, transfer). Call once, before any skill code runs.
export function openChannel(onMessage) {
  if (post) throw new Error('openChannel called twice');
  const nativePost = globalThis.postMessage;
  post = (message, transfer) => nativePost.call(globalThis, message, transfer || []);
  handler = (event) => onMessage(event.data);
  globalThis.onmessage = handler;
  return post;
}

// Closes the worker's ways out (see CLOSED). `fetch` becomes `fetchGate` (or
// absent); Function constructors and string timers are refused unless the
// caller (the ses worker: lockdown already tamed them) says otherwise.
export function closeWorkerScope({ fetchGate = null, tameFunctions = true } = {}) {
  for (const name of CLOSED) {
    if (!(name in globalThis)) continue;
    seal(name, name === 'fetch' && fetchGate ? fetchGate : undefined);
  }
  if (!('fetch' in globalThis) && fetchGate) seal('fetch', fetchGate);
  // The handler stays registered; the property can no longer be replaced.
  seal('onmessage', handler);
  // Only what skills could use harmlessly from navigator (OPFS, locks and
  // service workers are left out).
  if ('navigator' in globalThis) {
    const { userAgent = '', hardwareConcurrency = 1, language = 'en' } = globalThis.navigator || {};
    seal('navigator', Object.freeze({ userAgent, hardwareConcurrency, language }));
  }
  // Timers take functions only: a string would be code from a string.
  for (const name of ['setTimeout', 'setInterval']) {
    const native = globalThis[name];
    if (typeof native !== 'function') continue;
    const guarded = {
      [name](callback, ...rest) {
        if (typeof callback !== 'function') refuse(`${name} with a string`)();
        return native.call(globalThis, callback, ...rest);
      },
    }[name];
    seal(name, guarded);
  }
  if (tameFunctions) tameFunctionConstructors();
}

// `Function('code')`, and the same through any function's .constructor
// (async, generator, async generator): refused. instanceof keeps working.
function tameFunctionConstructors() {
  const samples = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const sample of samples) {
    const prototype = Object.getPrototypeOf(sample);
    const inert = refuse('making a function from a string');
    inert.prototype = prototype;
    Object.defineProperty(prototype, 'constructor', { value: inert, writable: false, configurable: false });
    if (sample === samples[0]) seal('Function', inert);
  }
}

// A fetch limited to `allowedOrigins()` (read at call time: the origins of
// the request running now). A refused origin throws at once (a skill that
// never awaits the promise still sees the error). Redirects are refused
// (they could leave the allowed origins) and no credentials are sent.
// A relative URL resolves against `baseUrl()` (the page's address in the
// browser, `llmos run --base-url` under Node; the worker's own location when
// null), then meets the same origin check.
export function makeFetchGate(nativeFetch, allowedOrigins, baseUrl = () => null) {
  const NativeRequest = globalThis.Request;
  return function fetch(resource, init) {
    // `resource` is read once (String() or the Request constructor): a
    // URL-like object cannot show one origin to the check and another to the fetch.
    let target = resource;
    if (!(resource instanceof NativeRequest)) {
      const base = baseUrl();
      target = base ? new URL(String(resource), base).href : String(resource);
    }
    const request = new NativeRequest(target, init);
    const origin = new URL(request.url).origin;
    if (!allowedOrigins().has(origin)) {
      throw Object.assign(
        new TypeError(`network access to ${origin} is not permitted (the skill's permissions.network does not list it)`),
        { code: 'runtime.permission' });
    }
    return nativeFetch(new NativeRequest(request, { redirect: 'error', credentials: 'omit' }));
  };
}

// Log lines and progress of the running request. Lines are sent as they are
// written, at most every limits.logIntervalMs (the rest are batched), and at
// most limits.logBytes per request; progress keeps only the latest value.
export class LogSink {
  constructor(send, now = () => performance.now()) {
    this.send = send;
    this.now = now;
    this.begin(null);
  }

  begin(id) {
    this.id = id;
    this.pending = { stdout: '', stderr: '' };
    this.bytes = 0;
    this.truncated = false;
    this.lastSent = -Infinity;
    this.lastProgress = -Infinity;
  }

  write(stream, text) {
    if (this.id === null || this.truncated) return;
    text = String(text);
    if (this.bytes + text.length > limits.logBytes) {
      text = `${text.slice(0, Math.max(0, limits.logBytes - this.bytes))}\n[log truncated after ${limits.logBytes} bytes]\n`;
      this.truncated = true;
    }
    this.bytes += text.length;
    this.pending[stream === 'stderr' ? 'stderr' : 'stdout'] += text;
    if (this.truncated || this.now() - this.lastSent >= limits.logIntervalMs) this.flush();
  }

  flush() {
    for (const stream of ['stdout', 'stderr']) {
      if (!this.pending[stream]) continue;
      this.send({ type: 'log', id: this.id, stream, text: this.pending[stream] });
      this.pending[stream] = '';
    }
    this.lastSent = this.now();
  }

  progress(fraction, message = '') {
    if (this.id === null) return;
    const value = Number(fraction);
    if (!Number.isFinite(value)) throw new TypeError('progress(fraction): fraction must be a number from 0 to 1');
    const now = this.now();
    if (value < 1 && now - this.lastProgress < limits.logIntervalMs) return;
    this.lastProgress = now;
    this.flush();
    this.send({ type: 'progress', id: this.id, fraction: Math.min(1, Math.max(0, value)), message: String(message) });
  }

  end() {
    if (this.id !== null) this.flush();
    this.id = null;
  }
}

const errorWith = (code, message) => Object.assign(new Error(message), { code });

function isPlainObject(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// The outputs object as JSON text. Values JSON cannot carry exactly (NaN,
// Infinity, undefined, functions, symbols, BigInt, class instances, cycles)
// are errors naming the path, never silently changed; so is text longer
// than limits.outputBytes.
export function outputsToJson(outputs) {
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs) || !isPlainObject(outputs)) {
    throw errorWith('runtime.result', 'execute() must return a plain object of outputs');
  }
  const path = new Map();
  let text;
  try {
    text = JSON.stringify(outputs, function check(key, value) {
      const where = key === '' ? 'outputs' : `${path.get(this) || 'outputs'}${Array.isArray(this) ? `[${key}]` : `.${key}`}`;
      switch (typeof value) {
        case 'number':
          if (!Number.isFinite(value)) throw errorWith('runtime.result', `${where} is ${value}, which JSON cannot represent`);
          return value;
        case 'string': case 'boolean': return value;
        case 'object':
          if (value === null) return value;
          if (!Array.isArray(value) && !isPlainObject(value)) {
            throw errorWith('runtime.result', `${where} is a ${value.constructor?.name || 'non-plain'} object; outputs must be plain JSON`);
          }
          path.set(value, where);
          return value;
        default:
          throw errorWith('runtime.result', `${where} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}; outputs must be plain JSON`);
      }
    });
  } catch (error) {
    if (error.code) throw error;
    throw errorWith('runtime.result', `outputs are not JSON: ${error.message}`);  // cycles
  }
  if (text.length > limits.outputBytes) {
    throw errorWith('runtime.output_too_large',
                    `outputs are ${text.length} bytes of JSON, more than the limit of ${limits.outputBytes}`);
  }
  return text;
}
