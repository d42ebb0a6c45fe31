// Runs a skill's JavaScript the way the sandbox worker will: a fresh global
// scope with only the ECMAScript built-ins, the libraries named in `requires:`
// and a console; no require/process/fetch/DOM. Values cross the boundary as
// structured clones, so a skill cannot hand back functions or class instances.

import vm from 'node:vm';
import * as d3 from 'd3';

// The only libraries a skill may ask for, by the global name it will see.
export const LIBRARIES = { d3 };

// Generous for real skills; tests of the limit itself pass a shorter one.
const TIMEOUT_MS = 5000;

function makeContext(requires = []) {
  const globals = {
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
  };
  for (const name of requires) {
    if (!Object.hasOwn(LIBRARIES, name)) throw new Error(`unknown library in requires: '${name}'`);
    globals[name] = LIBRARIES[name];
  }
  return vm.createContext(globals, { codeGeneration: { strings: false, wasm: false } });
}

// Evaluates `code` in a fresh sandbox that must define the named entry function.
export function loadEntry(code, entryName, requires = [], timeoutMs = TIMEOUT_MS) {
  const context = makeContext(requires);
  vm.runInContext(code, context, { timeout: timeoutMs, filename: 'skill.js' });
  const defined = vm.runInContext(`typeof ${entryName} === 'function'`, context);
  if (!defined) throw new Error(`code block does not define function ${entryName}(...)`);
  return context;
}

// Calls `entryName(...args)` in a fresh sandbox; awaits a returned Promise.
export async function callSkillFunction(code, entryName, args, requires = [], timeoutMs = TIMEOUT_MS) {
  const context = loadEntry(code, entryName, requires, timeoutMs);
  context.__args = structuredClone(args);
  const result = await vm.runInContext(`${entryName}(...__args)`, context, { timeout: timeoutMs });
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new Error(`${entryName} must return an object, got ${JSON.stringify(result)}`);
  }
  return structuredClone(result);
}
