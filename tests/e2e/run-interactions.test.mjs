// Run interactions on the canvas (issue 20), in Debian's Chromium, through
// the real mouse and keyboard: a link pulses while its source node produces
// its value (pixels of the dots, frames only while it does) and tells its
// value on hover; right-click menus on the background (Run all, Stop) and on
// a node (Run, Run from here, Re-run without cache, Clear cached result);
// clearing one cached result makes the next Run all recompute exactly that
// node; Ctrl+Enter, Shift+Enter and Esc.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, pixelStats, rightClick, screenshot, waitForFrames } from './harness.mjs';
import { busyPythonSkill } from '../support/busy-python-skill.mjs';

// A Python node busy for a while (interruptible) and a JavaScript node after it.
const SLOW = busyPythonSkill({ id: 'test-slow-node', name: 'Slow source', seconds: 3 });
const DOUBLE = `---
skill_id: test-double-node
name: Double
type: javascript
category: test
inputs:
  - {name: x, type: float, default: 1}
outputs:
  - {name: y, type: float}
---
# Doubles its input

\`\`\`javascript
function execute(inputs) {
  return { y: inputs.x * 2 };
}
\`\`\`
`;
// slow -> twice -> again, far enough apart that the links (and their
// middles) cross open canvas, also once the nodes show their previews.
const WORKFLOW = {
  nodes: [
    { nodeId: 'slow', skillId: 'test-slow-node', inputValues: { seconds: 6 }, ui: { position: [0, 0] } },
    { nodeId: 'twice', skillId: 'test-double-node', inputValues: {}, ui: { position: [460, 0] } },
    { nodeId: 'again', skillId: 'test-double-node', inputValues: {}, ui: { position: [460, 420] } },
  ],
  edges: [
    { source: 'slow', sourceOutput: 'loops', target: 'twice', targetInput: 'x' },
    { source: 'twice', sourceOutput: 'y', target: 'again', targetInput: 'x' },
  ],
  ui: { viewport: { x: -60, y: -60, zoom: 0.8 } },
};

let server;
let browser;
let page;
let problems;
before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true, frames: 3 }));
  await page.waitForFunction(() => window.llmos?.loadWorkflow, null, { timeout: 30000 });
  await page.evaluate(({ slow, double }) => {
    for (const [file, text] of [['user/test-slow-node.md', slow], ['user/test-double-node.md', double]]) {
      const answer = window.llmos.core.addSkill(file, text, 'user');
      if (!answer.ok) throw new Error(JSON.stringify(answer));
    }
  }, { slow: SLOW, double: DOUBLE });
  await page.evaluate((workflow) => window.llmos.loadWorkflow(workflow, 'run-interactions'), WORKFLOW);
  await waitForFrames(page, 5);
});
after(() => closeWorkbench({ server, browser }));

const state = () => page.evaluate(() => window.llmos.debug.state());
const runState = () => page.evaluate(() => window.llmos.debug.runState());
const pin = (node, port, direction) => page.evaluate(([n, p, d]) => window.llmos.debug.pinPosition(n, p, d), [node, port, direction]);
const header = (node) => page.evaluate((n) => window.llmos.debug.headerPosition(n), node);
const nodeStates = async () => Object.fromEntries(Object.entries((await runState()).nodes).map(([id, n]) => [id, n.state]));
const waitIdle = () => page.waitForFunction(() => !window.llmos.debug.runState().running, null, { timeout: 120000, polling: 100 });
const framesDrawn = async (ms) => {
  const before = await page.evaluate(() => window.llmos.frames.stats().frames);
  await page.waitForTimeout(ms);
  return (await page.evaluate(() => window.llmos.frames.stats().frames)) - before;
};
// The middle of a link between two pins: its bezier has mirrored control points.
const linkMiddle = async (source, output, target, input) => {
  const [a, b] = [await pin(source, output, 'out'), await pin(target, input, 'in')];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
};
async function hoverText(point) {
  await page.mouse.move(point.x, point.y);
  await waitForFrames(page, 4);
  return (await state()).hoveredLink;
}
const contextMenu = (point) => rightClick(page, point);
async function choose(menu, label) {
  const item = menu.items.find((i) => i.label === label);
  assert.ok(item, `no "${label}" in ${JSON.stringify(menu.items.map((i) => i.label))}`);
  assert.ok(item.enabled, `"${label}" is disabled`);
  await page.mouse.click(item.x, item.y);
  await waitForFrames(page, 3);
}
const BACKGROUND = { x: 400, y: 600 };  // empty canvas below the first node
const awayFromLinks = async () => { await page.mouse.move(5, 400); await waitForFrames(page, 4); };

