// A pool of runtime Workers speaking the worker protocol (docs/RUNTIMES.md):
// one request per worker at a time, a queue in front, idle workers first,
// and a warm standby worker so a stop never waits for a cold start.
//
// Stopping a request (cancel, or the core's deadline reaching us as a
// cancel) answers it at once and takes its worker out of service; the
// standby takes its place. The stopped worker is interrupted if it can be
// (Pyodide's interrupt buffer, when SharedArrayBuffer exists); if it answers
// within `interruptGraceMs` it becomes the new standby, otherwise it is
// terminated and a new standby starts. Other requests never fail because one
// was stopped.
//
// A worker that puts its interpreter back after each node (Python) says so
// in its result (`cleaning: true`) and sends {type:'clean'} when done. A
// request arriving meanwhile goes to the standby, if it is ready and idle,
// and the two swap roles: the clean-up no longer delays the next node.

const SIGINT = 2;

const stopped = (reason) => ({ ok: false, error: reason });

export class WorkerPool {
  // url, type ('module' | 'classic'), name: of the Worker. size: workers
  // serving at once. standby: keep one more started. interruptible: offer
  // an interrupt buffer in init. recycleAboveBytes: retire a worker whose
  // reported memory_bytes grew past this. createWorker(url, options): how to
  // start one (tests and the Node host pass their own). baseUrl: what a
  // skill's relative URLs resolve against (the page's address; `llmos run
  // --base-url` under Node). profile: each answer's timings are kept in
  // `lastProfile` (bench/; the worker reports its phases when asked).
  constructor({ url, type = 'module', name = 'llmos-runtime', size = 1, standby = true, interruptible = false,
                interruptGraceMs = 250, recycleAboveBytes = Infinity, standbyDelayMs = 1000,
                baseUrl = globalThis.document?.baseURI ?? null, profile = false,
                createWorker = (workerUrl, options) => new Worker(workerUrl, options) }) {
    Object.assign(this, { url, type, name, size, standby, interruptible, interruptGraceMs, recycleAboveBytes,
                          standbyDelayMs, baseUrl, profile, createWorker });
    this.lastProfile = null;
    this.standbyTimer = null;
    this.serving = [];  // slots taking requests
    this.spare = null;  // the standby slot
    this.queue = [];  // jobs waiting for an idle slot
    this.stopping = new Set();  // interrupted slots that may come back
    this.nextId = 1;
    this.nextSlot = 1;
    this.counters = { started: 0, interrupted: 0, terminated: 0, recycled: 0, crashed: 0, swapped: 0 };
    this.firstReady = null;
  }

  setSize(size) {
    this.size = Math.max(1, Math.floor(size));
    this.fill();
  }

  // Resolves with the first serving worker's ready message (starts it).
  ready() {
    this.fill();
    return this.firstReady;
  }

  // True once a worker has answered init.
  isReady() {
    return this.serving.some((slot) => slot.info) || Boolean(this.spare?.info);
  }

  // 'off' (no worker started yet), 'loading' (starting) or 'ready': the
  // editor's status bar shows it so nobody wonders why a first node waits.
  readiness() {
    if (this.isReady()) return 'ready';
    return this.firstReady ? 'loading' : 'off';
  }

  // Runs a dispatch request: {promise, cancel(reason), id}. The promise
  // resolves to {ok:true, outputs_json | outputs} or {ok:false, error}; it
  // never rejects. hooks: {log(stream, text), progress(fraction, message)}.
  run(request, hooks = {}) {
    this.closed = false;
    const job = { id: this.nextId++, request, hooks, slot: null, done: false };
    const promise = new Promise((resolve) => { job.resolve = resolve; });
    this.queue.push(job);
    this.fill();
    this.pump();
    if (!job.slot) {
      job.waited = true;  // no idle worker: pump() says when one takes it
      hooks.waiting?.();
    }
    return { id: job.id, promise, cancel: (reason) => this.cancel(job, reason) };
  }

