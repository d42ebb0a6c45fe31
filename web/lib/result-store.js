// Node results that survive a reload: an IndexedDB object store mirrored in
// memory. The wasm core's result cache reads the mirror synchronously
// (src/wasm/js_result_store.cpp); writes go to IndexedDB in the background.
// Without IndexedDB (Node, some private modes) it is a plain in-memory map.
const DATABASE = 'llmos-workbench';
const STORE = 'results';

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

async function openDatabase() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

export async function openResultStore() {
  const mirror = new Map();
  let database = null;
  if (typeof indexedDB !== 'undefined') {
    try {
      database = await openDatabase();
      const store = database.transaction(STORE, 'readonly').objectStore(STORE);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      keys.forEach((key, i) => mirror.set(key, values[i]));
    } catch (error) {
      console.warn(`result store: IndexedDB unavailable, results last until reload (${error})`);
      database = null;
    }
  }
  return {
    get: (key) => mirror.get(key),
    put: (key, value) => {
      mirror.set(key, value);
      database?.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key);
    },
    size: () => mirror.size,
    persistent: database !== null,
    clear: async () => {
      mirror.clear();
      if (database) await request(database.transaction(STORE, 'readwrite').objectStore(STORE).clear());
    },
  };
}
