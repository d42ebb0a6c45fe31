// spice nodes in Chromium: ngspice.wasm in its module Worker, served by
// `llmos serve` from the bundle. The vectors are bit-identical to native
// ngspice 39, the example workflows run through window.llmos.executeWorkflow
// with outputs equal to the skills' postprocess applied to native vectors,
// and a broken netlist names the line of its .md file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { circuitLines, fillTemplate } from '../../web/lib/spice-netlist.js';
import { bits, simulateNative } from '../support/ngspice-native.mjs';
import { exampleRequests, postprocessInSandbox, requestFor, stopSandbox } from '../support/spice-requests.mjs';
import { closeWorkbench, openWorkbench } from './harness.mjs';

let server;
let browser;
let page;
let problems;

before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true }));
  // The charts downstream of the spice nodes are javascript nodes, whose 5 s
  // limit includes each pool worker's first load of d3: on a loaded machine
  // that alone can take 5 s. Load it in both workers before timing anything.
  await page.evaluate(async () => {
    const chart = { nodes: [{ nodeId: 'c', skillId: 'd3-chart-node', inputValues: { data: { x: [0, 1], y: [0, 1] } } }], edges: [] };
    for (let ok = 0, tries = 0; ok < 2 && tries < 8; tries++) {
      if (!(await window.llmos.executeWorkflow(chart, null, null, { use_cache: false })).c.error) ok++;
    }
  });
});

after(async () => {
  stopSandbox();
  await closeWorkbench({ server, browser });
});

const skillIds = ['circuit-rc-node', 'circuit-rlc-resonance-node', 'circuit-voltage-divider-node',
                  'circuit-diode-rectifier-node', 'circuit-bode-filter-node'];

// Vectors as bit patterns, so nothing is lost on the way out of the page.
function nativeBits(vectors) {
  const out = {};
  for (const [name, value] of Object.entries(vectors)) {
    out[name] = Array.isArray(value) ? value.map(bits) : { re: value.re.map(bits), im: value.im.map(bits) };
  }
  return out;
}

test('the spice worker in Chromium gives every vector bit for bit as native ngspice 39', async () => {
  const requests = [];
  for (const id of skillIds) requests.push(await requestFor(id));
  for (const request of Object.values(await exampleRequests('circuit-dashboard.json'))) requests.push(request);
  const answers = await page.evaluate(async (list) => {
    const { simulateSpice, preloadSpice } = await import('/lib/spice-runner.js');
    const loaded = await preloadSpice();
    const hex = (x) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x);
      return view.getBigUint64(0).toString(16).padStart(16, '0');
    };
    const out = [];
    for (const request of list) {
      const logs = [];
      const started = performance.now();
      const answer = await simulateSpice(request, { log: (stream, text) => logs.push(`${stream}: ${text}`) }).promise;
      const ms = performance.now() - started;
      if (!answer.ok) {
        out.push({ error: answer.error });
        continue;
      }
      const vectors = {};
      for (const [name, value] of Object.entries(answer.outputs.vectors)) {
        vectors[name] = Array.isArray(value) ? value.map(hex) : { re: value.re.map(hex), im: value.im.map(hex) };
      }
      out.push({ vectors, netlist: answer.outputs.netlist, logs, ms });
    }
    return { loaded, out };
  }, requests);
  assert.ok(answers.loaded.load_ms > 0);
  answers.out.forEach((answer, i) => {
    const name = requests[i].skill.skill_id;
    assert.equal(answer.error, undefined, `${name}: ${JSON.stringify(answer.error)}`);
    const native = simulateNative(circuitLines(answer.netlist));
    assert.deepEqual(answer.vectors, nativeBits(native.vectors), name);
    assert.ok(answer.logs.some((line) => /ngspice: .*(No\. of Data Rows|Doing analysis|Reference value)/i.test(line)),
              `${name}: ngspice's output reaches the log: ${answer.logs.slice(0, 5).join(' | ')}`);
  });
});

// Outputs equal up to the last bits of JavaScript's Math functions: the
// vectors are bit-identical (the test above), but Chromium's V8 and Node's
// V8 are different versions whose Math.pow/log10/atan2 may round differently.
function assertCloseOutputs(actual, expected, where) {
  if (typeof expected === 'number') {
    const ok = actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(expected), 1e-300);
    assert.ok(ok, `${where}: ${actual} vs ${expected}`);
  } else if (expected && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual ?? {}).sort(), Object.keys(expected).sort(), `${where}: keys`);
    for (const key of Object.keys(expected)) assertCloseOutputs(actual[key], expected[key], `${where}.${key}`);
  } else {
    assert.equal(actual, expected, where);
  }
}

const netlistOf = (request) => fillTemplate(request.skill.code, request.inputs, request.skill.code_first_line);

