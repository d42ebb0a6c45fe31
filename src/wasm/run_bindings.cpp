// Exports over validation and runs: executeWorkflow() in
// web/lib/workflow-executor.js drives these.
#include "bindings.hpp"
#include "json_result.hpp"
#include "prepared_run.hpp"
#include "workbench_state.hpp"

#include "llmos/hash.hpp"
#include "llmos/json_view.hpp"

#include <emscripten/emscripten.h>

namespace llmos::wasm {
namespace {

RunOptions run_options_from(const json& options) {
  RunOptions run;
  const std::string scope = options.value("scope", "all");
  if (scope == "to_node") run = RunOptions::to_node(NodeId(options.value("target", "")));
  if (scope == "from_node")
    run = RunOptions::from_node(NodeId(options.value("target", "")),
                                RunId{static_cast<std::uint64_t>(options.value("previous_run", 0.0))});
  run.use_cache = options.value("use_cache", true);
  run.node_timeout_ms = options.value("node_timeout_ms", 0.0);
  return run;
}

RunId run_id(double run) { return RunId{static_cast<std::uint64_t>(run)}; }

NodeError node_error_from(const json& error) {
  NodeError out{
      error.value("code", "runtime.error"), error.value("message", "the runtime reported an error"), {}};
  if (error.contains("line") && error["line"].is_number_integer() && error["line"].get<int>() > 0)
    out.line = error["line"].get<int>();
  return out;
}

}  // namespace
}  // namespace llmos::wasm

using llmos::json;
using llmos::wasm::guarded;
using llmos::wasm::state;

