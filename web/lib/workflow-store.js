// Where the editor keeps workflows and user skills (team.md contract 8):
//   const store = await openWorkflowStore();
//   store.kind                        // 'server' when the page is hosted by `llmos serve`, else 'indexeddb'
//   await store.list()                // [{name, nodes, edges, version?, savedAt?}]
//   await store.load(name)            // {name, workflow, version} or null
//   await store.save(name, workflow, {baseVersion}) // {name, version}; rejects with code 'conflict'
//   await store.remove(name); await store.rename(from, to)
//   await store.saveUserSkill(id, markdown); await store.listUserSkills() // [{id, markdown, volume}]
//   store.onChange((change) => ...)   // {name, version, by} saved or removed in another tab
//
// Hosted detection: `GET /health` on the page's own origin answers JSON (the
// bundle on a static server answers 404 or HTML). Hosted, the user and team
// come from the URL (`?user=alice&team=engineering`, default `local`: there
// is no login, see the README) and everything goes to the server's API
// (src/server/routes_workflows.cpp, routes_skills.cpp), which keeps a git
// history of every save. Otherwise workflows and user skills live in this
// browser's IndexedDB; the page asks for persistent storage so the browser
// does not evict them.
//
// Two tabs on the same workflow never overwrite each other silently: every
// save carries the version it was based on; a save based on an older version
// is refused with code 'conflict', and the other tabs hear of each save on a
// BroadcastChannel (IndexedDB) so the page can say so at once.

const DATABASE = 'llmos-workflows';
const DATABASE_VERSION = 1;
const WORKFLOWS = 'workflows';
const SKILLS = 'skills';
const CHANNEL = 'llmos-workflows';

export const DEFAULT_IDENTITY = 'local';

export class WorkflowStoreError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'WorkflowStoreError';
    this.code = code;
    Object.assign(this, details);
  }
}

// Names people give workflows; the server's ids allow letters, digits, '-'
// and '_' (src/server/request_ids.cpp), so names are kept to that alphabet
// everywhere and a workflow moves between the backends unchanged.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export function checkName(name) {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new WorkflowStoreError('bad_name',
      `workflow name '${String(name).slice(0, 40)}' must start with a letter or digit and use only letters, digits, '-' and '_' (at most 128)`);
  }
  return name;
}

// A name made from free text ("My RC study" -> "My-RC-study").
export function nameFrom(text, fallback = 'workflow') {
  const cleaned = String(text ?? '').trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '').slice(0, 128);
  return cleaned || fallback;
}

// {user, team} from the page's URL: ?user=alice&team=engineering.
export function identityFromUrl(url) {
  const params = new URL(url).searchParams;
  return { user: params.get('user') || DEFAULT_IDENTITY, team: params.get('team') || DEFAULT_IDENTITY };
}

// True when `GET /health` on the page's origin answers with the server's JSON.
// In a page, `llmos serve` marks the document with `Server-Timing: llmos-api`;
// without the mark (a static server, the bundle) no request is made, so a
// static server logs no 404 and an offline page no failed fetch.
export async function detectHosted(pageUrl, fetchImpl = globalThis.fetch) {
  if (globalThis.document && typeof performance?.getEntriesByType === 'function') {
    const [navigation] = performance.getEntriesByType('navigation');
    if (!navigation?.serverTiming?.some((entry) => entry.name === 'llmos-api')) return false;
  }
  try {
    const response = await fetchImpl(new URL('/health', pageUrl), { cache: 'no-store' });
    if (!response.ok || !(response.headers.get('content-type') || '').includes('json')) return false;
    const body = await response.json();
    return body?.status === 'ok';
  } catch {
    return false;
  }
}

// options: {url (the page's), fetch, indexedDB, database, kind ('server' |
// 'indexeddb' to skip detection), user, team}
export async function openWorkflowStore(options = {}) {
  const url = options.url ?? globalThis.location?.href;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // ?store=browser keeps workflows in this browser even on a hosted page.
  const wanted = options.kind ?? (url && new URL(url).searchParams.get('store') === 'browser' ? 'indexeddb' : undefined);
  const kind = wanted ?? ((url && await detectHosted(url, fetchImpl)) ? 'server' : 'indexeddb');
  const identity = { ...(url ? identityFromUrl(url) : { user: DEFAULT_IDENTITY, team: DEFAULT_IDENTITY }) };
  if (options.user) identity.user = options.user;
  if (options.team) identity.team = options.team;
  if (kind === 'server') return serverStore(new URL('/', url), identity, fetchImpl);
  return indexedDbStore(options.indexedDB ?? globalThis.indexedDB, options.database ?? DATABASE);
}

