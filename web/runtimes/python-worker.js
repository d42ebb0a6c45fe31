// Runs python-wasm and qiskit skills in Pyodide, in a module Worker (one per
// pool slot, web/lib/worker-bridge.js). Pyodide, the helper modules
// (skills/python/*.py) and the runner (llmos_runner.py) come from this
// bundle; after start-up the worker's ways out are closed (worker-guard.js)
// and the only network left is the fetch gate for the running skill's
// permissions.network.
//
// Protocol (docs/RUNTIMES.md):
//   -> {type:'init', interrupt?: Int32Array over a SharedArrayBuffer, base_url?}
//   <- {type:'ready', ok, load_ms, phases, modules, snapshot, memory_bytes} | {type:'ready', ok:false, error}
//   -> {type:'run', id, request}      (request: the core's dispatch request)
//   <- {type:'log', id, stream, text}, {type:'progress', id, fraction, message}
//   <- {type:'result', id, ok:true, outputs_json, memory_bytes, timing} | {type:'result', id, ok:false, error, memory_bytes, timing}
//      (timing: {run_ms, clean_ms}: this node's run, the clean-up after the one before)
//   <- {type:'clean'} once the interpreter is put back (result said cleaning: true),
//      or {type:'retire', reason} if it cannot be
import { closeWorkerScope, limits, LogSink, makeFetchGate, openChannel } from './worker-guard.js';

const bundleRoot = new URL('../', import.meta.url);
// Pyodide's ES module. Browsers load it as pyodide.esm.js (the same file):
// static servers such as Python 3.11's http.server send .mjs as
// application/octet-stream, which a module import refuses. Node keys the
// module type on the extension, so it keeps the .mjs.
const pyodideModule = globalThis.process?.versions?.node ? 'pyodide.mjs' : 'pyodide.esm.js';
const post = openChannel(onMessage);
const sink = new LogSink(post);
let allowedOrigins = new Set();
let baseUrl = null;  // for relative URLs: the page's address (init's base_url)
let memory = null;
let runtime = null;  // {run, afterNode}
let starting = null;
let busy = false;

// Pyodide's memory may not grow past limits.pythonMemoryBytes: past it,
// malloc fails and the skill gets a MemoryError instead of taking the tab.
const nativeGrow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function grow(pages) {
  if (this.buffer.byteLength + pages * 65536 > limits.pythonMemoryBytes) {
    throw new RangeError(`Python may use at most ${limits.pythonMemoryBytes} bytes`);
  }
  memory = this;
  return nativeGrow.call(this, pages);
};

let pyodideHeap = () => null;
const memoryBytes = () => (memory ?? { buffer: pyodideHeap() }).buffer?.byteLength ?? 0;

