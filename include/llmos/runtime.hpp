// Runtimes execute node code (Pyodide, a JS sandbox, ngspice, ... or the
// FakeRuntime in tests). The scheduler hands them DispatchRequests; the host
// answers later through Scheduler::complete / fail / progress.
#pragma once

#include "llmos/ids.hpp"
#include "llmos/skill.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos {

// Why a node failed: a stable code ("timeout", "cancelled", "python.error",
// ...), a message and, for errors inside skill code, the line.
struct NodeError {
  std::string code;
  std::string message;
  std::optional<int> line;

  json to_json() const;
};

// One node of one run, as the scheduler hands it out: answering with the
// ticket skips looking the node id up (and works for duplicate ids). It means
// nothing to another run; a stale ticket is ignored like a stale node id.
struct NodeTicket {
  RunId run;
  std::uint32_t index = 0;  // position in the run's Workflow::nodes()
};

// Everything a runtime needs to run one node. References stay valid only for
// the duration of Runtime::dispatch: copy what you keep.
struct DispatchRequest {
  NodeTicket ticket;
  const NodeId& node;
  const Skill& skill;  // id, type, code, postprocess
  const json& inputs;  // defaults, then inputValues, then upstream outputs
  double deadline_ms;  // clock time after which the node times out; +inf = none
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  // Start the node. May call Scheduler::complete/fail for it before
  // returning (synchronous runtimes); the scheduler copes.
  virtual void dispatch(const DispatchRequest& request) = 0;
  // Stop working on a node (cancelled or timed out). Answers that still
  // arrive for it are ignored by the scheduler.
  virtual void cancel(RunId run, const NodeId& node) = 0;
};

// Node type name ("python-wasm", "qiskit", ...) -> runtime, with the number
// of nodes of that type allowed to run at once (across all runs).
class RuntimeRegistry {
 public:
  static constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

  // Registers or replaces the runtime of a node type.
  void add(std::string node_type, Runtime& runtime, std::size_t max_concurrent = unlimited);
  // Changes the pool size of a registered type; false if unknown.
  bool set_max_concurrent(std::string_view node_type, std::size_t max_concurrent);

  // Stable small index of a node type's entry (the scheduler keys pools by
  // it), or nullopt when no runtime handles the type.
  std::optional<std::size_t> slot_of(std::string_view node_type) const;
  Runtime& runtime_at(std::size_t slot) const { return *entries_[slot].runtime; }
  std::size_t max_concurrent_at(std::size_t slot) const { return entries_[slot].max_concurrent; }
  const std::string& node_type_at(std::size_t slot) const { return entries_[slot].node_type; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string node_type;
    Runtime* runtime = nullptr;
    std::size_t max_concurrent = unlimited;
  };
  std::vector<Entry> entries_;
};

}  // namespace llmos
