// Every skill file under skills/ (whoever wrote it) must be readable by the
// front-matter subset and satisfy the contract in skills/README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSkillFiles, loadSkill, loadAllSkills, frontMatterProblems, resolveInputs, fillTemplate, REPO_ROOT, splitFrontMatter } from './skill-harness.mjs';
import { netlistProblems } from './spice-runner.mjs';
import { loadEntry, LIBRARIES } from './js-runner.mjs';

const files = listSkillFiles();

test('skills/ contains skill files', () => {
  assert.ok(files.length >= 15, `only ${files.length} skill files`);
});

for (const file of files) {
  const rel = file.slice(REPO_ROOT.length);
  test(`${rel}: front matter is valid`, () => {
    const skill = loadSkill(file);
    assert.deepEqual(frontMatterProblems(skill.frontMatter), []);
  });
}

test('skill_id values are unique', () => {
  const seen = new Map();
  for (const file of files) {
    const id = loadSkill(file).frontMatter.skill_id;
    if (id === undefined) continue;
    assert.ok(!seen.has(id), `${id} in ${seen.get(id)} and ${file}`);
    seen.set(id, file);
  }
});

// YAML 1.1 readers (PyYAML) read 1e-6 as a string: exponent floats in front
// matter need a dot and a signed exponent, e.g. 1.0e-6. A convention of the
// browser-runtime skills (the C++ reader accepts both forms), so only checked there.
const BROWSER_SKILL_DIRS = ['electronics', 'graphics', 'web', 'utility', 'guides'].map((d) => join(REPO_ROOT, 'skills', d));
test('front-matter floats of browser-runtime skills are portable across YAML readers', () => {
  for (const file of files.filter((f) => BROWSER_SKILL_DIRS.some((d) => f.startsWith(d)))) {
    const { yaml } = splitFrontMatter(readFileSync(file, 'utf8'));
    for (const m of yaml.matchAll(/(?<![\w."#-])[-+]?\d+(\.\d*)?[eE]([-+]?)\d+\b/g)) {
      assert.ok(m[1] && m[2], `${file}: write ${m[0]} as d.ddde±N for YAML 1.1 readers`);
    }
  }
});

const ours = loadAllSkills().filter((s) => ['javascript', 'threejs', 'spice'].includes(s.frontMatter.type));

for (const skill of ours) {
  const fm = skill.frontMatter;
  test(`${fm.skill_id}: code blocks match its type`, () => {
    for (const lib of fm.requires ?? []) assert.ok(Object.hasOwn(LIBRARIES, lib), `unknown library ${lib}`);
    if (fm.type === 'spice') {
      assert.ok(skill.code.spice, 'spice skill without a ```spice block');
      const netlist = fillTemplate(skill.code.spice, resolveInputs(skill));
      assert.deepEqual(netlistProblems(netlist), []);
      assert.match(netlist.split('\n')[0], /^\*/, 'first netlist line is the title; start it with *');
      assert.ok(!/\.model\s+\S+\s+(?!D\b|NPN\b|PNP\b|NMOS\b|PMOS\b|NJF\b|PJF\b|SW\b|CSW\b|R\b|C\b|L\b)/i.test(netlist), 'only built-in device models (no XSPICE code models)');
      if (skill.code.javascript) loadEntry(skill.code.javascript, 'postprocess', fm.requires ?? []);
    } else {
      assert.ok(skill.code.javascript, 'no ```javascript block');
      loadEntry(skill.code.javascript, 'execute', fm.requires ?? []);
    }
  });
}

test('standard skills (guides) carry no type and no code', () => {
  const guides = files.filter((f) => f.startsWith(join(REPO_ROOT, 'skills', 'guides')));
  assert.ok(guides.length >= 4, `only ${guides.length} guides`);
  for (const file of guides) {
    const skill = loadSkill(file);
    assert.equal(skill.frontMatter.type, undefined, file);
    assert.ok(Array.isArray(skill.frontMatter.keywords), `${file}: keywords must be a list`);
    assert.ok(skill.body.trim().length > 500, `${file}: body too short to be useful context`);
  }
});