async function text(path) {
  const response = await fetch(new URL(path, bundleRoot));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

// A memory snapshot of the started interpreter (Pyodide 0.29's
// _makeSnapshot/_loadSnapshot): taken on a first start right after seal(),
// before any skill ran, and kept under a key naming Pyodide's version, the
// limits and the runner's and helpers' sources: in the Cache API in a
// browser, in a file under $LLMOS_CACHE (~/.cache/llmos) under Node. A later
// start restores it instead of starting Python, importing the helpers and
// taking the seal again. Pyodide refuses a snapshot of another build; any
// failure falls back to a normal start.
const SNAPSHOT_CACHE = 'llmos-pyodide-snapshot';
const snapshotUrl = () => new URL('vendor/pyodide/llmos-snapshot', bundleRoot).href;

const cacheStore = {
  async read(key) {
    const response = await (await caches.open(SNAPSHOT_CACHE)).match(snapshotUrl());
    if (!response || response.headers.get('x-llmos-snapshot') !== key) return null;
    return new Uint8Array(await response.arrayBuffer());
  },
  // Not awaited: the worker closes `caches` right after, the write goes on.
  keep(key, bytes) {
    caches.open(SNAPSHOT_CACHE).then((cache) => cache.put(snapshotUrl(), new Response(bytes, {
      headers: { 'content-type': 'application/octet-stream', 'x-llmos-snapshot': key },
    }))).catch(() => {});
  },
  drop() {
    caches.open(SNAPSHOT_CACHE).then((cache) => cache.delete(snapshotUrl())).catch(() => {});
  },
};

// Under Node: one file per key; a new one replaces the others (written
// aside, then renamed, so a reader never sees half a file).
async function fileStore() {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const os = await import('node:os');
  const directory = path.join(process.env.LLMOS_CACHE || path.join(os.homedir(), '.cache', 'llmos'), 'pyodide-snapshot');
  const file = (key) => path.join(directory, `${key}.bin`);
  return {
    read: async (key) => new Uint8Array(await fs.readFile(file(key))),
    keep(key, bytes) {
      const aside = `${file(key)}.${process.pid}.${Date.now()}`;
      fs.mkdir(directory, { recursive: true })
        .then(() => fs.writeFile(aside, bytes))
        .then(() => fs.rename(aside, file(key)))
        .then(() => fs.readdir(directory))
        .then((names) => Promise.all(names.filter((name) => name.endsWith('.bin') && name !== `${key}.bin`)
          .map((name) => fs.rm(path.join(directory, name), { force: true }))))
        .catch(() => fs.rm(aside, { force: true }).catch(() => {}));
    },
    drop: (key) => { fs.rm(file(key), { force: true }).catch(() => {}); },
  };
}

// Pyodide's snapshot header: its magic number, then where the memory image
// starts. Bytes without it (a damaged file) would hang Pyodide's start
// rather than fail it.
function plausibleSnapshot(bytes) {
  if (!bytes || bytes.byteLength < 4096) return null;
  const header = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const image = bytes.byteLength - header.getUint32(4, true);
  return header.getUint32(0, true) === 0x706e7300 && image > 0 && image % 65536 === 0 ? bytes : null;
}

async function snapshotStore() {
  if (!globalThis.crypto?.subtle) return null;
  if (globalThis.caches) return cacheStore;
  if (globalThis.process?.versions?.node) return fileStore();
  return null;
}

async function snapshotKey(version, runner, helpers) {
  const names = Object.keys(helpers).sort();
  const text = JSON.stringify([version, limits, runner, names, names.map((name) => helpers[name])]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function start(message) {
  const phases = {};
  let mark = performance.now();
  const step = (name) => {
    const now = performance.now();
    phases[name] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  const started = mark;
  // The helpers' sources load while Pyodide's module loads.
  const helperSources = text('skills/index.json').then(async (index) => {
    const files = JSON.parse(index).filter((file) => /^python\/[A-Za-z_][A-Za-z0-9_]*\.py$/.test(file));
    const sources = await Promise.all(files.map((file) => text(`skills/${file}`)));
    return Object.fromEntries(files.map((file, i) => [file.slice('python/'.length, -3), sources[i]]));
  });
  const runnerSource = text('runtimes/llmos_runner.py');
  const pyodideApi = import(new URL(`vendor/pyodide/${pyodideModule}`, bundleRoot).href);
  const [{ loadPyodide, version }, sources, runnerText] = await Promise.all([pyodideApi, helperSources, runnerSource]);
  const store = await snapshotStore().catch(() => null);
  const key = store ? await snapshotKey(version, runnerText, sources) : null;
  const snapshot = key ? plausibleSnapshot(await store.read(key).catch(() => null)) : null;
  if (key && !snapshot) store.drop(key);
  step('fetch_sources_ms');
  const indexURL = new URL('vendor/pyodide/', bundleRoot);
  const load = (options) => loadPyodide({
    // Under Node (`llmos run`) Pyodide reads its files from disk by path.
    indexURL: globalThis.process?.versions?.node ? decodeURIComponent(indexURL.pathname) : indexURL.href,
    stdout: (line) => sink.write('stdout', `${line}\n`),
    stderr: (line) => sink.write('stderr', `${line}\n`),
    ...options,
  });
  let pyodide = null;
  let runner = null;
  let restored = false;
  // What the worker sets on a fresh or restored interpreter before seal()
  // (or after_restore()) looks at it.
  const configure = () => {
    // The memory is found by its first grow(); one that started big enough
    // never grows, so its size is also read from the module's heap view.
    pyodideHeap = () => pyodide._module?.HEAP8?.buffer;
    pyodide.setStdout({ batched: (line) => sink.write('stdout', `${line}\n`) });
    pyodide.setStderr({ batched: (line) => sink.write('stderr', `${line}\n`) });
    if (message.interrupt) pyodide.setInterruptBuffer(message.interrupt);
  };
  if (snapshot) {
    try {
      pyodide = await load({ _loadSnapshot: snapshot });
      configure();
      runner = pyodide.pyimport('llmos_runner');
      runner.after_restore();
      restored = true;
      step('restore_snapshot_ms');
    } catch (error) {
      console.warn(`Pyodide snapshot not used: ${error?.message || error}`);
      store.drop(key);
      pyodide = null;
    }
  }
  if (!restored) {
    const makeSnapshot = Boolean(key);
    pyodide = await load({ _makeSnapshot: makeSnapshot });
    step('load_pyodide_ms');
    configure();
    pyodide.FS.writeFile('/llmos_runner.py', runnerText);
    pyodide.runPython('import sys\nsys.path.insert(0, "/")\nimport llmos_runner\nsys.path.remove("/")');
    runner = pyodide.pyimport('llmos_runner');
    runner.set_limits(limits.outputBytes, limits.pythonMemoryBytes);
    runner.install_helpers(pyodide.toPy(sources));
    step('import_helpers_ms');
    runner.seal();
    step('seal_ms');
    if (makeSnapshot) {
      try {
        store.keep(key, pyodide.makeMemorySnapshot());
      } catch (error) {
        console.warn(`Pyodide snapshot not made: ${error?.message || error}`);
      }
      step('make_snapshot_ms');
    }
  }
  runner.set_progress_sink((fraction, note) => sink.progress(fraction, note));
  const modules = runner.helper_count();
  const seal = JSON.parse(runner.seal_info());
  closeWorkerScope({ fetchGate: makeFetchGate(fetch, () => allowedOrigins, () => baseUrl) });
  step('close_scope_ms');
  return {
    run: runner.run, afterNode: runner.after_node, stats: runner.stats,
    info: { load_ms: Math.round(performance.now() - started), phases, modules, seal, snapshot: restored ? 'restored' : key ? 'made' : 'none' },
  };
}

// Where the worker's time went (bench/runtimes.mjs prints them): the last
// node's run, and the clean-up after the node before it.
const timing = { run_ms: 0, clean_ms: 0 };

function runRequest(id, request) {
  const began = performance.now();
  const skill = request.skill || {};
  const network = Array.isArray(skill.network) ? skill.network : [];
  allowedOrigins = new Set(network);
  sink.begin(id);
  let answer;
  try {
    answer = runtime.run(String(skill.code ?? ''), JSON.stringify(request.inputs ?? {}),
                         String(skill.source_path || 'skill.py'), Number(skill.code_first_line) || 1,
                         network.length > 0, String(request.entry || 'execute'));
  } catch (error) {
    answer = `0${JSON.stringify({ code: 'python.runtime', message: String(error?.message || error) })}`;
  } finally {
    allowedOrigins = new Set();
    sink.end();
  }
  timing.run_ms = performance.now() - began;
  if (answer[0] === '1') {
    post({ type: 'result', id, ok: true, outputs_json: answer.slice(1), memory_bytes: memoryBytes(), timing, cleaning: true });
  } else {
    post({ type: 'result', id, ok: false, error: JSON.parse(answer.slice(1)), memory_bytes: memoryBytes(), timing,
           cleaning: true });
  }
}

// Between nodes: put back what the last skill changed. A stale interrupt
// (the page stopped the node as it finished) is not an error here; any other
// failure means this interpreter can no longer be trusted: the pool retires
// the worker and the standby takes over.
function cleanUp() {
  const began = performance.now();
  let failure = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const repaired = runtime.afterNode();
      repaired.destroy?.();
      timing.clean_ms = performance.now() - began;
      post({ type: 'clean' });
      return;
    } catch (error) {
      failure = error;
      if (!String(error?.message).includes('KeyboardInterrupt')) break;
    }
  }
  post({ type: 'retire', reason: String(failure?.message || failure).slice(-2000) });
}

async function onMessage(message) {
  if (!message || typeof message !== 'object') return;
  if (message.type === 'init') {
    if (starting) return;
    baseUrl = typeof message.base_url === 'string' ? message.base_url : null;
    starting = start(message);
    try {
      runtime = await starting;
      post({ type: 'ready', ok: true, ...runtime.info, memory_bytes: memoryBytes() });
    } catch (error) {
      post({ type: 'ready', ok: false, error: { code: 'runtime.unavailable', message: `Pyodide did not start: ${error?.message || error}` } });
    }
    return;
  }
  if (message.type === 'run' && runtime && !busy) {
    busy = true;
    try {
      runRequest(message.id, message.request || {});
      cleanUp();
    } finally {
      busy = false;
    }
  }
  if (message.type === 'stats' && runtime) {
    post({ type: 'stats', id: message.id, stats: JSON.parse(runtime.stats()), memory_bytes: memoryBytes() });
  }
}
