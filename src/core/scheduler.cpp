#include "llmos/scheduler.hpp"

#include "llmos/hash.hpp"
#include "llmos/node_types.hpp"
#include "ready_set.hpp"
#include "run_planning.hpp"
#include "workflow_graph.hpp"

#include <chrono>
#include <limits>
#include <unordered_map>

namespace llmos {
namespace {

constexpr std::uint32_t kNoPool = std::numeric_limits<std::uint32_t>::max();
constexpr double kNoDeadline = std::numeric_limits<double>::infinity();

std::unique_ptr<NodeError> make_error(std::string code, std::string message) {
  return std::make_unique<NodeError>(NodeError{std::move(code), std::move(message), {}});
}

// The value of output `port` in `outputs`, or nullptr.
const json* port_value(const json* outputs, const std::string& port) {
  if (!outputs || !outputs->is_object()) return nullptr;
  const auto found = outputs->find(port);
  return found == outputs->end() ? nullptr : &*found;
}

bool is_waiting(NodeState state) { return state == NodeState::pending || state == NodeState::queued; }

using planning::upstream_first;

}  // namespace

Clock steady_clock_ms() {
  return [] {
    const auto since = std::chrono::steady_clock::now().time_since_epoch();
    return std::chrono::duration<double, std::milli>(since).count();
  };
}

RunOptions RunOptions::to_node(NodeId node) {
  RunOptions options;
  options.scope = Scope::to_node;
  options.target = std::move(node);
  return options;
}

RunOptions RunOptions::from_node(NodeId node, RunId previous) {
  RunOptions options;
  options.scope = Scope::from_node;
  options.target = std::move(node);
  options.previous_run = previous;
  return options;
}

json NodeResult::to_json() const {
  json out = {{"outputs", outputs.is_null() ? json::object() : outputs},
              {"duration_ms", duration_ms},
              {"cached", cached},
              {"state", std::string(to_string(state))}};
  if (error) out["error"] = error->to_json();
  return out;
}

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::unknown:
      return "unknown";
    case RunStatus::running:
      return "running";
    case RunStatus::succeeded:
      return "succeeded";
    case RunStatus::failed:
      return "failed";
    case RunStatus::cancelled:
      return "cancelled";
  }
  return "unknown";
}

// One execution: a workflow nobody changes while it runs (the editor edits
// its own copy), its compiled graph and per-node state.
struct Scheduler::Run {
  // A skill as this run uses it, shared by every node naming the same id.
  struct SkillUse {
    const Skill* skill = nullptr;  // nullptr: unknown skill
    std::uint32_t pool = kNoPool;  // RuntimeRegistry slot
    std::uint64_t hash = 0;        // skill id, code, postprocess and defaults
  };
  // What release_successors touches at random, 8 bytes per node so that it
  // stays in the CPU caches even for 100k nodes.
  struct Flow {
    std::uint32_t waiting = 0;  // in-scope incoming edges not yet done
    NodeState state = NodeState::idle;
  };
  // The rest, under one cache line; the rare error lives out of line.
  struct Node {
    SharedOutputs outputs;             // done/cached, or reused from outside the scope (run-from)
    std::unique_ptr<NodeError> error;  // error, skipped and cancelled
    double started_ms = 0;
    double finished_ms = 0;
    double deadline_ms = 0;    // the live entry in deadlines_ (older ones are stale)
    std::uint32_t use = 0;     // index into Run::skills
    bool has_outputs = false;  // outside the scope but outputs reused (run-from)
    bool dispatched = false;
    bool awaiting_runtime = false;  // its clock is stopped until the runtime starts it
  };

  // What one incoming edge brings: the upstream's value on that port,
  // written when the upstream finishes, while its outputs are hot. Resolving
  // inputs then reads the node's own entries front to back instead of
  // chasing each upstream across memory. Numbers and booleans are copied in;
  // other values stay in the upstream's outputs and are copied once, at
  // dispatch, like any input. Plain data, so setting an entry is a store
  // that never reads the entry's old contents.
  struct Arrival {
    enum class Kind : std::uint8_t { missing, shared, boolean, integer, unsigned_integer, floating };
    Kind kind = Kind::missing;
    union {
      const json* shared = nullptr;
      bool boolean;
      std::int64_t integer;
      std::uint64_t unsigned_integer;
      double floating;
    };

