// The MCP endpoint (revision 2025-06-18, streamable HTTP): a small test
// client initialises a session, lists the tools, validates a bad workflow,
// saves one, runs a good one and compares its outputs with `llmos run`'s.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { busyPythonSkill } from '../support/busy-python-skill.mjs';
import { bin, get, post, repo, request, startServer } from './server-harness.mjs';

let server;
let session;
let nextId = 1;
before(async () => (server = await startServer()));
after(async () => server?.stop());

// One JSON-RPC message as the streamable HTTP transport sends it.
async function rpc(method, params, { headers = {}, notification = false, query = '' } = {}) {
  const message = { jsonrpc: '2.0', method, ...(params ? { params } : {}), ...(notification ? {} : { id: nextId++ }) };
  return request(server, 'POST', `/mcp${query}`, {
    body: message,
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-06-18',
      ...(session ? { 'Mcp-Session-Id': session } : {}),
      ...headers,
    },
  });
}
const callTool = (name, args, options) => rpc('tools/call', { name, arguments: args }, options);

const llmosRunAvailable = spawnSync(bin, ['run', '--help']).status === 0;

describe('MCP session', () => {
  test('initialize negotiates 2025-06-18 and hands out a session id', async () => {
    const reply = await request(server, 'POST', '/mcp', {
      body: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test-client', version: '1' } } },
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.result.protocolVersion, '2025-06-18');
    assert.deepEqual(Object.keys(reply.json.result.capabilities).sort(), ['resources', 'tools']);
    assert.equal(reply.json.result.serverInfo.name, 'llmos-workbench');
    session = reply.headers['mcp-session-id'];
    assert.match(session, /^[0-9a-f]{32}$/);
    const initialized = await rpc('notifications/initialized', undefined, { notification: true });
    assert.equal(initialized.status, 202);
    assert.equal(initialized.body.length, 0);
  });

  test('tools/list offers the tools an agent needs, with input schemas', async () => {
    const reply = await rpc('tools/list');
    const names = reply.json.result.tools.map((t) => t.name);
    assert.deepEqual(names, ['list_skills', 'read_skill', 'get_context', 'validate_workflow', 'save_workflow', 'list_workflows', 'read_workflow', 'run_workflow']);
    for (const tool of reply.json.result.tools) assert.equal(tool.inputSchema.type, 'object', tool.name);
  });

  test('list_skills and read_skill use the endpoint user and team', async () => {
    const list = await callTool('list_skills', {}, { query: '?user_id=alice&team_id=engineering' });
    assert.equal(list.json.result.isError, false);
    const ids = list.json.result.structuredContent.skills.map((s) => s.skill_id);
    assert.ok(ids.includes('energy-report-node') && ids.includes('rc-tolerance-node'));
    assert.equal(JSON.parse(list.json.result.content[0].text).skills.length, ids.length);
    const read = await callTool('read_skill', { skill_id: 'rc-tolerance-node', team_id: 'engineering' });
    assert.match(read.json.result.structuredContent.code, /tau_max/);
    const missing = await callTool('read_skill', { skill_id: 'rc-tolerance-node' });
    assert.equal(missing.json.result.isError, true);
    assert.equal(missing.json.result.structuredContent.error.code, 'skill.not_found');
  });

  test('validate_workflow: a bad workflow gets every diagnostic with pointer and line:col', async () => {
    const workflow = {
      nodes: [
        { nodeId: 'rc', skillId: 'circuit-rc-node', inputValues: { resistance: 'large' } },
        { nodeId: 'chart', skillId: 'd3-chart-nod' },
      ],
      edges: [{ source: 'rc', sourceOutput: 'voltage_data', target: 'chart', targetInput: 'data' }],
    };
    const reply = await callTool('validate_workflow', { workflow });
    const result = reply.json.result.structuredContent;
    assert.equal(result.valid, false);
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.pointer]), [
      ['workflow.value.type', '/nodes/0/inputValues/resistance'],
      ['workflow.skill.unknown', '/nodes/1/skillId'],
    ]);
    assert.ok(result.diagnostics.every((d) => d.line > 0 && d.column > 0));
    assert.match(result.report, /did you mean 'd3-chart-node'/);
    const good = await callTool('validate_workflow', { workflow: fs.readFileSync(path.join(repo, 'skills/examples/rc-chart.json'), 'utf8') });
    assert.equal(good.json.result.structuredContent.valid, true);
  });

  test('save_workflow, list_workflows and read_workflow', async () => {
    const workflow = JSON.parse(fs.readFileSync(path.join(repo, 'skills/examples/expression-plot.json'), 'utf8'));
    const saved = await callTool('save_workflow', { workflow_id: 'agent-made', workflow, user_id: 'agent' });
    assert.equal(saved.json.result.isError, false);
    assert.match(saved.json.result.structuredContent.commit, /^[0-9a-f]{40}$/);
    const list = await callTool('list_workflows', { user_id: 'agent' });
    assert.deepEqual(list.json.result.structuredContent.workflows.map((w) => w.workflow_id), ['agent-made']);
    const read = await callTool('read_workflow', { workflow_id: 'agent-made', user_id: 'agent' });
    assert.deepEqual(read.json.result.structuredContent.workflow.edges, workflow.edges);
    const traversal = await callTool('read_workflow', { workflow_id: '../../bob/workflows/x', user_id: 'agent' });
    assert.equal(traversal.json.result.isError, true);
    assert.equal(traversal.json.result.structuredContent.error.code, 'request.bad_id');
  });

  // Each node's state and outputs, without what differs between two runs (times, paths).
  const outputsOf = (summary) => Object.fromEntries(Object.entries(summary.results)
    .filter(([, result]) => result && typeof result === 'object' && 'state' in result)
    .map(([node, result]) => [node, { state: result.state, outputs: result.outputs }]));

  for (const example of ['expression-plot.json', 'rc-chart.json']) {
    test(`run_workflow ${example}: outputs equal \`llmos run --json\`'s`, async () => {
      const file = path.join(repo, 'skills/examples', example);
      // A run takes a minute on the loaded machine: its own connection, so the
      // next request never reuses a keep-alive socket the server has timed out.
      const reply = await callTool('run_workflow', { workflow: fs.readFileSync(file, 'utf8'), timeout_ms: 120000 },
                                   { headers: { Connection: 'close' } });
      const result = reply.json.result;
      assert.ok(llmosRunAvailable, '`llmos run --help` must work: MCP runs workflows through it');
      assert.equal(result.isError, false, JSON.stringify(result.structuredContent).slice(0, 2000));
      const direct = spawnSync(bin, ['run', file, '--json', '--skills', path.join(repo, 'skills')], { encoding: 'utf8', timeout: 120000 });
      assert.equal(direct.status, 0, direct.stderr);
      const viaMcp = result.structuredContent.result;
      const local = JSON.parse(direct.stdout);
      assert.equal(viaMcp.ok, true);
      const nodes = JSON.parse(fs.readFileSync(file, 'utf8')).nodes.map((n) => n.nodeId).sort();
      assert.deepEqual(Object.keys(outputsOf(viaMcp)).sort(), nodes);
      assert.ok(Object.values(outputsOf(viaMcp)).every((r) => r.state === 'done' && r.outputs && Object.keys(r.outputs).length > 0));
      assert.deepEqual(outputsOf(viaMcp), outputsOf(local));
      if (example === 'expression-plot.json') {
        // The formula at a sample, independently: 2 sin(2 pi x) exp(-x / 1.5).
        const { series } = viaMcp.results.expr.outputs;
        assert.ok(Math.abs(series.y[10] - 2 * Math.sin(2 * Math.PI * series.x[10]) * Math.exp(-series.x[10] / 1.5)) < 1e-12);
      }
    });
  }

  test('run_workflow with a progressToken streams notifications/progress per node, then the result (SSE)', async () => {
    const file = path.join(repo, 'skills/examples', 'rc-chart.json');
    const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
    const message = { jsonrpc: '2.0', id: nextId++, method: 'tools/call',
                      params: { name: 'run_workflow', arguments: { workflow, timeout_ms: 120000 }, _meta: { progressToken: 'rc-1' } } };
    const reply = await request(server, 'POST', '/mcp', {
      body: message,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-06-18',
                 Connection: 'close' },
    });
    assert.equal(reply.status, 200);
    assert.match(reply.headers['content-type'], /^text\/event-stream/);
    const events = reply.text.split('\n\n').filter((block) => block.trim())
      .map((block) => JSON.parse(block.split('\n').find((line) => line.startsWith('data: ')).slice(6)));
    const progress = events.filter((event) => event.method === 'notifications/progress');
    assert.equal(progress.length, workflow.nodes.length, JSON.stringify(events).slice(0, 2000));
    assert.ok(progress.every((event) => event.params.progressToken === 'rc-1' && event.params.total === workflow.nodes.length));
    assert.deepEqual(progress.map((event) => event.params.progress), workflow.nodes.map((_, i) => i + 1));
    assert.deepEqual(progress.map((event) => event.params.message.split(':')[0]).sort(), workflow.nodes.map((n) => n.nodeId).sort());
    const answer = events.at(-1);
    assert.equal(answer.id, message.id, 'the result comes last, after every notification');
    assert.equal(answer.result.isError, false);
    assert.ok(Object.values(answer.result.structuredContent.result.results).filter((r) => r?.state).every((r) => r.state === 'done'));
  });

  test('a client that goes away mid-run stops its run (the server kills its `llmos run`)', async () => {
    const skill = busyPythonSkill({ id: 'busy-node', name: 'Busy', seconds: 50 });
    assert.equal((await post(server, '/workflows/skills?user_id=dora', skill, { headers: { 'Content-Type': 'text/markdown' } })).status, 201);
    const runs = () => spawnSync('pgrep', ['-P', String(server.pid), '-f', 'llmos-mcp-run-'], { encoding: 'utf8' }).stdout.trim();
    const waitFor = async (what, ok, ms) => {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (ok()) return;
      assert.fail(`${what} within ${ms / 1000} s`);
    };
    const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: {
      name: 'run_workflow', arguments: { workflow: { nodes: [{ nodeId: 'busy', skillId: 'busy-node' }], edges: [] } },
      _meta: { progressToken: 'gone' } } });
    const call = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/mcp?user_id=dora', headers: {
      'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-06-18',
      'Content-Length': Buffer.byteLength(body) } });
    call.on('error', () => {});
    call.end(body);
    await waitFor('the run started', () => runs() !== '', 30000);
    call.destroy();  // the agent gives up
    // The node alone would run for 50 s: the run is stopped long before.
    await waitFor('the abandoned run stopped', () => runs() === '', 20000);
  });

  test('run_workflow refuses an invalid workflow before running anything', async () => {
    const reply = await callTool('run_workflow', { workflow: { nodes: [{ nodeId: 'x', skillId: 'nope' }], edges: [] } });
    assert.equal(reply.json.result.isError, true);
    assert.equal(reply.json.result.structuredContent.error.code, 'workflow.invalid');
    assert.equal(reply.json.result.structuredContent.diagnostics[0].code, 'workflow.skill.unknown');
  });

  test('standard skills are resources', async () => {
    const list = await rpc('resources/list', undefined, { query: '?team_id=engineering' });
    const uris = list.json.result.resources.map((r) => r.uri);
    assert.ok(uris.includes('llmos://skills/quantum-computing-primer'));
    assert.ok(uris.includes('llmos://skills/engineering-design-review-checklist'));
    assert.ok(list.json.result.resources.every((r) => r.mimeType === 'text/markdown'));
    const read = await rpc('resources/read', { uri: 'llmos://skills/quantum-computing-primer' });
    assert.match(read.json.result.contents[0].text, /# Quantum Computing Primer/);
    const missing = await rpc('resources/read', { uri: 'llmos://skills/nope' });
    assert.equal(missing.json.error.code, -32002);
  });
});

