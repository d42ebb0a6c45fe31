// Inside each worker_threads thread of `llmos run`: gives the runtime Worker
// scripts (web/runtimes/*-worker.js) the small part of a browser Worker's
// global scope they use, then imports the script. The script itself is the
// browser's, unchanged.
//  - self, postMessage(message, transfer), onmessage (read at each message,
//    so worker-guard.js can install and seal its own handler);
//  - fetch: file: URLs under the web root are read from disk (the bundle's
//    files: Pyodide's helpers, ngspice.wasm) until the worker closes its
//    scope; http(s) goes to Node's fetch,
//    which the workers only reach through their permission gate
//    (worker-guard.js makeFetchGate); anything else is refused.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { scriptUrl, webRoot } = workerData;
const root = path.resolve(webRoot) + path.sep;
const nodeFetch = globalThis.fetch;

const CONTENT_TYPES = {
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
  '.py': 'text/x-python', '.md': 'text/markdown', '.zip': 'application/zip', '.txt': 'text/plain',
};

async function localFetch(resource, init) {
  const url = new URL(resource instanceof NodeRequest ? resource.url : String(resource), scriptLocation);
  if (url.protocol === 'http:' || url.protocol === 'https:') return nodeFetch(resource, init);
  if (url.protocol !== 'file:') throw new TypeError(`fetch: ${url.protocol} URLs are not supported here`);
  // The bundle's files are read while the worker starts. Once it has closed
  // its scope (worker-guard.js seals `fetch`), no origin a skill could be
  // permitted reaches the disk.
  if (Object.getOwnPropertyDescriptor(globalThis, 'fetch')?.configurable === false) {
    throw Object.assign(new TypeError(`reading ${url.href} is not available to skills`), { code: 'runtime.permission' });
  }
  const file = path.resolve(fileURLToPath(url));
  if (!file.startsWith(root)) return new Response(null, { status: 403, statusText: 'outside the web root' });
  try {
    const body = await readFile(file);
    const type = CONTENT_TYPES[path.extname(file)] || 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'Content-Type': type } });
  } catch (error) {
    return new Response(null, { status: error.code === 'ENOENT' ? 404 : 500, statusText: error.message });
  }
}

// A Worker's location is its script's URL, and relative URLs (in fetch and
// Request) resolve against it, as in a browser.
const scriptLocation = new URL(scriptUrl);
const NodeRequest = globalThis.Request;
const resolved = (input) => (typeof input === 'string' || input instanceof URL ? new URL(String(input), scriptLocation) : input);
globalThis.Request = class Request extends NodeRequest {
  constructor(input, init) {
    super(resolved(input), init);
  }
};
globalThis.location = Object.freeze({
  href: scriptLocation.href, origin: scriptLocation.origin, protocol: scriptLocation.protocol, host: '', hostname: '',
  port: '', pathname: scriptLocation.pathname, search: '', hash: '', toString: () => scriptLocation.href,
});
Object.defineProperty(globalThis, 'self', { value: globalThis, writable: true, configurable: true });
globalThis.fetch = localFetch;
globalThis.onmessage = null;
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer || []);
// As in a browser's module Worker, messages that arrive while the script is
// still loading wait for it (the pool sends `init` at once).
let waiting = [];
const deliver = (data) => {
  const handler = globalThis.onmessage;
  if (typeof handler === 'function') handler.call(globalThis, { data });
};
parentPort.on('message', (data) => (waiting ? waiting.push(data) : deliver(data)));

const stderr = process.stderr;  // the script seals `process` away from skills
try {
  await import(scriptUrl);
} catch (error) {
  // A worker that cannot start says why (the pool reports it as the node's error).
  stderr.write(`llmos worker ${scriptUrl}: ${error?.stack || error}\n`);
  throw error;
}
const early = waiting;
waiting = null;
for (const data of early) deliver(data);
