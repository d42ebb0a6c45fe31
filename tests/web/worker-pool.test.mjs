// WorkerPool (web/lib/worker-bridge.js) over scripted workers that speak the
// worker protocol: queueing, idle-first hand-out, stops that answer at once
// and spare the other requests, the standby taking over, interrupts, crashes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { webRoot } from './headless-core.mjs';

const { WorkerPool } = await import(path.join(webRoot, 'lib', 'worker-bridge.js'));

// A worker whose answers the test controls: run messages wait in `running`
// until the test calls answer(id, message). `interruptible` workers answer a
// SIGINT in the interrupt buffer with a cancelled result.
class ScriptedWorker {
  static all = [];

  constructor(url, options, { interruptible = false, failInit = false } = {}) {
    Object.assign(this, { url, options, interruptible, failInit, terminated: false, running: new Map(), runs: [] });
    ScriptedWorker.all.push(this);
  }

  postMessage(message) {
    if (this.terminated) return;
    if (message.type === 'init') {
      this.interrupt = message.interrupt;
      setTimeout(() => this.emit(this.failInit ? { type: 'ready', ok: false, error: { code: 'runtime.unavailable', message: 'no' } }
        : { type: 'ready', ok: true, load_ms: 1 }), 1);
    } else if (message.type === 'run') {
      this.runs.push(message.id);
      this.running.set(message.id, message.request);
      if (this.interruptible) this.watchInterrupt(message.id);
    }
  }

  watchInterrupt(id) {
    const check = setInterval(() => {
      if (this.terminated || !this.running.has(id)) return clearInterval(check);
      if (Atomics.load(this.interrupt, 0) === 2) {
        clearInterval(check);
        this.answer(id, { ok: false, error: { code: 'cancelled', message: 'KeyboardInterrupt' } });
      }
    }, 1);
  }

  answer(id, result) {
    this.running.delete(id);
    this.emit({ type: 'result', id, ...result });
  }

  emit(data) {
    if (!this.terminated) this.onmessage?.({ data });
  }

  terminate() {
    this.terminated = true;
  }
}

