// Self-test of tests/run-all.sh: its functions, sourced into bash, run on
// small fake suites (a hand-written CTestTestfile, unittest and node:test
// files) and fake result files. Each lie the old script told is here:
// an empty suite, a missing directory, skipped tests counted nowhere or as
// failures, and a suite that ran fewer tests than its runner discovered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runAll = path.join(repo, 'tests', 'run-all.sh');

// A fresh scratch directory with `files` ({relative path: text}) written in it.
function scratch(files = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-all-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

// Sources run-all.sh and runs `script` in bash, in `cwd`, with results
// written to a scratch directory. Returns the status, output and the
// skipped-test list run-all wrote.
function bash(script, { cwd = repo } = {}) {
  const results = scratch();
  const env = { ...process.env, LLMOS_TEST_RESULTS: results };
  delete env.NODE_TEST_CONTEXT; // else a nested `node --test` reports to us, not to its reporters
  const run = spawnSync('bash', ['-c', `source '${runAll}'\n${script}`], { cwd, env, encoding: 'utf8' });
  let skipped = '';
  try { skipped = readFileSync(path.join(results, 'skipped.txt'), 'utf8'); } catch { /* none written */ }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, skipped };
}

// The "-- suite: ..." line record() prints for `name`.
function suiteLine(stdout, name) {
  const line = stdout.split('\n').find((l) => l.startsWith(`-- ${name}: `));
  assert.ok(line, `no summary line for ${name} in:\n${stdout}`);
  return line;
}

test('suite_problem: empty, short, and failing-without-a-failed-test suites', () => {
  const cases = [
    ['0 0 0 0', 'no tests found'],
    ['5 3 0 0', 'ran 3 of 5 discovered tests'],
    ['5 3 2 1', 'ran 3 of 5 discovered tests'],
    ['5 5 0 1', 'runner exited with status 1 and reported no failed test'],
    ['5 5 1 1', ''],
    ['5 5 0 0', ''],
  ];
  for (const [args, want] of cases) {
    assert.equal(bash(`suite_problem ${args}`).stdout.trim(), want, args);
  }
});

test('junit_counts: ctest skips are skips, a test that could not start is a failure', () => {
  // What ctest 3.25 writes for pass, fail, GTEST_SKIP, SKIP_RETURN_CODE,
  // DISABLED and a missing executable.
  const dir = scratch({
    'ctest.xml': `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="(empty)" tests="6" failures="1" disabled="1" skipped="3">
  <testcase name="pass_t" status="run"><system-out></system-out></testcase>
  <testcase name="fail_t" status="fail"><failure message=""/></testcase>
  <testcase name="skip_t" status="notrun"><skipped message="SKIP_REGULAR_EXPRESSION_MATCHED"/></testcase>
  <testcase name="skip_rc" status="notrun"><skipped message="SKIP_RETURN_CODE=77"/></testcase>
  <testcase name="disabled_t" status="disabled"><system-out>Disabled</system-out></testcase>
  <testcase name="noexe_t" status="notrun"><skipped message="Unable to find executable"/></testcase>
</testsuite>`,
  });
  const run = bash(`junit_counts ${dir}/ctest.xml gtest`);
  assert.equal(run.stdout.trim(), '6 1 2 3'); // reported, passed, failed, skipped
  assert.deepEqual(run.skipped.trim().split('\n'), [
    'gtest: skip_t (skipped)', 'gtest: skip_rc (skipped)', 'gtest: disabled_t (disabled)',
  ]);
});

test('json_counts: skipped tests are not failures, missing ones are named', () => {
  const dir = scratch({
    'counts.json': JSON.stringify({
      discovered: 7, ran: 6, passed: 3, failed: 1, skipped: 2,
      failed_names: ['t.f'], skipped_names: ['t.s1 (no chromium)', 't.s2'], missing_names: ['t.m'],
    }),
  });
  const run = bash(`json_counts ${dir}/counts.json py`);
  assert.equal(run.stdout.trim(), '7 6 3 1 2');
  assert.match(run.stderr, /discovered, never ran: t\.m/);
  assert.equal(run.skipped, 'py: t.s1 (no chromium)\npy: t.s2\n');
});

test('ctest: passed, failed and skipped are counted as ctest ran them', () => {
  const dir = scratch({
    'CTestTestfile.cmake': `
add_test(pass_t "/bin/true")
add_test(fail_t "/bin/false")
add_test(skip_t "/bin/sh" "-c" "echo '[  SKIPPED ] by GTEST_SKIP'")
set_tests_properties(skip_t PROPERTIES SKIP_REGULAR_EXPRESSION "\\\\[  SKIPPED \\\\]")
add_test(disabled_t "/bin/true")
set_tests_properties(disabled_t PROPERTIES DISABLED TRUE)
add_test(noexe_t "/nonexistent/llmos_tests")
`,
  });
  const run = bash(`run_ctest fake ${dir}; summary`);
  assert.equal(suiteLine(run.stdout, 'fake'), '-- fake: 1 passed, 2 failed, 2 skipped (5 ran of 5 discovered)');
  assert.match(run.stdout, /^skipped:\n {2}fake: skip_t \(skipped\)\n {2}fake: disabled_t \(disabled\)$/m);
  assert.notEqual(run.status, 0);
});

