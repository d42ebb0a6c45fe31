#include "workbench_state.hpp"

#include <emscripten/emscripten.h>

namespace llmos::wasm {
namespace {

// Pool sizes: one Pyodide worker (it is ~90 MB and 2-3 s to start) shared by
// both Python node types; a few JS workers; one ngspice worker.
constexpr std::size_t kPythonPool = 1;
constexpr std::size_t kJavaScriptPool = 2;
constexpr std::size_t kSpicePool = 1;

}  // namespace

WorkbenchState::WorkbenchState()
    : cache(64u << 20, &result_store),
      scheduler(
          runtimes, [] { return emscripten_get_now(); }, &cache) {
  runtimes.add("python-wasm", js_runtime, kPythonPool);
  runtimes.add("qiskit", js_runtime, kPythonPool);
  runtimes.add("javascript", js_runtime, kJavaScriptPool);
  runtimes.add("threejs", js_runtime, kJavaScriptPool);
  runtimes.add("spice", js_runtime, kSpicePool);
  runtimes.add("compound", js_runtime, kJavaScriptPool);
  scheduler.add_observer(traces);
  scheduler.add_observer(forwarder);
}

WorkbenchState& state() {
  static WorkbenchState instance;
  return instance;
}

}  // namespace llmos::wasm
