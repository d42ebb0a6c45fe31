#include "workbench_state.hpp"

#include "llmos/node_types.hpp"

#include <emscripten/emscripten.h>

namespace llmos::wasm {
WorkbenchState::WorkbenchState()
    : cache(64u << 20, &result_store),
      scheduler(
          runtimes, [] { return emscripten_get_now(); }, &cache) {
  // Every type with a runtime goes to JS (web/lib/runtime-host.js), which
  // sizes its worker pools from the same table.
  for (const auto& info : node_type_table())
    if (!info.runtime.empty()) runtimes.add(std::string(info.name), js_runtime, info.pool);
  scheduler.add_observer(traces);
  scheduler.add_observer(forwarder);
}

WorkbenchState& state() {
  static WorkbenchState instance;
  return instance;
}

}  // namespace llmos::wasm
