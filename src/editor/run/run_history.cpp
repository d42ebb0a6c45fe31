#include "run_history.hpp"

#include "preview.hpp"

#include <cstdio>

namespace llmos::run {
namespace {

std::string value_text(const json& value) {
  if (value.is_null()) return "(default)";
  if (value.is_number()) return preview::format_number(value.get<double>());
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string milliseconds(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", ms);
  return text;
}

const NodeOutcome* find_outcome(const RunRecord& record, const std::string& node) {
  for (const auto& outcome : record.nodes)
    if (outcome.node == node) return &outcome;
  return nullptr;
}

}  // namespace

json RunRecord::to_json() const {
  json nodes_json = json::array();
  for (const auto& n : nodes)
    nodes_json.push_back({{"node", n.node},
                          {"skill_id", n.skill_id},
                          {"state", n.state},
                          {"duration_ms", n.duration_ms},
                          {"summary", n.summary}});
  return {{"workflow", workflow},
          {"started_at", started_at},
          {"total_ms", total_ms},
          {"params", params},
          {"nodes", std::move(nodes_json)}};
}

RunRecord RunRecord::from_json(const json& record) {
  RunRecord out;
  out.workflow = record.value("workflow", std::string());
  out.started_at = record.value("started_at", 0.0);
  out.total_ms = record.value("total_ms", 0.0);
  if (record.contains("params") && record["params"].is_object()) out.params = record["params"];
  if (record.contains("nodes") && record["nodes"].is_array())
    for (const auto& n : record["nodes"])
      out.nodes.push_back({n.value("node", std::string()), n.value("skill_id", std::string()),
                           n.value("state", std::string()), n.value("duration_ms", 0.0),
                           n.value("summary", std::string())});
  return out;
}

RunRecord make_record(std::string workflow_name, const Workflow& workflow, const RunBoard& board,
                      double started_at, double total_ms) {
  RunRecord record;
  record.workflow = std::move(workflow_name);
  record.started_at = started_at;
  record.total_ms = total_ms;
  for (const auto& node : workflow.nodes()) {
    record.params[node.id.value] = node.input_values;
    NodeOutcome outcome{node.id.value, node.skill_id, "idle", 0, {}};
    if (const NodeRun* slot = board.find(node.id.value)) {
      outcome.state = std::string(display_state(slot->state));
      outcome.duration_ms = slot->duration_ms;
      if (slot->state == NodeState::error && slot->error)
        outcome.summary = slot->error->message;
      else if (slot->preview)
        outcome.summary = slot->preview->text;
    }
    record.nodes.push_back(std::move(outcome));
  }
  return record;
}

std::vector<RunDifference> compare_runs(const RunRecord& a, const RunRecord& b) {
  std::vector<RunDifference> out;
  for (const auto& [node, inputs_a] : a.params.items()) {
    const json inputs_b = b.params.contains(node) ? b.params[node] : json::object();
    json ports = json::object();
    for (const auto& [port, value] : inputs_a.items()) ports[port] = true;
    for (const auto& [port, value] : inputs_b.items()) ports[port] = true;
    for (const auto& [port, unused] : ports.items()) {
      const json va = inputs_a.contains(port) ? inputs_a[port] : json();
      const json vb = inputs_b.contains(port) ? inputs_b[port] : json();
      out.push_back({node, "input " + port, value_text(va), value_text(vb), va != vb});
    }
  }
  for (const auto& outcome_a : a.nodes) {
    const NodeOutcome* outcome_b = find_outcome(b, outcome_a.node);
    const NodeOutcome missing{};
    const NodeOutcome& other = outcome_b ? *outcome_b : missing;
    out.push_back({outcome_a.node, "state", outcome_a.state, other.state, outcome_a.state != other.state});
    out.push_back(
        {outcome_a.node, "result", outcome_a.summary, other.summary, outcome_a.summary != other.summary});
    out.push_back({outcome_a.node, "time", milliseconds(outcome_a.duration_ms),
                   milliseconds(other.duration_ms), false});
  }
  return out;
}

void RunHistory::add(RunRecord record) {
  records_.insert(records_.begin(), std::move(record));
  if (records_.size() > capacity_) records_.resize(capacity_);
}

void RunHistory::replace(std::vector<RunRecord> records) {
  records_ = std::move(records);
  if (records_.size() > capacity_) records_.resize(capacity_);
}

}  // namespace llmos::run
