// "Edit a copy" (issue 19), in Debian's Chromium with the real mouse and
// keyboard: the inspector opens the node's skill file as a copy; a typo
// shows the core parser's diagnostic at its line (red in the gutter) and
// blocks saving; fixed and changed, it saves as a user skill the node
// switches to, a run gives the changed skill's result, and a reload keeps
// the skill (IndexedDB) and the node's use of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeWorkbench, openWorkbench, pixelStats, screenshot, waitForFrames } from './harness.mjs';

let server;
let browser;
let page;
let problems;
before(async () => {
  ({ server, browser, page, problems } = await openWorkbench({ page: true, frames: 3 }));
  await page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });
});
after(() => closeWorkbench({ server, browser }));

const editor = () => page.evaluate(() => window.llmos.debug.skillEditor());
const nodeState = () => page.evaluate(() => window.llmos.debug.state().nodes[0]);

// One key press seen by its own frame (ImGui reads key states once per
// frame, so two taps of one key before a frame would count once).
async function tap(key) {
  await page.keyboard.press(key);
  await waitForFrames(page, 2);
}

// Puts the text cursor at a 1-based line and column with the keyboard (the
// text box scrolls to follow it).
async function moveCaret(line, column) {
  const { textOrigin, lineHeight, charWidth } = await editor();
  await page.mouse.click(textOrigin.x + charWidth * 2, textOrigin.y + lineHeight / 2);
  await tap('Control+Home');
  for (let i = 1; i < line; i++) await tap('ArrowDown');
  await tap('Home');
  for (let i = 1; i < column; i++) await tap('ArrowRight');
}

async function runAll() {
  assert.equal(await page.evaluate(() => window.llmos.debug.runCommand({ command: 'run_all' })), true);
  await page.waitForFunction(() => !window.llmos.debug.runState().running, null, { timeout: 60000, polling: 100 });
  return page.evaluate(() => window.llmos.debug.runState().nodes.convert);
}

let copyId;  // the saved copy's id, for the reload test below

