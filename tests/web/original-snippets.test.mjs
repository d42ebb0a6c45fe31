// The original design's snippets, verbatim, under Node on the host `llmos
// run` uses (build/web/node/headless-host.mjs: the wasm core, Pyodide in a
// worker_thread). Like the Chromium test (tests/e2e/runtimes.test.mjs), the
// module adds only what the snippets assume exists (payload, fetchSkill,
// data, setResult); a resolve hook gives their extensionless import paths
// ('./lib/pyodide-runner') the .js the files have, as the page's import map does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SNIPPET_EXECUTE, SNIPPET_NODE, SNIPPET_PRELOAD } from '../support/original-snippets.mjs';
import { repoRoot, webRoot } from './headless-core.mjs';

const H2_GROUND_HA = -1.137306;  // H2 at 0.735 Angstrom, STO-3G: the exact (FCI) ground energy

register(`data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  return next(/^\\.\\/lib\\/[a-z-]+$/.test(specifier) ? specifier + '.js' : specifier, context);
}`)}`);

let host;
let dir;
before(async () => {
  const { startHeadlessHost } = await import(pathToFileURL(path.join(webRoot, 'node', 'headless-host.mjs')).href);
  host = await startHeadlessHost({ webRoot, standby: false });
  const loaded = host.loadSkills(path.join(repoRoot, 'skills'), 'system');
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  // './lib/...' of the snippets is the web output's lib/ (the same modules
  // the host configured: Node resolves the link to the real files).
  dir = mkdtempSync(path.join(tmpdir(), 'llmos-snippets-'));
  symlinkSync(path.join(webRoot, 'lib'), path.join(dir, 'lib'));
});

after(() => {
  host?.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the original design\'s snippets run verbatim under Node', async () => {
  const file = path.join(dir, 'snippets.mjs');
  writeFileSync(file, `import { executePythonSkill } from './lib/pyodide-runner';
import { getCore } from './lib/workflow-executor';
const payload = globalThis.snippetWorkflow;
const core = await getCore();
const fetchSkill = async (id) => core.showSkill(id).skill;
const data = { skillId: 'quantum-vqe-node', inputs: { ansatz_type: 'ry', iterations: 100, hamiltonian: 'h2' } };
let result = null;
const setResult = (value) => { result = value; };
${SNIPPET_PRELOAD}
${SNIPPET_EXECUTE}
${SNIPPET_NODE}
await handleExecute();
export { results, result };
`);
  globalThis.snippetWorkflow = JSON.parse(await (await import('node:fs/promises')).readFile(
    path.join(repoRoot, 'skills', 'examples', 'vqe-plot.json'), 'utf8'));
  const lines = [];
  const log = console.log;
  console.log = (...args) => lines.push(args.join(' '));
  let module;
  try {
    module = await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
  }
  const { results, result } = module;
  assert.ok(Math.abs(results.vqe.outputs.eigenvalue - H2_GROUND_HA) < 1e-4, JSON.stringify(results.vqe).slice(0, 300));
  assert.match(results.plot.outputs.plot_image, /^iVBOR/);
  assert.deepEqual(lines, ['Starting vqe...', 'Completed vqe', 'Starting plot...', 'Completed plot']);
  // The node component's call resolves to the outputs object itself.
  assert.ok(Math.abs(result.eigenvalue - H2_GROUND_HA) < 1e-4, JSON.stringify(result).slice(0, 300));
  assert.match(result.circuit_diagram, /q_0/);
});
