// Real dispatch requests for spice nodes, as the wasm core makes them (skill
// code, its first line in the .md file, resolved inputs): the test runs a
// workflow on a headless core whose spice bridge records each request and
// answers at once. Tests then simulate those requests themselves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadHeadlessCore, repoRoot, webRoot } from '../web/headless-core.mjs';

export const skillsDir = path.join(repoRoot, 'skills');

let corePromise = null;

// One headless core per test file, with the repository's skills loaded.
export function spiceCore() {
  corePromise ??= (async () => {
    const core = await loadHeadlessCore();
    const index = JSON.parse(readFileSync(path.join(webRoot, 'skills', 'index.json'), 'utf8'));
    for (const file of index.filter((f) => f.endsWith('.md') && !f.endsWith('README.md'))) {
      core.addSkill(`skills/${file}`, readFileSync(path.join(skillsDir, file), 'utf8'), 'system');
    }
    return core;
  })();
  return corePromise;
}

// Runs `workflow` with a recording spice bridge; resolves to {nodeId: request}.
export async function dispatchRequests(workflow) {
  const core = await spiceCore();
  const { registerBridge } = await import(path.join(webRoot, 'lib', 'runtime-host.js'));
  const requests = {};
  registerBridge('spice', (request) => {
    requests[request.node] = request;
    return { promise: Promise.resolve({ ok: false, error: { code: 'test.recorded', message: 'recorded' } }), cancel() {} };
  });
  const started = core.startRun(workflow, { use_cache: false });
  if (!started.ok) throw new Error(JSON.stringify(started));
  await new Promise((resolve) => core.host.watch(started.run_id, () => {}, resolve));
  core.release(started.run_id);
  return requests;
}

// The request of one skill with the given inputs.
export async function requestFor(skillId, inputValues = {}) {
  const requests = await dispatchRequests({ nodes: [{ nodeId: 'n', skillId, inputValues }], edges: [] });
  if (!requests.n) throw new Error(`no spice request for ${skillId}`);
  return requests.n;
}

// Every spice node of an example workflow in skills/examples/.
export async function exampleRequests(name) {
  return dispatchRequests(JSON.parse(readFileSync(path.join(skillsDir, 'examples', name), 'utf8')));
}

let javascript = null;

// Runs a spice request's postprocess block on the given vectors in the
// product's JavaScript sandbox (the javascript worker pool of build/web under
// worker_threads, as `llmos run` has it): resolves to the outputs, with the
// filled netlist for a declared `netlist` output the block did not return.
export async function postprocessInSandbox(request, vectors, netlist) {
  const lib = (name) => import(path.join(webRoot, 'lib', name));
  if (!javascript) {
    const { nodeWorkerFactory } = await import(path.join(webRoot, 'node', 'node-worker.mjs'));
    javascript = await lib('js-runner.js');
    javascript.configureJavaScript({ createWorker: nodeWorkerFactory(webRoot), standby: false });
  }
  const { postprocessRequest } = await lib('spice-runner.js');
  const answer = await javascript.runJavaScriptRequest(postprocessRequest(request, vectors, netlist), {}).promise;
  if (!answer.ok) throw new Error(`${request.skill.skill_id} postprocess: ${JSON.stringify(answer.error)}`);
  const outputs = answer.outputs_json !== undefined ? JSON.parse(answer.outputs_json) : answer.outputs;
  if (request.skill.outputs.includes('netlist') && outputs.netlist === undefined) outputs.netlist = netlist;
  return outputs;
}

// Stops the sandbox workers postprocessInSandbox started.
export function stopSandbox() {
  javascript?.javaScriptPool().terminate();
}
