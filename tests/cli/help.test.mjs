// `llmos <command> --help` for every command and subcommand, argument errors
// that name the flag (exit 2), and the one vocabulary of the commands that
// read skills (--skills/--dir, --team, --user).
// Run: node --test tests/cli/help.test.mjs  (LLMOS_BIN overrides the binary)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.resolve(repo, process.env.LLMOS_BIN ?? 'build/native/bin/llmos');

function llmos(...args) {
  const result = spawnSync(bin, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, LLMOS_SKILLS_DIR: '' } });
  assert.equal(result.error, undefined, `cannot run ${bin}: ${result.error}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Every command path and the options its help must name.
const commands = [
  [[], ['skills', 'workflow', 'run', 'serve', 'help']],
  [['skills'], ['list', 'show', 'check']],
  [['skills', 'list'], ['--skills', '--dir', '--team', '--user', '--type', '--category', '--keyword', '--executable',
                        '--search', '--json', '--code']],
  [['skills', 'show'], ['id', '--skills', '--dir', '--team', '--user', '--json', '--code', '--resource']],
  [['skills', 'check'], ['paths']],
  [['workflow'], ['validate', 'plan', 'dot']],
  [['workflow', 'validate'], ['file', '--skills', '--dir', '--team', '--user']],
  [['workflow', 'plan'], ['file']],
  [['workflow', 'dot'], ['file']],
  [['run'], ['file', '--skills', '--dir', '--team', '--user', '--set', '--out', '--node-timeout', '--base-url', '--json',
             '--no-cache', '--verbose', '--web']],
  [['serve'], ['--host', '--port', '--web', '--skills', '--dir', '--data', '--demo', '--threads']],
];

for (const [words, names] of commands) {
  test(`llmos ${[...words, '--help'].join(' ')}: usage of that command, every option, exit 0`, () => {
    const { code, stdout, stderr } = llmos(...words, '--help');
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const usage = stdout.split('\n').find((line) => line.startsWith('Usage: '));
    assert.ok(usage?.startsWith(`Usage: ${['llmos', ...words].join(' ')} `), `usage line in\n${stdout}`);
    for (const name of names) assert.match(stdout, new RegExp(`(^|\\s|,)${name}(\\s|,|$)`, 'm'), `${name} in\n${stdout}`);
  });
}

test('llmos help is the top-level help', () => {
  const { code, stdout } = llmos('help');
  assert.equal(code, 0);
  assert.equal(stdout, llmos('--help').stdout);
});

test('bad arguments exit 2 and name the flag or argument at fault', () => {
  const cases = [
    [['skills', 'list', '--bogus'], /--bogus/],
    [['skills', 'list', '--type'], /--type/],
    [['skills', 'list', '--skills', 'tests/data/no-such-dir'], /--skills.*no-such-dir/],
    [['skills', 'show', 'add-numbers', '--user', 'tests/data/no-such-dir'], /--user.*no-such-dir/],
    [['skills', 'show'], /id/],
    [['skills', 'check'], /paths/],
    [['skills', 'frobnicate'], /frobnicate/],
    [['workflow', 'validate', 'x.json', '--team', 'tests/data/no-such-dir'], /--team.*no-such-dir/],
    [['workflow', 'plan'], /file/],
    [['run', 'tests/data/workflows/vqe-plot.json', '--team', 'skills', '--team', 'skills'], /--team/],
    [['serve', '--port', '99999'], /--port/],
    [['serve', '--threads', 'many'], /--threads/],
    [['frobnicate'], /frobnicate/],
  ];
  for (const [args, named] of cases) {
    const { code, stdout, stderr } = llmos(...args);
    assert.equal(code, 2, `llmos ${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '', `llmos ${args.join(' ')}`);
    assert.match(stderr, named, `llmos ${args.join(' ')}`);
  }
  assert.equal(llmos().code, 2);
});

test('workflow validate reads the same volumes as skills list: --dir is --skills, --team and --user layer on top', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmos-help-'));
  try {
    const file = path.join(dir, 'team-skill.json');
    writeFileSync(file, JSON.stringify({ nodes: [{ nodeId: 'count', skillId: 'word-count', inputValues: {} }], edges: [] }));
    const systemOnly = llmos('workflow', 'validate', file, '--dir', 'tests/data/volumes/system');
    assert.equal(systemOnly.code, 1);
    assert.match(systemOnly.stderr, /error\[workflow\.skill\.unknown\]: unknown skill 'word-count'/);
    const withTeam = llmos('workflow', 'validate', file, '--skills', 'tests/data/volumes/system',
                           '--team', 'tests/data/volumes/team');
    assert.equal(withTeam.stderr, '');
    assert.equal(withTeam.stdout, `${file}: ok (1 nodes, 0 edges)\n`);
    assert.equal(withTeam.code, 0);
    // skills list agrees on where word-count comes from.
    const listed = JSON.parse(llmos('skills', 'list', '--json', '--dir', 'tests/data/volumes/system',
                                    '--team', 'tests/data/volumes/team').stdout);
    assert.equal(listed.skills.find((skill) => skill.skill_id === 'word-count').volume, 'team');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
