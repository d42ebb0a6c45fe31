// Loads the built wasm module (build/web/llmos.js) in Node without its editor
// main(), for tests of the JS API over the real core.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webRoot = path.join(repoRoot, 'build', 'web');

export async function loadHeadlessCore() {
  // Emscripten 3.1.6's ES6 output uses require/__dirname on Node even as an ES
  // module; provide them. The wasm bytes are handed over so no fetch is tried.
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= webRoot;
  const { default: createLlmos } = await import(path.join(webRoot, 'llmos.js'));
  const { attachCore } = await import(path.join(webRoot, 'lib', 'core.js'));
  const module = await createLlmos({ noInitialRun: true, wasmBinary: readFileSync(path.join(webRoot, 'llmos.wasm')) });
  return attachCore(module);
}
