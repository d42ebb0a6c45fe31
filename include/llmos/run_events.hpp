// What a run reports while it executes: node states, the events that move
// nodes between them, and the observer interface the editor, traces and
// Evolution listen through.
#pragma once

#include "llmos/ids.hpp"
#include "llmos/runtime.hpp"
#include "llmos/workflow.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace llmos {

enum class NodeState : std::uint8_t {
  idle,       // not part of this run (outside run-to/run-from scope)
  pending,    // waiting for upstream nodes
  queued,     // ready, waiting for a runtime slot
  running,    // dispatched to its runtime
  done,       // outputs available
  cached,     // outputs taken from the result cache, not dispatched
  error,      // failed (runtime error, timeout, unknown skill, cycle, ...)
  skipped,    // an upstream node failed or was cancelled
  cancelled,  // cancelled by the host
};
std::string_view to_string(NodeState state);
bool is_terminal(NodeState state);

// `log` and `progress` leave the node's state alone: a running node's output
// lines and its fraction done, as its runtime reports them.
enum class EventKind : std::uint8_t {
  queued,
  running,
  progress,
  log,
  done,
  cached,
  error,
  skipped,
  cancelled
};
std::string_view to_string(EventKind kind);

// One state change. References are valid only during the observer call.
struct NodeEvent {
  RunId run;
  EventKind kind;
  const NodeId& node;
  const std::string& skill_id;
  double time_ms = 0;                // from the scheduler's clock
  double duration_ms = 0;            // done/error/cancelled: time since running
  std::uint64_t inputs_hash = 0;     // cache key of the node; 0 when not computed
  double progress = 0;               // progress: 0..1
  std::string_view message;          // progress text; log: the text
  const NodeError* error = nullptr;  // error, skipped (reason), cancelled
  const json* outputs = nullptr;     // done, cached: the node's outputs
  std::string_view stream;           // log: "stdout" or "stderr"
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // The workflow is shared, immutable, and outlives the run if kept.
  virtual void on_run_started(RunId /*run*/, const std::shared_ptr<const Workflow>& /*workflow*/,
                              double /*time_ms*/) {}
  virtual void on_node_event(const NodeEvent& /*event*/) {}
  virtual void on_run_finished(RunId /*run*/, double /*time_ms*/) {}
};

}  // namespace llmos