  cancel(job, reason = { code: 'cancelled', message: 'cancelled' }) {
    if (job.done) return;
    this.finish(job, stopped(reason));
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      return;
    }
    const slot = job.slot;
    if (slot) this.stop(slot);
  }

  finish(job, answer) {
    if (job.done) return;
    job.done = true;
    if (job.slot?.job === job) job.slot.job = null;
    job.resolve(answer);
  }

  // Starts workers until `size` serve and (if wanted) one stands by.
  fill() {
    while (this.serving.length < this.size) {
      if (this.spare) {
        this.serving.push(this.spare);
        this.spare = null;
      } else {
        this.serving.push(this.spawn());
      }
    }
    // The standby starts once the serving workers are up (not to slow them)
    // and not while an interrupted worker may still come back to take its place.
    // It starts a moment later, so that it does not compete with the first
    // node (nor die in a page that is being left).
    const starting = this.serving.some((slot) => !slot.info);
    if (this.standby && !this.spare && !starting && this.stopping.size === 0 && !this.standbyTimer) {
      this.standbyTimer = setTimeout(() => {
        this.standbyTimer = null;
        if (!this.closed && !this.spare && this.stopping.size === 0) this.spare = this.spawn();
      }, this.standbyDelayMs);
    }
  }

  spawn() {
    const slot = { id: this.nextSlot++, worker: null, info: null, job: null, interrupt: null, state: 'starting' };
    this.counters.started++;
    slot.worker = this.createWorker(this.url, { type: this.type, name: `${this.name}-${slot.id}` });
    if (this.interruptible && typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false) {
      slot.interrupt = new Int32Array(new SharedArrayBuffer(4));
    }
    slot.worker.onmessage = (event) => this.receive(slot, event.data);
    slot.worker.onerror = (event) => {
      event?.preventDefault?.();
      this.crashed(slot, event?.message || 'the worker stopped with an error');
    };
    slot.worker.onmessageerror = () => this.crashed(slot, 'a message from the worker could not be read');
    const readyPromise = new Promise((resolve, reject) => { slot.readyWaiters = { resolve, reject }; });
    readyPromise.catch(() => {});
    this.firstReady ??= readyPromise;
    slot.worker.postMessage({ type: 'init', interrupt: slot.interrupt, base_url: this.baseUrl });
    return slot;
  }

  receive(slot, message) {
    if (!message || typeof message !== 'object') return;
    if (message.type === 'ready') {
      if (message.ok === false) {
        this.retire(slot, 'terminated');
        slot.readyWaiters.reject(Object.assign(new Error(message.error?.message || 'the runtime did not start'),
                                               { code: message.error?.code || 'runtime.unavailable' }));
        // Nothing can run: fail the waiting requests rather than retry forever.
        for (const job of this.queue.splice(0)) this.finish(job, stopped(message.error));
        this.firstReady = null;
        return;
      }
      slot.info = message;
      slot.state = 'idle';
      slot.readyWaiters.resolve(message);
      this.fill();
      this.pump();
      return;
    }
    if (message.type === 'clean') {
      if (slot.state === 'cleaning') slot.state = 'idle';
      this.pump();
      return;
    }
    if (message.type === 'retire') {
      // The worker could not put its interpreter back after a node. A
      // request already sent to it has not started: it goes back in front.
      this.counters.recycled++;
      if (slot.job) {
        slot.job.slot = null;
        this.queue.unshift(slot.job);
        slot.job = null;
      }
      this.retire(slot, 'terminated');
      this.fill();
      this.pump();
      return;
    }
    const job = slot.job;
    if (slot.state === 'stopping' && message.type === 'result') {
      // The interrupted request answered: the worker is usable again.
      clearTimeout(slot.graceTimer);
      this.stopping.delete(slot);
      this.counters.interrupted++;
      slot.state = 'idle';
      this.adopt(slot);
      return;
    }
    if (!job || message.id !== job.id) return;  // not the running request's: ignore
    if (message.type === 'log') job.hooks.log?.(String(message.stream), String(message.text));
    else if (message.type === 'progress') job.hooks.progress?.(Number(message.fraction), String(message.message ?? ''));
    else if (message.type === 'result') {
      if (this.profile) this.lastProfile = { posted: job.posted, answered: performance.now(), worker: message.phases ?? null };
      const answer = message.ok
        ? (typeof message.outputs_json === 'string' ? { ok: true, outputs_json: message.outputs_json }
          : { ok: true, outputs: message.outputs })
        : stopped(message.error || { code: 'runtime.error', message: 'the runtime reported an error' });
      this.finish(job, answer);
      slot.state = message.cleaning === true ? 'cleaning' : 'idle';
      slot.timing = message.timing ?? null;  // where the worker's time went (benches)
      if (message.memory_bytes > this.recycleAboveBytes) {
        this.counters.recycled++;
        this.retire(slot, 'terminated');
      }
      this.fill();
      this.pump();
    }
  }

  // Hands queued jobs to idle serving workers, oldest job first. A serving
  // worker still cleaning up gives its place to an idle standby; when the
  // standby is cleaning up too (nodes back to back), the job waits for
  // whichever is done first (usually the standby: it started earlier); with
  // no standby, the cleaning worker gets it (it starts once it is clean).
  pump() {
    for (const [index, slot] of this.serving.entries()) {
      if (this.queue.length === 0) return;
      if (slot.state === 'cleaning' && this.spare?.state === 'idle') {
        this.serving[index] = this.spare;
        this.spare = slot;
        this.counters.swapped++;
        this.send(this.serving[index], this.queue.shift());
      } else if (slot.state === 'cleaning' && this.spare?.state === 'cleaning') {
        continue;
      } else if (slot.state === 'idle' || slot.state === 'cleaning') {
        this.send(slot, this.queue.shift());
      }
    }
  }

  send(slot, job) {
    job.slot = slot;
    slot.job = job;
    slot.state = 'busy';
    if (slot.interrupt) Atomics.store(slot.interrupt, 0, 0);
    if (this.profile) job.posted = performance.now();
    slot.worker.postMessage({ type: 'run', id: job.id, request: job.request, profile: this.profile });
    if (job.waited) job.hooks.started?.();
  }

  // Takes a busy worker out of service (its request was already answered).
  stop(slot) {
    this.serving = this.serving.filter((candidate) => candidate !== slot);
    slot.job = null;
    if (slot.interrupt && slot.info) {
      slot.state = 'stopping';
      this.stopping.add(slot);
      Atomics.store(slot.interrupt, 0, SIGINT);
      slot.graceTimer = setTimeout(() => this.retire(slot, 'terminated'), this.interruptGraceMs);
    } else {
      this.retire(slot, 'terminated');
    }
    this.fill();
    this.pump();
  }

  // A worker that is ready again after a stop: standby if none, else it goes.
  adopt(slot) {
    if (this.serving.length < this.size) this.serving.push(slot);
    else if (!this.spare) this.spare = slot;
    else this.retire(slot, 'terminated');
    this.fill();
    this.pump();
  }

  crashed(slot, message) {
    this.counters.crashed++;
    if (slot.job) this.finish(slot.job, stopped({ code: 'worker.crashed', message }));
    if (!slot.info) slot.readyWaiters?.reject(Object.assign(new Error(message), { code: 'runtime.unavailable' }));
    if (!slot.info && this.firstReady) this.firstReady = null;
    this.retire(slot, 'crashed');
    if (!slot.info) {
      for (const job of this.queue.splice(0)) this.finish(job, stopped({ code: 'runtime.unavailable', message }));
      return;
    }
    this.fill();
    this.pump();
  }

  retire(slot, why) {
    clearTimeout(slot.graceTimer);
    if (slot.state === 'gone') return;
    const wasStopping = this.stopping.delete(slot);
    slot.state = 'gone';
    if (why === 'terminated') this.counters.terminated++;
    slot.worker.onmessage = null;
    slot.worker.onerror = null;
    slot.worker.terminate();
    this.serving = this.serving.filter((candidate) => candidate !== slot);
    if (this.spare === slot) this.spare = null;
    if (wasStopping) this.fill();
  }

  // {serving, standby, queued, busy, counters, memory_bytes per worker}.
  stats() {
    const describe = (slot) => ({ id: slot.id, state: slot.state, memory_bytes: slot.info?.memory_bytes ?? null,
                                  timing: slot.timing ?? null });
    return {
      serving: this.serving.map(describe), standby: this.spare && describe(this.spare), queued: this.queue.length,
      counters: { ...this.counters },
    };
  }

  // Stops everything; waiting and running requests are answered `cancelled`.
  terminate() {
    this.closed = true;
    clearTimeout(this.standbyTimer);
    this.standbyTimer = null;
    for (const job of this.queue.splice(0)) this.finish(job, stopped({ code: 'cancelled', message: 'runtime shut down' }));
    const stopping = [...this.stopping];
    this.stopping.clear();
    for (const slot of [...this.serving, this.spare, ...stopping].filter(Boolean)) {
      if (slot.job) this.finish(slot.job, stopped({ code: 'cancelled', message: 'runtime shut down' }));
      this.retire(slot, 'terminated');
    }
    this.firstReady = null;
  }
}
