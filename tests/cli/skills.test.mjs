// `llmos skills ...` end to end: spawns the native binary (LLMOS_BIN, default
// build/native/bin/llmos) from the repository root, like people run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const llmosBin = resolve(repoRoot, process.env.LLMOS_BIN ?? 'build/native/bin/llmos');

function llmos(...args) {
  const result = spawnSync(llmosBin, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const volumes = ['--dir', 'tests/data/volumes/system', '--team', 'tests/data/volumes/team',
                 '--user', 'tests/data/volumes/user'];

test('check of a bad file prints the exact diagnostic and exits 1', () => {
  const { status, stdout, stderr } = llmos('skills', 'check', 'tests/data/bad_skills/misspelt_type.md');
  assert.equal(status, 1);
  assert.equal(stdout, '');
  assert.equal(stderr,
    "tests/data/bad_skills/misspelt_type.md:9:11: error[skill.input.type]: unknown type 'flaot' (did you mean 'float'?)\n" +
    'checked 1 file: 1 error, 0 warnings\n');
});

test('check reports every problem of a file in one pass', () => {
  const { status, stderr } = llmos('skills', 'check', 'tests/data/bad_skills/many_problems.md');
  assert.equal(status, 1);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 9);
  assert.match(lines[0], /^tests\/data\/bad_skills\/many_problems\.md:2:11: error\[skill\.id\.format\]: /);
  assert.equal(lines.at(-1), 'checked 1 file: 6 errors, 2 warnings');
});

test('warnings alone exit 0', () => {
  const { status, stderr } = llmos('skills', 'check', 'tests/data/bad_skills/misspelt_key.md');
  assert.equal(status, 0);
  assert.equal(stderr,
    "tests/data/bad_skills/misspelt_key.md:5:1: warning[skill.key.unknown]: unknown key 'inptus' (did you mean 'inputs'?)\n" +
    'checked 1 file: 0 errors, 1 warning\n');
});

test('check of a directory finds duplicate ids', () => {
  const { status, stderr } = llmos('skills', 'check', 'tests/data/volumes/duplicate_ids');
  assert.equal(status, 1);
  assert.match(stderr, /nested\/second\.md:4:11: error\[skill\.id\.duplicate\]: skill_id 'same-id' is already defined in tests\/data\/volumes\/duplicate_ids\/first\.md/);
});

test('check of the fixture volumes and good skills is clean', () => {
  for (const dir of ['tests/data/volumes/system', 'tests/data/volumes/user', 'tests/data/good_skills']) {
    const { status, stderr } = llmos('skills', 'check', dir);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /^checked \d+ files: 0 errors, 0 warnings\n$/);
  }
});

test('overlapping arguments are checked once', () => {
  const { status, stderr } = llmos('skills', 'check', 'tests/data/volumes/user', 'tests/data/volumes/user/sine-plot.md');
  assert.equal(status, 0, stderr);
  assert.equal(stderr, 'checked 2 files: 0 errors, 0 warnings\n');
});

test("the repository's own skills/ pass check", () => {
  const { status, stderr } = llmos('skills', 'check', 'skills');
  assert.equal(status, 0, stderr);
});

test('list --json gives the original API shape', () => {
  const { status, stdout } = llmos('skills', 'list', '--json', '--dir', 'tests/data/volumes/system');
  assert.equal(status, 0);
  const { skills } = JSON.parse(stdout);
  assert.deepEqual(skills.map((s) => s.skill_id),
    ['add-numbers', 'pdf-tools', 'python-testing', 'rc-filter', 'scale-array', 'shared-greeting']);
  const add = skills[0];
  assert.equal(add.name, 'Add Numbers');
  assert.equal(add.node_type, 'python-wasm');
  assert.equal(add.execution_mode, 'browser-wasm');
  assert.equal(add.category, 'math');
  assert.equal(add.estimated_time_ms, 5);
  assert.deepEqual(add.inputs, [{ name: 'a', type: 'float', default: 1 }, { name: 'b', type: 'float', default: 2 }]);
  assert.deepEqual(add.outputs, [{ name: 'sum', type: 'float' }]);
  assert.equal(add.volume, 'system');
  assert.equal(add.code, undefined);
  const scale = skills.find((s) => s.skill_id === 'scale-array');
  assert.deepEqual(scale.inputs[1], { name: 'factor', type: 'float', default: 2, min: 0, max: 100 });
});

test('list filters and shows which volume won', () => {
  const { status, stdout } = llmos('skills', 'list', '--json', ...volumes, '--type', 'javascript');
  assert.equal(status, 0);
  const { skills } = JSON.parse(stdout);
  assert.deepEqual(skills.map((s) => s.skill_id), ['scale-array', 'shared-greeting']);
  assert.equal(skills[1].volume, 'user');
  assert.deepEqual(skills[1].shadows,
    ['tests/data/volumes/system/shared-greeting.md', 'tests/data/volumes/team/shared-greeting.md']);
});

