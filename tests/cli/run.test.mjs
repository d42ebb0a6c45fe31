// `llmos run` end to end: the native binary execs Node on the web output's
// host, which runs every shipped example with the wasm core and the runtime
// workers (Pyodide, the ses sandbox, ngspice.wasm) under worker_threads.
// Each example's values are checked against an expectation computed here
// independently (physics, the formula, the known H2 energy), and the files
// written to --out are read back. Also: --set, exit codes, failing nodes,
// Ctrl+C. Run: node --test tests/cli/run.test.mjs (LLMOS_BIN overrides the binary)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as THREE from 'three';
import { sceneBuilder } from '../../web/lib/scene-builder.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.LLMOS_BIN || path.join(repo, 'build', 'native', 'bin', 'llmos');
const examplesDir = path.join(repo, 'skills', 'examples');
const scratch = mkdtempSync(path.join(tmpdir(), 'llmos-run-test-'));
const { buildScene } = sceneBuilder(THREE);

// Runs `llmos run` and returns {status, stdout, stderr, json?, out}.
function llmosRun(file, args = [], { json = true } = {}) {
  const out = mkdtempSync(path.join(scratch, 'out-'));
  const argv = ['run', file, '--skills', path.join(repo, 'skills'), '--out', out, ...(json ? ['--json'] : []), ...args];
  const result = spawnSync(bin, argv, { cwd: repo, encoding: 'utf8', timeout: 240000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.error, undefined, `cannot run ${bin}: ${result.error}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, out,
           json: json && result.stdout ? JSON.parse(result.stdout) : null };
}

const example = (name) => path.join(examplesDir, `${name}.json`);
const outputsOf = (run, node) => {
  assert.equal(run.json.results[node]?.state, 'done', `${node}: ${JSON.stringify(run.json.results[node]?.error)}\n${run.stderr}`);
  return run.json.results[node].outputs;
};
const near = (got, want, relative, what) =>
  assert.ok(Math.abs(got - want) <= Math.abs(want) * relative, `${what}: ${got}, expected ${want} within ${relative * 100}%`);

// PNG file: signature and the IHDR's width and height.
function pngSize(file) {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
// CSV written for a series: header + rows of numbers.
function readCsv(file) {
  const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
  return { header, rows: rows.map((line) => line.split(',').map(Number)) };
}
const svgText = (file) => {
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /<\/svg>\s*$/);
  return text;
};

// Every node of a run done, one line per node state on stderr (--json).
function assertAllDone(run, nodes) {
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.json.ok, true);
  assert.deepEqual(run.json.failed, []);
  assert.deepEqual(Object.keys(run.json.results).sort(), [...nodes].sort());
  for (const node of nodes) assert.match(run.stderr, new RegExp(`^  done +${node} +\\d`, 'm'), `a done line for ${node}`);
  const trace = JSON.parse(readFileSync(path.join(run.out, 'trace.json'), 'utf8'));
  assert.ok(JSON.stringify(trace).includes('"done"'), 'the trace records the run');
  const results = JSON.parse(readFileSync(path.join(run.out, 'results.json'), 'utf8'));
  assert.deepEqual(results.results, run.json.results, 'results.json is the --json document');
}

const H2_GROUND_HA = -1.137306;  // H2 at 0.735 Angstrom, STO-3G: the exact (FCI) ground energy
const HARTREE_EV = 27.211386245988;  // CODATA 2018

test('--help names every option and exits 0 (MCP asks it)', () => {
  const help = spawnSync(bin, ['run', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  for (const option of ['--skills', '--team', '--user', '--set', '--out', '--json', '--events', '--node-timeout']) {
    assert.ok(help.stdout.includes(option), option);
  }
});

test('bad arguments: exit 2 with the flag named', () => {
  const missing = spawnSync(bin, ['run', 'no-such.json'], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such\.json/);
  const badSet = spawnSync(bin, ['run', example('vqe-plot'), '--set', 'vqe-iterations'], { encoding: 'utf8' });
  assert.equal(badSet.status, 2);
  assert.match(badSet.stderr, /--set.*expected NODE\.INPUT=VALUE/s);
  const unknownNode = llmosRun(example('vqe-plot'), ['--set', 'nope.iterations=3'], { json: false });
  assert.equal(unknownNode.status, 2);
  assert.match(unknownNode.stderr, /--set nope\.iterations=3: the workflow has no node 'nope' \(nodes: vqe, plot\)/);
  const noWeb = spawnSync(bin, ['run', example('vqe-plot'), '--web', scratch], { encoding: 'utf8' });
  assert.equal(noWeb.status, 2);
  assert.match(noWeb.stderr, /node\/run\.mjs is missing/);
});

test('vqe-plot: the H2 ground energy and a PNG of the convergence at the declared size', () => {
  const run = llmosRun(example('vqe-plot'));
  assertAllDone(run, ['vqe', 'plot']);
  const vqe = outputsOf(run, 'vqe');
  assert.ok(Math.abs(vqe.eigenvalue - H2_GROUND_HA) < 1e-6, `eigenvalue ${vqe.eigenvalue}`);
  assert.deepEqual(pngSize(path.join(run.out, 'plot.plot_image.png')), { width: 640, height: 400 });
  const csv = readCsv(path.join(run.out, 'vqe.convergence_data.csv'));
  assert.ok(csv.rows.length >= 2);
  assert.ok(Math.abs(csv.rows.at(-1)[1] - H2_GROUND_HA) < 1e-6, 'the CSV ends at the ground energy');
  assert.ok(existsSync(path.join(run.out, 'vqe.eigenvalue.json')));
});

test('rc-chart: the time constant read off the written CSV is R*C', () => {
  const run = llmosRun(example('rc-chart'));
  assertAllDone(run, ['rc', 'chart']);
  const { rows } = readCsv(path.join(run.out, 'rc.voltage_data.csv'));
  const crossing = rows.find(([, v]) => v >= 5 * (1 - Math.exp(-1)));
  near(crossing[0], 2200 * 4.7e-7, 0.01, 'time to 63.2 %');
  near(outputsOf(run, 'rc').time_constant, 2200 * 4.7e-7, 0.01, 'time_constant');
  near(rows.at(-1)[1], 5 * (1 - Math.exp(-0.006 / (2200 * 4.7e-7))), 0.001, 'v(out) at 6 ms');
  const svg = svgText(path.join(run.out, 'chart.svg.svg'));
  assert.ok(svg.includes('RC step response'));
  assert.equal(outputsOf(run, 'chart').point_count, rows.length);
});

test('rc-chart with --set: doubling R doubles the time constant', () => {
  const run = llmosRun(example('rc-chart'), ['--set', 'rc.resistance=4400', '--set', 'rc.simulation_time=0.012']);
  assertAllDone(run, ['rc', 'chart']);
  near(outputsOf(run, 'rc').time_constant, 4400 * 4.7e-7, 0.01, 'time_constant');
});

test('expression-plot: every sample of the series is the formula', () => {
  const run = llmosRun(example('expression-plot'));
  assertAllDone(run, ['expr', 'plot']);
  const { series } = outputsOf(run, 'expr');
  assert.equal(series.x.length, 301);
  series.x.forEach((x, i) => {
    assert.ok(Math.abs(x - i * 6 / 300) < 1e-12);
    const want = 2 * Math.sin(2 * Math.PI * x) * Math.exp(-x / 1.5);
    assert.ok(Math.abs(series.y[i] - want) < 1e-12, `y(${x}) = ${series.y[i]}, expected ${want}`);
  });
  assert.deepEqual(pngSize(path.join(run.out, 'plot.plot_image.png')), { width: 640, height: 400 });
});

test('csv-to-chart: the peak of the parsed rows and one chart point per row', () => {
  const run = llmosRun(example('csv-to-chart'));
  assertAllDone(run, ['csv', 'peak_voltage', 'chart']);
  assert.equal(outputsOf(run, 'peak_voltage').result, 4.97);
  assert.equal(outputsOf(run, 'csv').row_count, 6);
  assert.equal(outputsOf(run, 'chart').point_count, 6);
  svgText(path.join(run.out, 'chart.svg.svg'));
});

test('spinning-cube: 90 degrees per second becomes the cube\'s rotation speed, and the scene builds', () => {
  const run = llmosRun(example('spinning-cube'));
  assertAllDone(run, ['speed', 'cube']);
  assert.ok(Math.abs(outputsOf(run, 'speed').result - Math.PI / 2) < 1e-12);
  const scene = JSON.parse(readFileSync(path.join(run.out, 'cube.scene_data.json'), 'utf8'));
  assert.ok(Math.abs(scene.animation.rotation_speed - Math.PI / 2) < 1e-12);
  const cube = buildScene(scene).byId.get('cube');
  const size = new THREE.Box3().setFromObject(cube).getSize(new THREE.Vector3());
  for (const edge of size.toArray()) assert.ok(Math.abs(edge - 1.5) < 1e-6, `edge ${edge}`);
  assert.equal(cube.material.color.getHexString(), 'ff6b35');
});

test('quantum-and-3d: energy in eV from the VQE, SVG and PNG of the convergence, the surface is the formula', () => {
  const run = llmosRun(example('quantum-and-3d'));
  assertAllDone(run, ['vqe', 'plot', 'chart', 'energy_ev', 'surface']);
  const energy = outputsOf(run, 'vqe').eigenvalue;
  assert.ok(Math.abs(energy - H2_GROUND_HA) < 1e-6, `eigenvalue ${energy}`);
  assert.ok(Math.abs(outputsOf(run, 'energy_ev').result - energy * HARTREE_EV) < 1e-6);
  pngSize(path.join(run.out, 'plot.plot_image.png'));
  svgText(path.join(run.out, 'chart.svg.svg'));
  const surface = outputsOf(run, 'surface');
  assert.equal(surface.vertex_count, 61 * 61);
  const mesh = buildScene(surface.scene_data).scene.children.find((child) => child.isMesh);
  const position = mesh.geometry.getAttribute('position');
  let checked = 0;
  for (let i = 0; i < position.count; i += 97) {
    // The surface lies in x/y with f as height along one axis; find it by the formula.
    const [x, y, z] = [position.getX(i), position.getY(i), position.getZ(i)];
    const candidates = [[x, z, y], [x, y, z], [x, -z, y]];
    assert.ok(candidates.some(([u, v, h]) => Math.abs(h - Math.exp(-(u * u + v * v) / 2) * Math.cos(2 * u)) < 1e-5),
              `vertex ${i} (${x}, ${y}, ${z}) is not on the surface`);
    checked++;
  }
  assert.ok(checked > 30);
});

test('circuit-dashboard: cut-off, resonance and divider ratio from ngspice match the circuit theory', () => {
  const run = llmosRun(example('circuit-dashboard'));
  assertAllDone(run, ['bode', 'bode_magnitude', 'bode_phase', 'rlc', 'rlc_chart', 'divider', 'divider_chart']);
  near(outputsOf(run, 'bode').cutoff_frequency, 1 / (2 * Math.PI * 1000 * 1e-7), 0.01, 'RC cut-off');
  near(outputsOf(run, 'rlc').resonance_frequency, 1 / (2 * Math.PI * Math.sqrt(0.01 * 1e-7)), 0.01, 'RLC resonance');
  const { rows } = readCsv(path.join(run.out, 'divider.transfer.csv'));
  const [vin, vout] = rows.at(-1);
  near(vout / vin, 4700 / (10000 + 4700), 1e-9, 'divider ratio');
  const bode = readCsv(path.join(run.out, 'bode.magnitude_db.csv'));
  assert.ok(Math.abs(bode.rows[0][1]) < 0.01, `pass-band gain ${bode.rows[0][1]} dB`);
  for (const chart of ['bode_magnitude', 'rlc_chart', 'divider_chart']) svgText(path.join(run.out, `${chart}.svg.svg`));
  pngSize(path.join(run.out, 'bode_phase.plot_image.png'));
});

test('quantum-circuits: Bell pair and GHZ counts are correlated, |+> points along x, QASM of each circuit', () => {
  const run = llmosRun(example('quantum-circuits'));
  assertAllDone(run, ['bell', 'plus', 'ghz']);
  const bell = outputsOf(run, 'bell');
  assert.deepEqual(Object.keys(bell.counts).sort(), ['00', '11']);  // never 01 or 10
  assert.equal(bell.counts['00'] + bell.counts['11'], 1024);
  assert.ok(Math.abs(bell.counts['00'] / 1024 - 0.5) < 0.05, JSON.stringify(bell.counts));
  assert.deepEqual(bell.bloch_vectors, [[0, 0, 0], [0, 0, 0]]);  // each half of the pair is mixed
  assert.match(bell.qasm, /^OPENQASM 2\.0;\ninclude "qelib1\.inc";\nqreg q\[2\];/);
  const plus = outputsOf(run, 'plus');
  assert.deepEqual(plus.bloch_vectors, [[1, 0, 0]]);
  for (const row of plus.amplitudes) near(row.probability, 0.5, 1e-12, `P(${row.basis})`);
  const ghz = outputsOf(run, 'ghz');
  assert.deepEqual(Object.keys(ghz.counts).sort(), ['000', '111']);
  assert.equal(ghz.parity_expectation, 1);
});

test('every shipped example is covered above', () => {
  const covered = ['vqe-plot', 'rc-chart', 'expression-plot', 'csv-to-chart', 'spinning-cube', 'quantum-and-3d',
                   'circuit-dashboard', 'quantum-circuits'];
  assert.deepEqual(readdirSync(examplesDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort(),
                   covered.sort());
});

// A user volume with a skill that fails at a known line, and one that waits.
const userDir = path.join(scratch, 'user-skills');
mkdirSync(userDir, { recursive: true });
writeFileSync(path.join(userDir, 'failing-node.md'), `---
skill_id: failing-node
name: Failing
type: python-wasm
category: test
description: raises
inputs:
  - {name: x, type: float, default: 1}
outputs:
  - {name: y, type: float}
---
\`\`\`python
def execute(inputs):
    raise ValueError("x is %s" % inputs["x"])
\`\`\`
`);
writeFileSync(path.join(userDir, 'slow-js-node.md'), `---
skill_id: slow-js-node
name: Slow
type: javascript
category: test
description: counts for a long time
inputs:
  - {name: n, type: float, default: 1}
outputs:
  - {name: y, type: float}
---
\`\`\`javascript
function execute(inputs) {
  let total = 0;
  for (let i = 0; i < inputs.n; i++) total += i % 7;
  return { y: total };
}
\`\`\`
`);

// A failing node ('bad'), its successor ('after') and an independent node ('other').
function writeFailingFlow(name) {
  const flow = path.join(scratch, name);
  writeFileSync(flow, JSON.stringify({
    nodes: [{ nodeId: 'bad', skillId: 'failing-node', inputValues: { x: 3 } },
            { nodeId: 'after', skillId: 'unit-converter-node', inputValues: { from_unit: 'Ha', to_unit: 'eV' } },
            { nodeId: 'other', skillId: 'unit-converter-node', inputValues: { value: 1, from_unit: 'Ha', to_unit: 'eV' } }],
    edges: [{ source: 'bad', sourceOutput: 'y', target: 'after', targetInput: 'value' }],
  }));
  return flow;
}

test('a failing node: exit 1, its error with the skill file\'s line, its successor skipped, the rest done', () => {
  const flow = writeFailingFlow('failing.json');
  const run = llmosRun(flow, ['--user', userDir]);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.json.ok, false);
  assert.deepEqual(run.json.failed, ['bad']);
  assert.equal(run.json.results.bad.error.code, 'python.exception');
  assert.match(run.json.results.bad.error.message, /ValueError: x is 3/);
  assert.equal(run.json.results.bad.error.line, 14);
  assert.equal(run.json.results.after.state, 'skipped');
  assert.ok(Math.abs(run.json.results.other.outputs.result - HARTREE_EV) < 1e-9);
  assert.match(run.stderr, /^  error +bad .*python\.exception: .*ValueError: x is 3/m);
  assert.match(run.stderr, /^failed: 1 done, 0 cached, 1 failed, 1 skipped, 0 cancelled/m);
});

test('--events: one JSON line per node event on stderr, the failing node with its error, then the totals', () => {
  const flow = writeFailingFlow('failing-events.json');
  const run = llmosRun(flow, ['--user', userDir, '--events']);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stderr.trim().split('\n').map((line) => JSON.parse(line));  // nothing but JSON lines
  const last = (node) => lines.filter((line) => line.node === node).at(-1);
  assert.equal(last('bad').event, 'error');
  assert.equal(last('bad').skill, 'failing-node');
  assert.match(last('bad').error.message, /ValueError: x is 3/);
  assert.equal(last('after').event, 'skipped');
  assert.equal(last('other').event, 'done');
  assert.ok(last('other').ms >= 0);
  assert.ok(lines.findIndex((line) => line.node === 'other' && line.event === 'running') <
            lines.findIndex((line) => line.node === 'other' && line.event === 'done'));
  assert.deepEqual(lines.at(-1), { ...lines.at(-1), event: 'finished', ok: false, done: 1, failed: 1, skipped: 1 });
  assert.equal(run.json.results.other.state, 'done', 'stdout still carries --json');
});

test('an invalid workflow: exit 2 and the core\'s diagnostics, nothing runs', () => {
  const flow = path.join(scratch, 'invalid.json');
  writeFileSync(flow, JSON.stringify({ nodes: [{ nodeId: 'x', skillId: 'plot-data-nod' }], edges: [] }));
  const run = llmosRun(flow);
  assert.equal(run.status, 2);
  assert.equal(run.json.error.code, 'workflow.invalid');
  assert.equal(run.json.diagnostics[0].code, 'workflow.skill.unknown');
  assert.match(run.stderr, /error\[workflow\.skill\.unknown\]: unknown skill 'plot-data-nod' \(did you mean 'plot-data-node'\?\)/);
});

test('Ctrl+C cancels the run cleanly: exit 130, outputs already written stay, the rest is cancelled', async () => {
  const flow = path.join(scratch, 'interrupt.json');
  writeFileSync(flow, JSON.stringify({
    nodes: [{ nodeId: 'quick', skillId: 'unit-converter-node', inputValues: { value: 2, from_unit: 'Ha', to_unit: 'eV' } },
            { nodeId: 'slow', skillId: 'slow-js-node', inputValues: { n: 1e11 } }],
    edges: [],
  }));
  const out = mkdtempSync(path.join(scratch, 'out-'));
  const child = spawn(bin, ['run', flow, '--skills', path.join(repo, 'skills'), '--user', userDir, '--out', out, '--json'],
                      { cwd: repo });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 120000;
  while (!(existsSync(path.join(out, 'quick.result.json')) && /running +slow/.test(stderr))) {
    assert.ok(Date.now() < deadline, `the run did not get going: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const interruptedAt = Date.now();
  child.kill('SIGINT');
  const { code } = await exited;
  assert.equal(code, 130, stderr);
  assert.ok(Date.now() - interruptedAt < 10000, 'cancelled promptly');
  const summary = JSON.parse(stdout);
  assert.equal(summary.interrupted, true);
  assert.equal(summary.results.quick.state, 'done');
  assert.equal(summary.results.slow.state, 'cancelled');
  assert.ok(Math.abs(JSON.parse(readFileSync(path.join(out, 'quick.result.json'), 'utf8')) - 2 * HARTREE_EV) < 1e-9);
  assert.ok(existsSync(path.join(out, 'trace.json')), 'the trace is written on the way out');
  assert.match(stderr, /interrupted, cancelling the run/);
});
