// Compares one run's results with a catalogue entry's expectations. Used by
// the Chromium test (tests/e2e/escapes.test.mjs) and meant for `llmos run`
// too: `results` is executeWorkflow's shape, {nodeId: {state, outputs,
// error: {code, message, line}}}. Returns a list of mismatches (empty: ok).
import { isDeepStrictEqual } from 'node:util';

export function checkRun(expect, results) {
  const mismatches = [];
  for (const [nodeId, wanted] of Object.entries(expect)) {
    const got = results[nodeId];
    if (!got) {
      mismatches.push(`${nodeId}: no result`);
      continue;
    }
    const state = got.state ?? (got.error ? 'error' : 'done');
    if (state !== wanted.state) mismatches.push(`${nodeId}: state ${state}, expected ${wanted.state}`);
    if (wanted.outputs !== undefined && !isDeepStrictEqual(got.outputs, wanted.outputs)) {
      mismatches.push(`${nodeId}: outputs ${JSON.stringify(got.outputs)}, expected ${JSON.stringify(wanted.outputs)}`);
    }
    const error = got.error || {};
    if (wanted.code !== undefined && error.code !== wanted.code) {
      mismatches.push(`${nodeId}: error code ${error.code}, expected ${wanted.code} (${error.message})`);
    }
    if (wanted.message !== undefined && error.message !== wanted.message) {
      mismatches.push(`${nodeId}: message ${JSON.stringify(error.message)}, expected ${JSON.stringify(wanted.message)}`);
    }
    if (wanted.message_match !== undefined && !new RegExp(wanted.message_match).test(error.message ?? '')) {
      mismatches.push(`${nodeId}: message ${JSON.stringify(error.message)} does not match /${wanted.message_match}/`);
    }
    if (wanted.line !== undefined && error.line !== wanted.line) {
      mismatches.push(`${nodeId}: line ${error.line}, expected ${wanted.line}`);
    }
  }
  return mismatches;
}
