// A Web Worker look-alike over Node worker_threads, for the runtime pools
// (web/lib/worker-bridge.js `createWorker`): onmessage, onerror,
// onmessageerror, postMessage(message, transfer), terminate(). The thread
// runs worker-thread.mjs, which imports the worker script given by URL.
import { Worker } from 'node:worker_threads';

const threadUrl = new URL('./worker-thread.mjs', import.meta.url);

export class NodeWorker {
  constructor(scriptUrl, { name = 'llmos-worker', webRoot, resourceLimits } = {}) {
    this.onmessage = null;
    this.onerror = null;
    this.onmessageerror = null;
    this.exited = false;
    this.thread = new Worker(threadUrl, {
      name,
      workerData: { scriptUrl: String(scriptUrl), webRoot },
      // Console output of a worker is the node's log (worker-guard), never the terminal's.
      stdout: true,
      stderr: true,
      ...(resourceLimits ? { resourceLimits } : {}),
    });
    this.thread.stdout.resume();
    if (process.env.LLMOS_RUN_DEBUG) this.thread.stderr.pipe(process.stderr);
    else this.thread.stderr.resume();
    this.thread.on('message', (data) => this.onmessage?.({ data }));
    this.thread.on('messageerror', () => this.onmessageerror?.({}));
    this.thread.on('error', (error) => this.onerror?.({ message: String(error?.message || error), preventDefault() {} }));
    this.thread.on('exit', (code) => {
      if (!this.exited && code !== 0) this.onerror?.({ message: `the worker thread exited with code ${code}`, preventDefault() {} });
      this.exited = true;
    });
  }

  postMessage(message, transfer) {
    this.thread.postMessage(message, transfer || []);
  }

  terminate() {
    this.exited = true;
    this.thread.terminate().catch(() => {});
  }
}

// createWorker for WorkerPool: every pool of the host gets the same web root.
export function nodeWorkerFactory(webRoot) {
  return (url, options = {}) => new NodeWorker(url, { ...options, webRoot });
}
