// Nothing a request says can reach outside its own volume: traversal and bad
// ids are refused, one user's reads never see another's data, and symlinks
// planted in the data directory are not followed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { get, post, put, request, skillMarkdown, startServer } from './server-harness.mjs';

let server;
let outside;
const secret = { name: 'Secret of bob', nodes: [{ nodeId: 'n', skillId: 'bob-secret-node', inputValues: { value: 42 } }], edges: [] };

before(async () => {
  server = await startServer();
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-outside-'));
  fs.writeFileSync(path.join(outside, 'outside.json'), JSON.stringify({ nodes: [], edges: [], name: 'OUTSIDE' }));
  assert.equal((await put(server, '/workflows/saved/secret?user_id=bob', secret)).status, 201);
  assert.equal((await post(server, '/workflows/skills?user_id=bob', skillMarkdown('bob-secret-node'))).status, 201);
});
after(async () => {
  await server?.stop();
  fs.rmSync(outside, { recursive: true, force: true });
});

// Whatever status a refusal has, it never carries bob's or the outside file's data.
function assertRefused(reply, statuses, label) {
  assert.ok(statuses.includes(reply.status), `${label}: status ${reply.status} not in ${statuses}: ${reply.text.slice(0, 200)}`);
  assert.doesNotMatch(reply.text, /Secret of bob|OUTSIDE|root:x:0/, `${label}: leaked data`);
}

