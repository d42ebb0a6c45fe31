// Many saves at once into one user's volume: every file stays whole (atomic
// writes) and the history stays linear (saves are serialised per repository).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { get, git, post, put, skillMarkdown, startServer } from './server-harness.mjs';

let server;
before(async () => (server = await startServer({ demo: false })));
after(async () => server?.stop());

test('40 concurrent saves of one workflow and 20 of new skills: valid files, linear history', async () => {
  const saves = [];
  for (let i = 0; i < 40; ++i) {
    const workflow = { name: `version ${i}`, nodes: [{ nodeId: 'n', skillId: 'math-expression-node', inputValues: { expression: `x * ${i}` } }], edges: [] };
    saves.push(put(server, '/workflows/saved/busy?user_id=zoe', workflow));
  }
  for (let i = 0; i < 20; ++i) saves.push(post(server, '/workflows/skills?user_id=zoe', skillMarkdown(`skill-${i}-node`, { factor: i })));
  const replies = await Promise.all(saves);
  for (const reply of replies) assert.ok(reply.status === 200 || reply.status === 201, reply.text);
  assert.equal(replies.slice(0, 40).filter((r) => r.status === 201).length, 1, 'exactly one save created the file');

  const repo = path.join(server.dataDir, 'users', 'zoe');
  // Linear: 60 commits, each with at most one parent, all reachable from HEAD.
  const parents = git(repo, 'rev-list', '--parents', 'HEAD').trim().split('\n');
  assert.equal(parents.length, 60);
  assert.ok(parents.every((line) => line.split(' ').length <= 2), 'a merge or a fork in the history');
  assert.equal(parents.filter((line) => line.split(' ').length === 1).length, 1, 'one root commit');
  git(repo, 'fsck', '--strict');
  // Every commit that answered a request is in the history, once.
  const answered = replies.map((r) => r.json.commit).sort();
  assert.deepEqual(answered, parents.map((line) => line.split(' ')[0]).sort());

  // The file on disk is whole and is the last committed version; no temp files are left.
  const onDisk = fs.readFileSync(path.join(repo, 'workflows', 'busy.json'), 'utf8');
  assert.match(JSON.parse(onDisk).name, /^version \d+$/);
  assert.equal(git(repo, 'show', 'HEAD:workflows/busy.json').length > 0, true);
  assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=all'), '');
  const history = await get(server, '/workflows/saved/busy/history?user_id=zoe');
  assert.equal(history.json.versions.length, 40);
  const newest = await get(server, `/workflows/saved/busy/history/${history.json.versions[0].commit}?user_id=zoe`);
  assert.equal(newest.json.content, onDisk);

  // All 20 skills were stored and parse.
  const skills = await get(server, '/workflows/skills/executable?user_id=zoe');
  assert.equal(skills.json.skills.filter((s) => s.volume === 'user').length, 20);
});
