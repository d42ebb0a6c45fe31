// Help > About against `llmos serve`: the window shows the version, the
// build (bundle.json's version), that the page is cross-origin isolated, and
// reads THIRD_PARTY_NOTICES.txt from the page's origin.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closeWorkbench, openPage, openWorkbench, pixelStats, repoRoot, screenshot, waitForFrames } from './harness.mjs';

const webRoot = path.join(repoRoot, 'build', 'web');
let server;
let browser;

before(async () => {
  ({ server, browser } = await openWorkbench({ server: { webRoot } }));
});
after(() => closeWorkbench({ server, browser }));

test('Help > About: version, build, isolation and the notices, drawn in the page', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await waitForFrames(page, 5);
  const background = [0x18, 0x1a, 0x1f];
  const region = { x: 300, y: 40, width: 900, height: 500 };
  const before = await pixelStats(page, (await screenshot(page, 'about-before')).png, background, region);

  await page.evaluate(() => window.llmos.debug.openAbout());
  const notices = statSync(path.join(webRoot, 'THIRD_PARTY_NOTICES.txt')).size;
  await page.waitForFunction((bytes) => window.llmos.debug.about().noticesBytes === bytes, notices, { timeout: 30000 });
  await waitForFrames(page, 5);
  const about = await page.evaluate(() => window.llmos.debug.about());
  const manifest = JSON.parse(readFileSync(path.join(webRoot, 'bundle.json'), 'utf8'));
  const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
  const lines = about.facts.split('\n');
  assert.match(lines[0], /^Version \d+\.\d+\.\d+$/);
  if (version) assert.equal(lines[0], `Version ${version}`);
  assert.equal(lines[1], `Build ${manifest.version}`);
  assert.equal(lines[2], 'Cross-origin isolated: Python nodes can be interrupted');
  assert.match(lines[3], /^Offline copy: /);

  const { png } = await screenshot(page, 'about-open');
  const after = await pixelStats(page, png, background, region);
  assert.ok(after.bright > before.bright + 500, `About's text is drawn: ${before.bright} -> ${after.bright} bright pixels`);

  // The link the window opens is the notices file of this origin.
  const linked = await page.evaluate(async () => {
    const answer = await fetch(new URL('THIRD_PARTY_NOTICES.txt', document.baseURI));
    return { status: answer.status, text: await answer.text() };
  });
  assert.equal(linked.status, 200);
  assert.equal(linked.text, readFileSync(path.join(webRoot, 'THIRD_PARTY_NOTICES.txt'), 'utf8'));
  assert.match(linked.text, /Dear ImGui/i);

  // Real clicks (the window opens at ImGui's default place, 60,60 at DPR 1):
  // "Show here" draws the notices in the window; the button opens the file.
  const below = { x: 280, y: 320, width: 320, height: 280 };  // right of the palette, below the button
  const hidden = await pixelStats(page, png, background, below);
  await page.mouse.click(306, 288);
  await waitForFrames(page, 5);
  const shown = await pixelStats(page, (await screenshot(page, 'about-notices')).png, background, below);
  assert.ok(shown.bright > hidden.bright + 1000, `the notices are drawn below the button: ${hidden.bright} -> ${shown.bright} bright pixels`);
  const [opened] = await Promise.all([
    page.context().waitForEvent('page', { timeout: 15000 }),
    page.mouse.click(177, 288),
  ]);
  await opened.waitForLoadState();
  assert.equal(opened.url(), new URL('THIRD_PARTY_NOTICES.txt', server.url).href);
  assert.match(await opened.textContent('body'), /yaml-cpp/);
  assert.deepEqual(problems.filter((p) => !/requestFullscreen/.test(p)), []);
});
