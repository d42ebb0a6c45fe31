#include "run_controller.hpp"

#include "preview_draw.hpp"
#include "stale_nodes.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <set>

// The JS half: web/lib/editor-run.js, on the module as Module.llmosRuns.
// clang-format off
EM_JS(void, llmos_js_run_start, (const char* workflow, const char* options), {
  if (Module.llmosRuns) Module.llmosRuns.start(UTF8ToString(workflow), UTF8ToString(options));
});
EM_JS(void, llmos_js_run_stop, (), {
  if (Module.llmosRuns) Module.llmosRuns.stop();
});
EM_JS(void, llmos_js_history_save, (const char* name, const char* record), {
  if (Module.llmosRuns) Module.llmosRuns.saveHistory(UTF8ToString(name), UTF8ToString(record));
});
EM_JS(void, llmos_js_history_load, (const char* name), {
  if (Module.llmosRuns) Module.llmosRuns.loadHistory(UTF8ToString(name));
});
EM_JS(void, llmos_js_clear_cached, (const char* workflow, const char* node), {
  if (Module.llmosRuns) Module.llmosRuns.clearCached(UTF8ToString(workflow), UTF8ToString(node));
});
EM_JS(double, llmos_js_epoch_ms, (), { return Date.now(); });
// clang-format on