extern "C" {

EMSCRIPTEN_KEEPALIVE char* llmos_validate(const char* workflow_json) {
  return guarded([&] {
    const auto prepared = llmos::wasm::prepare(workflow_json);
    return json{{"ok", !prepared.diagnostics.has_errors()},
                {"diagnostics", llmos::diagnostics_to_json(prepared.diagnostics)}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_start(const char* workflow_json, const char* options_json) {
  return guarded([&] {
    auto& workbench = state();
    const auto prepared = workbench.last_prepared.get(workflow_json, workbench.library_generation);
    if (prepared->diagnostics.has_errors())
      return json{{"ok", false}, {"diagnostics", llmos::diagnostics_to_json(prepared->diagnostics)}};
    const auto options = llmos::wasm::run_options_from(json::parse(options_json));
    const llmos::RunId run = workbench.scheduler.start(prepared->workflow, prepared->library(), options);
    // The library must outlive the run: payload libraries are kept until release.
    if (prepared->own_library) workbench.run_libraries[run.value] = prepared->own_library;
    json answer{{"ok", true},
                {"run_id", static_cast<double>(run.value)},
                {"diagnostics", llmos::diagnostics_to_json(prepared->diagnostics)}};
    if (const auto error = workbench.scheduler.run_error(run)) answer["run_error"] = error->to_json();
    return answer;
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_complete(double run, const char* node, const char* outputs_json) {
  return guarded([&] {
    json outputs = json::parse(outputs_json);
    const bool accepted =
        state().scheduler.complete(llmos::wasm::run_id(run), llmos::NodeId(node), std::move(outputs));
    return json{{"ok", accepted}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_fail(double run, const char* node, const char* error_json) {
  return guarded([&] {
    const auto error = llmos::wasm::node_error_from(json::parse(error_json));
    return json{{"ok", state().scheduler.fail(llmos::wasm::run_id(run), llmos::NodeId(node), error)}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_progress(double run, const char* node, double fraction,
                                              const char* message) {
  return guarded([&] {
    return json{
        {"ok", state().scheduler.progress(llmos::wasm::run_id(run), llmos::NodeId(node), fraction, message)}};
  });
}

// The node waits for its runtime to start (its deadline clock stops) / the
// runtime started it (the clock runs from now): Scheduler::awaiting_runtime.
EMSCRIPTEN_KEEPALIVE char* llmos_run_awaiting_runtime(double run, const char* node) {
  return guarded([&] {
    return json{{"ok", state().scheduler.awaiting_runtime(llmos::wasm::run_id(run), llmos::NodeId(node))}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_runtime_started(double run, const char* node) {
  return guarded([&] {
    return json{{"ok", state().scheduler.runtime_started(llmos::wasm::run_id(run), llmos::NodeId(node))}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_log(double run, const char* node, const char* stream, const char* text) {
  return guarded([&] {
    return json{{"ok", state().scheduler.log(llmos::wasm::run_id(run), llmos::NodeId(node), stream, text)}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_cancel(double run, const char* node) {
  return guarded([&] {
    auto& scheduler = state().scheduler;
    const bool done = *node ? scheduler.cancel(llmos::wasm::run_id(run), llmos::NodeId(node))
                            : scheduler.cancel(llmos::wasm::run_id(run));
    return json{{"ok", done}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_tick() {
  return guarded([] {
    state().scheduler.tick();
    return json{{"ok", true}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_results(double run) {
  return guarded([&] {
    const auto id = llmos::wasm::run_id(run);
    const auto& scheduler = state().scheduler;
    return json{{"ok", true},
                {"status", std::string(llmos::to_string(scheduler.status(id)))},
                {"results", scheduler.results_to_json(id)}};
  });
}

// The end of executeWorkflow in one call: the results without outputs (it
// has them from the done/cached events), then the run is released keeping
// its trace (llmos_trace_forget).
EMSCRIPTEN_KEEPALIVE char* llmos_run_finish(double run) {
  return guarded([&] {
    const auto id = llmos::wasm::run_id(run);
    auto& workbench = state();
    json answer{{"ok", true},
                {"status", std::string(llmos::to_string(workbench.scheduler.status(id)))},
                {"results", workbench.scheduler.results_to_json(id, llmos::Scheduler::Outputs::without)}};
    workbench.scheduler.release(id);
    workbench.run_libraries.erase(id.value);
    return answer;
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_trace(double run) {
  return guarded([&] {
    const auto id = llmos::wasm::run_id(run);
    if (!state().traces.has(id)) return llmos::wasm::error_result("run.unknown", "no trace for this run");
    return state().traces.to_json(id);
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_run_release(double run) {
  return guarded([&] {
    const auto id = llmos::wasm::run_id(run);
    auto& workbench = state();
    workbench.scheduler.release(id);
    workbench.traces.forget(id);
    workbench.run_libraries.erase(id.value);
    return json{{"ok", true}};
  });
}

// Releases a finished run but keeps its trace until llmos_trace_forget:
// executeWorkflow reads the trace only when asked, off a node's critical path.
EMSCRIPTEN_KEEPALIVE char* llmos_run_release_keep_trace(double run) {
  return guarded([&] {
    const auto id = llmos::wasm::run_id(run);
    auto& workbench = state();
    workbench.scheduler.release(id);
    workbench.run_libraries.erase(id.value);
    return json{{"ok", true}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_trace_forget(double run) {
  return guarded([&] {
    state().traces.forget(llmos::wasm::run_id(run));
    return json{{"ok", true}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_cache_stats() {
  return guarded([] {
    const auto& cache = state().cache;
    const auto& stats = cache.stats();
    return json{{"ok", true},
                {"entries", cache.size()},
                {"bytes", cache.bytes()},
                {"byte_budget", cache.byte_budget()},
                {"hits", stats.hits},
                {"misses", stats.misses},
                {"store_hits", stats.store_hits},
                {"evictions", stats.evictions},
                {"in_order_hits", stats.in_order_hits}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_cache_clear_node(const char* workflow_json, const char* node) {
  return guarded([&] {
    const auto prepared = llmos::wasm::prepare(workflow_json);
    if (prepared.diagnostics.has_errors())
      return json{{"ok", false}, {"diagnostics", llmos::diagnostics_to_json(prepared.diagnostics)}};
    const auto cleared =
        state().scheduler.clear_cached_result(*prepared.workflow, prepared.library(), llmos::NodeId(node));
    if (!cleared)
      return llmos::wasm::error_result("run.target.unknown", std::string("no node '") + node + "'", node);
    return json{
        {"ok", true}, {"node", node}, {"key", llmos::to_hex(cleared->key)}, {"removed", cleared->removed}};
  });
}

}  // extern "C"