    static Arrival of(const json* port_value) {
      Arrival arrival;
      if (!port_value) return arrival;
      switch (port_value->type()) {
        case json::value_t::boolean:
          arrival.kind = Kind::boolean;
          arrival.boolean = port_value->get<bool>();
          break;
        case json::value_t::number_integer:
          arrival.kind = Kind::integer;
          arrival.integer = port_value->get<std::int64_t>();
          break;
        case json::value_t::number_unsigned:
          arrival.kind = Kind::unsigned_integer;
          arrival.unsigned_integer = port_value->get<std::uint64_t>();
          break;
        case json::value_t::number_float:
          arrival.kind = Kind::floating;
          arrival.floating = port_value->get<double>();
          break;
        default:
          arrival.kind = Kind::shared;
          arrival.shared = port_value;
      }
      return arrival;
    }
    bool present() const { return kind != Kind::missing; }
    // The value as an input (present() only).
    json value() const {
      switch (kind) {
        case Kind::boolean:
          return boolean;
        case Kind::integer:
          return integer;
        case Kind::unsigned_integer:
          return unsigned_integer;
        case Kind::floating:
          return floating;
        case Kind::shared:
          return *shared;
        case Kind::missing:
          break;
      }
      return nullptr;
    }
  };

  static SkillUse use_skill(std::string_view skill_id, const SkillLibrary& library,
                            const RuntimeRegistry& runtimes) {
    SkillUse use;
    use.skill = library.find(skill_id);
    if (use.skill)
      if (const auto slot = runtimes.slot_of(to_string(use.skill->type)))
        use.pool = static_cast<std::uint32_t>(*slot);
    use.hash = skill_cache_key(skill_id, use.skill);
    return use;
  }

  Run(RunId run_id, std::shared_ptr<const Workflow> source, RunOptions run_options)
      : id(run_id), workflow(std::move(source)), graph(*workflow), options(std::move(run_options)) {}

  const NodeId& node_id(std::uint32_t node) const { return workflow->nodes()[node].id; }
  const SkillUse& use_of(std::uint32_t node) const { return skills[nodes[node].use]; }
  const Skill* skill_of(std::uint32_t node) const { return use_of(node).skill; }
  std::uint32_t pool_of(std::uint32_t node) const { return use_of(node).pool; }

  RunId id;
  std::shared_ptr<const Workflow> workflow;
  WorkflowGraph graph;
  RunOptions options;
  std::vector<SkillUse> skills;
  std::vector<Flow> flow;
  std::vector<Node> nodes;
  std::vector<Arrival> arrivals;  // per flat incoming entry (WorkflowGraph::incoming_offset)
  // Inputs hashes (the cache keys), computed for the whole scope before
  // anything runs: a key depends on upstream keys, not on upstream results.
  std::vector<std::uint64_t> hashes;
  ReadySet ready;
  bool listed = false;  // in Scheduler::ready_runs_
  std::size_t unfinished = 0;
  std::size_t failures = 0;  // error, skipped or cancelled nodes
  double started_ms = 0;
  double finished_ms = 0;
  bool finished = false;
  bool cancelled = false;
  bool caching = false;
  bool hashing = false;
  std::optional<NodeError> error;

  NodeState state(std::uint32_t node) const { return flow[node].state; }
};

Scheduler::Scheduler(RuntimeRegistry& runtimes, Clock clock, ResultCache* cache)
    : runtimes_(runtimes), clock_(clock ? std::move(clock) : steady_clock_ms()), cache_(cache) {}

Scheduler::~Scheduler() = default;

void Scheduler::add_observer(RunObserver& observer) { observers_.push_back(&observer); }

void Scheduler::remove_observer(RunObserver& observer) { std::erase(observers_, &observer); }

Scheduler::Run* Scheduler::find_run(std::uint64_t run) const {
  // Answers mostly come for the run of the previous answer.
  if (last_found_ && last_found_->id.value == run) return last_found_;
  const auto found = runs_.find(run);
  if (found == runs_.end()) return nullptr;
  last_found_ = found->second.get();
  return last_found_;
}

Scheduler::Pool& Scheduler::pool(std::uint32_t slot) {
  if (slot >= pools_.size()) pools_.resize(slot + 1);
  return pools_[slot];
}

std::optional<ClearedResult> Scheduler::clear_cached_result(const Workflow& workflow,
                                                            const SkillLibrary& library, const NodeId& node) {
  if (!workflow.find_node(node)) return std::nullopt;
  ClearedResult cleared;
  cleared.key = cache_keys(workflow, library).at(node);
  if (cleared.key != 0 && cache_) cleared.removed = cache_->remove(cleared.key);
  return cleared;
}

