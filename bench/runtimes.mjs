// Browser runtimes, measured in headless Chromium through window.llmos
// (the editor's drawing loop paused, so the main thread is ours), printed
// beside the original design's table. Reports, never passes or fails.
//   node bench/runtimes.mjs            (after make build)
import { readdirSync, readFileSync } from 'node:fs';
import { openBrowser, openPage, startServer, waitForFrames } from '../tests/e2e/harness.mjs';

const ROUNDS = Number(process.env.ROUNDS || 30);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// Resident memory of Chromium's renderer processes (the page and its
// workers live there), in MiB.
function rendererMiB() {
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    } catch { /* gone */ }
  }
  return kib / 1024;
}

async function pyodideReady(page) {
  await waitForFrames(page, 1);
  return page.evaluate(async () => {
    const before = performance.now();
    const info = await window.llmos.preloadPyodide();
    return { afterNavigation: performance.now(), afterCall: performance.now() - before, phases: info.phases };
  });
}

const server = await startServer();
const browser = await openBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const rows = [];
try {
  const baseline = rendererMiB();
  const { page } = await openPage(browser, server.url);
  const first = await pyodideReady(page);
  const withPython = rendererMiB();
  await page.reload();
  const repeat = await pyodideReady(page);
  await page.evaluate(() => window.llmos.module.pauseMainLoop());
  const timings = await page.evaluate(async (rounds) => {
    const { pythonPool } = await import('/lib/pyodide-runner.js');
    const node = (type, code) => ({ workflow: { nodes: [{ nodeId: 'n', skillId: 's' }], edges: [] },
      skills: { s: { skill_id: 's', node_type: type, inputs: [], outputs: [{ name: 'y', type: 'any' }], code } } });
    const py = node('python-wasm', 'def execute(inputs):\n    return {"y": 1}\n');
    const js = node('javascript', 'function execute() { return { y: 1 }; }');
    const time = async (payload) => {
      const started = performance.now();
      await window.llmos.executeWorkflow(payload, null, null, { use_cache: false });
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) { await time(py); await time(js); }
    const pyTimes = [];
    const jsTimes = [];
    for (let i = 0; i < rounds; i++) { pyTimes.push(await time(py)); jsTimes.push(await time(js)); }
    // A stop, then the next Python node: interrupted loop, and a C loop (worker replaced).
    const afterStop = async (body) => {
      for (let i = 0; i < 600 && pythonPool().stats().standby?.state !== 'idle'; i++) await new Promise((r) => setTimeout(r, 100));
      let stoppedAt = 0;
      await window.llmos.executeWorkflow(node('python-wasm', `def execute(inputs):\n    ${body}\n`), null, null,
        { use_cache: false, node_timeout_ms: 200, onEvent: (event) => { if (event.kind === 'error') stoppedAt = performance.now(); } });
      await window.llmos.executeWorkflow(py, null, null, { use_cache: false });
      return performance.now() - stoppedAt;
    };
    const interrupted = await afterStop('while True:\n        pass');
    const replaced = await afterStop('sum(range(10 ** 15))');
    return { pyTimes, jsTimes, interrupted, replaced, stats: pythonPool().stats() };
  }, ROUNDS);
  const withBoth = rendererMiB();
  const pythonWasm = (timings.stats.serving[0]?.memory_bytes || 0) / 2 ** 20;
  rows.push(['Load Pyodide, first visit (ready after navigation)', '~3 s', `${(first.afterNavigation / 1000).toFixed(2)} s`]);
  rows.push(['Load Pyodide, repeat visit (ready after navigation)', '0 ms (cached)', `${(repeat.afterNavigation / 1000).toFixed(2)} s`]);
  rows.push(['Execute Python node, warm (end to end)', '~50-200 ms', `${median(timings.pyTimes).toFixed(2)} ms`]);
  rows.push(['Execute JS node, warm (end to end)', '<5 ms', `${median(timings.jsTimes).toFixed(2)} ms`]);
  rows.push(['Next Python node after a stop (interrupted)', '(reload, ~3 s)', `${timings.interrupted.toFixed(1)} ms`]);
  rows.push(['Next Python node after a stop (worker replaced)', '(reload, ~3 s)', `${timings.replaced.toFixed(1)} ms`]);
  rows.push(['Memory: Pyodide', '~50 MB', `${pythonWasm.toFixed(0)} MiB wasm heap; renderer +${(withPython - baseline).toFixed(0)} MiB per worker pair`]);
  rows.push(['Memory: JS sandbox pool', '~1-5 MB per node', `renderer +${(withBoth - withPython).toFixed(0)} MiB (pool + standby)`]);
  console.log('## Browser runtimes (headless Chromium, drawing loop paused; median of', ROUNDS, 'runs)\n');
  console.log('| operation | original design | measured |');
  console.log('|---|---|---|');
  for (const [what, original, ours] of rows) console.log(`| ${what} | ${original} | ${ours} |`);
  console.log('\nPyodide start-up phases (first visit):', JSON.stringify(first.phases));
  console.log('Pyodide start-up phases (repeat visit):', JSON.stringify(repeat.phases));
  console.log('Python pool:', JSON.stringify(timings.stats.counters));
} finally {
  await context.close();
  await browser.close();
  server.stop();
}
