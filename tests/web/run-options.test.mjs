// web/node/run-options.mjs and output-files.mjs: the arguments of `llmos run`
// and what it writes for each kind of output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySets, parseRunArguments, parseSet, UsageError } from '../../web/node/run-options.mjs';
import { isSeries, outputFiles, seriesToCsv } from '../../web/node/output-files.mjs';

test('arguments: repeatable --skills/--dir and --set, single --team/--user/--out, flags', () => {
  const options = parseRunArguments(['flow.json', '--skills', 'a', '--dir=b', '--team', 't', '--user', 'u',
                                     '--set', 'rc.resistance=2200', '--set=chart.title=RC step', '--out', 'o',
                                     '--json', '--no-cache', '--node-timeout', '1500']);
  assert.equal(options.file, 'flow.json');
  assert.deepEqual(options.skills, ['a', 'b']);
  assert.equal(options.team, 't');
  assert.equal(options.user, 'u');
  assert.equal(options.out, 'o');
  assert.equal(options.json, true);
  assert.equal(options.noCache, true);
  assert.equal(options.nodeTimeout, 1500);
  assert.deepEqual(options.sets.map(({ node, input, value }) => [node, input, value]),
                   [['rc', 'resistance', 2200], ['chart', 'title', 'RC step']]);
});

test('arguments: errors name the flag', () => {
  assert.throws(() => parseRunArguments([]), /give the workflow file/);
  assert.throws(() => parseRunArguments(['a.json', 'b.json']), /unexpected argument 'b.json'/);
  assert.throws(() => parseRunArguments(['a.json', '--colour']), /unknown option '--colour'/);
  assert.throws(() => parseRunArguments(['a.json', '--out']), /--out needs a value/);
  assert.throws(() => parseRunArguments(['a.json', '--out', 'x', '--out', 'y']), /--out given twice/);
  assert.throws(() => parseRunArguments(['a.json', '--json=1']), /--json takes no value/);
  assert.throws(() => parseRunArguments(['a.json', '--set', 'novalue']), /--set 'novalue': expected NODE.INPUT=VALUE/);
  assert.throws(() => parseRunArguments(['a.json', '--node-timeout', '-5']), /--node-timeout -5/);
  assert.equal(parseRunArguments(['--help']).help, true);
});

test('--base-url: an absolute http(s) URL, kept normalised; anything else names the flag', () => {
  assert.equal(parseRunArguments(['a.json']).baseUrl, null);
  assert.equal(parseRunArguments(['a.json', '--base-url', 'http://localhost:8000']).baseUrl, 'http://localhost:8000/');
  assert.equal(parseRunArguments(['a.json', '--base-url=https://example.org/data/']).baseUrl, 'https://example.org/data/');
  assert.throws(() => parseRunArguments(['a.json', '--base-url', 'data/']), /--base-url data\/: give an absolute URL/);
  assert.throws(() => parseRunArguments(['a.json', '--base-url', 'file:///tmp/']), /--base-url file:\/\/\/tmp\/: give an http or https URL/);
});

test('--set values: JSON when they parse, else text; the first dot splits node and input', () => {
  assert.deepEqual(parseSet('n.x=[1,2]').value, [1, 2]);
  assert.deepEqual(parseSet('n.flag=true').value, true);
  assert.deepEqual(parseSet('n.s="1e3"').value, '1e3');
  assert.deepEqual(parseSet('n.expr=a * sin(x)').value, 'a * sin(x)');
  assert.deepEqual(parseSet('n.v=1.5e-7').value, 1.5e-7);
  const workflow = { nodes: [{ nodeId: 'rc', skillId: 's', inputValues: { resistance: 1 } }], edges: [] };
  const changed = applySets(workflow, [parseSet('rc.resistance=2200'), parseSet('rc.capacitance=1e-6')]);
  assert.deepEqual(changed.nodes[0].inputValues, { resistance: 2200, capacitance: 1e-6 });
  assert.deepEqual(workflow.nodes[0].inputValues, { resistance: 1 }, 'the original is not changed');
  assert.throws(() => applySets(workflow, [parseSet('nope.x=1')]), (error) =>
    error instanceof UsageError && /no node 'nope' \(nodes: rc\)/.test(error.message));
});

test('outputs: PNG by declared type or signature, SVG, series as CSV with every digit, the rest JSON', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
  const files = outputFiles('plot/1', {
    image: png, chart: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    wave: { x: [0, 0.1, 0.30000000000000004], y: [1, 2, 3], input_y: [5, 5, 5], x_label: 't, s', label: 'v(out)' },
    energy: -1.137306, scene: { type: 'scene', objects: [] }, netlist: '* rc\nR1 in out 1k\n',
  }, { image: 'image', netlist: 'netlist' });
  assert.deepEqual(files.map((file) => [file.name, file.kind]), [
    ['plot_1.image.png', 'png'], ['plot_1.chart.svg', 'svg'], ['plot_1.wave.csv', 'csv'],
    ['plot_1.energy.json', 'json'], ['plot_1.scene.json', 'json'], ['plot_1.netlist.cir', 'netlist']]);
  assert.deepEqual([...files[0].data.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(files[2].data, '"t, s",v(out),input_y\n0,1,5\n0.1,2,5\n0.30000000000000004,3,5\n');
  assert.equal(JSON.parse(files[3].data), -1.137306);
  assert.equal(isSeries({ x: [1], y: [] }), false);
  assert.equal(seriesToCsv({ x: [1], y: [null] }), 'x,y\n1,\n');
});
