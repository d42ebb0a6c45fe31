// Node results that survive a reload: an IndexedDB object store mirrored in
// memory. The wasm core's result cache reads the mirror synchronously
// (src/wasm/js_result_store.cpp); writes go to IndexedDB in the background.
// Without IndexedDB (Node, some private modes) it is a plain in-memory map.
//
// The store is bounded: when its results exceed the budget (characters of
// JSON text), the least recently used ones are deleted, in memory and in
// IndexedDB, so weeks of runs neither fill the browser's quota nor make the
// page load everything at start. Use times are stored, so the order
// survives reloads.
const DATABASE = 'llmos-workbench';
const STORE = 'results';
// v1 records were bare JSON text; v2 records are {text, usedAt}.
const VERSION = 2;
export const DEFAULT_BUDGET = 64 * 1024 * 1024;

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

async function openDatabase(name) {
  const opening = indexedDB.open(name, VERSION);
  opening.onupgradeneeded = (event) => {
    if (event.oldVersion < 1) {
      opening.result.createObjectStore(STORE);
      return;
    }
    // Keep v1 results: wrap each text, oldest use first.
    const cursorRequest = opening.transaction.objectStore(STORE).openCursor();
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) return;
      if (typeof cursor.value === 'string') cursor.update({ text: cursor.value, usedAt: 0 });
      cursor.continue();
    };
  };
  return request(opening);
}

// options: {budget: characters (default DEFAULT_BUDGET), database: IndexedDB name}
export async function openResultStore(options = {}) {
  const budget = options.budget ?? DEFAULT_BUDGET;
  // key -> {text, usedAt}; a Map iterates in insertion order, which is kept
  // as the use order: least recently used first.
  const mirror = new Map();
  let total = 0;
  let evictions = 0;
  let database = null;

  const write = (key, entry) => {
    database?.transaction(STORE, 'readwrite').objectStore(STORE).put({ text: entry.text, usedAt: entry.usedAt }, key);
  };
  // Out of the mirror only; true if it was there.
  const drop = (key) => {
    const entry = mirror.get(key);
    if (!entry) return false;
    mirror.delete(key);
    total -= entry.text.length;
    return true;
  };
  const forget = (key) => {
    if (drop(key)) database?.transaction(STORE, 'readwrite').objectStore(STORE).delete(key);
  };
  const evictOverBudget = () => {
    for (const key of mirror.keys()) {
      if (total <= budget) break;
      forget(key);
      evictions++;
    }
  };

  if (typeof indexedDB !== 'undefined') {
    try {
      database = await openDatabase(options.database ?? DATABASE);
      const store = database.transaction(STORE, 'readonly').objectStore(STORE);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      const loaded = keys
        .map((key, i) => ({ key, entry: values[i] }))
        .filter(({ entry }) => entry && typeof entry.text === 'string')
        .sort((a, b) => a.entry.usedAt - b.entry.usedAt);
      for (const { key, entry } of loaded) {
        mirror.set(key, { text: entry.text, usedAt: entry.usedAt });
        total += entry.text.length;
      }
      evictOverBudget();  // the budget may be smaller than last time
    } catch (error) {
      console.warn(`result store: IndexedDB unavailable, results last until reload (${error})`);
      database = null;
    }
  }

  return {
    get: (key) => {
      const entry = mirror.get(key);
      if (!entry) return undefined;
      mirror.delete(key);  // now the most recently used
      mirror.set(key, entry);
      entry.usedAt = Date.now();
      write(key, entry);
      return entry.text;
    },
    put: (key, text) => {
      if (text.length > budget) {  // would evict everything and still not fit
        forget(key);
        return;
      }
      drop(key);  // the write below replaces the stored record
      const entry = { text, usedAt: Date.now() };
      mirror.set(key, entry);
      total += text.length;
      write(key, entry);
      evictOverBudget();
    },
    has: (key) => mirror.has(key),
    // Deletes one result (Clear cached result); true if it was stored.
    remove: (key) => {
      const had = mirror.has(key);
      forget(key);
      return had;
    },
    // Keys, least recently used first.
    keys: () => [...mirror.keys()],
    size: () => mirror.size,
    characters: () => total,
    evictions: () => evictions,
    budget,
    persistent: database !== null,
    clear: async () => {
      mirror.clear();
      total = 0;
      if (database) await request(database.transaction(STORE, 'readwrite').objectStore(STORE).clear());
    },
    // Resolves once every write so far has reached IndexedDB.
    flush: async () => {
      if (database) await request(database.transaction(STORE, 'readonly').objectStore(STORE).count());
    },
  };
}
