// The page's side of the offline bundle: registers the service worker once
// the workbench has started (so caching never competes with start-up), and
// says quietly, in a small note at the bottom right, what a person should
// know: the page is not cross-origin isolated, it is running from the cached
// copy, the copy was saved, or a new build replaced it. The same facts are in
// window.llmos.offline for the editor (status bar, Help > About) and tests.
const noteStyle = 'position:fixed;right:10px;bottom:30px;max-width:26em;padding:4px 9px;border-radius:4px;'
  + 'background:rgba(30,33,40,0.88);color:#aeb4bf;font:12px/1.4 system-ui,sans-serif;z-index:10;'
  + 'pointer-events:none;transition:opacity 0.6s';

export const offlineStatus = {
  isolated: globalThis.crossOriginIsolated === true,
  serviceWorker: 'serviceWorker' in navigator ? 'registering' : 'unsupported',
  version: null,         // the build this page runs (bundle.json)
  cachedVersion: null,   // the build the service worker holds for offline use
  fromCache: false,      // this page was served from that copy (network off or too slow)
  notes: [],             // what the page said, oldest first
};

let noteElement = null;
let noteTimer = null;

// Shows `text` for `seconds`, then fades it out.
function say(text, seconds = 8) {
  offlineStatus.notes.push(text);
  console.info(`[offline] ${text}`);
  if (typeof document === 'undefined') return;
  if (!noteElement) {
    noteElement = document.createElement('div');
    noteElement.id = 'llmos-note';
    noteElement.setAttribute('role', 'status');
    noteElement.style.cssText = noteStyle;
    document.body.append(noteElement);
  }
  noteElement.textContent = text;
  noteElement.title = text;
  noteElement.style.opacity = '1';
  clearTimeout(noteTimer);
  noteTimer = setTimeout(() => { noteElement.style.opacity = '0'; }, seconds * 1000);
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;

async function readBuild() {
  try {
    const response = await fetch(new URL('../bundle.json', import.meta.url), { cache: 'no-cache' });
    if (!response.ok) return;
    offlineStatus.version = (await response.json()).version;
    offlineStatus.fromCache = response.headers.get('X-LLMOS-Source') === 'cache';
  } catch {
    // No manifest (a development page served from web/): nothing to say.
  }
}

const savedVersionKey = 'llmos-offline-version';

// What the service worker holds: said once per change, whichever way the
// page hears of it (the worker's broadcast when it activates, or its answer
// to a status question), because the last copy the page heard of is kept.
function heardOfCopy(version, bytes) {
  offlineStatus.cachedVersion = version;
  if (!version) return;
  let previous = null;
  try {
    previous = localStorage.getItem(savedVersionKey);
    localStorage.setItem(savedVersionKey, version);
  } catch {
    // Storage refused (private mode): say "saved" each time instead.
  }
  if (previous === version) return;
  if (previous) {
    say(`Updated: build ${version} replaced the offline copy of build ${previous}.`);
  } else {
    const reload = offlineStatus.isolated ? '' : ' Reload to get cross-origin isolation from it.';
    say(`Saved for offline use (build ${version}, ${megabytes(bytes)}).${reload}`);
  }
  window.dispatchEvent(new CustomEvent('llmos:offline', { detail: { ...offlineStatus } }));
}

function onWorkerMessage(event) {
  const message = event.data;
  if (message?.type !== 'llmos-offline') return;
  offlineStatus.serviceWorker = 'active';
  heardOfCopy(message.version, message.bytes);
  // The page runs a newer build than the worker holds: look for its worker now.
  if (offlineStatus.version && message.version !== offlineStatus.version) registration?.update().catch(() => {});
}

let registration = null;

const askStatus = (worker) => worker?.postMessage({ type: 'llmos-offline-status' });

export async function startOfflineSupport() {
  await readBuild();
  if (offlineStatus.fromCache) {
    say(`Offline: running the saved copy of build ${offlineStatus.version}.`);
  }
  if (!offlineStatus.isolated) {
    say('Not cross-origin isolated (the server sends no COOP/COEP): stopping a Python node replaces its '
        + 'worker instead of interrupting it.', 15);
  }
  if (offlineStatus.serviceWorker === 'unsupported' || !offlineStatus.version) {
    if (offlineStatus.serviceWorker !== 'unsupported') offlineStatus.serviceWorker = 'no-manifest';
    return offlineStatus;
  }
  try {
    registration = await navigator.serviceWorker.register(new URL('../service-worker.js', import.meta.url));
    offlineStatus.serviceWorker = registration.active ? 'active' : 'installing';
    navigator.serviceWorker.addEventListener('controllerchange', () => askStatus(navigator.serviceWorker.controller));
    askStatus((await navigator.serviceWorker.ready).active);
  } catch (error) {
    offlineStatus.serviceWorker = 'failed';
    say(`This page cannot be saved for offline use: ${error.message}`);
  }
  return offlineStatus;
}

// Started by the page once the workbench is up (index.html).
if (typeof window !== 'undefined') {
  // Listening from the start: the worker's messages are not kept for later.
  navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
  window.llmos = Object.assign(window.llmos || {}, { offline: offlineStatus });
  window.addEventListener('llmos:ready', () => { startOfflineSupport(); }, { once: true });
}