test('list table names the winner and what it overrides', () => {
  const { status, stdout } = llmos('skills', 'list', ...volumes, '--category', 'text');
  assert.equal(status, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID\s+TYPE\s+CATEGORY\s+VOLUME\s+NAME$/);
  assert.match(lines[1], /^shared-greeting\s+javascript\s+text\s+user\s+Greeting \(user\)$/);
  assert.equal(lines[2], '    overrides tests/data/volumes/system/shared-greeting.md');
  assert.equal(lines[3], '    overrides tests/data/volumes/team/shared-greeting.md');
  assert.match(lines[4], /^word-count\s+python-wasm\s+text\s+team\s+Word Count$/);
  assert.equal(lines.at(-1), '2 skills');
});

test('list --search ranks best first', () => {
  const { status, stdout } = llmos('skills', 'list', '--json', ...volumes, '--search', 'greting');
  assert.equal(status, 0);
  assert.equal(JSON.parse(stdout).skills[0].skill_id, 'shared-greeting');
});

test('show --json --code includes the code and postprocess', () => {
  const { status, stdout } = llmos('skills', 'show', 'rc-filter', '--dir', 'tests/data/volumes/system', '--json', '--code');
  assert.equal(status, 0);
  const skill = JSON.parse(stdout);
  assert.equal(skill.node_type, 'spice');
  assert.match(skill.code, /R1 in out \{\{resistance\}\}/);
  assert.match(skill.postprocess, /^function postprocess\(/);
});

test('show of an unknown id suggests the closest one', () => {
  const { status, stderr } = llmos('skills', 'show', 'add-number', '--dir', 'tests/data/volumes/system');
  assert.equal(status, 1);
  assert.equal(stderr, "llmos skills show: no skill 'add-number' (did you mean 'add-numbers'?)\n");
});

test('usage errors exit 2', () => {
  assert.equal(llmos('skills').status, 2);
  assert.equal(llmos('skills', 'frobnicate').status, 2);
  assert.equal(llmos('skills', 'list', '--bogus').status, 2);
  assert.equal(llmos('skills', 'check').status, 2);
});

// Agent Skills folders (tests/data/agent_skills, shaped like a public Agent
// Skills repository): one skill per SKILL.md, the other files are resources.
const agentTree = 'tests/data/agent_skills';

test('an Agent Skills tree lists and checks with zero diagnostics', () => {
  const list = llmos('skills', 'list', '--dir', agentTree, '--json');
  assert.equal(list.status, 0, list.stderr);
  assert.equal(list.stderr, '');
  const skills = JSON.parse(list.stdout).skills;
  assert.deepEqual(skills.map((s) => s.skill_id),
    ['brand-kit', 'generative-art', 'pdf-forms', 'slide-deck', 'template-skill']);
  const check = llmos('skills', 'check', agentTree);
  assert.equal(check.status, 0);
  assert.equal(check.stderr, 'checked 5 files: 0 errors, 0 warnings\n');
});

test('show lists a skill folder\'s resources and prints one by its path', () => {
  const shown = llmos('skills', 'show', 'pdf-forms', '--dir', agentTree, '--json');
  assert.equal(shown.status, 0, shown.stderr);
  const resources = JSON.parse(shown.stdout).resources;
  assert.deepEqual(resources.map((r) => r.path),
    ['forms.md', 'reference.md', 'scripts/fill_fields.py', 'scripts/list_fields.py']);
  const script = readFileSync(resolve(repoRoot, agentTree, 'document-skills/pdf-forms/scripts/fill_fields.py'), 'utf8');
  assert.deepEqual(resources[2], { path: 'scripts/fill_fields.py', size: Buffer.byteLength(script), media_type: 'text/x-python; charset=utf-8' });
  const text = llmos('skills', 'show', 'pdf-forms', '--dir', agentTree);
  assert.match(text.stdout, /\n  resources:\n    forms\.md +\d+ bytes, text\/markdown/);

  const one = llmos('skills', 'show', 'pdf-forms', '--dir', agentTree, '--resource', 'scripts/fill_fields.py');
  assert.equal(one.status, 0, one.stderr);
  assert.equal(one.stdout, script);
  const escape = llmos('skills', 'show', 'pdf-forms', '--dir', agentTree, '--resource', '../slide-deck/SKILL.md');
  assert.equal(escape.status, 1);
  assert.equal(escape.stdout, '');
  assert.equal(escape.stderr, "llmos skills show: pdf-forms: '../slide-deck/SKILL.md' is not a resource of this skill\n");
});

test('check names a broken SKILL.md once and never its resources', () => {
  const { status, stderr } = llmos('skills', 'check', 'tests/data/bad_agent_skills');
  assert.equal(status, 1);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, stderr);
  assert.match(lines[0], /^tests\/data\/bad_agent_skills\/broken-notes\/SKILL\.md:1:1: error\[skill\.frontmatter\.missing\]/);
  assert.equal(lines[1], 'checked 2 files: 1 error, 0 warnings');
  const resource = llmos('skills', 'check', `${agentTree}/document-skills/pdf-forms/reference.md`);
  assert.equal(resource.status, 0);
  assert.equal(resource.stderr,
    `${agentTree}/document-skills/pdf-forms/reference.md: note: a resource of the skill ${agentTree}/document-skills/pdf-forms/SKILL.md, not a skill\n` +
    'checked 0 files: 0 errors, 0 warnings\n');
});