RunId Scheduler::start(const Workflow& workflow, const SkillLibrary& library, RunOptions options) {
  return start(std::make_shared<const Workflow>(workflow), library, std::move(options));
}

RunId Scheduler::start(std::shared_ptr<const Workflow> workflow, const SkillLibrary& library,
                       RunOptions options) {
  const RunId id{next_run_++};
  auto owned = std::make_unique<Run>(id, std::move(workflow), std::move(options));
  Run& run = *owned;
  runs_.emplace(id.value, std::move(owned));
  run.caching = run.options.use_cache && cache_ != nullptr;
  run.hashing = run.caching || run.options.hash_inputs;
  run.started_ms = now();
  for (auto* observer : observers_) observer->on_run_started(id, run.workflow, run.started_ms);
  prepare(run, library);
  pump();
  return id;
}

// Scope, skills, runtimes, indegrees, reused upstream outputs and cycles;
// then the first ready nodes are queued.
void Scheduler::prepare(Run& run, const SkillLibrary& library) {
  const auto& workflow_nodes = run.workflow->nodes();
  const auto count = static_cast<std::uint32_t>(workflow_nodes.size());
  run.nodes.resize(count);
  run.flow.resize(count);
  run.ready.reset(count);
  const auto& graph = run.graph;
  run.arrivals.resize(graph.incoming_offset(count));
  run.hashes.resize(count);

  auto planned_scope = planning::run_scope(graph, run.options);
  if (auto* error = std::get_if<NodeError>(&planned_scope)) {
    run.error = std::move(*error);
    finish_run(run);
    return;
  }
  const auto& scope = std::get<std::vector<bool>>(planned_scope);

  std::vector<std::pair<std::uint32_t, NodeError>> start_failures;
  planning::duplicate_problems(*run.workflow, graph, scope, start_failures);
  // Each distinct skill id is looked up and hashed once per run; neighbouring
  // nodes usually share one, so the last lookup is remembered too.
  std::unordered_map<std::string_view, std::uint32_t> use_of_id;
  std::string_view last_skill_id;
  std::uint32_t last_use = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    auto& node = run.nodes[i];
    const auto& source = workflow_nodes[i];
    if (i == 0 || source.skill_id != last_skill_id) {
      last_skill_id = source.skill_id;
      const auto [found, added] =
          use_of_id.try_emplace(last_skill_id, static_cast<std::uint32_t>(run.skills.size()));
      if (added) run.skills.push_back(Run::use_skill(source.skill_id, library, runtimes_));
      last_use = found->second;
    }
    node.use = last_use;
    if (!scope[i]) continue;
    run.flow[i].state = NodeState::pending;
    ++run.unfinished;
    const Skill* skill = run.skill_of(i);
    if (auto problem = planning::skill_problem(source.skill_id, skill)) {
      start_failures.push_back({i, std::move(*problem)});
    } else if (run.pool_of(i) == kNoPool) {
      start_failures.push_back(
          {i,
           {"runtime.missing", "no runtime registered for type " + in_quotes(to_string(skill->type)), {}}});
    }
  }

  // Run-from: inputs from outside the scope come from the previous run,
  // else from the cache (keys of the outside nodes computed in topo order).
  bool outside_hashed = false;
  const Run* previous = find_run(run.options.previous_run);
  auto provide_outside = [&](std::uint32_t source) {
    auto& node = run.nodes[source];
    if (node.has_outputs) return true;
    if (previous) {
      if (const auto at = previous->graph.index_of(run.node_id(source).value)) {
        const auto& old = previous->nodes[*at];
        if (previous->state(*at) == NodeState::done || previous->state(*at) == NodeState::cached) {
          node.outputs = old.outputs;
          run.hashes[source] = previous->hashes[*at];
          node.has_outputs = true;
          return true;
        }
      }
    }
    if (!run.caching) return false;
    if (!outside_hashed) {
      upstream_first(graph, [&](std::uint32_t index) {
        if (!scope[index]) run.hashes[index] = inputs_hash(run, index);
      });
      outside_hashed = true;
    }
    if (auto hit = cache_->get(run.hashes[source])) {
      node.outputs = std::move(hit);
      node.has_outputs = true;
      return true;
    }
    return false;
  };

  std::vector<std::uint32_t> outside_entries;  // delivered once every outside hash is final
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!scope[i]) continue;
    const auto sources = graph.incoming_sources(i);
    for (std::uint32_t k = 0; k < sources.size(); ++k) {
      const auto source = sources[k];
      if (scope[source]) {
        ++run.flow[i].waiting;
      } else if (provide_outside(source)) {
        outside_entries.push_back(graph.incoming_offset(i) + k);
      } else {
        start_failures.push_back({i,
                                  {"upstream.missing",
                                   "no result for upstream node " + in_quotes(run.node_id(source).value) +
                                       " (run it first, or enable the cache)",
                                   {}}});
        break;
      }
    }
  }
  for (auto entry : outside_entries) {
    const auto source = graph.incoming_source_at(entry);
    const auto& node = run.nodes[source];
    run.arrivals[entry] = Run::Arrival::of(
        port_value(node.outputs.get(), graph.port_name(graph.incoming_port_at(entry).source_port)));
  }

  // Nodes on a cycle keep key 0; they fail below.
  if (run.hashing)
    upstream_first(graph, [&](std::uint32_t index) {
      if (scope[index]) run.hashes[index] = inputs_hash(run, index);
    });

  planning::cycle_problems(graph, scope, start_failures);

  // Mark every failing node before announcing any, so a failing node that
  // is also downstream of another (a cycle) reports its own error.
  std::vector<std::uint32_t> failed;
  for (auto& [index, error] : start_failures) {
    if (!is_waiting(run.state(index))) continue;
    run.flow[index].state = NodeState::error;
    run.nodes[index].error = std::make_unique<NodeError>(std::move(error));
    failed.push_back(index);
  }
  for (auto index : failed) announce_failure(run, index, false);
  for (std::uint32_t i = 0; i < count; ++i)
    if (run.state(i) == NodeState::pending && run.flow[i].waiting == 0) make_ready(run, i);
  if (run.unfinished == 0 && !run.finished) finish_run(run);
}