test('ctest: a build without tests fails instead of passing 0/0', () => {
  const dir = scratch({ 'CTestTestfile.cmake': '# no add_test\n' });
  const run = bash(`run_ctest empty ${dir}; summary`);
  assert.match(suiteLine(run.stdout, 'empty'), /0 ran of 0 discovered\); FAILS: no tests found$/);
  assert.notEqual(run.status, 0);
});

test('ctest: fewer tests run than ctest -N listed fails the run', () => {
  // The test list changes between listing and running (as a gtest
  // executable's discovery can): the first read of this file, by `ctest -N`,
  // sees three tests, the second, by the run, two. All of them pass.
  const dir = scratch();
  writeFileSync(path.join(dir, 'CTestTestfile.cmake'), `
add_test(a "/bin/true")
add_test(b "/bin/true")
if(NOT EXISTS "${dir}/listed")
  file(WRITE "${dir}/listed" "")
  add_test(c "/bin/true")
endif()
`);
  const run = bash(`run_ctest shrinking ${dir}; summary`);
  assert.equal(suiteLine(run.stdout, 'shrinking'),
    '-- shrinking: 2 passed, 0 failed, 0 skipped (2 ran of 3 discovered); FAILS: ran 2 of 3 discovered tests');
  assert.notEqual(run.status, 0);
});

test('ctest: a build directory that is not there fails with its name', () => {
  const run = bash('run_ctest asan build/no-such-build; summary');
  assert.match(suiteLine(run.stdout, 'asan'), /FAILS: build\/no-such-build is not built/);
  assert.notEqual(run.status, 0);
});

test('python: tests are counted once each, skips apart, against unittest discovery', () => {
  const dir = scratch({
    'test_mixed.py': `
import unittest

class Mixed(unittest.TestCase):
    def test_passes(self):
        self.assertEqual(2 + 2, 4)

    def test_three_failing_subtests_are_one_failed_test(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertEqual(i, 99)

    @unittest.skip("needs a GPU")
    def test_skipped(self):
        pass

    def test_error(self):
        raise RuntimeError("boom")
`,
  });
  const run = bash(`run_python_suite python ${dir}; summary`);
  // The old count read "FAILED (failures=3, errors=1, skipped=1)" as 5 failures.
  assert.equal(suiteLine(run.stdout, 'python'), '-- python: 1 passed, 2 failed, 1 skipped (4 ran of 4 discovered)');
  assert.match(run.stdout, /^ {2}python: test_mixed\.Mixed\.test_skipped \(needs a GPU\)$/m);
  assert.notEqual(run.status, 0);
});

test('python: a class whose setUpClass fails ran fewer tests than discovered', () => {
  const dir = scratch({
    'test_setup.py': `
import unittest

class Broken(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise RuntimeError("no fixture")

    def test_a(self):
        pass

    def test_b(self):
        pass

class Fine(unittest.TestCase):
    def test_c(self):
        pass
`,
  });
  const run = bash(`run_python_suite python ${dir}; summary`);
  assert.match(suiteLine(run.stdout, 'python'), /1 passed, 1 failed, 0 skipped \(1 ran of 3 discovered\); FAILS: ran 1 of 3/);
  assert.notEqual(run.status, 0);
});

test('python: a test that exits the interpreter leaves no results and fails the run', () => {
  const dir = scratch({
    'test_exit.py': `
import os, unittest

class Exits(unittest.TestCase):
    def test_a(self):
        os._exit(0)

    def test_b(self):
        pass
`,
  });
  const run = bash(`run_python_suite python ${dir}; summary`);
  assert.match(suiteLine(run.stdout, 'python'), /FAILS: the Python runner wrote no results \(status 0\)/);
  assert.notEqual(run.status, 0);
});

test('python: an empty or missing directory fails the run', () => {
  const empty = bash(`run_python_suite python ${scratch()}; summary`);
  assert.match(suiteLine(empty.stdout, 'python'), /FAILS: no tests found$/);
  assert.notEqual(empty.status, 0);
  const missing = bash('run_python_suite python tests/no-such-dir; summary');
  assert.match(suiteLine(missing.stdout, 'python'), /FAILS: tests\/no-such-dir does not exist$/);
  assert.notEqual(missing.status, 0);
});

