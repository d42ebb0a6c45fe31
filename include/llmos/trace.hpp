// RunTrace records what happened in runs (every event plus a per-node
// summary) and exports it as JSON; Evolution learns from these traces.
#pragma once

#include "llmos/run_events.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llmos {

struct TraceEvent {
  EventKind kind = EventKind::queued;
  std::string node;
  double time_ms = 0;
  double duration_ms = 0;
  double progress = 0;
  std::string message;  // progress text; log: the text
  std::string stream;   // log: "stdout" or "stderr"
  std::optional<NodeError> error;

  json to_json() const;
};

class RunTrace final : public RunObserver {
 public:
  static constexpr std::size_t kLogBytesPerNode = 64 * 1024;

  void on_run_started(RunId run, const std::shared_ptr<const Workflow>& workflow, double time_ms) override;
  void on_node_event(const NodeEvent& event) override;
  void on_run_finished(RunId run, double time_ms) override;

  bool has(RunId run) const { return runs_.count(run.value) > 0; }
  bool finished(RunId run) const;
  const std::vector<TraceEvent>& events(RunId run) const;
  // {"run_id","workflow":{...},"started_ms","finished_ms","nodes":{id:{state,
  // skill_id,inputs_hash,duration_ms,cached,error?,log_dropped?}},"events":[...]}
  // (finished_ms is null while the run is still going).
  json to_json(RunId run) const;
  void forget(RunId run) { runs_.erase(run.value); }

 private:
  struct NodeSummary {
    NodeState state = NodeState::pending;
    std::string skill_id;
    std::uint64_t inputs_hash = 0;
    double duration_ms = 0;
    std::optional<NodeError> error;
  };
  struct Record {
    // Kept as it is (immutable, shared with the run) and turned into JSON
    // only when the trace is read: most runs' traces never are.
    std::shared_ptr<const Workflow> workflow;
    double started_ms = 0;
    std::optional<double> finished_ms;
    std::vector<std::string> order;  // node ids in first-seen order
    std::map<std::string, NodeSummary> nodes;
    std::vector<TraceEvent> events;
    struct LogBudget {
      std::size_t bytes = 0;
      std::size_t dropped = 0;  // log events left out
    };
    std::map<std::string, LogBudget> log_budget;  // by node id
  };
  bool keep_log(Record& record, const NodeEvent& event);
  std::map<std::uint64_t, Record> runs_;
};

}  // namespace llmos
