// The HTTP API of `llmos serve`, end to end over 127.0.0.1: every endpoint,
// its JSON shapes (the original design's), and its errors.
// Run: node --test tests/server/  (LLMOS_BIN overrides the binary)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { del, get, post, put, skillMarkdown, startServer } from './server-harness.mjs';

let server;
before(async () => (server = await startServer()));
after(async () => server?.stop());

const vqePlot = {
  nodes: [
    { nodeId: 'vqe', skillId: 'quantum-vqe-node', inputValues: { iterations: 100 } },
    { nodeId: 'plot', skillId: 'plot-data-node', inputValues: {} },
  ],
  edges: [{ source: 'vqe', sourceOutput: 'convergence_data', target: 'plot', targetInput: 'data' }],
};

describe('reading skills', () => {
  test('GET /health answers ok with cross-origin isolation headers', async () => {
    const reply = await get(server, '/health');
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, 'ok');
    assert.equal(reply.json.system_skills, 31);
    assert.equal(reply.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(reply.headers['cross-origin-embedder-policy'], 'require-corp');
  });

  test('executable skills for alice in engineering: system + team + user, in the original shape', async () => {
    const reply = await get(server, '/workflows/skills/executable?user_id=alice&team_id=engineering');
    assert.equal(reply.status, 200);
    const byId = Object.fromEntries(reply.json.skills.map((s) => [s.skill_id, s]));
    assert.equal(byId['rc-tolerance-node'].volume, 'team');
    assert.equal(byId['energy-report-node'].volume, 'user');
    assert.equal(byId['quantum-vqe-node'].volume, 'system');
    const vqe = byId['quantum-vqe-node'];
    for (const key of ['skill_id', 'name', 'description', 'category', 'node_type', 'execution_mode', 'inputs', 'outputs', 'estimated_time_ms'])
      assert.ok(key in vqe, `missing ${key}`);
    assert.equal(vqe.node_type, 'qiskit');
    assert.equal(vqe.execution_mode, 'browser-wasm');
    assert.equal(vqe.estimated_time_ms, 500);
    assert.ok(!('code' in vqe), 'the list carries no code');
    // Standard skills (guides) are not executable.
    assert.equal(byId['quantum-computing-primer'], undefined);
    assert.equal(byId['engineering-design-review-checklist'], undefined);
  });

  test("another user and team see neither alice's nor engineering's skills", async () => {
    const reply = await get(server, '/workflows/skills/executable?user_id=bob&team_id=research');
    const ids = reply.json.skills.map((s) => s.skill_id);
    assert.ok(ids.includes('quantum-vqe-node'));
    assert.ok(!ids.includes('energy-report-node'));
    assert.ok(!ids.includes('rc-tolerance-node'));
    assert.ok(reply.json.skills.every((s) => s.volume === 'system'));
  });

  test('categories count the visible skills', async () => {
    const local = await get(server, '/workflows/categories');
    assert.equal(local.status, 200);
    const counts = Object.fromEntries(local.json.categories.map((c) => [c.name, c.count]));
    assert.equal(counts.electronics, 6); // 5 spice skills + the circuit guide
    assert.equal(counts.engineering, undefined);
    const team = await get(server, '/workflows/categories?user_id=alice&team_id=engineering');
    const teamCounts = Object.fromEntries(team.json.categories.map((c) => [c.name, c.count]));
    assert.equal(teamCounts.electronics, 7); // + rc-tolerance-node
    assert.equal(teamCounts.engineering, 1); // the team's checklist guide
    assert.equal(teamCounts.quantum, counts.quantum + 1); // + alice's energy-report-node
  });

  test('one skill with its code and Markdown; a standard skill with text and resources', async () => {
    const skill = await get(server, '/workflows/skills/energy-report-node?user_id=alice');
    assert.equal(skill.status, 200);
    assert.equal(skill.json.volume, 'user');
    assert.match(skill.json.code, /function execute\(inputs\)/);
    assert.match(skill.json.text, /^---\nskill_id: energy-report-node/);
    assert.equal(skill.json.source, 'skills/energy-report-node.md');
    const guide = await get(server, '/workflows/skills/quantum-computing-primer');
    assert.equal(guide.status, 200);
    assert.equal(guide.json.node_type, 'standard');
    assert.match(guide.json.text, /# Quantum Computing Primer/);
    assert.deepEqual(guide.json.resources, []);
    assert.equal(guide.json.source, 'guides/quantum-computing-primer.md');
  });

  test('an unknown skill is a 404 with a suggestion', async () => {
    const reply = await get(server, '/workflows/skills/quantum-vqe-nod');
    assert.equal(reply.status, 404);
    assert.equal(reply.json.error.code, 'skill.not_found');
    assert.match(reply.json.error.message, /did you mean 'quantum-vqe-node'/);
  });

  test('context: the standard skills matching keywords, as text', async () => {
    const reply = await get(server, '/workflows/context?keywords=quantum,vqe');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json.keywords, ['quantum', 'vqe']);
    const ids = reply.json.skills.map((s) => s.skill_id);
    assert.deepEqual(ids, ['quantum-computing-primer']);
    assert.match(reply.json.context, /^# Skill: Quantum Computing Primer/);
    assert.match(reply.json.skills[0].text, /keywords: \[quantum/);
    const team = await get(server, '/workflows/context?keywords=tolerance&team_id=engineering');
    assert.deepEqual(team.json.skills.map((s) => s.skill_id), ['engineering-design-review-checklist']);
  });

  test('GET /workflows/skills filters all skills by type, category and search', async () => {
    const spice = await get(server, '/workflows/skills?type=spice');
    assert.equal(spice.json.skills.length, 5);
    assert.ok(spice.json.skills.every((s) => s.node_type === 'spice'));
    const guides = await get(server, '/workflows/skills?type=standard');
    assert.equal(guides.json.skills.length, 4);
    const found = await get(server, '/workflows/skills?search=bell');
    assert.equal(found.json.skills[0].skill_id, 'bell-state-node');
  });
});

describe('POST /workflows/execute', () => {
  test('the flat form without a Content-Type (as the original fetch sends it)', async () => {
    const reply = await post(server, '/workflows/execute', { user_id: 'alice', team_id: 'engineering', workflow_id: 'my-workflow', ...vqePlot });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.status, 'ready');
    assert.deepEqual(Object.keys(reply.json.payload), ['workflow', 'skills']);
    assert.deepEqual(reply.json.payload.workflow, vqePlot);
    assert.deepEqual(Object.keys(reply.json.payload.skills).sort(), ['plot-data-node', 'quantum-vqe-node']);
    assert.match(reply.json.payload.skills['quantum-vqe-node'].code, /def execute\(inputs\)/);
    assert.equal(reply.json.payload.skills['quantum-vqe-node'].inputs[1].name, 'iterations');
    assert.equal(reply.json.workflow_id, 'my-workflow');
  });

  test("the nested form with JSON Content-Type, using alice's and her team's skills", async () => {
    const workflow = {
      nodes: [
        { nodeId: 'report', skillId: 'energy-report-node', inputValues: { eigenvalue: -1.1373 } },
        { nodeId: 'band', skillId: 'rc-tolerance-node', inputValues: {} },
      ],
      edges: [],
    };
    const reply = await post(server, '/workflows/execute', { workflow, user_id: 'alice', team_id: 'engineering' }, { headers: { 'Content-Type': 'application/json' } });
    assert.equal(reply.status, 200, reply.text);
    assert.match(reply.json.payload.skills['energy-report-node'].code, /27\.211386/);
    assert.match(reply.json.payload.skills['rc-tolerance-node'].code, /tau_nominal/);
    // bob cannot prepare a workflow that uses alice's skill.
    const bob = await post(server, '/workflows/execute', { workflow, user_id: 'bob' });
    assert.equal(bob.status, 400);
    assert.deepEqual(bob.json.diagnostics.map((d) => d.code), ['workflow.skill.unknown', 'workflow.skill.unknown']);
  });

  test('an invalid workflow: 400 with every diagnostic, its pointer and line:col in the body sent', async () => {
    const body = '{"workflow": {\n  "nodes": [\n    {"nodeId": "vqe", "skillId": "quantum-vqe-node", "inputValues": {"iterations": "many"}},\n    {"nodeId": "plot", "skillId": "plot-data-nod"}\n  ],\n  "edges": []}}';
    const reply = await post(server, '/workflows/execute', body);
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error.code, 'workflow.invalid');
    const [typeError, unknown] = reply.json.diagnostics;
    assert.equal(typeError.code, 'workflow.value.type');
    assert.equal(typeError.pointer, '/nodes/0/inputValues/iterations');
    assert.equal(typeError.line, 3);
    assert.equal(typeError.column, 84);
    assert.equal(unknown.code, 'workflow.skill.unknown');
    assert.equal(unknown.pointer, '/nodes/1/skillId');
    assert.equal(unknown.line, 4);
    assert.match(unknown.message, /did you mean 'plot-data-node'/);
  });

  test('a body that is not JSON: 400 with workflow.parse at its line and column', async () => {
    const reply = await post(server, '/workflows/execute', '{"nodes": [\n  {"nodeId": "a",}\n]}');
    assert.equal(reply.status, 400);
    assert.equal(reply.json.diagnostics[0].code, 'workflow.parse');
    assert.equal(reply.json.diagnostics[0].line, 2);
    assert.equal(reply.json.diagnostics[0].column, 18);
  });

  test('POST /workflows/validate reports without preparing', async () => {
    const good = await post(server, '/workflows/validate', vqePlot);
    assert.deepEqual(good.json, { valid: true, diagnostics: [] });
    const bad = await post(server, '/workflows/validate', { nodes: [{ nodeId: 'a', skillId: 'nope' }], edges: [] });
    assert.equal(bad.json.valid, false);
    assert.equal(bad.json.diagnostics[0].code, 'workflow.skill.unknown');
  });
});

