// The browser's run path without a browser: the same wasm core (llmos.js +
// llmos.wasm of the web output, its editor main() not run), the same
// lib/core.js, runtime-host.js, workflow-executor.js and runtime bridges, with
// the runtime Workers started as worker_threads (node-worker.mjs). Used by
// `llmos run` (run.mjs), the tests and bench/runtimes-node.mjs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeWorkerFactory } from './node-worker.mjs';

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Skill files of a volume directory: every .md below it except README.md;
// in a folder holding SKILL.md (the Agent Skills layout) only SKILL.md is a
// skill (the folder's other files are its resources).
export function skillFilesIn(directory) {
  const files = [];
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const agentSkill = entries.some((entry) => entry.isFile() && entry.name === 'SKILL.md');
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!agentSkill && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') {
        if (!agentSkill || entry.name === 'SKILL.md') files.push(full);
      }
    }
  };
  walk(directory);
  return files;
}

// baseUrl: what skills' relative URLs resolve against (the page's address
// in the browser; none: the worker's own file: location, origin "null").
export async function startHeadlessHost({ webRoot = defaultWebRoot, standby = true, baseUrl = null } = {}) {
  webRoot = path.resolve(webRoot);
  const lib = (name) => pathToFileURL(path.join(webRoot, 'lib', name)).href;
  for (const required of ['llmos.js', 'llmos.wasm', 'lib/core.js', 'runtimes/python-worker.js']) {
    try {
      statSync(path.join(webRoot, required));
    } catch {
      throw new Error(`${path.join(webRoot, required)} is missing: build the web output first (make build)`);
    }
  }
  // Emscripten 3.1.6's ES6 output uses require/__dirname under Node even as
  // an ES module. The wasm bytes are handed over, so it fetches nothing.
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= webRoot;
  const { default: createLlmos } = await import(pathToFileURL(path.join(webRoot, 'llmos.js')).href);
  const { attachCore } = await import(lib('core.js'));
  const executor = await import(lib('workflow-executor.js'));
  const python = await import(lib('pyodide-runner.js'));
  const javascript = await import(lib('js-runner.js'));
  const spice = await import(lib('spice-runner.js'));

  const createWorker = nodeWorkerFactory(webRoot);
  python.configurePython({ createWorker, standby, baseUrl });
  javascript.configureJavaScript({ createWorker, standby, baseUrl });
  spice.configureSpice({ createWorker, standby, baseUrl });

  const module = await createLlmos({
    noInitialRun: true,
    wasmBinary: readFileSync(path.join(webRoot, 'llmos.wasm')),
    print: (text) => process.stderr.write(`${text}\n`),
    printErr: (text) => process.stderr.write(`${text}\n`),
  });
  const core = attachCore(module);
  executor.setCore(core);

  const pools = () => ({ python: python.pythonPool(), javascript: javascript.javaScriptPool(), spice: spice.spicePool() });

  return {
    core, executor, webRoot, pools,
    // Loads every skill file of `directory` into a volume (system, team,
    // user). Resolves to {loaded, diagnostics:[{file, line, column, code, message, severity}]}.
    loadSkills(directory, volume = 'system') {
      const diagnostics = [];
      let loaded = 0;
      for (const file of skillFilesIn(directory)) {
        // Named as the native CLI names them: relative to the working directory when inside it.
        const relative = path.relative(process.cwd(), file);
        const name = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
        const answer = core.addSkill(name, readFileSync(file, 'utf8'), volume);
        diagnostics.push(...(answer.diagnostics || []));
        if (answer.ok) loaded++;
      }
      return { loaded, diagnostics };
    },
    // The declared output types of a skill: {name: type}.
    outputTypes(skillId) {
      const shown = core.showSkill(skillId);
      const outputs = shown?.skill?.outputs || [];
      return Object.fromEntries(outputs.map((output) => [output.name, output.type]));
    },
    // executeWorkflow of the page (workflow-executor.js), unchanged.
    run: (payload, onStart, onComplete, options) => executor.executeWorkflow(payload, onStart, onComplete, options),
    // Stops every runtime worker (waiting and running requests are answered `cancelled`).
    shutdown() {
      for (const pool of Object.values(pools())) pool.terminate();
    },
  };
}
