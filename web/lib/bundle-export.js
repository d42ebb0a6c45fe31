// File > Save bundle: the running app (every file of its manifest,
// bundle.json) plus the user's workflows and user skills, as one zip that
// someone else unzips and serves like dist/llmos-workbench.zip. The user's
// part goes in `user/` with an index; the manifest and the service worker's
// baked copy of it are rewritten to list those files, so the copy is a new
// build version and works offline after one visit like any other bundle.
//
// The receiving page (loadBundledUserData, called by boot.js) finds
// `user/index.json` in its manifest, puts the skills in the core's user
// volume and offers the workflows (into its workflow store when it has one).
import { createZip } from './zip-writer.js';

export const USER_INDEX = 'user/index.json';
const FOLDER = 'llmos-workbench';
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const SAFE_SKILL_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// {workflows: [{name, workflow}], skills: [{id, markdown}]} from the
// workflow store (team.md contract 8); either list may be empty.
export async function readUserData(store) {
  const workflows = [];
  const skills = [];
  if (!store) return { workflows, skills };
  for (const item of (await store.list?.()) || []) {
    const name = typeof item === 'string' ? item : item?.name;
    if (!name) continue;
    const loaded = await store.load(name);
    const workflow = typeof loaded === 'string' ? JSON.parse(loaded) : loaded?.workflow ?? loaded;
    if (workflow && Array.isArray(workflow.nodes)) workflows.push({ name, workflow });
  }
  const userSkills = (await store.listUserSkills?.()) || [];
  const pairs = Array.isArray(userSkills)
    ? userSkills.map((s) => [s.id ?? s.skill_id, s.markdown ?? s.source ?? s.text])
    : Object.entries(userSkills);
  for (const [id, markdown] of pairs) if (id && typeof markdown === 'string') skills.push({ id, markdown });
  return { workflows, skills };
}

// File names in the zip: workflow names as the store knows them may hold
// anything; the file gets a safe name, the index keeps the real one.
function fileNameFor(name, taken) {
  let base = String(name).normalize('NFKD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workflow';
  if (!SAFE_NAME.test(base)) base = `w-${base}`.slice(0, 60);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// The same manifest BundleManifest.cmake writes: files sorted by path, the
// version the first 16 hex digits of SHA-256 over "path sha256\n" lines.
export async function makeManifest(files) {
  const entries = [];
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    entries.push({ path, bytes: bytes.length, sha256: await sha256Hex(bytes) });
  }
  const listing = entries.map((e) => `${e.path} ${e.sha256}\n`).join('');
  const version = (await sha256Hex(new TextEncoder().encode(listing))).slice(0, 16);
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const lines = entries.map((e) => `    {"path": "${e.path}", "bytes": ${e.bytes}, "sha256": "${e.sha256}"}`);
  return { version, text: `{\n  "version": "${version}",\n  "bytes": ${total},\n  "files": [\n${lines.join(',\n')}\n  ]\n}` };
}

// Fetches every file of the running bundle. `fetchFile(path)` -> Uint8Array
// (defaults to fetch relative to `baseUrl`).
async function fetchBundle(baseUrl, fetchFile, onProgress) {
  const manifestText = new TextDecoder().decode(await fetchFile('bundle.json'));
  const manifest = JSON.parse(manifestText);
  const files = new Map();
  let done = 0;
  const queue = manifest.files.map((f) => f.path).filter((p) => p !== USER_INDEX && !p.startsWith('user/'));
  const worker = async () => {
    while (queue.length) {
      const path = queue.shift();
      files.set(path, await fetchFile(path));
      onProgress?.(++done, manifest.files.length);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const worker_script = new TextDecoder().decode(await fetchFile('service-worker.js'));
  return { manifestText: manifestText.replace(/\n$/, ''), files, workerScript: worker_script };
}

// Builds the zip: {bytes, version, files, user: {workflows, skills}}.
export async function buildBundleZip({ baseUrl = new URL('../', import.meta.url), store, userData, fetchFile, onProgress } = {}) {
  fetchFile ??= async (path) => {
    const answer = await fetch(new URL(path, baseUrl), { cache: 'no-cache' });
    if (!answer.ok) throw new Error(`Save bundle: ${path} answered ${answer.status}`);
    return new Uint8Array(await answer.arrayBuffer());
  };
  const user = userData || await readUserData(store);
  const { manifestText, files, workerScript } = await fetchBundle(baseUrl, fetchFile, onProgress);

  const encoder = new TextEncoder();
  const index = { format: 1, workflows: [], skills: [] };
  const taken = new Set();
  for (const { name, workflow } of user.workflows) {
    const file = `user/workflows/${fileNameFor(name, taken)}.json`;
    files.set(file, encoder.encode(JSON.stringify(workflow, null, 2) + '\n'));
    index.workflows.push({ name, file });
  }
  for (const { id, markdown } of user.skills) {
    if (!SAFE_SKILL_ID.test(id) || id.length > 128) throw new Error(`Save bundle: user skill id '${id}' is not kebab-case`);
    const file = `user/skills/${id}.md`;
    files.set(file, encoder.encode(markdown));
    index.skills.push({ id, file });
  }
  files.set(USER_INDEX, encoder.encode(JSON.stringify(index, null, 2) + '\n'));

  const manifest = await makeManifest(files);
  if (!workerScript.includes(manifestText)) throw new Error('Save bundle: service-worker.js does not hold this build\'s manifest');
  files.set('bundle.json', encoder.encode(manifest.text + '\n'));
  files.set('service-worker.js', encoder.encode(workerScript.replace(manifestText, manifest.text)));

  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, data]) => ({ path: `${FOLDER}/${path}`, data }));
  return { bytes: createZip(entries), version: manifest.version, files: entries.length, user: index };
}