// ---------------------------------------------------------------------------
// Server backend: the workflow and skill API of `llmos serve`.

function serverStore(base, { user, team }, fetchImpl) {
  const listeners = new Set();
  // Versions are the server's commit ids: the one each loaded or saved workflow is at.
  const endpoint = (path, extra = {}) => {
    const target = new URL(path, base);
    target.searchParams.set('user_id', user);
    target.searchParams.set('team_id', team);
    for (const [key, value] of Object.entries(extra)) target.searchParams.set(key, value);
    return target;
  };
  const call = async (method, path, { body, extra, allow404 = false } = {}) => {
    const response = await fetchImpl(endpoint(path, extra), {
      method, body, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, cache: 'no-store',
    });
    if (allow404 && response.status === 404) return null;
    const text = await response.text();
    const answer = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = answer.error || {};
      throw new WorkflowStoreError(error.code || `http_${response.status}`, error.message || `${method} ${path}: ${response.status}`,
        { status: response.status, diagnostics: answer.diagnostics || error.diagnostics });
    }
    return answer;
  };
  const latestCommit = async (name) => {
    const history = await call('GET', `workflows/saved/${encodeURIComponent(name)}/history`, { allow404: true });
    return history?.versions?.[0]?.commit ?? null;
  };

  return {
    kind: 'server', user, team,
    async list() {
      const answer = await call('GET', 'workflows/saved');
      return answer.workflows.map((item) => ({ name: item.workflow_id, nodes: item.nodes, edges: item.edges }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async load(name) {
      checkName(name);
      const workflow = await call('GET', `workflows/saved/${encodeURIComponent(name)}`, { allow404: true });
      if (!workflow) return null;
      return { name, workflow, version: await latestCommit(name) };
    },
    async save(name, workflow, { baseVersion } = {}) {
      checkName(name);
      if (baseVersion !== undefined) {
        const current = await latestCommit(name);
        if (current !== baseVersion) {
          throw new WorkflowStoreError('conflict', `workflow '${name}' was saved elsewhere since this copy was loaded`,
            { current, baseVersion });
        }
      }
      const saved = await call('PUT', `workflows/saved/${encodeURIComponent(name)}`, { body: JSON.stringify(workflow) });
      return { name, version: saved.commit, valid: saved.valid, diagnostics: saved.diagnostics };
    },
    async remove(name) {
      checkName(name);
      await call('DELETE', `workflows/saved/${encodeURIComponent(name)}`);
    },
    async rename(from, to) {
      checkName(from);
      checkName(to);
      if (from === to) return;
      if (await call('GET', `workflows/saved/${encodeURIComponent(to)}`, { allow404: true })) {
        throw new WorkflowStoreError('exists', `a workflow named '${to}' already exists`);
      }
      const loaded = await this.load(from);
      if (!loaded) throw new WorkflowStoreError('not_found', `no workflow named '${from}'`);
      await this.save(to, loaded.workflow);
      await this.remove(from);
    },
    async saveUserSkill(id, markdown) {
      const exists = await call('GET', `workflows/skills/${encodeURIComponent(id)}`, { allow404: true });
      const mine = exists && exists.volume === 'user';
      return mine
        ? call('PUT', `workflows/skills/${encodeURIComponent(id)}`, { body: JSON.stringify({ markdown }) })
        : call('POST', 'workflows/skills', { body: JSON.stringify({ markdown }) });
    },
    // The user's and team's skills (what shadows or adds to the bundled system volume).
    async listUserSkills() {
      const answer = await call('GET', 'workflows/skills');
      const own = answer.skills.filter((skill) => skill.volume === 'user' || skill.volume === 'team');
      return Promise.all(own.map(async (skill) => {
        const full = await call('GET', `workflows/skills/${encodeURIComponent(skill.skill_id)}`);
        return { id: skill.skill_id, markdown: full.text, volume: skill.volume };
      }));
    },
    // The palette's skills as the server sees them for this user and team.
    async executableSkills() {
      return (await call('GET', 'workflows/skills/executable')).skills;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() { listeners.clear(); },
  };
}

// ---------------------------------------------------------------------------
// IndexedDB backend: several named workflows and the user's skills, in this
// browser, with a version per workflow and a BroadcastChannel between tabs.

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

function done(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error('transaction aborted'));
  });
}

