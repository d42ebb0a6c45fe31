// The shipped skills as the product reads and runs them, for tests: the
// headless host of build/web/node (the one `llmos run` uses: the wasm core's
// skill parser and validator, workflow-executor.js, the ses sandbox worker,
// ngspice.wasm and Pyodide under worker_threads). Nothing here reads a skill
// file's front matter or runs skill code itself.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webRoot = path.join(repoRoot, 'build', 'web');
export const skillsDir = path.join(repoRoot, 'skills');

// Starts the host with skills/ loaded as the system volume; the load must
// report no error. Call shutdown() when done, or the workers keep the
// process alive.
export async function startSkillHost({ standby = false } = {}) {
  const { startHeadlessHost } = await import(pathToFileURL(path.join(webRoot, 'node', 'headless-host.mjs')).href);
  const host = await startHeadlessHost({ webRoot, standby });
  const loaded = host.loadSkills(skillsDir, 'system');
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), [], 'skills/ loads without errors');

  // The core's JSON for one skill (with its code).
  const skill = (id) => {
    const shown = host.core.showSkill(id);
    assert.ok(shown?.skill, `the core has no skill '${id}'`);
    return shown.skill;
  };

  // Runs one library skill as a one-node workflow; resolves to its outputs,
  // rejects with the node's error (message, code, line). The deadline is
  // generous: a worker's first start (ses lockdown, d3) counts against a
  // JavaScript node's 5 s, and a loaded test machine can take that long.
  // Deadlines have their own tests (tests/cli/run-runtimes.test.mjs).
  async function run(id, inputValues = {}, options = {}) {
    const results = await host.run({ nodes: [{ nodeId: 'node', skillId: id, inputValues }], edges: [] }, null, null,
                                   { use_cache: false, node_timeout_ms: 120000, ...options });
    const result = results.node;
    if (result.state !== 'done') {
      const error = result.error ?? { message: `node ended ${result.state}` };
      throw Object.assign(new Error(error.message), { code: error.code, line: error.line });
    }
    return JSON.parse(JSON.stringify(result.outputs));
  }

  // Problems of `outputs` against skill `id`'s declared outputs, as the
  // core's validator sees them: the outputs become the input values of a
  // probe skill whose inputs are those ports. Also a missing or extra key.
  function outputProblems(id, outputs) {
    const ports = skill(id).outputs;
    const declared = ports.map((port) => port.name);
    const problems = [];
    for (const name of declared) if (!Object.hasOwn(outputs, name)) problems.push(`${name}: missing`);
    for (const name of Object.keys(outputs)) if (!declared.includes(name)) problems.push(`${name}: not declared`);
    const probe = { skill_id: 'output-probe', name: 'probe', node_type: 'javascript', code: '', inputs: ports, outputs: [] };
    const checked = host.core.validate({
      workflow: { nodes: [{ nodeId: id, skillId: 'output-probe', inputValues: outputs }], edges: [] },
      skills: { 'output-probe': probe },
    });
    for (const d of checked.diagnostics ?? []) if (d.severity === 'error') problems.push(`${d.pointer}: ${d.code}: ${d.message}`);
    return problems;
  }

  return { host, core: host.core, skill, run, outputProblems, shutdown: () => host.shutdown() };
}