const long = 'a'.repeat(65);
const attempts = [
  // [label, method, path, expected statuses]
  ['encoded slashes in a workflow id', 'GET', '/workflows/saved/..%2F..%2Fbob%2Fworkflows%2Fsecret?user_id=alice', [400, 404]],
  ['raw .. segment before an id', 'GET', '/workflows/saved/../bob?user_id=alice', [400, 404]],
  ['.. as the workflow id', 'GET', '/workflows/saved/..?user_id=alice', [400]],
  ['encoded %2e%2e as the workflow id', 'GET', '/workflows/saved/%2e%2e?user_id=alice', [400]],
  ['../bob as user_id', 'GET', '/workflows/saved/secret?user_id=../bob', [400]],
  ['encoded ..%2Fbob as user_id', 'GET', '/workflows/saved/secret?user_id=..%2Fbob', [400]],
  ['%2e%2e as user_id', 'GET', '/workflows/saved?user_id=%2e%2e', [400]],
  ['absolute path as user_id', 'GET', '/workflows/saved?user_id=/etc', [400]],
  ['absolute path as workflow id', 'PUT', '/workflows/saved/%2Fetc%2Fpasswd?user_id=alice', [400, 404]],
  ['NUL in user_id', 'GET', '/workflows/saved/secret?user_id=bob%00', [400]],
  ['NUL in a workflow id', 'GET', '/workflows/saved/secret%00.json?user_id=bob', [400]],
  ['backslashes in user_id', 'GET', '/workflows/saved/secret?user_id=alice%5C..%5Cbob', [400]],
  ['overlong user_id', 'GET', `/workflows/saved?user_id=${long}`, [400]],
  ['overlong workflow id', 'PUT', `/workflows/saved/${long}?user_id=alice`, [400]],
  ['fullwidth unicode user_id', 'GET', '/workflows/saved?user_id=%EF%BD%82%EF%BD%8F%EF%BD%82', [400]],
  ['right-to-left override in user_id', 'GET', '/workflows/saved?user_id=bob%E2%80%AE', [400]],
  ['unicode dots (one dot leader) as workflow id', 'GET', '/workflows/saved/%E2%80%A4%E2%80%A4?user_id=alice', [400]],
  ['hidden name as user_id', 'GET', '/workflows/saved?user_id=.git', [400]],
  ['team_id leading into users/', 'GET', '/workflows/skills/executable?team_id=../users/bob', [400]],
  ['skill id with encoded traversal', 'GET', '/workflows/skills/..%2F..%2F..%2Fetc%2Fpasswd', [400, 404]],
  ['skill id that is not kebab-case', 'PUT', '/workflows/skills/Evil_Node?user_id=alice', [400]],
  ['commit id that is a revision expression', 'GET', '/workflows/saved/secret/diff?user_id=bob&from=HEAD~1', [400]],
  ['commit path segment with traversal', 'GET', '/workflows/saved/secret/history/..%2F..?user_id=bob', [400, 404]],
  ['trace id with traversal', 'GET', '/workflows/traces/..%2F..%2Fbob?user_id=alice', [400, 404]],
  ['static file outside the web root', 'GET', '/../../../../etc/passwd', [404]],
  ['static file with encoded dots', 'GET', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', [404]],
  ['static file with encoded backslashes', 'GET', '/..%5c..%5c..%5cetc%5cpasswd', [404]],
  ['hidden static file', 'GET', '/.llmos-hidden', [404]],
];

describe('traversal and bad ids', () => {
  test(`${attempts.length} attempts are refused and leak nothing`, async () => {
    assert.ok(attempts.length >= 20);
    for (const [label, method, rawPath, statuses] of attempts) {
      const reply = await request(server, method, rawPath, method === 'PUT' ? { body: secret } : {});
      assertRefused(reply, statuses, label);
      if (reply.status === 400) assert.equal(reply.json.error.code, 'request.bad_id', label);
    }
  });

  test('ids inside request bodies are checked too', async () => {
    const execute = await post(server, '/workflows/execute', { user_id: '../bob', nodes: [], edges: [] });
    assertRefused(execute, [400], 'execute body user_id');
    assert.equal(execute.json.error.field, 'user_id');
    const trace = await post(server, '/workflows/traces', { user_id: 'bob/../alice', trace: {} });
    assertRefused(trace, [400], 'trace body user_id');
    const skill = await post(server, '/workflows/skills?user_id=alice', { markdown: skillMarkdown('x').replace('skill_id: x', 'skill_id: ../../evil') });
    assertRefused(skill, [400], 'skill_id in front matter');
    assert.ok(!fs.existsSync(path.join(server.dataDir, 'evil.md')));
    assert.ok(!fs.existsSync(path.join(server.dataDir, 'users', 'evil.md')));
  });

  test('nothing was written outside the data directory', () => {
    assert.deepEqual(fs.readdirSync(outside), ['outside.json']);
    assert.deepEqual(fs.readdirSync(server.dataDir).sort(), ['teams', 'users']);
  });
});

describe("one user's data is not another's", () => {
  test("alice cannot read, list or version bob's workflow", async () => {
    assert.equal((await get(server, '/workflows/saved/secret?user_id=bob')).status, 200);
    assertRefused(await get(server, '/workflows/saved/secret?user_id=alice'), [404], 'get');
    const list = await get(server, '/workflows/saved?user_id=alice');
    assert.ok(!list.json.workflows.some((w) => w.workflow_id === 'secret'));
    const history = await get(server, '/workflows/saved/secret/history?user_id=alice');
    assert.deepEqual(history.json.versions, []);
  });

  test("alice does not see bob's skills and cannot delete them", async () => {
    const list = await get(server, '/workflows/skills/executable?user_id=alice');
    assert.ok(!list.json.skills.some((s) => s.skill_id === 'bob-secret-node'));
    assertRefused(await get(server, '/workflows/skills/bob-secret-node?user_id=alice'), [404], 'read skill');
    assertRefused(await request(server, 'DELETE', '/workflows/skills/bob-secret-node?user_id=alice'), [404], 'delete');
    assert.equal((await get(server, '/workflows/skills/bob-secret-node?user_id=bob')).status, 200);
  });
});

describe('symlinks planted in the data directory', () => {
  const users = () => path.join(server.dataDir, 'users');

  test("a workflow symlinked to bob's is refused, not followed", async () => {
    fs.mkdirSync(path.join(users(), 'alice', 'workflows'), { recursive: true });
    fs.symlinkSync(path.join(users(), 'bob', 'workflows', 'secret.json'), path.join(users(), 'alice', 'workflows', 'stolen.json'));
    const reply = await get(server, '/workflows/saved/stolen?user_id=alice');
    assertRefused(reply, [403], 'symlinked workflow');
    assert.equal(reply.json.error.code, 'path.symlink');
    const list = await get(server, '/workflows/saved?user_id=alice');
    assert.ok(!list.json.workflows.some((w) => w.workflow_id === 'stolen'));
    // Saving over the link does not write through it.
    assertRefused(await put(server, '/workflows/saved/stolen?user_id=alice', { nodes: [], edges: [] }), [403], 'write through link');
    assert.equal(JSON.parse(fs.readFileSync(path.join(users(), 'bob', 'workflows', 'secret.json'), 'utf8')).name, 'Secret of bob');
  });

  test("a user directory symlinked to bob's is refused", async () => {
    fs.symlinkSync(path.join(users(), 'bob'), path.join(users(), 'mallory'));
    assertRefused(await get(server, '/workflows/saved/secret?user_id=mallory'), [403], 'user dir link');
    assertRefused(await get(server, '/workflows/saved?user_id=mallory'), [403], 'list through link');
    const skills = await get(server, '/workflows/skills/executable?user_id=mallory');
    assert.ok(!skills.json.skills.some((s) => s.skill_id === 'bob-secret-node'));
  });

  test("a skill file symlinked to bob's skill is not loaded", async () => {
    fs.mkdirSync(path.join(users(), 'judy', 'skills'), { recursive: true });
    fs.symlinkSync(path.join(users(), 'bob', 'skills', 'bob-secret-node.md'), path.join(users(), 'judy', 'skills', 'bob-secret-node.md'));
    const skills = await get(server, '/workflows/skills/executable?user_id=judy');
    assert.ok(!skills.json.skills.some((s) => s.skill_id === 'bob-secret-node'));
  });

  test('a workflows directory symlinked outside the data directory is refused', async () => {
    fs.mkdirSync(path.join(users(), 'kim'), { recursive: true });
    fs.symlinkSync(outside, path.join(users(), 'kim', 'workflows'));
    assertRefused(await get(server, '/workflows/saved/outside?user_id=kim'), [403], 'read outside');
    assertRefused(await put(server, '/workflows/saved/planted?user_id=kim', { nodes: [], edges: [] }), [403], 'write outside');
    assert.deepEqual(fs.readdirSync(outside), ['outside.json']);
  });

  test('a planted .git symlink is refused before any history is written', async () => {
    fs.mkdirSync(path.join(users(), 'liam'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'fake-git'));
    fs.symlinkSync(path.join(outside, 'fake-git'), path.join(users(), 'liam', '.git'));
    assertRefused(await put(server, '/workflows/saved/w?user_id=liam', { nodes: [], edges: [] }), [403], '.git link');
    assert.deepEqual(fs.readdirSync(path.join(outside, 'fake-git')), []);
  });
});
