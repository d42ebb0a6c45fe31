// Where a warm JavaScript node's time goes, end to end through the core
// (executeWorkflow of a one-node workflow), as medians over `rounds` runs:
// the core's start (parse, validate, plan, events), the host's dispatch
// (request parse, pool, postMessage), the round trip to the worker (the
// message, the worker's phases: Compartment ready, evaluate, run, outputs
// JSON), the answer back to the core, complete(), and executeWorkflow's tail
// (results, trace, release). The functions are wrapped for the measurement
// only.
// Self-contained (no imports, no outer names): bench/runtimes.mjs runs its
// source in the page, bench/runtimes-node.mjs calls it under Node.
export async function profileJsNode({ core, pool, executeWorkflow, rounds }) {
  const payload = { workflow: { nodes: [{ nodeId: 'n', skillId: 's' }], edges: [] },
    skills: { s: { skill_id: 's', node_type: 'javascript', inputs: [], outputs: [{ name: 'y', type: 'any' }],
                   code: 'function execute() { return { y: 1 }; }' } } };
  let marks = {};
  const restore = [];
  const wrap = (object, name, before, after) => {
    const original = object[name];
    object[name] = function wrapped(...args) {
      marks[before] ??= performance.now();
      try {
        return original.apply(this, args);
      } finally {
        marks[after] ??= performance.now();
      }
    };
    restore.push(() => { object[name] = original; });
  };
  wrap(core, 'startRun', 'startRun', 'startRunEnd');
  wrap(core.module.llmosHost, 'dispatch', 'dispatch', 'dispatchEnd');
  wrap(core, 'complete', 'complete', 'completeEnd');
  wrap(core.host, 'watch', 'watch', 'watchEnd');
  for (const slot of pool.serving) wrap(slot.worker, 'postMessage', 'postMessage', 'postMessageEnd');
  const profiling = pool.profile;
  pool.profile = true;
  const rows = [];
  try {
    for (let i = 0; i < rounds + 5; i++) {
      marks = { start: performance.now() };
      const results = await executeWorkflow(payload, null, null, { use_cache: false });
      marks.end = performance.now();
      if (results.n.state !== 'done') throw new Error(JSON.stringify(results.n.error));
      const { posted, answered, worker } = pool.lastProfile;
      const inWorker = worker.sent - worker.received;
      if (i >= 5) {
        // Consecutive spans of the main thread's timeline (they add up to
        // the total); the worker's phases and the main thread's work after
        // postMessage (which the answer may wait for) happen within the round trip.
        rows.push({
          total: marks.end - marks.start,
          'executeWorkflow: before core.startRun()': marks.startRun - marks.start,
          'core: start (parse, validate, plan, events) up to dispatch': marks.dispatch - marks.startRun,
          'host: dispatch up to postMessage (request JSON, pool)': posted - marks.dispatch,
          'round trip: postMessage to the answer on the main thread': answered - posted,
          '  within it, main thread: postMessage()': marks.postMessageEnd - marks.postMessage,
          '  within it, main thread: rest of dispatch': marks.dispatchEnd - marks.postMessageEnd,
          '  within it, main thread: rest of core.startRun()': marks.startRunEnd - marks.dispatchEnd,
          '  within it, main thread: executeWorkflow to watch(), watch()': marks.watchEnd - marks.startRunEnd,
          '  within it, message to the worker and back': (answered - posted) - inWorker,
          '    of which to the worker (its wake-up; a Compartment still being made)':
            worker.origin + worker.received - (performance.timeOrigin + posted),
          '    of which back to the main thread': performance.timeOrigin + answered - (worker.origin + worker.sent),
          '  within it, worker: Compartment ready': worker.prepare,
          '  within it, worker: evaluate the skill': worker.evaluate,
          '  within it, worker: run execute()': worker.run,
          '  within it, worker: outputs to JSON, log flush': worker.serialise,
          'host: answer to core.complete()': marks.complete - answered,
          'core: complete (outputs, events, run finished)': marks.completeEnd - marks.complete,
          'executeWorkflow: after complete (results, trace, release)': marks.end - marks.completeEnd,
        });
      }
    }
  } finally {
    pool.profile = profiling;
    for (const undo of restore) undo();
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(Object.keys(rows[0]).map((key) => [key, median(rows.map((row) => row[key]))]));
}

// The phases as Markdown rows, for both benches.
export function phaseTable(title, phases) {
  const lines = [`#### ${title}`, '', '| phase | median ms |', '|---|---|'];
  for (const [phase, ms] of Object.entries(phases)) lines.push(`| ${phase} | ${ms.toFixed(3)} |`);
  return lines.join('\n');
}

// The sandbox's own floor, as source for a worker that has ses loaded: a
// fresh Compartment, evaluate the skill, call it, outputs to JSON; leaves the
// median of 200 (after 20 warm-ups) in `median`. Both benches embed it.
export const bareCompartmentSource = `
  lockdown({ errorTaming: 'unsafe', consoleTaming: 'unsafe', overrideTaming: 'severe', domainTaming: 'unsafe' });
  const source = 'function execute() { return { y: 1 }; }\\n;(typeof execute === "function" ? execute : undefined)';
  const times = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    const compartment = new Compartment({ globals: { console: harden({ log() {} }) }, __options__: true });
    JSON.stringify(compartment.evaluate(source)({}));
    if (i >= 20) times.push(performance.now() - started);
  }
  const median = times.sort((a, b) => a - b)[100];
`;