test('node: an early process.exit(0) and an empty file fail the run; skips are listed', () => {
  const dir = scratch({
    'a.test.mjs': `import { test, describe, it } from 'node:test';
test('passes', () => {});
test.skip('skipped on purpose', () => {});
describe('group', () => { it('inner passes', () => {}); it.todo('inner todo'); });
`,
    'b.test.mjs': `import { test } from 'node:test';
test('b1', () => {});
test('b2 exits the process', () => new Promise(() => setTimeout(() => process.exit(0), 10)));
test('b3 never runs', () => {});
`,
    'c.test.mjs': '// a test file without tests\n',
  });
  const run = bash(`run_node_suite node ${dir}; summary`, { cwd: dir });
  // node itself reports "fail 0" for this run and exits 0.
  assert.equal(suiteLine(run.stdout, 'node'),
    '-- node: 3 passed, 1 failed, 2 skipped (6 ran of 8 discovered); FAILS: ran 6 of 8 discovered tests');
  assert.match(run.stderr, /discovered, never ran: b\.test\.mjs: b2 exits the process/);
  assert.match(run.stderr, /discovered, never ran: b\.test\.mjs: b3 never runs/);
  assert.match(run.stdout, /^ {2}node: a\.test\.mjs: skipped on purpose$/m);
  assert.match(run.stdout, /^ {2}node: a\.test\.mjs: inner todo$/m);
  assert.notEqual(run.status, 0);
});

test('node: a file that fails to load is a failed test', () => {
  const dir = scratch({ 'broken.test.mjs': 'this is not javascript(\n' });
  const run = bash(`run_node_suite node ${dir}; summary`, { cwd: dir });
  assert.equal(suiteLine(run.stdout, 'node'), '-- node: 0 passed, 1 failed, 0 skipped (1 ran of 1 discovered)');
  assert.notEqual(run.status, 0);
});

test('node: a missing directory or one without test files fails the run', () => {
  const dir = scratch({ 'helper.mjs': 'export const x = 1;\n' });
  const run = bash(`run_node_suite node ${dir} tests/no-such-dir; summary`);
  assert.match(suiteLine(run.stdout, 'node'), /FAILS: tests\/no-such-dir does not exist$/);
  assert.notEqual(run.status, 0);
  const noFiles = bash(`run_node_suite node ${dir}; summary`);
  assert.match(suiteLine(noFiles.stdout, 'node'), /FAILS: no \*\.test\.mjs files in /);
  assert.notEqual(noFiles.status, 0);
});

test('orphans: a test file outside every suite, or not compiled, fails the run', () => {
  const dir = scratch({
    'tests/web/a.test.mjs': '', 'tests/web/helper.mjs': '', 'tests/python/test_b.py': '',
    'tests/server/c.test.mjs': '', 'tests/tools/test_d.py': '',
    'tests/core/test_built.cpp': '', 'tests/server/test_forgotten.cpp': '',
    'build/native/tests/CMakeFiles/t.dir/core/test_built.cpp.o': '',
    'tests/web/node_modules/dep/e.test.mjs': '',
  });
  const run = bash('orphan_tests build/native tests/web tests/python', { cwd: dir });
  assert.deepEqual(run.stdout.trim().split('\n'),
    ['tests/server/c.test.mjs', 'tests/server/test_forgotten.cpp', 'tests/tools/test_d.py']);
  const checked = bash('check_orphans build/native tests/web tests/python; summary', { cwd: dir });
  assert.match(checked.stdout, /^orphans +0 +3 +0 +test files no suite runs$/m);
  assert.notEqual(checked.status, 0);
  // Listing tests/server as a suite directory does not run a C++ file nothing compiled.
  const listed = bash('check_orphans build/native tests/web tests/python tests/server tests/tools', { cwd: dir });
  assert.deepEqual(listed.stdout.split('\n').filter((l) => l.startsWith('   ')), ['   tests/server/test_forgotten.cpp']);
  const clean = bash('rm tests/server/test_forgotten.cpp; check_orphans build/native tests/web tests/python tests/server tests/tools',
    { cwd: dir });
  assert.equal(clean.stdout, '== orphans: every test file belongs to a suite ==\n');
});

test('summary: a table with a skipped column; green only when every suite is', () => {
  const green = bash('record a 3 3 2 0 1 0; record b 4 4 4 0 0 0; summary');
  assert.equal(green.status, 0);
  const lines = green.stdout.trim().split('\n');
  assert.match(lines.find((l) => l.startsWith('suite')), /^suite +passed +failed +skipped +problem$/);
  assert.match(lines.find((l) => l.startsWith('a ')), /^a +2 +0 +1 *$/);
  assert.equal(lines.at(-1), '6 passed, 0 failed, 1 skipped; 0 of 2 suites failing');

  const red = bash('record a 3 3 2 0 1 0; record b 4 3 3 0 0 0; summary');
  assert.notEqual(red.status, 0);
  assert.match(red.stdout, /^b +3 +0 +0 +ran 3 of 4 discovered tests$/m);
  assert.equal(red.stdout.trim().split('\n').at(-1), '5 passed, 0 failed, 1 skipped; 1 of 2 suites failing');

  assert.notEqual(bash('summary').status, 0, 'no suite at all is not a pass');
});