// The outputs a spice node must give: its postprocess, in the product's
// sandbox under Node, on native ngspice's vectors.
async function expectedOutputs(request) {
  const netlist = netlistOf(request);
  const native = simulateNative(circuitLines(netlist));
  const outputs = await postprocessInSandbox(request, native.vectors, netlist);
  return JSON.parse(JSON.stringify(outputs));  // outputs reach the core as JSON (a -0 becomes 0)
}

for (const example of ['rc-chart.json', 'circuit-dashboard.json']) {
  test(`${example} runs in the browser; spice outputs equal the postprocess of native ngspice's vectors`, async () => {
    const requests = await exampleRequests(example);
    const results = await page.evaluate(async (name) => {
      const workflow = await (await fetch(`skills/examples/${name}`)).json();
      const results = await window.llmos.executeWorkflow(workflow, null, null, { use_cache: false });
      return Object.fromEntries(Object.entries(results).map(([id, r]) => [id, { state: r.state, error: r.error, outputs: r.outputs }]));
    }, example);
    for (const [id, result] of Object.entries(results)) {
      assert.equal(result.error, undefined, `${id}: ${JSON.stringify(result.error)}`);
      assert.equal(result.state, 'done', `${id}: ${JSON.stringify(result).slice(0, 300)}`);
    }
    for (const [id, request] of Object.entries(requests)) {
      assertCloseOutputs(results[id].outputs, await expectedOutputs(request), id);
    }
    // The charts downstream drew the curves.
    for (const [id, result] of Object.entries(results)) {
      if (result.outputs.svg) assert.match(result.outputs.svg, /^<svg[^>]*>[\s\S]*(<path[^>]* d="M|<circle)/, id);  // line or scatter
      if (result.outputs.plot_image) assert.ok(result.outputs.plot_image.length > 1000, id);
    }
    if (example === 'rc-chart.json') {
      const tau = 2200 * 4.7e-7;
      assert.ok(Math.abs(results.rc.outputs.time_constant - tau) / tau < 0.02, `tau ${results.rc.outputs.time_constant}`);
    } else {
      const f0 = 1 / (2 * Math.PI * Math.sqrt(0.01 * 1e-7));
      assert.ok(Math.abs(results.rlc.outputs.resonance_frequency - f0) / f0 < 0.01);
      assert.ok(Math.abs(results.divider.outputs.slope - 4700 / 14700) < 1e-9);
      const fc = 1 / (2 * Math.PI * 1000 * 1e-7);
      assert.ok(Math.abs(results.bode.outputs.cutoff_frequency - fc) / fc < 0.03);
    }
  });
}

test('each electronics skill runs as a node with its default inputs', async () => {
  const results = await page.evaluate(async (ids) => {
    const workflow = { nodes: ids.map((id) => ({ nodeId: id, skillId: id })), edges: [] };
    const results = await window.llmos.executeWorkflow(workflow, null, null, { use_cache: false });
    return Object.fromEntries(Object.entries(results).map(([id, r]) => [id, { error: r.error, outputs: r.outputs }]));
  }, skillIds);
  for (const id of skillIds) {
    assert.equal(results[id].error, undefined, `${id}: ${JSON.stringify(results[id].error)}`);
    assertCloseOutputs(results[id].outputs, await expectedOutputs(await requestFor(id)), id);
  }
});

test('a typo in a netlist line fails the node with that line of the .md file; other nodes run', async () => {
  const outcome = await page.evaluate(async () => {
    const text = await (await fetch('skills/electronics/circuit-rc-node.md')).text();
    const lines = text.split('\n');
    const element = lines.findIndex((line) => line.startsWith('R1 in out'));
    lines[element] = 'R1 in out {{resistance}} tc9=1';
    const added = window.llmos.core.addSkill('skills/user/typo-rc-node.md',
                                             lines.join('\n').replace('skill_id: circuit-rc-node', 'skill_id: typo-rc-node'), 'user');
    const workflow = { nodes: [{ nodeId: 'bad', skillId: 'typo-rc-node' }, { nodeId: 'good', skillId: 'circuit-voltage-divider-node' }], edges: [] };
    const results = await window.llmos.executeWorkflow(workflow, null, null, { use_cache: false });
    return { added: added.ok, expectedLine: element + 1, bad: results.bad.error, good: results.good.outputs.slope };
  });
  assert.ok(outcome.added);
  assert.equal(outcome.bad.code, 'spice.netlist', JSON.stringify(outcome.bad));
  assert.equal(outcome.bad.line, outcome.expectedLine, JSON.stringify(outcome.bad));
  assert.match(outcome.bad.message, /tc9/);
  assert.ok(Math.abs(outcome.good - 4700 / 14700) < 1e-9);
});

test('the page logged no errors while running spice nodes', () => {
  assert.deepEqual(problems, []);
});
