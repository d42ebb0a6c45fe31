// Static checks and a minimal executor for workflow JSON (skills/examples).
// The executor mirrors the scheduler's data flow -- topological order, edge
// values overriding inputValues -- for the browser-runtime skills the tests
// can run natively; it is not the product scheduler.

import { typeProblem, typesCompatible } from './port-types.mjs';
import { runSkill, RUNNABLE_TYPES } from './run-skill.mjs';

// Returns a list of problems ("node 'x': ..."); empty means the workflow is valid.
export function workflowProblems(wf, skillsById) {
  const problems = [];
  if (!Array.isArray(wf.nodes) || !Array.isArray(wf.edges)) return ['workflow needs "nodes" and "edges" arrays'];
  const nodes = new Map();
  for (const n of wf.nodes) {
    if (typeof n.nodeId !== 'string' || !n.nodeId) { problems.push('node without nodeId'); continue; }
    if (nodes.has(n.nodeId)) problems.push(`node '${n.nodeId}': duplicate nodeId`);
    nodes.set(n.nodeId, n);
    const skill = skillsById.get(n.skillId);
    if (!skill) { problems.push(`node '${n.nodeId}': unknown skill '${n.skillId}'`); continue; }
    const inputs = skill.frontMatter.inputs ?? [];
    for (const [name, value] of Object.entries(n.inputValues ?? {})) {
      const port = inputs.find((p) => p.name === name);
      if (!port) { problems.push(`node '${n.nodeId}': skill '${n.skillId}' has no input '${name}'`); continue; }
      const why = typeProblem(port, value);
      if (why) problems.push(`node '${n.nodeId}': input '${name}': ${why}`);
    }
    const pos = n.ui?.position;
    if (pos !== undefined && !(Array.isArray(pos) && pos.length === 2 && pos.every(Number.isFinite))) problems.push(`node '${n.nodeId}': ui.position must be [x, y]`);
  }
  const fed = new Set();
  for (const e of wf.edges) {
    const where = `edge ${e.source}.${e.sourceOutput} -> ${e.target}.${e.targetInput}`;
    const src = nodes.get(e.source);
    const dst = nodes.get(e.target);
    if (!src || !dst) { problems.push(`${where}: unknown node`); continue; }
    const sSkill = skillsById.get(src.skillId);
    const dSkill = skillsById.get(dst.skillId);
    if (!sSkill || !dSkill) continue;
    const out = (sSkill.frontMatter.outputs ?? []).find((p) => p.name === e.sourceOutput);
    const inp = (dSkill.frontMatter.inputs ?? []).find((p) => p.name === e.targetInput);
    if (!out) problems.push(`${where}: '${src.skillId}' has no output '${e.sourceOutput}'`);
    if (!inp) problems.push(`${where}: '${dst.skillId}' has no input '${e.targetInput}'`);
    if (out && inp && !typesCompatible(out.type, inp.type)) problems.push(`${where}: ${out.type} cannot feed ${inp.type}`);
    const key = `${e.target}.${e.targetInput}`;
    if (fed.has(key)) problems.push(`${where}: input already fed by another edge`);
    fed.add(key);
    if (dst.inputValues && Object.hasOwn(dst.inputValues, e.targetInput)) problems.push(`${where}: input also set in inputValues (ambiguous)`);
  }
  if (problems.length === 0 && topologicalOrder(wf) === null) problems.push('workflow has a cycle');
  return problems;
}

// Kahn's algorithm; null when there is a cycle.
export function topologicalOrder(wf) {
  const indeg = new Map(wf.nodes.map((n) => [n.nodeId, 0]));
  for (const e of wf.edges) indeg.set(e.target, indeg.get(e.target) + 1);
  const ready = wf.nodes.filter((n) => indeg.get(n.nodeId) === 0).map((n) => n.nodeId);
  const order = [];
  while (ready.length) {
    const id = ready.shift();
    order.push(id);
    for (const e of wf.edges.filter((x) => x.source === id)) {
      indeg.set(e.target, indeg.get(e.target) - 1);
      if (indeg.get(e.target) === 0) ready.push(e.target);
    }
  }
  return order.length === wf.nodes.length ? order : null;
}

// Runs every node whose skill -- and every upstream skill -- is a browser
// runtime this harness runs; returns {results: Map(nodeId -> outputs), skipped}.
export async function runWorkflow(wf, skillsById) {
  const results = new Map();
  const skipped = [];
  for (const id of topologicalOrder(wf)) {
    const node = wf.nodes.find((n) => n.nodeId === id);
    const skill = skillsById.get(node.skillId);
    const incoming = wf.edges.filter((e) => e.target === id);
    if (!RUNNABLE_TYPES.includes(skill.frontMatter.type) || incoming.some((e) => !results.has(e.source))) {
      skipped.push(id);
      continue;
    }
    const given = { ...(node.inputValues ?? {}) };
    for (const e of incoming) given[e.targetInput] = results.get(e.source)[e.sourceOutput];
    results.set(id, (await runSkill(skill, given)).outputs);
  }
  return { results, skipped };
}