void Scheduler::make_ready(Run& run, std::uint32_t node) {
  run.flow[node].state = NodeState::queued;
  run.ready.insert(node);
  if (run.listed) return;
  run.listed = true;
  // Usually the newest run: appended at the end.
  auto at = ready_runs_.end();
  while (at != ready_runs_.begin() && (*(at - 1))->id.value > run.id.value) --at;
  ready_runs_.insert(at, &run);
}

Scheduler::Run* Scheduler::next_ready_run() {
  while (!ready_runs_.empty()) {
    Run* run = ready_runs_.front();
    if (!run->ready.empty()) return run;
    run->listed = false;
    ready_runs_.erase(ready_runs_.begin());
  }
  return nullptr;
}

// The trampoline. Answers that arrive while we are here (runtimes that
// complete inside dispatch) only enqueue, so a 100k-node chain runs in a
// loop, not in 100k nested calls.
void Scheduler::pump() {
  if (pumping_) return;
  pumping_ = true;
  while (true) {
    // Nodes that waited for a pool slot go first: they were ready earlier.
    bool dispatched_waiting = false;
    for (std::uint32_t slot = 0; slot < pools_.size() && !dispatched_waiting; ++slot) {
      auto& waiting_pool = pools_[slot];
      while (!waiting_pool.waiting.empty() && waiting_pool.running < runtimes_.max_concurrent_at(slot)) {
        const Ticket ticket = waiting_pool.waiting.front();
        waiting_pool.waiting.pop_front();
        Run* run = find_run(ticket.run);
        if (!run || run->state(ticket.node) != NodeState::queued) continue;
        dispatch(*run, ticket.node);
        dispatched_waiting = true;
        break;
      }
    }
    if (dispatched_waiting) continue;
    Run* run = next_ready_run();
    if (!run) break;

    // Lowest file position first: deterministic, and for workflows stored
    // in topological order a walk through memory from front to back.
    const Ticket ticket{run->id.value, run->ready.take_lowest()};
    if (run->state(ticket.node) != NodeState::queued) continue;
    prefetch_successors(*run, ticket.node);
    // The next node's cache slot too (wide graphs: siblings, not successors).
    if (run->caching && !run->ready.empty()) cache_->prefetch(run->hashes[run->ready.lowest()]);
    if (try_cache(*run, ticket.node)) continue;
    if (!observers_.empty()) emit(*run, EventKind::queued, ticket.node, now());
    const auto slot = run->pool_of(ticket.node);
    auto& node_pool = pool(slot);
    if (node_pool.running >= runtimes_.max_concurrent_at(slot) || !node_pool.waiting.empty())
      node_pool.waiting.push_back(ticket);
    else
      dispatch(*run, ticket.node);
  }
  pumping_ = false;
}

