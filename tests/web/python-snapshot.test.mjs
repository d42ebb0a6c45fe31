// Pyodide's memory snapshot (web/runtimes/python-worker.js) under Node, as
// `llmos run` uses it: the first start makes it and keeps it in a file under
// $LLMOS_CACHE; the next start restores it, and the restored interpreter
// runs skills as the first did (helpers, progress, /tmp cleaned between
// nodes, gated imports) with its own random state.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { webRoot } from './headless-core.mjs';

const cache = mkdtempSync(path.join(tmpdir(), 'llmos-snapshot-test-'));
process.env.LLMOS_CACHE = cache;  // read by each worker thread as it starts
const { startHeadlessHost } = await import(pathToFileURL(path.join(webRoot, 'node', 'headless-host.mjs')).href);
const host = await startHeadlessHost({ webRoot, standby: false });
const pool = host.pools().python;

after(() => {
  host.shutdown();
  rmSync(cache, { recursive: true, force: true });
});

const code = `import os, random, llmos, llmos_stats

def execute(inputs):
    llmos.progress(0.5, "half way")
    found = sorted(os.listdir("/tmp"))
    with open("/tmp/left-behind.txt", "w") as handle:
        handle.write("for the next node")
    try:
        import js
        gate = "open"
    except ImportError as error:
        gate = str(error)
    return {"median": llmos_stats.summary([3, 1, 2])["median"], "tmp": found, "gate": gate,
            "random": random.random()}
`;
const request = { run: 0, node: 'n', inputs: {}, deadline_ms: null,
                  skill: { skill_id: 's', node_type: 'python-wasm', code, code_first_line: 1, source_path: 's.md',
                           network: [], language: 'python' } };

async function runTwice() {
  const answers = [];
  for (let i = 0; i < 2; i++) {
    const progress = [];
    const answer = await pool.run(request, { progress: (fraction, message) => progress.push([fraction, message]) }).promise;
    assert.equal(answer.ok, true, JSON.stringify(answer));
    answers.push({ ...JSON.parse(answer.outputs_json), progress });
  }
  return answers;
}

const snapshotFiles = () => (existsSync(path.join(cache, 'pyodide-snapshot'))
  ? readdirSync(path.join(cache, 'pyodide-snapshot')).filter((name) => name.endsWith('.bin')) : []);

test('the first start makes the snapshot file, the next start restores it and runs skills the same way', async () => {
  const first = await pool.ready();
  assert.equal(first.snapshot, 'made');
  const before = await runTwice();
  for (let i = 0; i < 200 && snapshotFiles().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(snapshotFiles().length, 1, 'one snapshot file');

  pool.terminate();
  const second = await pool.ready();
  assert.equal(second.snapshot, 'restored');
  assert.ok(second.phases.restore_snapshot_ms > 0 && second.phases.load_pyodide_ms === undefined, JSON.stringify(second.phases));
  assert.equal(second.modules, first.modules);
  const restored = await runTwice();

  for (const answers of [before, restored]) {
    for (const answer of answers) {
      assert.equal(answer.median, 2);
      assert.deepEqual(answer.progress, [[0.5, 'half way']]);
      assert.match(answer.gate, /not available to skills without network permission/);
    }
    // The file the first node left in /tmp is gone when the second runs.
    assert.deepEqual(answers[0].tmp, answers[1].tmp);
    assert.ok(!answers[1].tmp.includes('left-behind.txt'));
  }
  assert.deepEqual(restored[0].tmp, before[0].tmp);
  // Each start draws its own random numbers (the snapshot's state is reseeded).
  assert.notEqual(restored[0].random, before[0].random);
});

test('a damaged snapshot, or one of another Pyodide build, is dropped and Python starts the normal way', async () => {
  const file = path.join(cache, 'pyodide-snapshot', snapshotFiles()[0]);
  const bytes = readFileSync(file);
  bytes[20] ^= 0xff;  // inside the build id Pyodide checks
  for (const damaged of [bytes, Buffer.from('not a snapshot')]) {
    writeFileSync(file, damaged);
    pool.terminate();
    const info = await pool.ready();
    assert.equal(info.snapshot, 'made', JSON.stringify(info.phases));
    const [answer] = await runTwice();
    assert.equal(answer.median, 2);
    // The damaged file was dropped and a good one made in its place.
    const replaced = () => existsSync(file) && !readFileSync(file).equals(damaged);
    for (let i = 0; i < 200 && !replaced(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(replaced(), 'a new snapshot file');
  }
});