test('Hovering a link before any run says its type and that it has no value yet', async () => {
  const text = await hoverText(await linkMiddle('slow', 'loops', 'twice', 'x'));
  assert.equal(text, 'slow.loops -> twice.x\nint: no value yet (run the workflow)');
  await awayFromLinks();
  assert.equal((await state()).hoveredLink, '');
});

test('Ctrl+Enter runs all; the link out of the running node pulses (pixels), then stops and frames stop', async () => {
  const middle = await linkMiddle('slow', 'loops', 'twice', 'x');
  const [out, into] = [await pin('slow', 'loops', 'out'), await pin('twice', 'x', 'in')];
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => window.llmos.debug.runState().nodes.slow?.state === 'running', null,
                             { timeout: 60000, polling: 50 });
  await waitForFrames(page, 3);
  const producing = await state();
  assert.equal(producing.pulsingLinks, 1, 'only the link out of the running node pulses');
  assert.equal(producing.pulsePoints.length, 3);
  assert.match(await hoverText(middle), /^slow\.loops -> twice\.x\nint: being produced$/);
  await awayFromLinks();
  assert.ok(await framesDrawn(400) >= 4, 'the pulse keeps frames coming while the node runs');

  // Freeze drawing so the dots on screen are the ones the state reports.
  await page.evaluate(() => window.llmos.frames.pause());
  const dots = (await state()).pulsePoints.filter((p) => p.x > out.x + 12 && p.x < into.x - 12);
  const during = await screenshot(page, 'link-pulse');
  await page.evaluate(() => window.llmos.frames.resume());
  assert.ok(dots.length >= 1, `no dot between the pins: ${JSON.stringify(dots)}`);
  const region = (p) => ({ x: Math.round(p.x) - 6, y: Math.round(p.y) - 6, width: 13, height: 13 });
  const brightDuring = [];
  for (const dot of dots) brightDuring.push((await pixelStats(page, during.png, [0, 0, 0], region(dot))).bright);
  assert.ok(brightDuring.every((n) => n >= 12), `white dots where the state says: ${brightDuring}`);

  await waitIdle();
  const finished = await nodeStates();
  assert.deepEqual(finished, { slow: 'done', twice: 'done', again: 'done' });
  await waitForFrames(page, 3);
  assert.equal((await state()).pulsingLinks, 0);
  const afterRun = await screenshot(page, 'link-after-run');
  for (const dot of dots) {
    assert.equal((await pixelStats(page, afterRun.png, [0, 0, 0], region(dot))).bright, 0, 'the dots are gone');
  }
  assert.equal(await framesDrawn(800), 0, 'no frames once nothing moves');
});

test('Hovering a link after the run summarises the value it carried', async () => {
  const loops = await hoverText(await linkMiddle('slow', 'loops', 'twice', 'x'));
  const match = loops.match(/^slow\.loops -> twice\.x\nint (\d+)$/);
  assert.ok(match, loops);
  const doubled = await hoverText(await linkMiddle('twice', 'y', 'again', 'x'));
  assert.equal(doubled, `twice.y -> again.x\nfloat ${Number(match[1]) * 2}`);
  await screenshot(page, 'link-hover');
  await awayFromLinks();
});

test('Right-click on the background: Run all and Stop; Run all from the menu finds everything cached', async () => {
  const menu = await contextMenu(BACKGROUND);
  assert.equal(menu.open, true);
  assert.equal(menu.node, '');
  const labels = menu.items.map((i) => i.label);
  assert.deepEqual(labels.slice(0, 2), ['Run all', 'Stop']);
  assert.equal(menu.items[1].enabled, false, 'Stop is off while nothing runs');
  await screenshot(page, 'context-menu-canvas');
  await choose(menu, 'Run all');
  assert.equal((await state()).contextMenu.open, false);
  await waitIdle();
  assert.deepEqual(await nodeStates(), { slow: 'cached', twice: 'cached', again: 'cached' });
});