bool Scheduler::try_cache(Run& run, std::uint32_t index) {
  if (!run.caching) return false;
  auto& node = run.nodes[index];
  auto hit = cache_->get(run.hashes[index]);
  if (!hit) return false;
  run.flow[index].state = NodeState::cached;
  node.outputs = std::move(hit);
  node.started_ms = node.finished_ms = now();
  emit(run, EventKind::cached, index, node.finished_ms);
  release_successors(run, index);
  node_finished(run);
  return true;
}

std::uint64_t Scheduler::inputs_hash(const Run& run, std::uint32_t index) const {
  // The skill's part is hashed once per run; upstream nodes enter through
  // their keys, so an upstream output is never hashed at all.
  return planning::node_cache_key(run.graph, index, run.use_of(index).hash,
                                  run.workflow->nodes()[index].input_values, run.hashes);
}

json Scheduler::resolve_inputs(const Run& run, std::uint32_t index) const {
  const Skill& skill = *run.skill_of(index);
  const auto& values = run.workflow->nodes()[index].input_values;
  const auto ports = run.graph.incoming_ports(index);
  const auto* arrival = run.arrivals.data() + run.graph.incoming_offset(index);
  json inputs = json::object();
  // One allocation for the usual case (every name distinct).
  inputs.get_ref<json::object_t&>().reserve(skill.inputs.size() + values.size() + ports.size());
  for (const auto& port : skill.inputs)
    if (port.has_default) inputs[port.name] = port.default_value;
  for (const auto& [name, value] : values.items())
    if (!value.is_null()) inputs[name] = value;
  for (std::size_t k = 0; k < ports.size(); ++k)
    if (arrival[k].present()) inputs[run.graph.port_name(ports[k].target_port)] = arrival[k].value();
  return inputs;
}

double Scheduler::deadline_of(const Run& run, std::uint32_t index) const {
  const double allowed = allowed_ms(run, index);
  return allowed > 0 ? run.nodes[index].started_ms + allowed : kNoDeadline;
}

double Scheduler::allowed_ms(const Run& run, std::uint32_t index) const {
  const double option = run.options.node_timeout_ms;
  if (option != 0) return option;
  return node_type_info(run.skill_of(index)->type).deadline_ms;
}

void Scheduler::dispatch(Run& run, std::uint32_t index) {
  auto& node = run.nodes[index];
  const auto slot = run.pool_of(index);
  ++pool(slot).running;
  run.flow[index].state = NodeState::running;
  node.dispatched = true;
  node.started_ms = now();
  const double deadline = deadline_of(run, index);
  node.deadline_ms = deadline;
  node.awaiting_runtime = false;
  if (deadline != kNoDeadline) deadlines_.push(Deadline{deadline, run.id.value, index});
  emit(run, EventKind::running, index, node.started_ms);
  const json inputs = resolve_inputs(run, index);
  const DispatchRequest request{NodeTicket{run.id, index}, run.node_id(index), *run.skill_of(index), inputs,
                                deadline};
  // The runtime may answer (and even release the run) before returning:
  // nothing of `run` is touched after this call.
  runtimes_.runtime_at(slot).dispatch(request);
}

// The successors' entries are touched when the node finishes, at random
// places for large graphs: ask for them now, so the misses overlap the
// node's cache lookup and dispatch. A few suffice to cover the common case
// without flooding the caches from a node with thousands of successors.
void Scheduler::prefetch_successors(const Run& run, std::uint32_t index) const {
  constexpr std::size_t kAhead = 8;
  const auto successors = run.graph.successors(index);
  const auto outgoing = run.graph.outgoing(index);
  for (std::size_t k = 0; k < successors.size() && k < kAhead; ++k) {
    __builtin_prefetch(&run.flow[successors[k]], 1);
    __builtin_prefetch(&run.arrivals[outgoing[k].entry], 1);
    if (run.caching) cache_->prefetch(run.hashes[successors[k]]);
  }
}

void Scheduler::release_successors(Run& run, std::uint32_t index) {
  const auto& graph = run.graph;
  const auto successors = graph.successors(index);
  const auto outgoing = graph.outgoing(index);
  const auto& node = run.nodes[index];
  // Edges from one node mostly share a port ("out"): look each up once.
  std::uint32_t looked_up = std::numeric_limits<std::uint32_t>::max();
  const json* value = nullptr;
  for (std::size_t k = 0; k < successors.size(); ++k) {
    auto& next = run.flow[successors[k]];
    if (next.state != NodeState::pending) continue;
    if (outgoing[k].source_port != looked_up) {
      looked_up = outgoing[k].source_port;
      value = port_value(node.outputs.get(), graph.port_name(looked_up));
    }
    run.arrivals[outgoing[k].entry] = Run::Arrival::of(value);
    if (--next.waiting == 0) make_ready(run, successors[k]);
  }
}

