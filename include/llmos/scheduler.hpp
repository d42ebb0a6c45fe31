// The event-driven DAG scheduler: it never blocks and owns no threads.
// start() dispatches every ready node to the runtime of its type; the host
// answers with complete()/fail()/progress(), which release successors and
// dispatch whatever became ready before returning. Workflow (what),
// Scheduler (how), a run (one execution, RunId) and RunObserver (who
// watches) are separate types.
#pragma once

#include "llmos/ids.hpp"
#include "llmos/result_cache.hpp"
#include "llmos/run_events.hpp"
#include "llmos/runtime.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/workflow.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace llmos {

// Milliseconds from any fixed origin. Injected so tests and wasm control time.
using Clock = std::function<double()>;
// std::chrono::steady_clock in milliseconds.
Clock steady_clock_ms();

struct RunOptions {
  enum class Scope {
    all,        // every node
    to_node,    // `target` and its ancestors
    from_node,  // `target` and its descendants; upstream outputs from
                // `previous_run`, else the result cache; else those inputs fail
  };
  Scope scope = Scope::all;
  NodeId target;
  RunId previous_run;       // run-from: a finished run (not released) to take outputs from
  bool use_cache = true;    // read and write the scheduler's ResultCache (if any)
  bool hash_inputs = true;  // compute inputs hashes for traces even without a cache
  // Per node, from dispatch: 0 = the node type's deadline (node_type_table),
  // > 0 = this many ms for every node, < 0 = no deadline.
  double node_timeout_ms = 0;

  static RunOptions to_node(NodeId node);
  static RunOptions from_node(NodeId node, RunId previous = {});
};

struct NodeResult {
  NodeState state = NodeState::idle;
  json outputs;  // null unless done/cached
  double duration_ms = 0;
  bool cached = false;
  std::optional<NodeError> error;  // error, skipped (code "skipped") and cancelled
  std::uint64_t inputs_hash = 0;

  // {"outputs":{...},"duration_ms":n,"cached":b,"state":"done"[,"error":{code,message,line?}]}
  json to_json() const;
};

// What Scheduler::clear_cached_result did.
struct ClearedResult {
  std::uint64_t key = 0;  // the node's current cache key (0: none, e.g. on a cycle)
  bool removed = false;   // a result was stored under it (memory or store)
};

enum class RunStatus { unknown, running, succeeded, failed, cancelled };
std::string_view to_string(RunStatus status);

class Scheduler {
 public:
  // `runtimes` and `cache` (optional) are not owned and must outlive the
  // scheduler. Without a clock, steady_clock_ms() is used.
  explicit Scheduler(RuntimeRegistry& runtimes, Clock clock = {}, ResultCache* cache = nullptr);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void set_cache(ResultCache* cache) { cache_ = cache; }
  // "Clear cached result": forgets the cached outputs of `node` as `workflow`
  // is now (its current cache key, see run_plan.hpp), so the next run
  // recomputes that node alone (descendants' keys chain keys, not results,
  // so they still hit). nullopt when the node is unknown.
  std::optional<ClearedResult> clear_cached_result(const Workflow& workflow, const SkillLibrary& library,
                                                   const NodeId& node);
  void add_observer(RunObserver& observer);
  void remove_observer(RunObserver& observer);

  // Starts a run over `workflow`, which the run shares and never changes
  // (the editor edits its own copy). `library` must outlive the run.
  // Problems found here (unknown skill, no runtime, cycle, missing upstream
  // result) fail the affected nodes and skip their descendants; the rest runs.
  RunId start(std::shared_ptr<const Workflow> workflow, const SkillLibrary& library, RunOptions options = {});
  // Same, over a snapshot (copy) of `workflow`.
  RunId start(const Workflow& workflow, const SkillLibrary& library, RunOptions options = {});

  // Answers from runtimes. False (and no effect) when the run or node is
  // unknown or the node is not running (e.g. cancelled or timed out). The
  // ticket forms (from DispatchRequest::ticket) skip the node id lookup.
  bool complete(NodeTicket node, json outputs);
  bool fail(NodeTicket node, NodeError error);
  bool progress(NodeTicket node, double fraction, std::string_view message = {});
  // A line (or chunk) of the node's output; `stream` is "stdout" or "stderr".
  bool log(NodeTicket node, std::string_view stream, std::string_view text);
  bool complete(RunId run, const NodeId& node, json outputs);
  bool fail(RunId run, const NodeId& node, NodeError error);
  bool progress(RunId run, const NodeId& node, double fraction, std::string_view message = {});
  bool log(RunId run, const NodeId& node, std::string_view stream, std::string_view text);
  // A node's deadline measures its own execution, not its runtime's start-up:
  // a runtime whose workers are still starting (a cold Pyodide, a JavaScript
  // worker locking down its realm) says the node waits for it; its clock then
  // stops, up to kRuntimeStartLimitMs, and restarts when the runtime says the
  // node started. False when the node is not running.
  static constexpr double kRuntimeStartLimitMs = 180'000;
  bool awaiting_runtime(RunId run, const NodeId& node);
  bool runtime_started(RunId run, const NodeId& node);
  // The ticket of a node of a run (for hosts that only kept the id).
  std::optional<NodeTicket> ticket(RunId run, const NodeId& node) const;

