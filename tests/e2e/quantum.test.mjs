// Quantum and circuit previews through the editor (issue 20): the quantum
// examples opened as the Examples menu opens them and run with Run all; each
// quantum node's preview has tabs (histogram, amplitudes, Bloch spheres,
// circuit, OpenQASM 2). What the previews draw is read back with
// window.llmos.debug.previewData(node) and compared with expectations
// computed here (Bell and |+> probabilities, the exact ground state of the
// H2 Hamiltonian), and with pixels where the histogram and the Bloch vector
// draw. The OpenQASM 2 and netlist exports are clicked in the larger view and
// the downloaded files parsed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, rightClick, screenshot, waitForFrames } from './harness.mjs';

const BLUE = [79, 157, 255];     // series_colour(0): histogram bars
const ORANGE = [255, 159, 64];   // the Bloch vector
const BODY = [20, 22, 28];       // the preview's background

let server;
let browser;
let page;
let problems;
before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: { width: 1400, height: 900 }, frames: 3 }));
  await page.waitForFunction(() => window.llmos?.files?.openExample, null, { timeout: 30000 });
});
after(() => closeWorkbench({ server, browser }));

async function openAndRun(file) {
  await page.evaluate((f) => window.llmos.files.openExample(f), `examples/${file}`);
  await waitForFrames(page, 3);
  const before = await page.evaluate(() => window.llmos.debug.runState().status);
  assert.equal(await page.evaluate(() => window.llmos.debug.runCommand({ command: 'run_all' })), true);
  await page.waitForFunction((previous) => {
    const s = window.llmos.debug.runState();
    return !s.running && s.status !== previous && /^Run \d+ finished/.test(s.status);
  }, before, { timeout: 180000, polling: 100 });
  // Until the editor has drawn every preview (its frames are paced, so a
  // number of the page's animation frames does not promise one).
  await page.waitForFunction(() => {
    window.llmos.requestFrame();
    return window.llmos.debug.state().nodes.every((n) => !n.views || n.previewRect);
  }, null, { timeout: 15000, polling: 100 });
  await waitForFrames(page, 2);
  return nodes();
}

const nodes = async () => Object.fromEntries((await page.evaluate(() => window.llmos.debug.state().nodes))
  .map((n) => [n.nodeId, n]));
const viewsOf = (node) => page.evaluate((id) => window.llmos.debug.previewData(id), node);
const tab = (views, name) => {
  const found = views.find((v) => v.tab === name);
  assert.ok(found, `a ${name} tab among ${views.map((v) => v.tab)}`);
  return found;
};
const centre = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const sum = (values) => values.reduce((a, b) => a + b, 0);

// Pixels of a CSS-pixel region of the page: how many differ from the preview
// body, how many are near `colour`, and the centroid of those.
async function regionPixels(region, colour) {
  const png = await page.screenshot({ clip: region });
  return page.evaluate(async ({ data, colour: c, body }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let differing = 0, near = 0, sx = 0, sy = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const p = [pixels[i], pixels[i + 1], pixels[i + 2]];
      if (Math.abs(p[0] - body[0]) + Math.abs(p[1] - body[1]) + Math.abs(p[2] - body[2]) > 30) differing++;
      if (Math.abs(p[0] - c[0]) + Math.abs(p[1] - c[1]) + Math.abs(p[2] - c[2]) < 40) {
        near++;
        sx += (i / 4) % image.width;
        sy += Math.floor(i / 4 / image.width);
      }
    }
    return { total: pixels.length / 4, differing, near, cx: near ? sx / near / image.width : NaN,
             cy: near ? sy / near / image.height : NaN };
  }, { data: png.toString('base64'), colour, body: BODY });
}