// Starts the browser's download of the bundle zip.
export async function saveBundle(options = {}) {
  const zip = await buildBundleZip(options);
  const url = URL.createObjectURL(new Blob([zip.bytes], { type: 'application/zip' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `${FOLDER}.zip` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return { version: zip.version, files: zip.files, bytes: zip.bytes.length, workflows: zip.user.workflows.length, skills: zip.user.skills.length };
}

// In a saved bundle: its user skills into the core's user volume, its
// workflows into the store (names the store already has are kept as they
// are: the recipient's own edits win). Resolves to {skills, workflows,
// diagnostics, problems}, or null when this copy carries no user data.
export async function loadBundledUserData(core, { baseUrl = new URL('../', import.meta.url), store, manifest } = {}) {
  if (!manifest) {
    const answer = await fetch(new URL('bundle.json', baseUrl)).catch(() => null);
    if (!answer?.ok) return null;
    manifest = await answer.json();
  }
  if (!manifest.files?.some((f) => f.path === USER_INDEX)) return null;
  const text = async (file) => (await fetch(new URL(file, baseUrl))).text();
  const index = JSON.parse(await text(USER_INDEX));
  const diagnostics = [];
  const problems = [];  // what the store refused (a name it does not allow, a server error): the rest still loads
  const keep = (save, what) => Promise.resolve().then(save).catch((error) => problems.push(`${what}: ${error.message}`));
  const skills = [];
  for (const { id, file } of index.skills || []) {
    const markdown = await text(file);
    const answer = core.addSkill(file, markdown, 'user');
    if (!answer.ok && core.showSkill?.(id)?.ok) {
      // Already in the library: the store kept it from an earlier visit and
      // the page loaded it before this (a reload of the unzipped copy).
      skills.push(id);
      continue;
    }
    diagnostics.push(...(answer.diagnostics || []));
    if (!answer.ok) continue;
    skills.push(id);
    if (store?.saveUserSkill) await keep(() => store.saveUserSkill(id, markdown), `user skill '${id}'`);
  }
  const workflows = [];
  const existing = new Set(((await store?.list?.()) || []).map((item) => (typeof item === 'string' ? item : item?.name)));
  for (const { name, file } of index.workflows || []) {
    const workflow = JSON.parse(await text(file));
    workflows.push({ name, workflow });
    if (store?.save && !existing.has(name)) await keep(() => store.save(name, workflow), `workflow '${name}'`);
  }
  return { skills, workflows, diagnostics, problems };
}
