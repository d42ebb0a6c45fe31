#include "llmos/trace.hpp"

#include "llmos/hash.hpp"

namespace llmos {
namespace {

NodeState state_after(EventKind kind, NodeState before) {
  switch (kind) {
    case EventKind::queued:
      return NodeState::queued;
    case EventKind::running:
      return NodeState::running;
    case EventKind::progress:
    case EventKind::log:
      return before;
    case EventKind::done:
      return NodeState::done;
    case EventKind::cached:
      return NodeState::cached;
    case EventKind::error:
      return NodeState::error;
    case EventKind::skipped:
      return NodeState::skipped;
    case EventKind::cancelled:
      return NodeState::cancelled;
  }
  return before;
}

}  // namespace

json TraceEvent::to_json() const {
  json out = {{"kind", std::string(llmos::to_string(kind))}, {"node", node}, {"time_ms", time_ms}};
  if (duration_ms > 0) out["duration_ms"] = duration_ms;
  if (kind == EventKind::progress) out["progress"] = progress;
  if (kind == EventKind::log) {
    out["stream"] = stream;
    out["text"] = message;
  } else if (!message.empty()) {
    out["message"] = message;
  }
  if (error) out["error"] = error->to_json();
  return out;
}

void RunTrace::on_run_started(RunId run, const std::shared_ptr<const Workflow>& workflow, double time_ms) {
  Record record;
  record.workflow = workflow;
  record.started_ms = time_ms;
  runs_[run.value] = std::move(record);
}

void RunTrace::on_node_event(const NodeEvent& event) {
  const auto found = runs_.find(event.run.value);
  if (found == runs_.end()) return;
  auto& record = found->second;
  if (event.kind == EventKind::log && !keep_log(record, event)) return;
  TraceEvent stored;
  stored.kind = event.kind;
  stored.node = event.node.value;
  stored.time_ms = event.time_ms;
  stored.duration_ms = event.duration_ms;
  stored.progress = event.progress;
  stored.message = std::string(event.message);
  stored.stream = std::string(event.stream);
  if (event.error) stored.error = *event.error;
  record.events.push_back(std::move(stored));

  auto [summary, inserted] = record.nodes.try_emplace(event.node.value);
  if (inserted) record.order.push_back(event.node.value);
  auto& node = summary->second;
  node.skill_id = event.skill_id;
  node.state = state_after(event.kind, node.state);
  if (event.inputs_hash != 0) node.inputs_hash = event.inputs_hash;
  if (event.duration_ms > 0 && event.kind != EventKind::progress && event.kind != EventKind::log)
    node.duration_ms = event.duration_ms;
  if (event.error) node.error = *event.error;
}

// A chatty node (a print in a loop) must not grow the trace without end: each
// node keeps its first kLogBytesPerNode bytes of log text; later lines are
// only counted (nodes.<id>.log_dropped).
bool RunTrace::keep_log(Record& record, const NodeEvent& event) {
  auto& budget = record.log_budget[event.node.value];
  if (budget.dropped == 0 && budget.bytes + event.message.size() <= kLogBytesPerNode) {
    budget.bytes += event.message.size();
    return true;
  }
  ++budget.dropped;
  return false;
}

void RunTrace::on_run_finished(RunId run, double time_ms) {
  const auto found = runs_.find(run.value);
  if (found != runs_.end()) found->second.finished_ms = time_ms;
}

bool RunTrace::finished(RunId run) const {
  const auto found = runs_.find(run.value);
  return found != runs_.end() && found->second.finished_ms.has_value();
}

const std::vector<TraceEvent>& RunTrace::events(RunId run) const {
  static const std::vector<TraceEvent> none;
  const auto found = runs_.find(run.value);
  return found == runs_.end() ? none : found->second.events;
}

json RunTrace::to_json(RunId run) const {
  const auto found = runs_.find(run.value);
  if (found == runs_.end()) return nullptr;
  const auto& record = found->second;
  json nodes = json::object();
  for (const auto& id : record.order) {
    const auto& node = record.nodes.at(id);
    json out = {{"state", std::string(llmos::to_string(node.state))},
                {"skill_id", node.skill_id},
                {"inputs_hash", node.inputs_hash ? to_hex(node.inputs_hash) : std::string()},
                {"duration_ms", node.duration_ms},
                {"cached", node.state == NodeState::cached}};
    if (node.error) out["error"] = node.error->to_json();
    if (const auto budget = record.log_budget.find(id);
        budget != record.log_budget.end() && budget->second.dropped)
      out["log_dropped"] = budget->second.dropped;
    nodes[id] = std::move(out);
  }
  json events = json::array();
  for (const auto& event : record.events) events.push_back(event.to_json());
  return {{"run_id", run.value},
          {"workflow", record.workflow ? record.workflow->to_json() : json(nullptr)},
          {"started_ms", record.started_ms},
          {"finished_ms", record.finished_ms ? json(*record.finished_ms) : json(nullptr)},
          {"nodes", std::move(nodes)},
          {"events", std::move(events)}};
}

}  // namespace llmos