void Scheduler::release_slot(std::uint32_t slot) {
  if (slot == kNoPool) return;
  auto& freed = pool(slot);
  if (freed.running > 0) --freed.running;
}

void Scheduler::node_finished(Run& run) {
  if (--run.unfinished > 0 || run.finished) return;
  finish_run(run);
}

void Scheduler::finish_run(Run& run) {
  run.finished = true;
  run.finished_ms = now();
  for (auto* observer : observers_) observer->on_run_finished(run.id, run.finished_ms);
}

void Scheduler::fail_node(Run& run, std::uint32_t index, NodeError error, bool was_running) {
  auto& node = run.nodes[index];
  if (was_running) release_slot(run.pool_of(index));
  run.flow[index].state = NodeState::error;
  node.error = std::make_unique<NodeError>(std::move(error));
  announce_failure(run, index, was_running);
}

void Scheduler::announce_failure(Run& run, std::uint32_t index, bool was_running) {
  auto& node = run.nodes[index];
  node.finished_ms = now();
  ++run.failures;
  emit(run, EventKind::error, index, node.finished_ms, was_running ? node.finished_ms - node.started_ms : 0);
  skip_descendants(run, index, "upstream " + in_quotes(run.node_id(index).value) + " failed");
  node_finished(run);
}

void Scheduler::stop_node(Run& run, std::uint32_t index, NodeState state, NodeError error) {
  auto& node = run.nodes[index];
  const bool was_running = run.state(index) == NodeState::running;
  run.flow[index].state = state;
  node.finished_ms = now();
  node.error = std::make_unique<NodeError>(std::move(error));
  ++run.failures;
  if (was_running) {
    release_slot(run.pool_of(index));
    runtimes_.runtime_at(run.pool_of(index)).cancel(run.id, run.node_id(index));
  }
  emit(run, EventKind::cancelled, index, node.finished_ms,
       was_running ? node.finished_ms - node.started_ms : 0);
}

void Scheduler::skip_descendants(Run& run, std::uint32_t index, const std::string& reason) {
  std::vector<std::uint32_t> todo{index};
  while (!todo.empty()) {
    const auto current = todo.back();
    todo.pop_back();
    for (auto successor : run.graph.successors(current)) {
      if (!is_waiting(run.state(successor))) continue;
      run.flow[successor].state = NodeState::skipped;
      auto& node = run.nodes[successor];
      node.finished_ms = now();
      node.error = make_error("skipped", reason);
      ++run.failures;
      emit(run, EventKind::skipped, successor, node.finished_ms);
      todo.push_back(successor);
      node_finished(run);
    }
  }
}

Scheduler::Run* Scheduler::running_node(NodeTicket ticket) const {
  Run* run = find_run(ticket.run);
  if (!run || ticket.index >= run->nodes.size() || run->state(ticket.index) != NodeState::running)
    return nullptr;
  return run;
}

std::optional<NodeTicket> Scheduler::ticket(RunId run_id, const NodeId& node_id) const {
  const Run* run = find_run(run_id);
  if (!run) return std::nullopt;
  const auto index = run->graph.index_of(node_id.value);
  if (!index) return std::nullopt;
  return NodeTicket{run_id, *index};
}

bool Scheduler::complete(NodeTicket ticket, json outputs) {
  if (!deadlines_.empty()) check_timeouts();
  Run* run = running_node(ticket);
  if (!run) return false;
  const auto index = ticket.index;
  auto& node = run->nodes[index];
  run->flow[index].state = NodeState::done;
  node.finished_ms = now();
  node.outputs = std::make_shared<const json>(std::move(outputs));
  if (run->caching) cache_->put(run->hashes[index], node.outputs);
  release_slot(run->pool_of(index));
  emit(*run, EventKind::done, index, node.finished_ms, node.finished_ms - node.started_ms);
  release_successors(*run, index);
  node_finished(*run);
  pump();
  return true;
}

bool Scheduler::fail(NodeTicket ticket, NodeError error) {
  if (!deadlines_.empty()) check_timeouts();
  Run* run = running_node(ticket);
  if (!run) return false;
  fail_node(*run, ticket.index, std::move(error), true);
  pump();
  return true;
}

