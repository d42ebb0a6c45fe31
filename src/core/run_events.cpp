#include "llmos/run_events.hpp"

namespace llmos {

std::string_view to_string(NodeState state) {
  switch (state) {
    case NodeState::idle:
      return "idle";
    case NodeState::pending:
      return "pending";
    case NodeState::queued:
      return "queued";
    case NodeState::running:
      return "running";
    case NodeState::done:
      return "done";
    case NodeState::cached:
      return "cached";
    case NodeState::error:
      return "error";
    case NodeState::skipped:
      return "skipped";
    case NodeState::cancelled:
      return "cancelled";
  }
  return "idle";
}

bool is_terminal(NodeState state) {
  return state == NodeState::done || state == NodeState::cached || state == NodeState::error ||
         state == NodeState::skipped || state == NodeState::cancelled;
}

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::queued:
      return "queued";
    case EventKind::running:
      return "running";
    case EventKind::progress:
      return "progress";
    case EventKind::log:
      return "log";
    case EventKind::done:
      return "done";
    case EventKind::cached:
      return "cached";
    case EventKind::error:
      return "error";
    case EventKind::skipped:
      return "skipped";
    case EventKind::cancelled:
      return "cancelled";
  }
  return "queued";
}

}  // namespace llmos