describe('user and team skills', () => {
  test('create, list, replace, refuse duplicates, delete', async () => {
    const created = await post(server, '/workflows/skills?user_id=carol', skillMarkdown('scale-node'), { headers: { 'Content-Type': 'text/markdown' } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.skill_id, 'scale-node');
    assert.equal(created.json.created, true);
    assert.match(created.json.commit, /^[0-9a-f]{40}$/);
    let list = await get(server, '/workflows/skills/executable?user_id=carol');
    assert.equal(list.json.skills.find((s) => s.skill_id === 'scale-node').volume, 'user');

    const again = await post(server, '/workflows/skills?user_id=carol', skillMarkdown('scale-node'));
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'skill.exists');

    const replaced = await put(server, '/workflows/skills/scale-node?user_id=carol', { markdown: skillMarkdown('scale-node', { factor: 3 }) });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.json.created, false);
    const read = await get(server, '/workflows/skills/scale-node?user_id=carol');
    assert.match(read.json.code, /inputs\.value \* 3/);

    const removed = await del(server, '/workflows/skills/scale-node?user_id=carol');
    assert.equal(removed.status, 200);
    assert.equal(removed.json.deleted, true);
    list = await get(server, '/workflows/skills/executable?user_id=carol');
    assert.ok(!list.json.skills.some((s) => s.skill_id === 'scale-node'));
    const gone = await del(server, '/workflows/skills/scale-node?user_id=carol');
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'skill.not_found');
  });

  test("a bad skill is refused with the parser's diagnostics and nothing is stored", async () => {
    const bad = skillMarkdown('broken-node').replace('type: float, default: 1}', 'type: flaot, default: 1}');
    const reply = await post(server, '/workflows/skills?user_id=carol', bad);
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error.code, 'skill.invalid');
    const diagnostic = reply.json.diagnostics.find((d) => d.severity === 'error');
    assert.equal(diagnostic.code, 'skill.input.type');
    assert.equal(diagnostic.line, 9);
    assert.match(diagnostic.message, /did you mean 'float'/);
    const read = await get(server, '/workflows/skills/broken-node?user_id=carol');
    assert.equal(read.status, 404);
  });

  test('PUT refuses a file whose skill_id differs from the URL', async () => {
    const reply = await put(server, '/workflows/skills/other-node?user_id=carol', skillMarkdown('scale-node'));
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error.code, 'skill.id_mismatch');
  });

  test('a user skill shadows the system skill of the same id, for that user only', async () => {
    const shadow = skillMarkdown('unit-converter-node', { name: 'My Converter' });
    const saved = await put(server, '/workflows/skills/unit-converter-node?user_id=dave', shadow);
    assert.equal(saved.status, 201);
    const mine = await get(server, '/workflows/skills/unit-converter-node?user_id=dave');
    assert.equal(mine.json.name, 'My Converter');
    assert.equal(mine.json.volume, 'user');
    assert.deepEqual(mine.json.shadows, ['utility/unit-converter-node.md']);
    const others = await get(server, '/workflows/skills/unit-converter-node?user_id=erin');
    assert.equal(others.json.name, 'Unit Converter');
    // Deleting the user's copy brings the system skill back; the system one cannot be deleted.
    assert.equal((await del(server, '/workflows/skills/unit-converter-node?user_id=dave')).status, 200);
    assert.equal((await get(server, '/workflows/skills/unit-converter-node?user_id=dave')).json.volume, 'system');
    const system = await del(server, '/workflows/skills/unit-converter-node?user_id=dave');
    assert.equal(system.status, 404);
    assert.match(system.json.error.message, /system skills cannot be deleted/);
  });

  test('team skills (volume=team) are seen by every user of the team', async () => {
    const saved = await post(server, '/workflows/skills?user_id=frank&team_id=optics&volume=team', skillMarkdown('lens-node'));
    assert.equal(saved.status, 201);
    assert.equal(saved.json.volume, 'team');
    const other = await get(server, '/workflows/skills/lens-node?user_id=grace&team_id=optics');
    assert.equal(other.json.volume, 'team');
    const outsider = await get(server, '/workflows/skills/lens-node?user_id=grace&team_id=local');
    assert.equal(outsider.status, 404);
    const history = await get(server, '/workflows/skills/lens-node/history?team_id=optics&volume=team');
    assert.equal(history.json.versions.length, 1);
    assert.equal(history.json.versions[0].author, 'frank');
  });
});