  // Cancels every unfinished node of the run; false if already finished.
  bool cancel(RunId run);
  // Cancels one node (running or waiting) and skips its descendants.
  bool cancel(RunId run, const NodeId& node);
  // Fails overdue running nodes with "timeout" (also checked on every
  // complete/fail/progress call).
  void tick();

  RunStatus status(RunId run) const;
  bool finished(RunId run) const;
  // Run-level problem (unknown target node, unknown previous run), if any.
  std::optional<NodeError> run_error(RunId run) const;
  NodeState state(RunId run, const NodeId& node) const;
  std::optional<NodeResult> result(RunId run, const NodeId& node) const;
  // The original executeWorkflow result: {"<nodeId>": NodeResult::to_json(), ...}
  // for the nodes in the run's scope, in file order. Without outputs, each
  // entry lacks "outputs" (a caller that has them from the done/cached
  // events saves copying and serialising them again).
  enum class Outputs { with, without };
  json results_to_json(RunId run, Outputs outputs = Outputs::with) const;
  // Forgets a run (its results too). Running nodes are cancelled first.
  void release(RunId run);

  double now() const { return clock_(); }
  std::size_t running_count(std::string_view node_type) const;

 private:
  struct Run;
  struct Ticket {
    std::uint64_t run;
    std::uint32_t node;
  };
  struct Pool {
    std::size_t running = 0;
    std::deque<Ticket> waiting;
  };
  struct Deadline {
    double at_ms;
    std::uint64_t run;
    std::uint32_t node;
    bool operator>(const Deadline& other) const { return at_ms > other.at_ms; }
  };

  Run* find_run(std::uint64_t run) const;
  Run* find_run(RunId run) const { return find_run(run.value); }
  NodeResult result_at(const Run& run, std::uint32_t index, Outputs outputs) const;
  // The run and node of a ticket if that node is running, else nullptr.
  Run* running_node(NodeTicket ticket) const;
  // A progress or log event of a running node (false when it is not running).
  bool report(NodeTicket ticket, EventKind kind, double fraction, std::string_view message,
              std::string_view stream);
  void prepare(Run& run, const SkillLibrary& library);
  void pump();
  bool try_cache(Run& run, std::uint32_t node);
  void dispatch(Run& run, std::uint32_t node);
  json resolve_inputs(const Run& run, std::uint32_t node) const;
  double deadline_of(const Run& run, std::uint32_t node) const;
  double allowed_ms(const Run& run, std::uint32_t node) const;  // <= 0: none
  std::uint64_t inputs_hash(const Run& run, std::uint32_t node) const;
  void make_ready(Run& run, std::uint32_t node);
  // The lowest-id run with ready nodes, or nullptr.
  Run* next_ready_run();
  void prefetch_successors(const Run& run, std::uint32_t node) const;
  void release_successors(Run& run, std::uint32_t node);
  void release_slot(std::uint32_t pool);
  void fail_node(Run& run, std::uint32_t node, NodeError error, bool was_running);
  // Events and bookkeeping for a node already in the error state.
  void announce_failure(Run& run, std::uint32_t node, bool was_running);
  void stop_node(Run& run, std::uint32_t node, NodeState state, NodeError error);
  void skip_descendants(Run& run, std::uint32_t node, const std::string& reason);
  void node_finished(Run& run);
  // Marks the run finished and tells the observers.
  void finish_run(Run& run);
  void check_timeouts();
  void emit(const Run& run, EventKind kind, std::uint32_t node, double time_ms, double duration_ms = 0,
            double fraction = 0, std::string_view message = {}, std::string_view stream = {}) const;
  Pool& pool(std::uint32_t slot);

  RuntimeRegistry& runtimes_;
  Clock clock_;
  ResultCache* cache_;
  std::vector<RunObserver*> observers_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Run>> runs_;
  mutable Run* last_found_ = nullptr;  // find_run's last answer
  std::uint64_t next_run_ = 1;
  // The trampoline: answers that arrive while pumping only mark nodes ready.
  // Runs with ready nodes, by id (a run may linger here with none left).
  std::vector<Run*> ready_runs_;
  bool pumping_ = false;
  std::vector<Pool> pools_;  // by RuntimeRegistry slot
  std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
};

}  // namespace llmos