test('Right-click on a node, Clear cached result: the next Run all recomputes exactly that node', async () => {
  const menu = await contextMenu(await header('twice'));
  assert.equal(menu.node, 'twice');
  assert.deepEqual((await state()).selection, ['twice'], 'the node under the click is selected');
  assert.deepEqual(menu.items.map((i) => i.label),
                   ['Run', 'Run from here', 'Re-run without cache', 'Clear cached result', 'Duplicate', 'Delete']);
  await screenshot(page, 'context-menu-node');
  await choose(menu, 'Clear cached result');
  const cleared = await page.evaluate(() => window.llmos.debug.lastCleared());
  assert.equal(cleared.ok, true, JSON.stringify(cleared));
  assert.equal(cleared.node, 'twice');
  assert.equal(cleared.removed, true, 'a result was stored under the node\'s key');
  assert.match(cleared.key, /^[0-9a-f]{16}$/);
  assert.equal(await page.evaluate((key) => window.llmos.core.resultStore.has(key), cleared.key), false,
               'gone from the IndexedDB result store too');
  assert.equal((await runState()).nodes.twice, undefined, 'its picture leaves the canvas');

  await page.keyboard.press('Control+Enter');
  await waitIdle();
  assert.deepEqual(await nodeStates(), { slow: 'cached', twice: 'done', again: 'cached' });
  assert.equal(await page.evaluate((key) => window.llmos.core.resultStore.has(key), cleared.key), true,
               'the recomputed result is stored again under the same key');
});

// Does `start` and waits for the run it starts to finish (the status line
// names each run, so the previous run's line does not count).
async function nextRun(start) {
  const before = (await runState()).status;
  await start();
  await page.waitForFunction((previous) => {
    const s = window.llmos.debug.runState();
    return !s.running && s.status !== previous && /^Run \d+ finished/.test(s.status);
  }, before, { timeout: 120000, polling: 50 });
  return (await runState()).status;
}

test('Shift+Enter runs the selected node and what it needs; the node menu runs to and from it', async () => {
  await page.mouse.click((await header('again')).x, (await header('again')).y);
  // The editor takes the click at its next frame, which may wait behind the
  // page's animation frames (frames are paced): wait for the selection.
  await page.waitForFunction(() => JSON.stringify(window.llmos.debug.state().selection) === '["again"]', null,
                             { timeout: 10000, polling: 50 });
  assert.match(await nextRun(() => page.keyboard.press('Shift+Enter')), /finished: 3 cached/);
  assert.match(await nextRun(async () => choose(await contextMenu(await header('twice')), 'Run from here')),
               /finished: 3 cached/, 'twice and again from the cache, slow kept');
  assert.match(await nextRun(async () => choose(await contextMenu(await header('twice')), 'Run')),
               /finished: 3 cached/);
});

// Starts slow again without the cache, then `prepare()`s and `stop()`s it:
// cancelled within a second of the stopping action.
async function rerunAndStop(stop, prepare = async () => {}) {
  await choose(await contextMenu(await header('slow')), 'Re-run without cache');
  await page.waitForFunction(() => window.llmos.debug.runState().nodes.slow?.state === 'running', null,
                             { timeout: 30000, polling: 50 });
  await prepare();
  const stopped = Date.now();
  await stop();
  await page.waitForFunction(() => window.llmos.debug.runState().nodes.slow?.state === 'cancelled', null,
                             { timeout: 5000, polling: 20 });
  const took = Date.now() - stopped;
  assert.ok(took < 1000, `cancelled after ${took} ms`);
  await waitIdle();
  assert.ok(['skipped', 'cancelled'].includes((await runState()).nodes.twice.state));
}

test('Re-run without cache from the node menu; Stop from the background menu, then Esc, stop it within a second', async () => {
  let menu;
  await rerunAndStop(() => choose(menu, 'Stop'), async () => {
    menu = await contextMenu(BACKGROUND);
    assert.equal(menu.items.find((i) => i.label === 'Run all').enabled, false, 'Run all is off while a run is live');
  });
  await rerunAndStop(() => page.keyboard.press('Escape'));
  assert.deepEqual(problems, []);
});