describe('saved workflows and their history', () => {
  test('put, get, list, history, diff, restore, delete', async () => {
    const first = await put(server, '/workflows/saved/study?user_id=hana', { name: 'Study', ...vqePlot });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.valid, true);
    const changed = structuredClone(vqePlot);
    changed.nodes[0].inputValues.iterations = 250;
    const second = await put(server, '/workflows/saved/study?user_id=hana', { name: 'Study', ...changed });
    assert.equal(second.status, 200);
    assert.equal(second.json.created, false);

    // Saving the same content again makes no commit: the answer is the
    // version the history lists first (the page compares it before its next
    // save; an unlisted empty commit made every later autosave a conflict).
    const same = await put(server, '/workflows/saved/study?user_id=hana', { name: 'Study', ...changed });
    assert.equal(same.status, 200);
    assert.equal(same.json.commit, second.json.commit);

    const read = await get(server, '/workflows/saved/study?user_id=hana');
    assert.equal(read.json.nodes[0].inputValues.iterations, 250);
    const list = await get(server, '/workflows/saved?user_id=hana');
    assert.deepEqual(list.json.workflows.map((w) => [w.workflow_id, w.name, w.nodes, w.edges]), [['study', 'Study', 2, 1]]);

    const history = await get(server, '/workflows/saved/study/history?user_id=hana');
    assert.deepEqual(history.json.versions.map((v) => [v.commit, v.change]), [
      [second.json.commit, 'modified'],
      [first.json.commit, 'added'],
    ]);
    const old = await get(server, `/workflows/saved/study/history/${first.json.commit}?user_id=hana`);
    assert.equal(JSON.parse(old.json.content).nodes[0].inputValues.iterations, 100);
    const diff = await get(server, `/workflows/saved/study/diff?user_id=hana&from=${first.json.commit.slice(0, 10)}`);
    assert.match(diff.json.diff, /^-.*"iterations": 100/m);
    assert.match(diff.json.diff, /^\+.*"iterations": 250/m);

    const restored = await post(server, '/workflows/saved/study/restore?user_id=hana', { commit: first.json.commit });
    assert.equal(restored.status, 200, restored.text);
    const now = await get(server, '/workflows/saved/study?user_id=hana');
    assert.equal(now.json.nodes[0].inputValues.iterations, 100);
    assert.equal((await get(server, '/workflows/saved/study/history?user_id=hana')).json.versions.length, 3);

    assert.equal((await del(server, '/workflows/saved/study?user_id=hana')).status, 200);
    const gone = await get(server, '/workflows/saved/study?user_id=hana');
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'workflow.not_found');
    const history2 = await get(server, '/workflows/saved/study/history?user_id=hana');
    assert.equal(history2.json.versions[0].change, 'deleted');
  });

  test('a draft that does not validate is saved with its diagnostics; bad JSON is refused', async () => {
    const draft = await put(server, '/workflows/saved/draft?user_id=hana', { nodes: [{ nodeId: 'a', skillId: 'not-yet' }], edges: [] });
    assert.equal(draft.status, 201);
    assert.equal(draft.json.valid, false);
    assert.equal(draft.json.diagnostics[0].code, 'workflow.skill.unknown');
    const broken = await put(server, '/workflows/saved/broken?user_id=hana', '{"nodes": [');
    assert.equal(broken.status, 400);
    assert.equal(broken.json.diagnostics[0].code, 'workflow.parse');
    const shape = await put(server, '/workflows/saved/broken?user_id=hana', { nodes: 'x' });
    assert.equal(shape.status, 400);
    assert.equal(shape.json.error.code, 'workflow.invalid');
    assert.equal((await get(server, '/workflows/saved/broken?user_id=hana')).status, 404);
  });

  test('history errors: unknown commit, bad commit id, missing commit', async () => {
    const unknown = await get(server, '/workflows/saved/my-workflow/history/0123456789abcdef?user_id=alice');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'history.unknown_version');
    const bad = await get(server, '/workflows/saved/my-workflow/diff?user_id=alice&from=HEAD~1');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'commit');
    const missing = await post(server, '/workflows/saved/my-workflow/restore?user_id=alice', {});
    assert.equal(missing.status, 400);
  });

  test('the demo user alice has the original example saved', async () => {
    const saved = await get(server, '/workflows/saved/my-workflow?user_id=alice');
    assert.deepEqual(saved.json.edges, vqePlot.edges);
  });
});

