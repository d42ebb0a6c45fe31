// A request/response channel to one Worker, with cancel by terminate-and-
// respawn: the only way to stop a runaway skill (a tight loop in Python or
// JS cannot be interrupted from outside).
export class WorkerBridge {
  constructor(url, { type = 'classic', name = '' } = {}) {
    this.url = url;
    this.options = { type, name };
    this.pending = new Map();
    this.nextId = 1;
    this.worker = null;
  }

  spawn() {
    this.worker = new Worker(this.url, this.options);
    this.worker.onmessage = (event) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;  // answer to a request that was cancelled
      // log and progress messages come while the request runs; the rest answer it.
      if (event.data.type === 'log' || event.data.type === 'progress') {
        entry.onUpdate?.(event.data);
        return;
      }
      this.pending.delete(event.data.id);
      entry.resolve(event.data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.failAll({ code: 'worker.crashed', message: event.message || 'worker crashed' });
      this.worker?.terminate();
      this.worker = null;
    };
  }

  // Sends `message` (an id is added) and resolves with the worker's answer;
  // onUpdate(message) gets its log and progress messages until then.
  request(message, transfer = [], onUpdate = null) {
    if (!this.worker) this.spawn();
    const id = this.nextId++;
    return {
      id,
      promise: new Promise((resolve) => {
        this.pending.set(id, { resolve, onUpdate });
        this.worker.postMessage({ ...message, id }, transfer);
      }),
    };
  }

  // Abandons one request: the worker is terminated (it may be mid-way through
  // it) and every other request on it fails; the next request respawns it.
  cancel(id, reason = { code: 'cancelled', message: 'cancelled' }) {
    if (!this.pending.has(id)) return;
    const entry = this.pending.get(id);
    this.pending.delete(id);
    entry.resolve({ id, ok: false, error: reason });
    this.failAll({ code: 'worker.restarted', message: 'the worker was restarted to cancel another node' });
    this.worker?.terminate();
    this.worker = null;
  }

  failAll(error) {
    for (const [id, entry] of this.pending) entry.resolve({ id, ok: false, error });
    this.pending.clear();
  }

  terminate() {
    this.failAll({ code: 'cancelled', message: 'runtime shut down' });
    this.worker?.terminate();
    this.worker = null;
  }
}
