// A node:test reporter that counts what the runner discovered and what ran.
// Use: node --test --test-reporter=./tests/run-all/count-reporter.mjs
//        --test-reporter-destination=counts.json FILES...
//
// Why: node's own tally can lie in two ways. A test file with no tests is
// reported as one passing test, and a file that calls process.exit(0) halfway
// drops the tests after it without a failure. The runner announces every test
// it registers ('test:enqueue') before it runs it, so a test that was
// enqueued and never passed or failed was discovered but not run.
//
// Output (one JSON object): {discovered, ran, passed, failed, skipped,
// failed_names, skipped_names, missing_names}; a file that crashed or holds no
// test counts as one failed test. Suites
// (describe) are not tests, as in node's own "# tests" line; todo tests are
// counted as skipped (they cannot fail the run).

import { relative } from 'node:path';

const label = (data) => `${data.file ? relative(process.cwd(), data.file) : '?'}: ${data.name}`;

// Each file runs in its own process, announced as a test named after the file.
const isFileWrapper = (data) => data.nesting === 0 && data.file !== undefined && data.name === data.file;

export default async function* countReporter(source) {
  const pending = new Map(); // key -> how many enqueued and not yet finished
  const testsInFile = new Map();
  const counts = { discovered: 0, ran: 0, passed: 0, failed: 0, skipped: 0 };
  const names = { failed_names: [], skipped_names: [], missing_names: [] };
  const keyOf = (data) => `${data.file}\u0000${data.nesting}\u0000${data.name}`;

  for await (const { type, data } of source) {
    if (type === 'test:enqueue' && !isFileWrapper(data)) {
      pending.set(keyOf(data), (pending.get(keyOf(data)) ?? 0) + 1);
      testsInFile.set(data.file, (testsInFile.get(data.file) ?? 0) + 1);
    } else if (type === 'test:pass' || type === 'test:fail') {
      if (isFileWrapper(data)) {
        // The file itself passed or failed: it crashed, exited non-zero, or
        // (when it passed) it may have registered no test at all.
        const why = type === 'test:fail' ? 'the file failed' : !testsInFile.get(data.file) && 'no tests in the file';
        if (why) {
          counts.discovered++, counts.ran++, counts.failed++;
          names.failed_names.push(`${relative(process.cwd(), data.file)} (${why})`);
        }
        continue;
      }
      const key = keyOf(data);
      if (pending.get(key)) pending.set(key, pending.get(key) - 1);
      if (data.details?.type === 'suite') {
        if (type === 'test:fail' && data.details.error?.failureType !== 'subtestsFailed') {
          counts.failed++, counts.discovered++, counts.ran++;
          names.failed_names.push(label(data));
        }
        continue;
      }
      counts.discovered++, counts.ran++;
      if (type === 'test:fail') {
        counts.failed++;
        names.failed_names.push(label(data));
      } else if (data.skip !== undefined || data.todo !== undefined) {
        counts.skipped++;
        const reason = data.skip ?? data.todo;
        names.skipped_names.push(typeof reason === 'string' ? `${label(data)} (${reason})` : label(data));
      } else {
        counts.passed++;
      }
    }
  }
  for (const [key, left] of pending) {
    if (left <= 0) continue;
    const [file, , name] = key.split('\u0000');
    counts.discovered += left;
    for (let i = 0; i < left; i++) names.missing_names.push(label({ file, name }));
  }
  yield `${JSON.stringify({ ...counts, ...names }, null, 1)}\n`;
}