describe('traces', () => {
  test('POST a trace, list it, read it back', async () => {
    const trace = { user_id: 'ivan', workflow_id: 'study', trace: { run_id: 1, nodes: { vqe: { state: 'done', duration_ms: 91 } } } };
    const saved = await post(server, '/workflows/traces', trace);
    assert.equal(saved.status, 201);
    const list = await get(server, '/workflows/traces?user_id=ivan');
    assert.equal(list.json.traces.length, 1);
    assert.equal(list.json.traces[0].workflow_id, 'study');
    const read = await get(server, `/workflows/traces/${saved.json.trace_id}?user_id=ivan`);
    assert.equal(read.json.trace.nodes.vqe.duration_ms, 91);
    assert.ok(read.json.received_at);
    const notJson = await post(server, '/workflows/traces', 'not json');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json.error.code, 'request.bad_json');
  });
});

describe('HTTP errors', () => {
  test('unknown API paths are JSON 404s; wrong methods are 405 with Allow', async () => {
    const missing = await get(server, '/workflows/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'not_found');
    const wrong = await del(server, "/workflows/categories");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.json.error.code, 'method_not_allowed');
    assert.match(wrong.headers.allow, /GET/);
  });

  test('bad ids and parameters name the field', async () => {
    const user = await get(server, '/workflows/skills/executable?user_id=al%20ice');
    assert.equal(user.status, 400);
    assert.equal(user.json.error.code, 'request.bad_id');
    assert.equal(user.json.error.field, 'user_id');
    const volume = await post(server, '/workflows/skills?volume=system', skillMarkdown('x-node'));
    assert.equal(volume.status, 400);
    assert.equal(volume.json.error.field, 'volume');
  });

  test('a body over 8 MiB is refused with 413 and a JSON error', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024 + 1, 0x20);
    const reply = await put(server, '/workflows/saved/huge?user_id=alice', big);
    assert.equal(reply.status, 413);
    assert.equal(reply.json.error.code, 'request.too_large');
    assert.equal((await get(server, '/workflows/saved/huge?user_id=alice')).status, 404);
  });
});
