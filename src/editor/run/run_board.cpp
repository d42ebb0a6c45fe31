#include "run_board.hpp"

#include <algorithm>

namespace llmos::run {
namespace {

std::optional<NodeState> state_of_event(std::string_view kind) {
  if (kind == "queued") return NodeState::queued;
  if (kind == "running") return NodeState::running;
  if (kind == "done") return NodeState::done;
  if (kind == "cached") return NodeState::cached;
  if (kind == "error") return NodeState::error;
  if (kind == "skipped") return NodeState::skipped;
  if (kind == "cancelled") return NodeState::cancelled;
  return std::nullopt;
}

NodeError error_from(const json& error) {
  NodeError out{error.value("code", std::string()), error.value("message", std::string()), std::nullopt};
  if (error.contains("line") && error["line"].is_number_integer()) out.line = error["line"].get<int>();
  return out;
}

}  // namespace

std::string_view display_state(NodeState state) {
  return state == NodeState::pending ? std::string_view("queued") : to_string(state);
}

NodeRun& RunBoard::entry(const std::string& node) { return nodes_[node]; }

void RunBoard::begin_run(double run, const std::vector<std::string>& nodes) {
  current_run_ = run;
  running_ = true;
  for (const auto& node : nodes) {
    NodeRun& slot = entry(node);
    const bool stale = slot.stale;
    auto outputs = slot.outputs;
    auto preview = slot.preview;
    slot = NodeRun{};
    // The old picture stays until the new result replaces it: a re-run does not flash empty.
    slot.outputs = std::move(outputs);
    slot.preview = std::move(preview);
    slot.stale = stale;
    slot.run = run;
  }
}

bool RunBoard::apply(const json& event) {
  const std::string kind = event.value("kind", std::string());
  const double run = event.value("run", 0.0);
  if (kind == "run_finished") {
    if (run == current_run_) running_ = false;
    return true;
  }
  const std::string node = event.value("node", std::string());
  if (node.empty()) return false;
  if (run != current_run_) return false;  // a late event of an earlier run
  NodeRun& slot = entry(node);
  slot.run = run;
  if (slot.skill_id.empty()) slot.skill_id = event.value("skill_id", std::string());
  const double time = event.value("time_ms", 0.0);
  if (kind == "progress") {
    slot.progress = std::clamp(event.value("progress", 0.0), 0.0, 1.0);
    slot.progress_message = event.value("message", std::string());
    return true;
  }
  const auto state = state_of_event(kind);
  if (!state) return false;
  slot.state = *state;
  switch (*state) {
    case NodeState::queued:
      slot.queued_ms = time;
      slot.error.reset();
      break;
    case NodeState::running:
      slot.started_ms = time;
      slot.progress = -1;
      break;
    default:
      slot.duration_ms = event.value("duration_ms", 0.0);
      slot.progress = -1;
      break;
  }
  if (event.contains("error") && event["error"].is_object()) slot.error = error_from(event["error"]);
  const Skill* skill = find_skill_ ? find_skill_(slot.skill_id) : nullptr;
  if (skill) slot.source_path = skill->source_path;
  if ((*state == NodeState::done || *state == NodeState::cached) && event.contains("outputs")) {
    slot.outputs = std::make_shared<const json>(event["outputs"]);
    slot.preview = std::make_shared<const preview::Preview>(
        skill ? preview::make_preview(*slot.outputs, *skill)
              : preview::make_preview(*slot.outputs, {}, NodeType::python_wasm));
    slot.stale = false;
  }
  if (*state == NodeState::error) {
    // A failed node has no result: keeping the old picture would say it succeeded.
    slot.outputs.reset();
    slot.preview.reset();
  }
  return true;
}

const NodeRun* RunBoard::find(std::string_view node) const {
  const auto found = nodes_.find(node);
  return found == nodes_.end() ? nullptr : &found->second;
}

double RunBoard::elapsed_ms(std::string_view node, double now_ms) const {
  const NodeRun* slot = find(node);
  if (!slot) return 0;
  if (slot->state == NodeState::running) return std::max(0.0, now_ms - slot->started_ms);
  return slot->duration_ms;
}

bool RunBoard::animating() const {
  for (const auto& [id, slot] : nodes_)
    if (slot.state == NodeState::running || slot.state == NodeState::queued) return true;
  return false;
}

std::string RunBoard::error_location(std::string_view node) const {
  const NodeRun* slot = find(node);
  if (!slot || !slot->error || slot->state != NodeState::error) return {};
  std::string where = slot->source_path.empty() ? slot->skill_id : slot->source_path;
  if (slot->error->line) where.append(":").append(std::to_string(*slot->error->line));
  where.append(": ").append(slot->error->message);
  return where;
}

void RunBoard::mark_stale(const std::vector<std::string>& nodes) {
  for (const auto& node : nodes) {
    NodeRun& slot = entry(node);
    if (slot.state == NodeState::done || slot.state == NodeState::cached || slot.outputs) slot.stale = true;
  }
}

void RunBoard::set_stale(const std::vector<std::string>& nodes) {
  for (auto& [id, slot] : nodes_) slot.stale = false;
  mark_stale(nodes);
}

void RunBoard::clear(std::string_view node) {
  const auto found = nodes_.find(node);
  if (found != nodes_.end()) nodes_.erase(found);
}

void RunBoard::clear_all() {
  nodes_.clear();
  running_ = false;
}

std::map<std::string, int> RunBoard::counts() const {
  std::map<std::string, int> out;
  for (const auto& [id, slot] : nodes_) ++out[std::string(display_state(slot.state))];
  return out;
}

}  // namespace llmos::run