// Double-clicks a node's preview (the larger view opens), picks a tab there
// and clicks an export button; returns the downloaded file's name and text.
// Right-click on the node's header, then the menu item that downloads.
async function exportFromNodeMenu(node, label) {
  const menu = await rightClick(page, await page.evaluate((id) => window.llmos.debug.headerPosition(id), node));
  const item = menu?.items?.find((i) => i.label === label);
  assert.ok(item, `${label} in ${JSON.stringify(menu?.items?.map((i) => i.label))}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.mouse.click(item.x, item.y)]);
  const text = readFileSync(await download.path(), 'utf8');
  await waitForFrames(page, 2);
  return { name: download.suggestedFilename(), text };
}

// OpenQASM 2 statements after the header, as [name, operands] pairs.
function parseQasm(text) {
  const statements = text.split(';').map((s) => s.trim()).filter(Boolean);
  assert.equal(statements[0], 'OPENQASM 2.0');
  assert.equal(statements[1], 'include "qelib1.inc"');
  const body = statements.slice(2).map((s) => {
    const match = s.match(/^([a-z][a-z0-9]*)(\([^)]*\))?\s+(.+)$/);
    assert.ok(match, `a QASM statement: ${s}`);
    return { name: match[1], params: match[2] ?? '', operands: match[3] };
  });
  const count = (name) => body.filter((s) => s.name === name).length;
  return { body, count };
}

test('Bell pair, |+> and GHZ: histogram, amplitudes and Bloch sphere hold the right numbers and draw', async () => {
  const state = await openAndRun('quantum-circuits.json');
  for (const node of ['bell', 'plus', 'ghz']) assert.equal(state[node].state, 'done', JSON.stringify(state[node]));

  // Bell: counts as probabilities add up to 1 and are 50/50 within shot noise
  // (sd 0.016 for 1024 shots); the amplitudes are exactly 1/2 on 00 and 11.
  const bell = await viewsOf('bell');
  assert.deepEqual(bell.map((v) => v.tab), ['Histogram', 'Amplitudes', 'Probabilities', 'Bloch', 'Circuit', 'QASM']);
  assert.deepEqual(state.bell.views.map((v) => v.tab), bell.map((v) => v.tab));
  const histogram = tab(bell, 'Histogram').panes[0];
  assert.deepEqual(histogram.categories, ['00', '11']);
  const shots = sum(histogram.series[0].y);
  assert.equal(shots, 1024);
  const probabilities = histogram.series[0].y.map((c) => c / shots);
  assert.ok(Math.abs(sum(probabilities) - 1) < 1e-12);
  for (const p of probabilities) assert.ok(Math.abs(p - 0.5) < 0.05, `Bell outcome ${p}`);
  const amplitudes = tab(bell, 'Amplitudes').panes[0];
  assert.deepEqual(amplitudes.categories, ['00', '01', '10', '11']);
  amplitudes.series[0].y.forEach((p, i) => assert.ok(Math.abs(p - [0.5, 0, 0, 0.5][i]) < 1e-9, `P(${i}) = ${p}`));
  assert.equal(state.bell.previewText, '2 outcomes, 1024 shots, most likely ' + (probabilities[1] > probabilities[0] ? '11' : '00'));
  assert.equal(tab(bell, 'Bloch').text, 'Bloch vectors: q0 (0, 0, 0), q1 (0, 0, 0)');

  // The histogram is the node's first tab: its bars are on screen.
  assert.equal(state.bell.activeView, 0);
  const bars = await regionPixels(state.bell.previewRect, BLUE);
  assert.ok(bars.near / bars.total > 0.04, `histogram bars drawn: ${JSON.stringify(bars)}`);

  // |+> = H|0>: its Bloch vector is (1, 0, 0).
  const plus = await viewsOf('plus');
  assert.deepEqual(tab(plus, 'Bloch').vectors, [[1, 0, 0]]);
  assert.equal(tab(plus, 'Bloch').text, 'Bloch vector: q0 (1, 0, 0)');
  tab(plus, 'Amplitudes').panes[0].series[0].y.forEach((p) => assert.ok(Math.abs(p - 0.5) < 1e-12));
  // Clicking the Bloch tab shows the sphere; +x is drawn towards the viewer,
  // left of and below the centre, so the vector's pixels sit there.
  const blochIndex = state.plus.views.findIndex((v) => v.tab === 'Bloch');
  const blochTab = centre(state.plus.tabRects[blochIndex]);
  await page.mouse.click(blochTab.x, blochTab.y);
  await waitForFrames(page, 3);
  const after = (await nodes()).plus;
  assert.equal(after.activeView, blochIndex);
  await screenshot(page, 'quantum-circuits');
  const sphere = await regionPixels(after.previewRect, ORANGE);
  assert.ok(sphere.near > 40, `the Bloch vector is drawn: ${JSON.stringify(sphere)}`);
  assert.ok(sphere.cx < 0.5 && sphere.cy > 0.35, `the vector points to +x (left, down): ${JSON.stringify(sphere)}`);

  // GHZ: only all-equal outcomes.
  const ghz = await viewsOf('ghz');
  assert.deepEqual(tab(ghz, 'Histogram').panes[0].categories, ['000', '111']);
  assert.deepEqual(problems, []);
});

test('OpenQASM 2 export of the Bell node downloads the circuit it ran', async () => {
  const { name, text } = await exportFromNodeMenu('bell', 'Export OpenQASM 2');
  assert.equal(name, 'qasm.qasm');
  const qasm = parseQasm(text);
  assert.deepEqual(qasm.body.filter((s) => s.name !== 'measure').map((s) => `${s.name} ${s.operands}`),
                   ['qreg q[2]', 'creg c[2]', 'h q[0]', 'cx q[0],q[1]']);
  assert.equal(qasm.count('measure'), 2);
});

// H2 (0.735 A, STO-3G, parity mapping): H = c0 II + c1 IZ + c2 ZI + c3 ZZ + c4 XX
// (qubit 0 rightmost). XX couples 00<->11 and 01<->10: two 2x2 blocks.
function h2GroundState() {
  const [c0, c1, c2, c3, c4] = [-1.052373, 0.397937, -0.397937, -0.011280, 0.180931];
  const z = (i, q) => ((i >> q) & 1 ? -1 : 1);
  const d = (i) => c0 + c1 * z(i, 0) + c2 * z(i, 1) + c3 * z(i, 0) * z(i, 1);
  let best = null;
  for (const [a, b] of [[0, 3], [1, 2]]) {
    const lambda = (d(a) + d(b)) / 2 - Math.hypot((d(a) - d(b)) / 2, c4);
    if (!best || lambda < best.energy) {
      const pa = c4 * c4 / (c4 * c4 + (lambda - d(a)) ** 2);
      const p = [0, 0, 0, 0];
      p[a] = pa;
      p[b] = 1 - pa;
      best = { energy: lambda + 0.719969, probabilities: p };
    }
  }
  return best;
}

test('VQE: the convergence first, then the histogram of its optimised state against the exact ground state', async () => {
  const state = await openAndRun('vqe-plot.json');
  assert.match(state.vqe.previewText, /^Eigenvalue: -1\.137306 Ha \(converged\)$/);
  const views = await viewsOf('vqe');
  assert.deepEqual(views.map((v) => v.tab), ['Convergence', 'Histogram', 'Amplitudes', 'Bloch', 'Circuit', 'QASM', 'Values']);
  assert.equal(state.vqe.activeView, 0);
  const ground = h2GroundState();
  assert.ok(Math.abs(ground.energy - -1.137306) < 2e-6, `the expectation's own energy: ${ground.energy}`);
  const convergence = tab(views, 'Convergence').panes[0];
  assert.ok(Math.abs(convergence.series[0].y.at(-1) - ground.energy) < 1e-5);
  const histogram = tab(views, 'Histogram').panes[0];
  const shots = sum(histogram.series[0].y);
  assert.equal(shots, 1024);
  histogram.categories.forEach((bits, i) => {
    const p = histogram.series[0].y[i] / shots;
    assert.ok(Math.abs(p - ground.probabilities[parseInt(bits, 2)]) < 0.05, `P(${bits}) = ${p} vs ${ground.probabilities}`);
  });
  tab(views, 'Amplitudes').panes[0].series[0].y.forEach((p, i) =>
    assert.ok(Math.abs(p - ground.probabilities[i]) < 1e-3, `|amplitude ${i}|^2 = ${p} vs ${ground.probabilities[i]}`));
  // Each qubit's Bloch z is P(0) - P(1) of that qubit in the ground state.
  tab(views, 'Bloch').vectors.forEach(([, , zq], q) => {
    const expected = sum(ground.probabilities.map((p, i) => ((i >> q) & 1 ? -p : p)));
    assert.ok(Math.abs(zq - expected) < 1e-3, `q${q} z ${zq} vs ${expected}`);
  });
  const qasm = parseQasm(tab(views, 'QASM').textBody);
  assert.equal(qasm.count('ry'), 4);
  assert.equal(qasm.count('cx'), 1);
  assert.equal(qasm.count('measure'), 2);
  assert.equal(tab(views, 'QASM').text, 'OpenQASM 2.0, 2 qubits, 5 gates, 2 measurements');
  await screenshot(page, 'quantum-vqe');
});

test('the RC node exports the netlist it simulated from its right-click menu, filled with its parameters', async () => {
  const state = await openAndRun('rc-chart.json');
  assert.equal(state.rc.state, 'done', JSON.stringify(state.rc));
  const { name, text } = await exportFromNodeMenu('rc', 'Export netlist');
  assert.equal(name, 'netlist.cir');
  const { inputValues } = state.rc;
  const card = (prefix) => text.split('\n').find((line) => line.startsWith(prefix))?.trim().split(/\s+/);
  assert.deepEqual(card('R1').slice(1, 3), ['in', 'out']);
  assert.equal(Number(card('R1')[3]), inputValues.resistance);
  assert.equal(Number(card('C1')[3]), inputValues.capacitance);
  assert.match(text, /^\.tran /m);
  assert.match(text, /^\.end\s*$/m);
  assert.doesNotMatch(text, /\{\{/, 'no template placeholder is left');
});