namespace llmos::run {
namespace {

// Nodes a run of `scope` touches: everything, the node and what it needs, or
// the node and what depends on it.
std::vector<std::string> scope_nodes(const json& workflow, RunScope scope, const std::string& node) {
  std::vector<std::string> all;
  for (const auto& n : workflow.value("nodes", json::array()))
    all.push_back(n.value("nodeId", std::string()));
  if (scope == RunScope::all) return all;
  const bool upstream = scope == RunScope::to_node;
  std::set<std::string> reached{node};
  std::vector<std::string> frontier{node};
  const json edges = workflow.value("edges", json::array());
  while (!frontier.empty()) {
    const std::string at = frontier.back();
    frontier.pop_back();
    for (const auto& edge : edges) {
      const std::string from = edge.value(upstream ? "target" : "source", std::string());
      const std::string to = edge.value(upstream ? "source" : "target", std::string());
      if (from == at && reached.insert(to).second) frontier.push_back(to);
    }
  }
  std::vector<std::string> out;
  for (const auto& id : all)
    if (reached.count(id)) out.push_back(id);
  return out;
}

json inputs_by_node(const json& workflow) {
  json out = json::object();
  for (const auto& n : workflow.value("nodes", json::array()))
    out[n.value("nodeId", std::string())] = n.value("inputValues", json::object());
  return out;
}

}  // namespace

RunController::RunController() = default;

RunController& controller() {
  static RunController instance;
  return instance;
}

std::optional<json> RunController::workflow() const {
  if (override_workflow_) return override_workflow_;
  return host_.workflow ? host_.workflow() : std::nullopt;
}

std::vector<std::string> RunController::workflow_node_ids() const {
  std::vector<std::string> out;
  if (const auto doc = workflow())
    for (const auto& n : doc->value("nodes", json::array())) out.push_back(n.value("nodeId", std::string()));
  return out;
}

bool RunController::start(RunScope scope, const std::string& node, bool use_cache) {
  if (live_ || pending_) {
    status_ = "A run is in progress: stop it first (Esc)";
    return false;
  }
  const auto doc = workflow();
  if (!doc || doc->value("nodes", json::array()).empty()) {
    status_ = "Nothing to run: the workflow has no nodes";
    return false;
  }
  sweep_.reset();
  return launch(*doc, scope, node, use_cache);
}

bool RunController::launch(const json& workflow, RunScope scope, const std::string& node, bool use_cache) {
  json options{{"use_cache", use_cache}};
  if (scope != RunScope::all) {
    options["scope"] = scope == RunScope::to_node ? "to_node" : "from_node";
    options["target"] = node;
  }
  pending_nodes_ = scope_nodes(workflow, scope, node);
  if (library_) {
    Diagnostics ignored;
    last_run_keys_ = cache_keys(Workflow::from_json(workflow, ignored), *library_);
  }
  pending_ = true;
  live_ = true;
  last_workflow_ = workflow;
  run_started_at_ = llmos_js_epoch_ms();
  run_started_ms_ = emscripten_get_now();
  if (host_.revision) seen_revision_ = host_.revision();
  status_ = scope == RunScope::all ? "Running all nodes" : "Running " + node;
  llmos_js_run_start(workflow.dump().c_str(), options.dump().c_str());
  return true;
}

void RunController::stop() {
  if (sweep_) sweep_.reset();
  if (!live_) return;
  llmos_js_run_stop();
  status_ = "Stopping";
}

void RunController::workflow_replaced() {
  if (override_workflow_) return;  // runs are of the automation's workflow, not the editor's
  if (live_) {
    stop();
    if (pending_)
      abandon_pending_ = true;
    else
      abandoned_run_ = board_.current_run();
  }
  board_.clear_all();
  status_.clear();
  last_workflow_ = json();
  last_run_keys_ = {};
  preview::request_frame();
}

void RunController::clear_result(const std::string& node) {
  board_.clear(node);
  if (const auto doc = workflow()) llmos_js_clear_cached(doc->dump().c_str(), node.c_str());
  status_ = "Cleared the cached result of " + node;
  preview::request_frame();
}

bool RunController::start_sweep(SweepSpec spec) {
  if (live_ || pending_) return false;
  const auto doc = workflow();
  if (!doc) return false;
  sweep_.emplace(std::move(spec), *doc);
  auto first = sweep_->next_workflow();
  if (!first) {
    sweep_.reset();
    return false;
  }
  return launch(*first, RunScope::all, {}, true);
}

void RunController::on_event(const json& event) {
  const double run = event.value("run", 0.0);
  // The first event of a run we started names its id.
  if (pending_ && run > board_.current_run()) {
    if (abandon_pending_)
      abandoned_run_ = run;
    else
      board_.begin_run(run, pending_nodes_);
    pending_ = abandon_pending_ = false;
  }
  const std::string kind = event.value("kind", std::string());
  if (run != 0 && run == abandoned_run_) {
    if (kind == "run_finished") {
      live_ = false;
      abandoned_run_ = 0;
    }
    return;
  }
  if (kind == "log") {
    console_.append(run, event.value("node", std::string()), event.value("stream", std::string("stdout")),
                    event.value("text", std::string()));
    preview::request_frame();
    return;
  }
  if (sweep_) sweep_->apply(event);
  if (kind == "error" && event.contains("error")) {
    // Errors go to the console too, with the skill file's line.
    board_.apply(event);
    const std::string node = event.value("node", std::string());
    console_.append(run, node, "error", board_.error_location(node));
    preview::request_frame();
    return;
  }
  board_.apply(event);
  if (kind == "run_finished" && run == board_.current_run()) run_finished(run);
  preview::request_frame();
}

void RunController::run_finished(double run) {
  live_ = false;
  const double total = emscripten_get_now() - run_started_ms_;
  const auto counts = board_.counts();
  status_.clear();
  for (const auto& [state, count] : counts) {
    if (state == "idle") continue;
    if (!status_.empty()) status_ += ", ";
    status_ += std::to_string(count) + " " + state;
  }
  status_ = "Run " + std::to_string(static_cast<long long>(run)) + " finished: " + status_;
  Diagnostics ignored;
  const Workflow workflow = Workflow::from_json(last_workflow_, ignored);
  const std::string name = host_.workflow_name ? host_.workflow_name() : std::string();
  RunRecord record = make_record(name.empty() ? "untitled" : name, workflow, board_, run_started_at_, total);
  llmos_js_history_save(record.workflow.c_str(), record.to_json().dump().c_str());
  if (record.workflow == history_workflow_ || history_workflow_.empty()) {
    history_workflow_ = record.workflow;
    history_.add(std::move(record));
  }
  if (sweep_) {
    sweep_->step_finished();
    if (auto next = sweep_->next_workflow()) {
      launch(*next, RunScope::all, {}, true);
      status_ = "Sweep step " + std::to_string(sweep_->steps_finished() + 1) + "/" +
                std::to_string(sweep_->steps());
    } else {
      status_ = "Sweep finished: " + std::to_string(sweep_->overlay().series.size()) + " series";
    }
  }
}

void RunController::on_run_failed(const json& failure) {
  live_ = false;
  pending_ = abandon_pending_ = false;
  sweep_.reset();
  status_ = "Could not run: " + failure.value("message", std::string("unknown error"));
  preview::request_frame();
}

void RunController::on_history_loaded(const json& answer) {
  history_workflow_ = answer.value("workflow", std::string());
  std::vector<RunRecord> records;
  for (const auto& record : answer.value("records", json::array()))
    records.push_back(RunRecord::from_json(record));
  history_.replace(std::move(records));
  preview::request_frame();
}

void RunController::on_readiness(const json& readiness) {
  readiness_.python = readiness.value("python", std::string("off"));
  readiness_.spice = readiness.value("spice", std::string("off"));
  preview::request_frame();
}

void RunController::load_history() {
  const std::string name = host_.workflow_name ? host_.workflow_name() : std::string();
  llmos_js_history_load(name.empty() ? "untitled" : name.c_str());
}

void RunController::restore_params(const RunRecord& record) {
  if (!host_.set_input) return;
  const auto doc = workflow();
  if (!doc) return;
  const json now = inputs_by_node(*doc);
  for (const auto& [node, inputs] : record.params.items()) {
    if (!now.contains(node)) continue;  // the node was deleted since
    for (const auto& [port, value] : inputs.items())
      if (!now[node].contains(port) || now[node][port] != value) host_.set_input(node, port, value);
  }
}

void RunController::mark_edits_stale() {
  if (last_workflow_.is_null() || !library_) return;
  const auto doc = workflow();
  if (!doc) return;
  Diagnostics ignored;
  board_.set_stale(stale_nodes(Workflow::from_json(*doc, ignored), *library_, last_run_keys_));
}

void RunController::update() {
  if (host_.revision) {
    const std::uint64_t revision = host_.revision();
    if (revision != seen_revision_) {
      seen_revision_ = revision;
      mark_edits_stale();
    }
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // Enter in a text field is the field's
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
  if (enter && io.KeyCtrl) {
    start(RunScope::all);
  } else if (enter && io.KeyShift) {
    const auto selected = host_.selected_nodes ? host_.selected_nodes() : std::vector<std::string>{};
    if (selected.empty())
      status_ = "Select a node to run it (Shift+Enter)";
    else
      start(RunScope::to_node, selected.front());
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && live_) stop();
}

}  // namespace llmos::run
