// Every skill file under skills/ (whoever wrote it), read by the core's skill
// parser (the product's only reader) through the wasm core in Node: no
// diagnostics, unique ids, code blocks that fit the node type.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTemplate } from '../../web/lib/spice-netlist.js';
import { repoRoot, skillsDir, startSkillHost } from '../support/skill-host.mjs';

let skills;
let files;
let diagnostics;
before(async () => {
  skills = await startSkillHost();
  const { skillFilesIn } = await import(path.join(repoRoot, 'build', 'web', 'node', 'headless-host.mjs'));
  files = skillFilesIn(skillsDir).map((file) => path.relative(repoRoot, file));
  // A second load into a fresh library yields every file's diagnostics.
  skills.core.clearSkills();
  diagnostics = skills.host.loadSkills(skillsDir, 'system').diagnostics;
});
after(() => skills?.shutdown());

const library = () => skills.core.listSkills({});
const relative = (file) => path.relative(repoRoot, path.resolve(repoRoot, file));

test('every skill file loads without a diagnostic, and each is one skill of the library', () => {
  assert.ok(files.length >= 15, `only ${files.length} skill files`);
  assert.deepEqual(diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity} ${d.code}: ${d.message}`), []);
  const shown = library().map((skill) => relative(skills.core.showSkill(skill.skill_id).skill.source_path)).sort();
  assert.deepEqual(shown, [...files].sort(), 'one library entry per file: no id defined twice, no file dropped');
});

// YAML 1.1 readers (PyYAML) read 1e-6 as a string: exponent floats in front
// matter need a dot and a signed exponent, e.g. 1.0e-6, so the files stay
// portable to other tools. The core accepts both forms, so this reads text.
const BROWSER_SKILL_DIRS = ['electronics', 'graphics', 'web', 'utility', 'guides'];
test('front-matter floats of browser-runtime skills are portable across YAML readers', () => {
  for (const file of files.filter((f) => BROWSER_SKILL_DIRS.includes(f.split(path.sep)[1]))) {
    const [, frontMatter] = readFileSync(path.join(repoRoot, file), 'utf8').split(/^---[ \t]*$/m);
    for (const m of frontMatter.matchAll(/(?<![\w."#-])[-+]?\d+(\.\d*)?[eE]([-+]?)\d+\b/g)) {
      assert.ok(m[1] && m[2], `${file}: write ${m[0]} as d.ddde±N for YAML 1.1 readers`);
    }
  }
});

test('code blocks fit the node type: a spice template the runtime accepts, JavaScript for the rest', () => {
  const runnable = library().filter((skill) => ['javascript', 'threejs', 'spice'].includes(skill.node_type));
  assert.ok(runnable.length >= 10, `${runnable.length} runnable skills`);
  for (const { skill_id: id, node_type: type } of runnable) {
    const skill = skills.skill(id);
    for (const module of skill.requires ?? []) assert.equal(module, 'd3', `${id}: unknown library ${module}`);
    assert.ok(skill.code, `${id}: no code block`);
    if (type === 'spice') {
      assert.doesNotThrow(() => checkTemplate(skill.code), `${id}`);
      assert.match(skill.code.split('\n')[0], /^\*/, `${id}: the first netlist line is the title; start it with *`);
      assert.ok(!/\.model\s+\S+\s+(?!D\b|NPN\b|PNP\b|NMOS\b|PMOS\b|NJF\b|PJF\b|SW\b|CSW\b|R\b|C\b|L\b)/i.test(skill.code),
                `${id}: only built-in device models (no XSPICE code models)`);
      assert.ok(skill.postprocess === undefined || /function postprocess\s*\(/.test(skill.postprocess), `${id}: postprocess()`);
    } else {
      assert.match(skill.code, /function execute\s*\(/, `${id}: execute()`);
    }
  }
});

test('standard skills (guides) carry no type and no code, only keywords and a useful body', () => {
  const guides = files.filter((f) => f.split(path.sep)[1] === 'guides');
  assert.ok(guides.length >= 4, `only ${guides.length} guides`);
  const byFile = new Map(library().map((skill) => [relative(skills.core.showSkill(skill.skill_id).skill.source_path), skill.skill_id]));
  for (const file of guides) {
    const skill = skills.skill(byFile.get(file));
    assert.equal(skill.node_type, 'standard', file);
    assert.equal(skill.code, undefined, file);
    assert.ok(skill.keywords.length > 0, `${file}: keywords`);
    const body = readFileSync(path.join(repoRoot, file), 'utf8').split(/^---[ \t]*$/m).slice(2).join('---');
    assert.ok(body.trim().length > 500, `${file}: body too short to be useful context`);
  }
});
