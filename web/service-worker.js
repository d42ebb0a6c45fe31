// The offline bundle's service worker. On the first visit it caches every file
// of the bundle (the manifest below, checked by SHA-256), so later visits load
// and run workflows with the network off. The assembly (cmake/
// BundleManifest.cmake) bakes the manifest in, so a new build is a new script:
// the browser installs it on the next visit, it caches the new build, then
// drops the old one and tells the page.
//
// Files are served network first: online, the page gets the server's current
// build, whole; offline (or when the server takes longer than
// networkWaitMs to answer), it gets the cached build, whole. The cache holds
// one build at a time and is never mixed with network answers.
//
// Every answer carries COOP/COEP/CORP: `llmos serve` sends them already, and
// with them a page from a plain static server (which sends none) is
// cross-origin isolated too once this worker controls it (SharedArrayBuffer
// for Pyodide interrupts). Answers also get a JavaScript or wasm Content-Type
// by extension when a server sent a wrong one (.mjs as octet-stream).
const bundle = /* @LLMOS_BUNDLE@ */ null;

const cachePrefix = 'llmos-bundle-';
const cacheName = `${cachePrefix}${bundle ? bundle.version : 'none'}`;
const networkWaitMs = 4000;
const scope = new URL(self.registration.scope);
const bundlePaths = new Set(bundle ? [...bundle.files.map((file) => file.path), 'bundle.json'] : []);
const contentTypes = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html; charset=utf-8',
};
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const hex = (buffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

// The answer to give for `response` of bundle file `path`: same body and
// status, the isolation headers, a sane Content-Type, and where it came from.
function shaped(response, path, source) {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(isolationHeaders)) headers.set(name, value);
  const extension = path.slice(path.lastIndexOf('.'));
  const type = headers.get('Content-Type') || '';
  if (contentTypes[extension] && (!type || type.startsWith('application/octet-stream'))) {
    headers.set('Content-Type', contentTypes[extension]);
  }
  headers.set('X-LLMOS-Source', source);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Fetches one file for the cache, refusing anything but this build's bytes.
async function fetchVerified(file) {
  const response = await fetch(new Request(new URL(file.path, scope), { cache: 'no-cache' }));
  if (!response.ok) throw new Error(`${file.path}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if (file.sha256 && hex(await crypto.subtle.digest('SHA-256', body)) !== file.sha256) {
    throw new Error(`${file.path}: the server has another build than this service worker`);
  }
  const headers = new Headers({ 'Content-Type': response.headers.get('Content-Type') || '' });
  return new Response(body, { status: 200, headers });
}

async function cacheBundle() {
  const cache = await caches.open(cacheName);
  const wanted = [...bundle.files, { path: 'bundle.json' }];
  const missing = [];
  for (const file of wanted) if (!(await cache.match(new URL(file.path, scope)))) missing.push(file);
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const file = missing[next++];
      await cache.put(new URL(file.path, scope), await fetchVerified(file));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

self.addEventListener('install', (event) => {
  if (!bundle) return;
  // A failed download leaves the previous build in charge; the next visit tries again.
  event.waitUntil(cacheBundle().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const previous = names.filter((name) => name.startsWith(cachePrefix) && name !== cacheName);
    await Promise.all(previous.map((name) => caches.delete(name)));
    await self.clients.claim();
    const message = { type: 'llmos-offline', event: 'activated', version: bundle?.version ?? null,
                      bytes: bundle?.bytes ?? 0, replaced: previous.map((name) => name.slice(cachePrefix.length)) };
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'llmos-offline-status') return;
  event.source?.postMessage({ type: 'llmos-offline', event: 'status', version: bundle?.version ?? null,
                              bytes: bundle?.bytes ?? 0 });
});

// The bundle path a request asks for, or null for anything else (the API,
// other origins), which this worker leaves alone.
function bundlePath(request) {
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  let path = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (request.mode === 'navigate' && (path === '' || path.endsWith('/'))) path += 'index.html';
  return bundlePaths.has(path) ? path : null;
}

async function fromCache(path) {
  const cache = await caches.open(cacheName);
  return cache.match(new URL(path, scope));
}

async function networkFirst(request, path) {
  const network = fetch(request);
  const timer = new Promise((resolve) => setTimeout(resolve, networkWaitMs, 'slow'));
  try {
    const first = await Promise.race([network, timer]);
    if (first !== 'slow') return shaped(first, path, 'network');
    const cached = await fromCache(path);
    return cached ? shaped(cached, path, 'cache') : shaped(await network, path, 'network');
  } catch (error) {
    const cached = await fromCache(path);
    if (cached) return shaped(cached, path, 'cache');
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  if (!bundle || event.request.method !== 'GET') return;
  const path = bundlePath(event.request);
  if (path) event.respondWith(networkFirst(event.request, path));
});
