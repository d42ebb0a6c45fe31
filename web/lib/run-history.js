// Run history per workflow in IndexedDB: each record is the editor's
// RunRecord JSON (src/editor/run/run_history.hpp: parameters, outputs
// summary, timings). Newest first, at most `keep` per workflow.
const DB_NAME = 'llmos-run-history';
const STORE = 'runs';

const request = (r) => new Promise((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});

export async function openRunHistory({ keep = 50, indexedDB = globalThis.indexedDB } = {}) {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    store.createIndex('workflow', 'workflow');
  };
  const db = await request(open);

  async function list(workflow) {
    const tx = db.transaction(STORE, 'readonly');
    const records = await request(tx.objectStore(STORE).index('workflow').getAll(workflow));
    return records.sort((a, b) => b.started_at - a.started_at || b.id - a.id);
  }

  async function add(workflow, record) {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    await request(store.add({ ...record, workflow }));
    const all = await request(store.index('workflow').getAll(workflow));
    all.sort((a, b) => b.started_at - a.started_at || b.id - a.id);
    for (const old of all.slice(keep)) store.delete(old.id);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }

  return { list, add, close: () => db.close() };
}
