// JSON-in/JSON-out calls into the wasm core (src/wasm/bindings.hpp). Every
// export returns a malloc'ed UTF-8 JSON string that is freed here. The core
// calls back into JS through Module.llmosHost (a RuntimeHost).
import { RuntimeHost } from './runtime-host.js';
import './spice-runner.js';  // registers the bridge for spice nodes

// Strings up to this many UTF-16 units go on the wasm stack (ccall's
// 'string', at most 4 bytes each); longer ones (a node's outputs, a large
// payload) are copied into malloc'ed memory: the 5 MiB stack would overflow
// and corrupt the module's memory.
const STACK_STRING_UNITS = 1 << 14;
const utf8 = new TextEncoder();

export function attachCore(module) {
  const call = (name, types, args) => {
    let heapStrings = null;
    for (let i = 0; i < args.length; i++) {
      if (types[i] !== 'string' || typeof args[i] !== 'string' || args[i].length <= STACK_STRING_UNITS) continue;
      heapStrings ??= { types: [...types], args: [...args], pointers: [] };
      // TextEncoder is native; lengthBytesUTF8 and stringToUTF8 loop in JS.
      const bytes = utf8.encode(args[i]);
      const pointer = module._malloc(bytes.length + 1);
      if (!pointer) throw new Error(`${name}: no memory for a ${bytes.length}-byte argument`);
      module.HEAPU8.set(bytes, pointer);  // read after _malloc, which may have grown the memory
      module.HEAPU8[pointer + bytes.length] = 0;
      heapStrings.pointers.push(pointer);
      heapStrings.types[i] = 'number';
      heapStrings.args[i] = pointer;
    }
    try {
      const pointer = module.ccall(name, 'number', heapStrings?.types ?? types, heapStrings?.args ?? args);
      try {
        return JSON.parse(module.UTF8ToString(pointer));
      } finally {
        module.ccall('llmos_free', null, ['number'], [pointer]);
      }
    } finally {
      for (const pointer of heapStrings?.pointers ?? []) module._free(pointer);
    }
  };
  const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value ?? null));
  const core = {
    module,
    version: () => call('llmos_version', [], []).version,
    // The core's node-type table (contract 1): [{type, language, runtime, pool, deadline_ms}].
    nodeTypes: () => call('llmos_node_types', [], []).node_types,
    // Skill library
    addSkill: (path, source, volume = 'system') =>
      call('llmos_library_add', ['string', 'string', 'string'], [path, source, volume]),
    listSkills: (query = {}) => call('llmos_library_list', ['string'], [text(query)]).skills,
    showSkill: (id) => call('llmos_library_show', ['string'], [id]),
    clearSkills: () => call('llmos_library_clear', [], []),
    // Workflows and runs
    validate: (workflowOrPayload) => call('llmos_validate', ['string'], [text(workflowOrPayload)]),
    startRun: (workflowOrPayload, options = {}) =>
      call('llmos_run_start', ['string', 'string'], [text(workflowOrPayload), text(options)]),
    complete: (run, node, outputs) => call('llmos_run_complete', ['number', 'string', 'string'], [run, node, text(outputs)]),
    fail: (run, node, error) => call('llmos_run_fail', ['number', 'string', 'string'], [run, node, text(error)]),
    progress: (run, node, fraction, message = '') =>
      call('llmos_run_progress', ['number', 'string', 'number', 'string'], [run, node, fraction, message]),
    log: (run, node, stream, text) =>
      call('llmos_run_log', ['number', 'string', 'string', 'string'], [run, node, stream, String(text)]),
    // The node waits for its runtime to start / the runtime started it: the
    // node's deadline counts its own execution only (Scheduler::awaiting_runtime).
    awaitingRuntime: (run, node) => call('llmos_run_awaiting_runtime', ['number', 'string'], [run, node]),
    runtimeStarted: (run, node) => call('llmos_run_runtime_started', ['number', 'string'], [run, node]),
    cancel: (run, node = '') => call('llmos_run_cancel', ['number', 'string'], [run, node]),
    tick: () => call('llmos_tick', [], []),
    results: (run) => call('llmos_run_results', ['number'], [run]),
    // results() without outputs, then releaseKeepingTrace(), in one call.
    finish: (run) => call('llmos_run_finish', ['number'], [run]),
    trace: (run) => call('llmos_run_trace', ['number'], [run]),
    release: (run) => call('llmos_run_release', ['number'], [run]),
    // release() keeping the run's trace (trace() still answers) until forgetTrace().
    releaseKeepingTrace: (run) => call('llmos_run_release_keep_trace', ['number'], [run]),
    forgetTrace: (run) => call('llmos_trace_forget', ['number'], [run]),
    cacheStats: () => call('llmos_cache_stats', [], []),
    // Clear cached result: forgets one node's result as the workflow (or payload) is now,
    // in memory and in the result store: {ok, node, key, removed}.
    clearCachedResult: (workflowOrPayload, node) =>
      call('llmos_cache_clear_node', ['string', 'string'], [text(workflowOrPayload), node]),
  };
  core.host = new RuntimeHost(core);
  // The C++ side calls these with JSON text (src/wasm/js_runtime.cpp).
  module.llmosHost = {
    dispatch: (requestText) => core.host.dispatch(JSON.parse(requestText)),
    cancel: (run, node) => core.host.cancel(run, node),
    event: (eventText) => core.host.event(JSON.parse(eventText)),
  };
  return core;
}