async function openDatabase(factory, name) {
  const opening = factory.open(name, DATABASE_VERSION);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    if (!db.objectStoreNames.contains(WORKFLOWS)) db.createObjectStore(WORKFLOWS, { keyPath: 'name' });
    if (!db.objectStoreNames.contains(SKILLS)) db.createObjectStore(SKILLS, { keyPath: 'id' });
  };
  return request(opening);
}

const counts = (workflow) => ({
  nodes: Array.isArray(workflow?.nodes) ? workflow.nodes.length : 0,
  edges: Array.isArray(workflow?.edges) ? workflow.edges.length : 0,
});

async function indexedDbStore(factory, databaseName) {
  if (!factory) throw new WorkflowStoreError('no_storage', 'this browser has no IndexedDB: workflows cannot be kept');
  const db = await openDatabase(factory, databaseName);
  // Ask the browser not to evict the workflows under storage pressure.
  const persisted = globalThis.navigator?.storage?.persist
    ? await globalThis.navigator.storage.persist().catch(() => false) : false;
  const tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${CHANNEL}:${databaseName}`) : null;
  const listeners = new Set();
  if (channel) {
    channel.onmessage = (event) => {
      if (event.data?.tab === tab) return;
      for (const listener of listeners) listener(event.data);
    };
  }
  const announce = (change) => channel?.postMessage({ ...change, tab });

  return {
    kind: 'indexeddb', persisted, tab,
    async list() {
      const records = await request(db.transaction(WORKFLOWS).objectStore(WORKFLOWS).getAll());
      return records.map((record) => ({ name: record.name, version: record.version, savedAt: record.savedAt,
                                        ...counts(record.workflow) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async load(name) {
      checkName(name);
      const record = await request(db.transaction(WORKFLOWS).objectStore(WORKFLOWS).get(name));
      return record ? { name, workflow: record.workflow, version: record.version } : null;
    },
    // One transaction reads the version and writes the next, so two tabs
    // saving at once cannot both win.
    async save(name, workflow, { baseVersion } = {}) {
      checkName(name);
      const transaction = db.transaction(WORKFLOWS, 'readwrite');
      const store = transaction.objectStore(WORKFLOWS);
      const finished = done(transaction);
      const current = await request(store.get(name));
      const currentVersion = current ? current.version : null;
      if (baseVersion !== undefined && baseVersion !== currentVersion) {
        transaction.abort();
        await finished.catch(() => {});
        throw new WorkflowStoreError('conflict', `workflow '${name}' was saved in another tab since this copy was loaded`,
          { current: currentVersion, baseVersion });
      }
      const version = (currentVersion ?? 0) + 1;
      store.put({ name, workflow, version, savedAt: Date.now(), tab });
      await finished;
      announce({ type: 'saved', name, version });
      return { name, version };
    },
    async remove(name) {
      checkName(name);
      const transaction = db.transaction(WORKFLOWS, 'readwrite');
      transaction.objectStore(WORKFLOWS).delete(name);
      await done(transaction);
      announce({ type: 'removed', name });
    },
    async rename(from, to) {
      checkName(from);
      checkName(to);
      if (from === to) return;
      const transaction = db.transaction(WORKFLOWS, 'readwrite');
      const store = transaction.objectStore(WORKFLOWS);
      const finished = done(transaction);
      const [record, existing] = await Promise.all([request(store.get(from)), request(store.get(to))]);
      if (!record || existing) {
        transaction.abort();
        await finished.catch(() => {});
        if (!record) throw new WorkflowStoreError('not_found', `no workflow named '${from}'`);
        throw new WorkflowStoreError('exists', `a workflow named '${to}' already exists`);
      }
      store.delete(from);
      store.put({ ...record, name: to, version: 1, savedAt: Date.now(), tab });
      await finished;
      announce({ type: 'removed', name: from, renamedTo: to });
      announce({ type: 'saved', name: to, version: 1 });
    },
    async saveUserSkill(id, markdown) {
      const transaction = db.transaction(SKILLS, 'readwrite');
      transaction.objectStore(SKILLS).put({ id, markdown, savedAt: Date.now() });
      await done(transaction);
      announce({ type: 'skill', id });
      return { skill_id: id };
    },
    async listUserSkills() {
      const records = await request(db.transaction(SKILLS).objectStore(SKILLS).getAll());
      return records.map((record) => ({ id: record.id, markdown: record.markdown, volume: 'user' }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.close();
      db.close();
    },
  };
}