bool Scheduler::progress(NodeTicket ticket, double fraction, std::string_view message) {
  return report(ticket, EventKind::progress, fraction, message, {});
}

bool Scheduler::log(NodeTicket ticket, std::string_view stream, std::string_view text) {
  return report(ticket, EventKind::log, 0, text, stream);
}

bool Scheduler::report(NodeTicket ticket, EventKind kind, double fraction, std::string_view message,
                       std::string_view stream) {
  if (!deadlines_.empty()) check_timeouts();
  Run* run = running_node(ticket);
  if (!run) {
    pump();  // a timeout above may have freed a slot
    return false;
  }
  const double at = now();
  emit(*run, kind, ticket.index, at, at - run->nodes[ticket.index].started_ms, fraction, message, stream);
  pump();
  return true;
}

bool Scheduler::awaiting_runtime(RunId run_id, const NodeId& node_id) {
  const auto ticket = this->ticket(run_id, node_id);
  Run* run = ticket ? running_node(*ticket) : nullptr;
  if (!run) return false;
  auto& node = run->nodes[ticket->index];
  if (node.deadline_ms == kNoDeadline) return true;
  node.awaiting_runtime = true;
  node.deadline_ms = now() + kRuntimeStartLimitMs;
  deadlines_.push(Deadline{node.deadline_ms, run->id.value, ticket->index});
  return true;
}

bool Scheduler::runtime_started(RunId run_id, const NodeId& node_id) {
  if (!deadlines_.empty()) check_timeouts();
  const auto ticket = this->ticket(run_id, node_id);
  Run* run = ticket ? running_node(*ticket) : nullptr;
  if (!run) return false;
  auto& node = run->nodes[ticket->index];
  if (!node.awaiting_runtime) return true;  // it started on dispatch: the clock runs since
  node.awaiting_runtime = false;
  node.deadline_ms = now() + allowed_ms(*run, ticket->index);
  deadlines_.push(Deadline{node.deadline_ms, run->id.value, ticket->index});
  return true;
}

// The id forms: an unknown node still lets overdue nodes time out.
bool Scheduler::complete(RunId run_id, const NodeId& node_id, json outputs) {
  if (const auto found = ticket(run_id, node_id)) return complete(*found, std::move(outputs));
  tick();
  return false;
}

bool Scheduler::fail(RunId run_id, const NodeId& node_id, NodeError error) {
  if (const auto found = ticket(run_id, node_id)) return fail(*found, std::move(error));
  tick();
  return false;
}

bool Scheduler::progress(RunId run_id, const NodeId& node_id, double fraction, std::string_view message) {
  if (const auto found = ticket(run_id, node_id)) return progress(*found, fraction, message);
  tick();
  return false;
}

bool Scheduler::log(RunId run_id, const NodeId& node_id, std::string_view stream, std::string_view text) {
  if (const auto found = ticket(run_id, node_id)) return log(*found, stream, text);
  tick();
  return false;
}

bool Scheduler::cancel(RunId run_id) {
  Run* run = find_run(run_id);
  if (!run || run->finished) return false;
  run->cancelled = true;
  for (std::uint32_t i = 0; i < run->nodes.size() && !run->finished; ++i) {
    const auto state = run->state(i);
    if (!is_waiting(state) && state != NodeState::running) continue;
    stop_node(*run, i, NodeState::cancelled, NodeError{"cancelled", "run cancelled", {}});
    node_finished(*run);
  }
  pump();
  return true;
}

bool Scheduler::cancel(RunId run_id, const NodeId& node_id) {
  Run* run = find_run(run_id);
  if (!run) return false;
  const auto index = run->graph.index_of(node_id.value);
  if (!index) return false;
  const auto state = run->state(*index);
  if (!is_waiting(state) && state != NodeState::running) return false;
  stop_node(*run, *index, NodeState::cancelled, NodeError{"cancelled", "cancelled by the host", {}});
  skip_descendants(*run, *index, "upstream " + in_quotes(node_id.value) + " was cancelled");
  node_finished(*run);
  pump();
  return true;
}

