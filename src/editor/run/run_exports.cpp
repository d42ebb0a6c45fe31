// The module's exports for the JS half of runs (web/lib/editor-run.js) and
// the debug API: events in, the scene text the overlay asks for, and the run
// view's state for window.llmos.debug.state() (contract 6).
#include "run_controller.hpp"
#include "run_view.hpp"

#include <emscripten/emscripten.h>

namespace llmos::run {
const char* scene_text(const std::string& hash);  // run_decorator.cpp
}

namespace {

llmos::json parse(const char* text) {
  try {
    return llmos::json::parse(text);
  } catch (const std::exception&) {
    return llmos::json::object();
  }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void llmos_editor_run_event(const char* event) {
  llmos::run::controller().on_event(parse(event));
}

EMSCRIPTEN_KEEPALIVE void llmos_editor_run_failed(const char* failure) {
  llmos::run::controller().on_run_failed(parse(failure));
}

EMSCRIPTEN_KEEPALIVE void llmos_editor_runtime_status(const char* readiness) {
  llmos::run::controller().on_readiness(parse(readiness));
}

EMSCRIPTEN_KEEPALIVE void llmos_editor_history_loaded(const char* answer) {
  llmos::run::controller().on_history_loaded(parse(answer));
}

EMSCRIPTEN_KEEPALIVE const char* llmos_editor_scene_text(const char* hash) {
  return llmos::run::scene_text(hash);
}

// {nodes: {id: {state, preview, previewText, stale, durationMs, progress, error?}}, running, status, ...};
// valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* llmos_debug_run_state() {
  static std::string text;
  text = llmos::run::debug_state().dump();
  return text.c_str();
}

// [{kind, tab, text, panes | vectors | textBody | values}] of a node's preview; valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* llmos_debug_preview_data(const char* node) {
  static std::string text;
  text = llmos::run::preview_data(node).dump();
  return text.c_str();
}

// Test and automation hook: {"command": "run_all" | "stop" | "run_to" | "run_from" | "clear_cached" |
// "sweep", ...}.
EMSCRIPTEN_KEEPALIVE int llmos_debug_run_command(const char* command_text) {
  using namespace llmos::run;
  const llmos::json command = parse(command_text);
  const std::string name = command.value("command", std::string());
  RunController& c = controller();
  if (command.contains("workflow")) c.use_workflow(command["workflow"]);
  if (name == "run_all") return c.start(RunScope::all, {}, command.value("use_cache", true));
  if (name == "run_to") return c.start(RunScope::to_node, command.value("node", std::string()));
  if (name == "run_from") return c.start(RunScope::from_node, command.value("node", std::string()));
  if (name == "clear_cached") {
    c.clear_result(command.value("node", std::string()));
    return 1;
  }
  if (name == "stop") {
    c.stop();
    return 1;
  }
  if (name == "sweep") {
    SweepSpec spec{command.value("node", std::string()),
                   command.value("input", std::string()),
                   command.value("from", 0.0),
                   command.value("to", 1.0),
                   command.value("steps", 10),
                   command.value("logarithmic", false),
                   command.value("output_node", std::string()),
                   command.value("output_port", std::string())};
    return c.start_sweep(std::move(spec));
  }
  return 0;
}

}  // extern "C"