function pool(options = {}, workerOptions = {}) {
  ScriptedWorker.all = [];
  return new WorkerPool({ url: 'scripted', size: 1, standbyDelayMs: 0, ...options,
                          createWorker: (url, opts) => new ScriptedWorker(url, opts, workerOptions) });
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
const request = (name) => ({ run: 1, node: name, skill: { node_type: 'javascript', code: '' }, inputs: {} });

async function until(predicate, what) {
  for (let i = 0; i < 400; i++) {
    if (predicate()) return;
    await tick(2);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const busyWorkers = () => ScriptedWorker.all.filter((worker) => !worker.terminated && worker.running.size > 0);

test('one request per worker; the rest queue and go to the first idle worker', async () => {
  const runtime = pool({ size: 2, standby: false });
  const handles = ['a', 'b', 'c'].map((name) => runtime.run(request(name)));
  await until(() => busyWorkers().length === 2, 'two busy workers');
  assert.equal(runtime.stats().queued, 1);
  const [first] = busyWorkers();
  const firstId = [...first.running.keys()][0];
  first.answer(firstId, { ok: true, outputs_json: '{"x":1}' });
  assert.deepEqual(await handles[0].promise, { ok: true, outputs_json: '{"x":1}' });
  await until(() => first.running.size === 1, 'the queued request on the freed worker');
  assert.equal(first.runs.length, 2, 'the idle worker took the queued request');
  assert.equal(runtime.stats().queued, 0);
  runtime.terminate();
});

test('cancelling one request answers it at once and leaves the others of the pool running', async () => {
  const runtime = pool({ size: 2, standby: true });
  const a = runtime.run(request('a'));
  const b = runtime.run(request('b'));
  await until(() => busyWorkers().length === 2, 'two busy workers');
  await until(() => runtime.stats().standby?.state === 'idle', 'a ready standby');
  const queued = runtime.run(request('c'));
  a.cancel({ code: 'timeout', message: 'deadline' });
  assert.deepEqual(await a.promise, { ok: false, error: { code: 'timeout', message: 'deadline' } });
  // The standby took the stopped worker's place and runs the queued request at once.
  await until(() => busyWorkers().length === 2, 'the standby running the queued request');
  const other = busyWorkers().find((worker) => worker.running.has(2));
  other.answer(2, { ok: true, outputs: { y: 2 } });
  assert.deepEqual(await b.promise, { ok: true, outputs: { y: 2 } });
  const standbyWorker = busyWorkers().find((worker) => worker.running.has(3));
  assert.ok(standbyWorker, 'request c runs on the former standby');
  standbyWorker.answer(3, { ok: true, outputs_json: '{}' });
  assert.deepEqual(await queued.promise, { ok: true, outputs_json: '{}' });
  assert.equal(runtime.stats().counters.terminated, 1);
  runtime.terminate();
});

test('a request arriving while the serving worker cleans up goes to the idle standby, and the two swap roles', async () => {
  const runtime = pool({ size: 1, standby: true });
  const a = runtime.run(request('a'));
  await until(() => busyWorkers().length === 1 && runtime.stats().standby?.state === 'idle', 'a running, a standby');
  const [first] = busyWorkers();
  const second = ScriptedWorker.all.find((worker) => worker !== first);
  first.answer(1, { ok: true, outputs_json: '{"a":1}', cleaning: true });
  assert.deepEqual(await a.promise, { ok: true, outputs_json: '{"a":1}' });
  assert.equal(runtime.stats().serving[0].state, 'cleaning');
  const b = runtime.run(request('b'));
  assert.deepEqual(second.runs, [2], 'the standby took b at once');
  assert.deepEqual(first.runs, [1]);
  assert.equal(runtime.stats().standby.state, 'cleaning');
  first.emit({ type: 'clean' });
  assert.equal(runtime.stats().standby.state, 'idle');
  second.answer(2, { ok: true, outputs_json: '{"b":1}', cleaning: true });
  await b.promise;
  // Back the other way: the first worker, clean again, takes c.
  const c = runtime.run(request('c'));
  assert.deepEqual(first.runs, [1, 3]);
  first.answer(3, { ok: true, outputs_json: '{}' });
  await c.promise;
  assert.equal(runtime.stats().counters.swapped, 2);
  assert.equal(ScriptedWorker.all.length, 2, 'no worker was started for it');
  runtime.terminate();
});

test('with both workers cleaning up, a request goes to whichever is clean first', async () => {
  const runtime = pool({ size: 1, standby: true });
  const a = runtime.run(request('a'));
  await until(() => busyWorkers().length === 1 && runtime.stats().standby?.state === 'idle', 'a running, a standby');
  const [first] = busyWorkers();
  const second = ScriptedWorker.all.find((worker) => worker !== first);
  first.answer(1, { ok: true, outputs_json: '{}', cleaning: true });
  await a.promise;
  const b = runtime.run(request('b'));
  second.answer(2, { ok: true, outputs_json: '{}', cleaning: true });
  await b.promise;
  // first (now the standby) and second (serving) are both cleaning up.
  const c = runtime.run(request('c'));
  assert.deepEqual([first.runs, second.runs], [[1], [2]], 'c waits rather than queue behind either');
  first.emit({ type: 'clean' });
  assert.deepEqual(first.runs, [1, 3], 'the one clean first took c');
  assert.equal(runtime.stats().serving[0].state, 'busy');
  second.emit({ type: 'clean' });
  assert.equal(runtime.stats().standby.state, 'idle');
  first.answer(3, { ok: true, outputs_json: '{"c":1}' });
  assert.deepEqual(await c.promise, { ok: true, outputs_json: '{"c":1}' });
  assert.deepEqual(second.runs, [2]);
  runtime.terminate();
});

test('with no idle standby, a request waits on the cleaning worker itself (it starts after the clean-up)', async () => {
  const runtime = pool({ size: 1, standby: false });
  const a = runtime.run(request('a'));
  await until(() => busyWorkers().length === 1, 'a running');
  const [worker] = busyWorkers();
  worker.answer(1, { ok: true, outputs_json: '{}', cleaning: true });
  await a.promise;
  const b = runtime.run(request('b'));
  assert.deepEqual(worker.runs, [1, 2]);
  worker.answer(2, { ok: true, outputs_json: '{}' });
  await b.promise;
  assert.equal(runtime.stats().counters.swapped, 0);
  runtime.terminate();
});

test('a cancelled request that was still queued never reaches a worker', async () => {
  const runtime = pool({ size: 1, standby: false });
  const a = runtime.run(request('a'));
  const b = runtime.run(request('b'));
  b.cancel();
  assert.deepEqual(await b.promise, { ok: false, error: { code: 'cancelled', message: 'cancelled' } });
  await until(() => busyWorkers().length === 1, 'a running');
  const [worker] = busyWorkers();
  worker.answer(1, { ok: true, outputs_json: '{}' });
  await a.promise;
  await tick(10);
  assert.deepEqual(worker.runs, [1]);
  runtime.terminate();
});

test('an interrupted worker that answers comes back as the standby instead of being terminated', async () => {
  const runtime = pool({ size: 1, standby: true, interruptible: true }, { interruptible: true });
  const a = runtime.run(request('a'));
  await until(() => busyWorkers().length === 1 && runtime.stats().standby?.state === 'idle', 'a running, a standby');
  const [stopped] = busyWorkers();
  a.cancel();
  await a.promise;
  await until(() => runtime.stats().counters.interrupted === 1, 'the interrupted answer');
  const stats = runtime.stats();
  assert.equal(stats.counters.terminated, 0, JSON.stringify(stats));
  assert.equal(stopped.terminated, false);
  assert.equal(ScriptedWorker.all.length, 2, 'no third worker was started');
  runtime.terminate();
});

test('a worker that does not answer its interrupt in time is terminated and replaced', async () => {
  const runtime = pool({ size: 1, standby: true, interruptible: true, interruptGraceMs: 20 });
  const a = runtime.run(request('a'));
  await until(() => busyWorkers().length === 1 && runtime.stats().standby?.state === 'idle', 'a running, a standby');
  const [stuck] = busyWorkers();
  a.cancel();
  const b = runtime.run(request('b'));
  await until(() => stuck.terminated, 'the stuck worker terminated');
  await until(() => busyWorkers().length === 1, 'b running on the former standby');
  busyWorkers()[0].answer(2, { ok: true, outputs_json: '{"b":1}' });
  assert.deepEqual(await b.promise, { ok: true, outputs_json: '{"b":1}' });
  await until(() => runtime.stats().standby, 'a new standby');
  runtime.terminate();
});

test('messages for other requests are ignored; a crash fails only the crashed worker\'s request', async () => {
  const runtime = pool({ size: 2, standby: false });
  const a = runtime.run(request('a'));
  const b = runtime.run(request('b'));
  await until(() => busyWorkers().length === 2, 'two busy');
  const [first, second] = busyWorkers();
  const firstId = [...first.running.keys()][0];
  const secondId = [...second.running.keys()][0];
  // A forged answer for the other worker's request changes nothing.
  first.emit({ type: 'result', id: secondId, ok: true, outputs_json: '{"forged":true}' });
  first.onerror({ message: 'boom', preventDefault() {} });
  assert.deepEqual(await (firstId === 1 ? a : b).promise, { ok: false, error: { code: 'worker.crashed', message: 'boom' } });
  second.answer(secondId, { ok: true, outputs_json: '{"real":true}' });
  assert.deepEqual(await (secondId === 1 ? a : b).promise, { ok: true, outputs_json: '{"real":true}' });
  runtime.terminate();
});

test('log and progress reach the hooks of the running request only', async () => {
  const runtime = pool({ size: 1, standby: false });
  const seen = [];
  const a = runtime.run(request('a'), { log: (stream, text) => seen.push([stream, text]),
                                        progress: (fraction, message) => seen.push([fraction, message]) });
  await until(() => busyWorkers().length === 1, 'running');
  const [worker] = busyWorkers();
  worker.emit({ type: 'log', id: 1, stream: 'stdout', text: 'line\n' });
  worker.emit({ type: 'log', id: 99, stream: 'stdout', text: 'not mine\n' });
  worker.emit({ type: 'progress', id: 1, fraction: 0.5, message: 'half' });
  worker.answer(1, { ok: true, outputs_json: '{}' });
  await a.promise;
  worker.emit({ type: 'log', id: 1, stream: 'stdout', text: 'late\n' });
  assert.deepEqual(seen, [['stdout', 'line\n'], [0.5, 'half']]);
  runtime.terminate();
});

test('a runtime that cannot start fails the waiting requests with its reason', async () => {
  const runtime = pool({ size: 1, standby: false }, { failInit: true });
  const a = runtime.run(request('a'));
  assert.deepEqual(await a.promise, { ok: false, error: { code: 'runtime.unavailable', message: 'no' } });
  await assert.rejects(runtime.ready(), /no|did not start/);
  runtime.terminate();
});

test('a worker that could not restore its interpreter is retired; the request sent meanwhile runs elsewhere', async () => {
  const runtime = pool({ size: 1, standby: true });
  const a = runtime.run(request('a'));
  await until(() => busyWorkers().length === 1 && runtime.stats().standby?.state === 'idle', 'a running, a standby');
  const [worker] = busyWorkers();
  const b = runtime.run(request('b'));
  worker.answer(1, { ok: true, outputs_json: '{}' });
  await a.promise;
  await until(() => worker.runs.length === 2, 'b sent to the same worker');
  worker.emit({ type: 'retire', reason: 'could not restore' });
  assert.equal(worker.terminated, true);
  await until(() => busyWorkers().length === 1, 'b running on the standby');
  busyWorkers()[0].answer(2, { ok: true, outputs_json: '{"b":2}' });
  assert.deepEqual(await b.promise, { ok: true, outputs_json: '{"b":2}' });
  runtime.terminate();
});