void Scheduler::check_timeouts() {
  if (deadlines_.empty()) return;
  const double at = now();
  while (!deadlines_.empty() && deadlines_.top().at_ms <= at) {
    const Deadline due = deadlines_.top();
    deadlines_.pop();
    Run* run = find_run(due.run);
    if (!run) continue;
    if (run->state(due.node) != NodeState::running) continue;  // answered in time
    const auto& node = run->nodes[due.node];
    if (node.deadline_ms != due.at_ms) continue;  // re-armed since
    const auto slot = run->pool_of(due.node);
    const auto whole_ms = [](double ms) { return std::to_string(static_cast<long long>(ms)); };
    fail_node(
        *run, due.node,
        node.awaiting_runtime
            ? NodeError{"timeout",
                        "the runtime did not start within " + whole_ms(kRuntimeStartLimitMs) + " ms",
                        {}}
            : NodeError{"timeout", "no answer within " + whole_ms(allowed_ms(*run, due.node)) + " ms", {}},
        true);
    // After the state change, so an answer sent from inside cancel() is ignored.
    runtimes_.runtime_at(slot).cancel(run->id, run->node_id(due.node));
  }
}

void Scheduler::tick() {
  check_timeouts();
  pump();
}

void Scheduler::emit(const Run& run, EventKind kind, std::uint32_t index, double time_ms, double duration_ms,
                     double fraction, std::string_view message, std::string_view stream) const {
  if (observers_.empty()) return;
  const auto& node = run.nodes[index];
  const NodeEvent event{
      run.id,
      kind,
      run.node_id(index),
      run.workflow->nodes()[index].skill_id,
      time_ms,
      duration_ms,
      run.hashes[index],
      fraction,
      message,
      node.error && kind != EventKind::done && kind != EventKind::cached ? node.error.get() : nullptr,
      kind == EventKind::done || kind == EventKind::cached ? node.outputs.get() : nullptr,
      stream};
  for (auto* observer : observers_) observer->on_node_event(event);
}

RunStatus Scheduler::status(RunId run_id) const {
  const Run* run = find_run(run_id);
  if (!run) return RunStatus::unknown;
  if (!run->finished) return RunStatus::running;
  if (run->cancelled) return RunStatus::cancelled;
  return run->failures > 0 || run->error ? RunStatus::failed : RunStatus::succeeded;
}

bool Scheduler::finished(RunId run_id) const {
  const Run* run = find_run(run_id);
  return run && run->finished;
}

std::optional<NodeError> Scheduler::run_error(RunId run_id) const {
  const Run* run = find_run(run_id);
  return run ? run->error : std::nullopt;
}

NodeState Scheduler::state(RunId run_id, const NodeId& node_id) const {
  const Run* run = find_run(run_id);
  if (!run) return NodeState::idle;
  const auto index = run->graph.index_of(node_id.value);
  return index ? run->state(*index) : NodeState::idle;
}

std::optional<NodeResult> Scheduler::result(RunId run_id, const NodeId& node_id) const {
  const Run* run = find_run(run_id);
  if (!run) return std::nullopt;
  const auto index = run->graph.index_of(node_id.value);
  if (!index) return std::nullopt;
  return result_at(*run, *index, Outputs::with);
}

NodeResult Scheduler::result_at(const Run& run, std::uint32_t index, Outputs outputs) const {
  const auto& node = run.nodes[index];
  NodeResult out;
  out.state = run.state(index);
  if (node.outputs && outputs == Outputs::with) out.outputs = *node.outputs;
  out.cached = out.state == NodeState::cached;
  if (out.state == NodeState::running)
    out.duration_ms = now() - node.started_ms;
  else if (node.dispatched && is_terminal(out.state))
    out.duration_ms = node.finished_ms - node.started_ms;
  if (node.error) out.error = *node.error;
  out.inputs_hash = run.hashes[index];
  return out;
}

json Scheduler::results_to_json(RunId run_id, Outputs outputs) const {
  json out = json::object();
  const Run* run = find_run(run_id);
  if (!run) return out;
  for (std::uint32_t i = 0; i < run->nodes.size(); ++i) {
    if (run->state(i) == NodeState::idle) continue;
    json entry = result_at(*run, i, outputs).to_json();
    if (outputs == Outputs::without) entry.erase("outputs");
    out[run->node_id(i).value] = std::move(entry);
  }
  return out;
}

void Scheduler::release(RunId run_id) {
  if (!find_run(run_id)) return;
  cancel(run_id);
  std::erase_if(ready_runs_, [&](const Run* run) { return run->id == run_id; });
  if (last_found_ && last_found_->id == run_id) last_found_ = nullptr;
  runs_.erase(run_id.value);
}

std::size_t Scheduler::running_count(std::string_view node_type) const {
  const auto slot = runtimes_.slot_of(node_type);
  return slot && *slot < pools_.size() ? pools_[*slot].running : 0;
}

}  // namespace llmos
