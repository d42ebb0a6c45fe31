// Runs javascript and threejs skills in a dedicated classic Worker: no DOM,
// and no network unless the skill's `permissions.network` lists the origin.
// Libraries named in `requires` (d3) are loaded from this bundle first.
//
// Protocol: -> {type: 'run', id, code, inputs, path, firstLine, requires, network, entry?, args?}
//           <- {type: 'result', id, ok, outputs | error: {code, message, line}}
// `entry` names the function to call (default `execute`, called with the
// inputs); spice postprocess blocks use entry 'postprocess' and
// args [vectors, inputs, netlist].
'use strict';

const LIBRARIES = { d3: '../vendor/d3/d3.min.js' };
const loaded = new Set();
const nativeFetch = self.fetch.bind(self);
const NativeXMLHttpRequest = self.XMLHttpRequest;
const NativeWebSocket = self.WebSocket;
const nativeImportScripts = self.importScripts.bind(self);

function loadLibraries(names) {
  for (const name of names || []) {
    if (loaded.has(name)) continue;
    if (!LIBRARIES[name]) throw Object.assign(new Error(`unknown library '${name}' in requires`), { code: 'js.requires' });
    nativeImportScripts(LIBRARIES[name]);
    loaded.add(name);
  }
}

// Network gate: every way out of the worker checks the allow-list of origins.
function installNetworkGate(allowedOrigins) {
  const allowed = new Set(allowedOrigins || []);
  const check = (url) => {
    const origin = new URL(url, self.location.href).origin;
    if (!allowed.has(origin)) {
      throw Object.assign(new Error(`network access to ${origin} is not permitted (add it to permissions.network)`),
                          { code: 'js.permission' });
    }
  };
  self.fetch = (resource, init) => {
    try { check(typeof resource === 'string' ? resource : resource.url); } catch (error) { return Promise.reject(error); }
    return nativeFetch(resource, init);
  };
  self.XMLHttpRequest = function GatedXMLHttpRequest() {
    const request = new NativeXMLHttpRequest();
    const open = request.open.bind(request);
    request.open = (method, url, ...rest) => { check(url); return open(method, url, ...rest); };
    return request;
  };
  self.WebSocket = function GatedWebSocket(url, protocols) { check(url); return new NativeWebSocket(url, protocols); };
  self.importScripts = () => { throw Object.assign(new Error('importScripts is not available to skills'), { code: 'js.permission' }); };
}

// The skill file line of an error, from the stack frame in `path`.
function lineOf(error, path) {
  const stack = String(error && error.stack || '');
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = stack.match(new RegExp(`${escaped}:(\\d+)(?::\\d+)?`));
  return match ? Number(match[1]) : 0;
}

function isPlainJson(value) {
  try { JSON.stringify(value); return true; } catch { return false; }
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type !== 'run') return;
  const path = message.path || 'skill.js';
  const entry = message.entry || 'execute';
  try {
    if (!/^[A-Za-z_$][\w$]*$/.test(entry)) throw Object.assign(new Error(`bad entry point name '${entry}'`), { code: 'js.entrypoint' });
    loadLibraries(message.requires);
    installNetworkGate(message.network);
    // The skill's code sees `eval`, `Function` and `importScripts` as
    // undefined (string code generation is not part of the contract; d3,
    // loaded before, keeps its own). Blank lines put the code on the skill
    // file's own line numbers, so stack traces point into the .md file.
    const source = '(function (eval, Function, importScripts) {' + '\n'.repeat(Math.max(0, (message.firstLine || 1) - 1)) +
                   message.code + `\n;return typeof ${entry} === "function" ? ${entry} : undefined;\n})` +
                   `\n//# sourceURL=${path}`;
    const run = (0, eval)(source)(undefined, undefined, undefined);
    if (typeof run !== 'function') {
      const signature = entry === 'execute' ? 'execute(inputs)' : `${entry}(...)`;
      throw Object.assign(new Error(`the skill defines no function ${signature}`), { code: 'js.entrypoint' });
    }
    const outputs = await run(...(Array.isArray(message.args) ? message.args : [message.inputs || {}]));
    if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)) {
      throw Object.assign(new Error(`${entry}() must return an object of outputs`), { code: 'js.result' });
    }
    if (!isPlainJson(outputs)) throw Object.assign(new Error('outputs are not JSON-serialisable'), { code: 'js.result' });
    self.postMessage({ type: 'result', id: message.id, ok: true, outputs: JSON.parse(JSON.stringify(outputs)) });
  } catch (error) {
    self.postMessage({
      type: 'result', id: message.id, ok: false,
      error: { code: error.code || 'js.exception', message: `${error.name || 'Error'}: ${error.message}`, line: lineOf(error, path) },
    });
  }
};
