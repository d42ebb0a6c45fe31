#!/usr/bin/env node
// `llmos run` (the native binary starts `node run.mjs ...` with the same
// arguments, see src/cli/run_command.cpp): runs one workflow with the
// workbench's own core and runtimes under Node, prints a line per node as it
// starts and finishes, writes outputs to --out as they arrive, and exits
// 0 (all done), 1 (a node failed), 2 (bad arguments, invalid workflow) or
// 130 (Ctrl+C: the run is cancelled; what was written stays).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHeadlessHost } from './headless-host.mjs';
import { outputFiles } from './output-files.mjs';
import { applySets, parseRunArguments, UsageError, usage } from './run-options.mjs';

const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 };

function fail(code, message) {
  process.stderr.write(`llmos run: ${message}\n`);
  process.exit(code);
}

let options;
try {
  options = parseRunArguments(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) fail(EXIT.usage, `${error.message}\n${usage}`);
  throw error;
}
if (options.help) {
  process.stdout.write(usage);
  process.exit(0);
}

// Lines for people go to stdout, or to stderr when stdout carries --json.
const say = (text) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);

let document;
try {
  document = JSON.parse(readFileSync(options.file, 'utf8'));
} catch (error) {
  fail(EXIT.usage, `${options.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
}
// A bare workflow, a payload {workflow, skills} or the API's {status, payload}.
const payload = document?.payload?.workflow ? document.payload : document;
const isPayload = Boolean(payload?.workflow);
let workflow;
try {
  workflow = applySets(isPayload ? payload.workflow : payload, options.sets);
} catch (error) {
  fail(EXIT.usage, error.message);
}

const host = await startHeadlessHost({ webRoot: options.web || undefined, baseUrl: options.baseUrl });
const volumes = [
  ...(options.skills.length ? options.skills : [path.join(host.webRoot, 'skills')]).map((dir) => [dir, 'system']),
  ...(options.team ? [[options.team, 'team']] : []),
  ...(options.user ? [[options.user, 'user']] : []),
];
for (const [dir, volume] of volumes) {
  let loaded;
  try {
    loaded = host.loadSkills(dir, volume);
  } catch (error) {
    fail(EXIT.usage, `--${volume === 'system' ? 'skills' : volume} ${dir}: ${error.message}`);
  }
  for (const d of loaded.diagnostics) {
    if (d.severity === 'error') say(`${d.file || dir}:${d.line ?? 0}:${d.column ?? 0}: error[${d.code}]: ${d.message}`);
  }
}

const outDir = options.out ? path.resolve(options.out) : null;
if (outDir) mkdirSync(outDir, { recursive: true });
const written = {};  // node -> [file names]
const skillOf = new Map((workflow.nodes || []).map((node) => [node.nodeId, node.skillId]));
const width = Math.max(4, ...[...skillOf.keys()].map((id) => id.length));
const started = new Map();
const elapsed = (ms) => (ms === undefined || ms === null ? '' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

function writeOutputs(nodeId, outputs) {
  if (!outDir || !outputs || Object.keys(outputs).length === 0) return;
  const files = outputFiles(nodeId, outputs, host.outputTypes(skillOf.get(nodeId)));
  for (const file of files) writeFileSync(path.join(outDir, file.name), file.data);
  written[nodeId] = files.map((file) => file.name);
}

// --events: one JSON line per node event on stderr, outputs left out (they
// are in the results); what the MCP endpoint turns into progress.
function sayEvent(event) {
  if (!event.node || !['running', 'progress', 'log', 'done', 'cached', 'error', 'skipped', 'cancelled'].includes(event.kind)) return;
  if (event.kind === 'log' && !options.verbose) return;
  const line = { event: event.kind, node: event.node, skill: skillOf.get(event.node) ?? null };
  if (event.kind === 'running') started.set(event.node, performance.now());
  const duration = event.duration_ms ?? (started.has(event.node) ? performance.now() - started.get(event.node) : undefined);
  if (['done', 'cached', 'error', 'cancelled'].includes(event.kind) && duration !== undefined) line.ms = Math.round(duration * 1000) / 1000;
  if (event.kind === 'progress') Object.assign(line, { fraction: event.fraction ?? 0, message: event.message ?? '' });
  if (event.kind === 'log') line.message = String(event.text ?? '');
  if (event.error) line.error = { code: event.error.code ?? 'error', message: event.error.message ?? '' };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

let runId = null;
function onEvent(event) {
  // Ctrl+C before the run's first event: cancel it now.
  if (interrupted && runId === null && event.run !== undefined) host.core.cancel(event.run);
  runId ??= event.run ?? null;
  const id = event.node;
  if (options.events) {
    sayEvent(event);
    if (event.kind === 'done' || event.kind === 'cached') writeOutputs(id, event.outputs);
    return;
  }
  switch (event.kind) {
    case 'running':
      started.set(id, performance.now());
      say(`  running    ${id.padEnd(width)}  ${skillOf.get(id) || ''}`);
      break;
    case 'progress':
      if (options.verbose) say(`  progress   ${id.padEnd(width)}  ${Math.round((event.fraction ?? 0) * 100)}% ${event.message || ''}`);
      break;
    case 'log':
      if (options.verbose) {
        for (const line of String(event.text ?? '').replace(/\n$/, '').split('\n')) say(`  ${id} | ${line}`);
      }
      break;
    case 'done': case 'cached': case 'error': case 'skipped': case 'cancelled': {
      const duration = event.duration_ms ?? (started.has(id) ? performance.now() - started.get(id) : undefined);
      const why = event.error ? `  ${event.error.code || 'error'}: ${event.error.message || ''}` : '';
      say(`  ${event.kind.padEnd(9)}  ${id.padEnd(width)}  ${elapsed(event.kind === 'skipped' ? undefined : duration)}${why}`);
      if (event.kind === 'done' || event.kind === 'cached') writeOutputs(id, event.outputs);
      break;
    }
    default:
  }
}

// Ctrl+C: cancel the run (its nodes answer `cancelled`) and finish normally;
// a second Ctrl+C leaves at once.
const abort = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(EXIT.interrupted);
  interrupted = true;
  say('llmos run: interrupted, cancelling the run (Ctrl+C again to leave at once)');
  abort.abort();
});
process.on('SIGTERM', () => {
  interrupted = true;
  abort.abort();
});

if (interrupted) {
  host.shutdown();
  process.exit(EXIT.interrupted);
}
const runStarted = performance.now();
let results;
try {
  results = await host.run(isPayload ? { ...payload, workflow } : workflow, null, null,
                           { onEvent, signal: abort.signal, use_cache: !options.noCache,
                             ...(options.nodeTimeout ? { node_timeout_ms: options.nodeTimeout } : {}) });
} catch (error) {
  if (error.diagnostics) {
    for (const d of error.diagnostics) {
      say(`${options.file}${d.line ? `:${d.line}:${d.column ?? 0}` : ''}: ${d.severity || 'error'}[${d.code}]: ${d.message}` +
          `${d.pointer ? ` (at ${d.pointer})` : ''}`);
    }
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'workflow.invalid', message: error.message }, diagnostics: error.diagnostics })}\n`);
    host.shutdown();
    process.exit(EXIT.usage);
  }
  host.shutdown();
  fail(EXIT.failed, error.stack || error.message);
}
const durationMs = performance.now() - runStarted;

