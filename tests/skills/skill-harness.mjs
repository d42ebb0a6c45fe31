// Reads skill .md files the way the runtimes will: front matter, fenced code
// blocks, default filling and spice template filling. Deliberately small and
// strict: it is the executable statement of skills/README.md.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlSubset } from './yaml-subset.mjs';
import { PORT_TYPES, typeProblem } from './port-types.mjs';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SKILLS_DIR = join(REPO_ROOT, 'skills');

export const EXECUTABLE_TYPES = ['python-wasm', 'qiskit', 'javascript', 'threejs', 'spice'];

// Splits "---\n<yaml>\n---\n<body>" into its parts; body line numbers are kept.
export function splitFrontMatter(text, where = '<skill>') {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) throw new Error(`${where}: missing front matter (file must start with '---')`);
  const bodyStartLine = m[0].split('\n').length;
  return { yaml: m[1], body: text.slice(m[0].length), bodyStartLine };
}

// Fenced blocks in order: [{lang, code, line}]. Fences are ``` or ~~~ with
// a language word; a block ends at the next fence of the same kind.
export function codeBlocks(body, firstLine = 1) {
  const blocks = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(```|~~~)\s*([A-Za-z0-9_+-]*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const start = i;
    const code = [];
    for (i++; i < lines.length && !lines[i].startsWith(fence); i++) code.push(lines[i]);
    blocks.push({ lang: open[2].toLowerCase(), code: code.join('\n'), line: firstLine + start });
  }
  return blocks;
}

// Front-matter problems that make a skill unusable; returned, not thrown, so
// a test can list every problem of every file at once.
export function frontMatterProblems(fm) {
  const problems = [];
  const executable = fm.type !== undefined;
  const required = executable
    ? ['skill_id', 'name', 'description', 'type', 'execution_mode', 'category', 'inputs', 'outputs']
    : ['name', 'description', 'category', 'keywords'];
  for (const key of required) if (fm[key] === undefined || fm[key] === null) problems.push(`missing '${key}'`);
  if (!executable) return problems;
  if (typeof fm.skill_id === 'string' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(fm.skill_id)) problems.push(`skill_id '${fm.skill_id}' is not kebab-case`);
  if (!EXECUTABLE_TYPES.includes(fm.type)) problems.push(`unknown type '${fm.type}'`);
  for (const side of ['inputs', 'outputs']) {
    const ports = fm[side] ?? [];
    if (!Array.isArray(ports)) { problems.push(`'${side}' must be a list`); continue; }
    const seen = new Set();
    for (const p of ports) {
      if (!p || typeof p.name !== 'string') { problems.push(`${side}: port without name`); continue; }
      if (seen.has(p.name)) problems.push(`${side}.${p.name}: duplicate name`);
      seen.add(p.name);
      if (!PORT_TYPES.includes(p.type)) problems.push(`${side}.${p.name}: unknown type '${p.type}'`);
      if (p.type === 'enum' && !Array.isArray(p.options)) problems.push(`${side}.${p.name}: enum needs options`);
      if (side === 'inputs' && p.default !== undefined) {
        const why = typeProblem(p, p.default);
        if (why) problems.push(`inputs.${p.name}: default ${why}`);
        if (typeof p.default === 'number' && p.min !== undefined && p.default < p.min) problems.push(`inputs.${p.name}: default below min`);
        if (typeof p.default === 'number' && p.max !== undefined && p.default > p.max) problems.push(`inputs.${p.name}: default above max`);
      }
    }
  }
  return problems;
}

// Loads one skill file into {path, frontMatter, body, blocks, code}.
export function loadSkill(path) {
  const text = readFileSync(path, 'utf8');
  const rel = relative(REPO_ROOT, path);
  const { yaml, body, bodyStartLine } = splitFrontMatter(text, rel);
  const frontMatter = parseYamlSubset(yaml);
  const blocks = codeBlocks(body, bodyStartLine + 1);
  const first = (...langs) => blocks.find((b) => langs.includes(b.lang))?.code;
  return {
    path: rel,
    frontMatter,
    body,
    blocks,
    code: {
      javascript: first('javascript', 'js'),
      spice: first('spice'),
      python: first('python'),
    },
  };
}

// Every .md under skills/ except README.md files, sorted for stable tests.
export function listSkillFiles(dir = SKILLS_DIR) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSkillFiles(p));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(p);
  }
  return out;
}

// Files that fail to load are left out here; skill-files.test.mjs reports
// them, so one broken file does not take every other test down with it.
export function loadAllSkills(dir = SKILLS_DIR) {
  const out = [];
  for (const file of listSkillFiles(dir)) {
    try {
      out.push(loadSkill(file));
    } catch {
      // reported by skill-files.test.mjs
    }
  }
  return out;
}

// Resolved inputs: declared defaults overlaid with given values. Unknown
// names and wrongly typed values are errors, as the runtime bridges will do.
export function resolveInputs(skill, given = {}) {
  const declared = skill.frontMatter.inputs ?? [];
  const out = {};
  for (const name of Object.keys(given)) {
    if (!declared.some((p) => p.name === name)) throw new Error(`${skill.frontMatter.skill_id}: unknown input '${name}'`);
  }
  for (const port of declared) {
    const value = Object.hasOwn(given, port.name) ? given[port.name] : port.default;
    if (value === undefined) throw new Error(`${skill.frontMatter.skill_id}: input '${port.name}' has no value and no default`);
    const why = typeProblem(port, value);
    if (why) throw new Error(`${skill.frontMatter.skill_id}: input '${port.name}': ${why}`);
    out[port.name] = structuredClone(value);
  }
  return out;
}

// How one input value is written into a netlist. Strings are restricted to a
// single token so an input can never add netlist lines or .control commands.
export function netlistToken(name, value) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`input '${name}' is not finite`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' && /^[A-Za-z0-9_.+\-]*$/.test(value)) return value;
  throw new Error(`input '${name}' cannot be written into a netlist: ${JSON.stringify(value)}`);
}

// Replaces every {{name}} with the input's token; unknown names are errors.
// ngspice's own {expr} braces are left alone.
export function fillTemplate(template, inputs) {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name) => {
    if (!Object.hasOwn(inputs, name)) throw new Error(`template uses unknown input '{{${name}}}'`);
    return netlistToken(name, inputs[name]);
  });
}

// Checks a run's outputs against the declared ports; returns problems.
export function outputProblems(skill, outputs) {
  const problems = [];
  if (outputs === null || typeof outputs !== 'object') return ['outputs is not an object'];
  for (const port of skill.frontMatter.outputs ?? []) {
    const why = typeProblem(port, outputs[port.name]);
    if (why) problems.push(`${port.name}: ${why}`);
  }
  return problems;
}