test('Edit a copy: diagnostics at their line, save as a user skill, the node runs it', async () => {
  const workflow = {
    nodes: [{ nodeId: 'convert', skillId: 'unit-converter-node', inputValues: { value: 1, from_unit: 'mi', to_unit: 'km' } }],
    edges: [],
  };
  await page.evaluate((w) => window.llmos.loadWorkflow(w, 'skill-copy'), workflow);
  await waitForFrames(page, 3);
  const original = await runAll();
  assert.equal(original.state, 'done', JSON.stringify(original));
  assert.match(original.previewText, /1\.609344/);

  // Select the node; the inspector offers "Edit a copy".
  const header = await page.evaluate(() => window.llmos.debug.headerPosition('convert'));
  await page.mouse.click(header.x, header.y);
  await page.waitForFunction(() => window.llmos.debug.skillEditor()?.openButton?.x > 0);
  const { openButton } = await editor();
  await page.mouse.click(openButton.x, openButton.y);
  await page.waitForFunction(() => window.llmos.debug.skillEditor().open && window.llmos.debug.skillEditor().lineHeight > 0);
  let state = await editor();
  assert.equal(state.sourceSkillId, 'unit-converter-node');
  // A fresh id: "-copy", or "-copy-N" when the server kept an earlier run's copy.
  copyId = state.skillId;
  assert.match(copyId, /^unit-converter-node-copy(-\d+)?$/);
  assert.equal(await page.evaluate((id) => window.llmos.core.listSkills().some((s) => s.skill_id === id), copyId), false);
  assert.equal(state.savable, true, JSON.stringify(state.diagnostics));
  assert.ok(state.text.split('\n').includes(`skill_id: ${copyId}`));

  // A typo in the skill type: the parser's error at that line, saving blocked.
  const lines = state.text.split('\n');
  const typeLine = lines.findIndex((line) => line === 'type: javascript') + 1;
  assert.ok(typeLine > 1);
  await moveCaret(typeLine, lines[typeLine - 1].length + 1);
  await page.keyboard.type('x');
  await page.waitForFunction((line) => window.llmos.debug.skillEditor().errorLines.includes(line), typeLine);
  state = await editor();
  assert.equal(state.savable, false);
  const error = state.diagnostics.find((d) => d.severity === 'error');
  assert.equal(error.line, typeLine);
  assert.match(error.message, /javascriptx/);
  // The gutter paints that line's number on red.
  const { png } = await screenshot(page, 'skill-editor-error');
  const y = Math.round(state.textOrigin.y + (typeLine - 1) * state.lineHeight) + 1;
  const gutter = { x: Math.ceil(state.gutter.left), y, width: Math.floor(state.gutter.right - state.gutter.left), height: Math.floor(state.lineHeight) - 2 };
  const red = await pixelStats(page, png, [120, 30, 30], gutter);
  assert.ok(red.total - red.differing > red.total * 0.4, `gutter at line ${typeLine} is red: ${JSON.stringify(red)}`);

  // Fixed: savable again. Then change the code: a mile becomes 1609 m.
  await tap('Backspace');
  await page.waitForFunction(() => window.llmos.debug.skillEditor().savable);
  state = await editor();
  const codeLines = state.text.split('\n');
  const mileLine = codeLines.findIndex((line) => line.includes("mi: ['length', 1609.344]")) + 1;
  assert.ok(mileLine > typeLine);
  const column = codeLines[mileLine - 1].indexOf('1609.344') + '1609.344'.length + 1;
  await moveCaret(mileLine, column);
  for (let i = 0; i < 4; i++) await tap('Backspace');
  await page.waitForFunction(() => window.llmos.debug.skillEditor().text.includes("mi: ['length', 1609]"));
  state = await editor();
  assert.equal(state.savable, true, JSON.stringify(state.diagnostics));

  await page.mouse.click(state.saveButton.x, state.saveButton.y);
  await page.waitForFunction(() => !window.llmos.debug.skillEditor().open);
  assert.equal((await nodeState()).skillId, copyId);
  const copied = await runAll();
  assert.equal(copied.state, 'done', JSON.stringify(copied));
  assert.match(copied.previewText, /1\.609(?!\d)/);

});

// The reopened workflow names the copy. (It once named the original: an
// autosave of unchanged content got an empty commit the history does not
// list, so the next autosave, the switch to the copy, was refused as a
// conflict with another tab.)
test('after a reload the page has the copied skill and the node still uses it', async () => {
  await page.evaluate(() => Promise.all([window.llmos.userSkills.flush(), window.llmos.files.flush()]));
  const savedAs = await page.evaluate(() => window.llmos.files.name);
  assert.equal(await page.evaluate(() => window.llmos.files.conflicted), false);
  await page.reload();
  await waitForFrames(page, 3);
  await page.waitForFunction(() => window.llmos?.files, null, { timeout: 30000 });
  // The saved workflow (autosaved under its name) and the skill (IndexedDB).
  await page.evaluate((name) => window.llmos.files.open(name), savedAs);
  await page.waitForFunction(() => window.llmos.debug.state().nodes.length === 1, null, { timeout: 30000 });
  const reloaded = await nodeState();
  assert.equal(reloaded.skillId, copyId);
  assert.equal(reloaded.placeholder, false);
  const again = await runAll();
  assert.equal(again.state === 'done' || again.state === 'cached', true, JSON.stringify(again));
  assert.match(again.previewText, /1\.609(?!\d)/);
  // Hosted, saving a new user skill first asks the server whether it exists
  // (web/lib/workflow-store.js): that 404 is expected, nothing else is.
  const probe = /workflows\/skills\/unit-converter-node-copy|status of 404/;
  assert.deepEqual(problems.filter((p) => !probe.test(p)), []);
});