describe('MCP transport rules', () => {
  test('a foreign Origin is 403 (DNS rebinding); a loopback one is fine', async () => {
    const foreign = await rpc('ping', undefined, { headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    const local = await rpc('ping', undefined, { headers: { Origin: 'http://localhost:3000' } });
    assert.equal(local.status, 200);
    assert.deepEqual(local.json.result, {});
  });

  test('an unsupported MCP-Protocol-Version is 400', async () => {
    const reply = await rpc('ping', undefined, { headers: { 'MCP-Protocol-Version': '1900-01-01' } });
    assert.equal(reply.status, 400);
  });

  test('an unknown session is 404; DELETE ends a session', async () => {
    const unknown = await rpc('ping', undefined, { headers: { 'Mcp-Session-Id': 'f'.repeat(32) } });
    assert.equal(unknown.status, 404);
    const ended = await request(server, 'DELETE', '/mcp', { headers: { 'Mcp-Session-Id': session } });
    assert.equal(ended.status, 204);
    assert.equal((await rpc('ping')).status, 404);
    session = undefined;
  });

  test('JSON-RPC errors: parse error, unknown method, unknown tool; GET is 405', async () => {
    const parse = await request(server, 'POST', '/mcp', { body: '{not json', headers: { 'Content-Type': 'application/json' } });
    assert.equal(parse.status, 400);
    assert.equal(parse.json.error.code, -32700);
    const method = await rpc('prompts/get', { name: 'x' });
    assert.equal(method.json.error.code, -32601);
    const tool = await callTool('delete_everything', {});
    assert.equal(tool.json.error.code, -32602);
    const batch = await request(server, 'POST', '/mcp', { body: [{ jsonrpc: '2.0', id: 1, method: 'ping' }] });
    assert.equal(batch.json.error.code, -32600);
    const stream = await get(server, '/mcp', { headers: { Accept: 'text/event-stream' } });
    assert.equal(stream.status, 405);
  });
});