const states = Object.values(results).map((result) => result.state);
const failed = Object.entries(results).filter(([, result]) => result.state === 'error').map(([id]) => id);
const count = (state) => states.filter((s) => s === state).length;
if (options.events) {
  process.stderr.write(`${JSON.stringify({ event: 'finished', ok: failed.length === 0 && !interrupted, done: count('done'), cached: count('cached'),
                                           failed: count('error'), skipped: count('skipped'), cancelled: count('cancelled'),
                                           ms: Math.round(durationMs) })}\n`);
} else say(`${failed.length ? 'failed' : interrupted ? 'cancelled' : 'done'}: ${count('done')} done, ${count('cached')} cached, ` +
    `${count('error')} failed, ${count('skipped')} skipped, ${count('cancelled')} cancelled in ${elapsed(durationMs)}` +
    `${outDir ? `; outputs in ${outDir}` : ''}`);

const summary = {
  ok: failed.length === 0 && !interrupted,
  workflow: options.file,
  interrupted,
  failed,
  results,
  ...(outDir ? { out: outDir, files: written } : {}),
};
if (outDir) {
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'trace.json'), `${JSON.stringify(results.trace, null, 2)}\n`);
}
if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
host.shutdown();
process.exitCode = interrupted ? EXIT.interrupted : failed.length ? EXIT.failed : EXIT.ok;
// Worker threads being torn down must not hold the exit.
setTimeout(() => process.exit(process.exitCode), 50).unref();
