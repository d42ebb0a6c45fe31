// Runs spice skills in ngspice.wasm, in a module Worker (browser) or a
// worker_threads thread (`llmos run`): the skill's netlist template filled from
// the node's inputs, one analysis run, every vector of its plot returned as
// Float64 numbers. The JavaScript postprocess block is not run here: the
// bridge (web/lib/spice-runner.js) hands it to the javascript sandbox.
//
// Protocol (docs/ARCHITECTURE.md, contract 3):
//   -> {type:'init', id}  <- {type:'ready', id, ok, load_ms, version}
//   -> {type:'run', id, request}   request = the core's dispatch request
//   <- {type:'log', id, stream:'ngspice', text}   every line ngspice prints
//   <- {type:'progress', id, fraction, message}   at most every 100 ms
//   <- {type:'result', id, ok:true, outputs:{vectors, netlist}, stats}
//   <- {type:'result', id, ok:false, error:{code, message, line?}}
//   -> {type:'cancel', id}   a run is synchronous: the bridge cancels by
//                            terminating this worker
import { NgspiceEngine } from '../lib/ngspice-engine.js';
import { NetlistError } from '../lib/spice-netlist.js';
import { simulateRequest } from '../lib/spice-simulation.js';

const PROGRESS_INTERVAL_MS = 100;

let engine = null;
let current = null;  // {id, lastProgress} of the run in progress
let loadMs = 0;

function onOutput(stream, text) {
  if (current) self.postMessage({ type: 'log', id: current.id, stream: 'ngspice', text });
}

// ngspice's status strings: "tran: 45.3%", "ac: 10.0%", "--ready--".
function onStatus(text) {
  if (!current) return;
  const match = /^\s*([\w ]+):\s*([\d.]+)%/.exec(text);
  if (!match) return;
  const now = performance.now();
  if (now - current.lastProgress < PROGRESS_INTERVAL_MS) return;
  current.lastProgress = now;
  self.postMessage({ type: 'progress', id: current.id, fraction: Math.min(1, Number(match[2]) / 100), message: text.trim() });
}

// One instance serves every run; a new one replaces it only after ngspice
// asked to be unloaded (an error it cannot recover from).
async function ready() {
  if (!engine || engine.broken) {
    const started = performance.now();
    engine = await NgspiceEngine.create({ onOutput, onStatus });
    loadMs = performance.now() - started;
  }
  return engine;
}

async function handle(message) {
  if (message.type === 'init') {
    await ready();
    self.postMessage({ type: 'ready', id: message.id, ok: true, load_ms: loadMs, version: 'ngspice-39' });
    return;
  }
  if (message.type !== 'run') return;
  try {
    await ready();
    current = { id: message.id, lastProgress: performance.now() };
    const { outputs, stats } = simulateRequest(engine, message.request);
    self.postMessage({ type: 'result', id: message.id, ok: true, outputs, stats });
  } catch (error) {
    const known = error instanceof NetlistError;
    self.postMessage({
      type: 'result', id: message.id, ok: false,
      error: { code: known ? error.code : 'spice.internal', message: known ? error.message : String(error?.stack || error),
               ...(known && error.line ? { line: error.line } : {}) },
    });
  } finally {
    current = null;
  }
}

// Messages are handled one at a time, in order (loading ngspice is async).
let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
