#include "llmos/scheduler.hpp"

#include "llmos/hash.hpp"
#include "llmos/workflow_graph.hpp"

#include <chrono>
#include <limits>

namespace llmos {
namespace {

constexpr std::uint32_t kNoPool = std::numeric_limits<std::uint32_t>::max();
constexpr double kNoDeadline = std::numeric_limits<double>::infinity();

bool is_waiting(NodeState state) { return state == NodeState::pending || state == NodeState::queued; }

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

// One execution: a private copy of the workflow (the editor may keep
// editing the original), its compiled graph and per-node state.
struct Scheduler::Run {
  struct Node {
    const Skill* skill = nullptr;
    std::uint32_t pool = kNoPool;
    std::uint32_t waiting = 0;  // in-scope incoming edges not yet done
    NodeState state = NodeState::idle;
    bool has_outputs = false;  // outside the scope but outputs reused (run-from)
    bool dispatched = false;
    double started_ms = 0;
    double finished_ms = 0;
    double deadline_ms = kNoDeadline;
    std::uint64_t hash = 0;
    json outputs;
    std::optional<NodeError> error;
  };

  Run(RunId run_id, const Workflow& source, RunOptions run_options)
      : id(run_id), workflow(source), graph(workflow), options(std::move(run_options)) {}

  const NodeId& node_id(std::uint32_t node) const { return workflow.nodes()[node].id; }

  RunId id;
  Workflow workflow;
  WorkflowGraph graph;
  RunOptions options;
  std::vector<Node> nodes;
  std::size_t unfinished = 0;
  std::size_t failures = 0;  // error, skipped or cancelled nodes
  double started_ms = 0;
  double finished_ms = 0;
  bool finished = false;
  bool cancelled = false;
  bool caching = false;
  bool hashing = false;
  std::optional<NodeError> error;
};

Scheduler::Scheduler(RuntimeRegistry& runtimes, Clock clock, ResultCache* cache)
    : runtimes_(runtimes), clock_(clock ? std::move(clock) : steady_clock_ms()), cache_(cache) {}

Scheduler::~Scheduler() = default;

void Scheduler::add_observer(RunObserver& observer) { observers_.push_back(&observer); }

void Scheduler::remove_observer(RunObserver& observer) { std::erase(observers_, &observer); }

Scheduler::Run* Scheduler::find_run(std::uint64_t run) const {
  const auto found = runs_.find(run);
  return found == runs_.end() ? nullptr : found->second.get();
}

Scheduler::Pool& Scheduler::pool(std::uint32_t slot) {
  if (slot >= pools_.size()) pools_.resize(slot + 1);
  return pools_[slot];
}

RunId Scheduler::start(const Workflow& workflow, const SkillLibrary& library, RunOptions options) {
  const RunId id{next_run_++};
  auto owned = std::make_unique<Run>(id, workflow, std::move(options));
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
  const auto& workflow_nodes = run.workflow.nodes();
  const auto count = static_cast<std::uint32_t>(workflow_nodes.size());
  run.nodes.resize(count);
  const auto& graph = run.graph;

  std::vector<bool> scope;
  if (run.options.scope == RunOptions::Scope::all) {
    scope.assign(count, true);
  } else {
    const auto target = graph.index_of(run.options.target.value);
    if (!target) {
      run.error = NodeError{
          "run.target.unknown", "no node " + in_quotes(run.options.target.value) + " to run to/from", {}};
      run.finished = true;
      run.finished_ms = now();
      for (auto* observer : observers_) observer->on_run_finished(run.id, run.finished_ms);
      return;
    }
    scope = run.options.scope == RunOptions::Scope::to_node ? graph.ancestors_of(*target)
                                                            : graph.descendants_of(*target);
  }

  std::vector<std::pair<std::uint32_t, NodeError>> start_failures;
  for (auto duplicate : graph.duplicates())
    if (scope[duplicate])
      start_failures.push_back(
          {duplicate,
           {"workflow.node.duplicate", "duplicate node id " + in_quotes(run.node_id(duplicate).value), {}}});
  // Neighbouring nodes usually share a skill: remember the last lookup.
  std::string_view last_skill_id;
  const Skill* last_skill = nullptr;
  std::optional<std::size_t> last_slot;
  for (std::uint32_t i = 0; i < count; ++i) {
    auto& node = run.nodes[i];
    const auto& source = workflow_nodes[i];
    if (i == 0 || source.skill_id != last_skill_id) {
      last_skill_id = source.skill_id;
      last_skill = library.find(source.skill_id);
      last_slot = last_skill ? runtimes_.slot_of(to_string(last_skill->type)) : std::nullopt;
    }
    node.skill = last_skill;
    if (!scope[i]) continue;
    node.state = NodeState::pending;
    ++run.unfinished;
    if (!node.skill) {
      start_failures.push_back({i, {"skill.unknown", "unknown skill " + in_quotes(source.skill_id), {}}});
    } else if (!node.skill->is_executable()) {
      start_failures.push_back(
          {i, {"skill.not_executable", "skill " + in_quotes(source.skill_id) + " has no code to run", {}}});
    } else if (last_slot) {
      node.pool = static_cast<std::uint32_t>(*last_slot);
    } else {
      start_failures.push_back({i,
                                {"runtime.missing",
                                 "no runtime registered for type " + in_quotes(to_string(node.skill->type)),
                                 {}}});
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
        if (old.state == NodeState::done || old.state == NodeState::cached) {
          node.outputs = old.outputs;
          node.hash = old.hash;
          node.has_outputs = true;
          return true;
        }
      }
    }
    if (!run.caching) return false;
    if (!outside_hashed) {
      for (const auto& level : graph.levels())
        for (auto index : level)
          if (!scope[index]) run.nodes[index].hash = inputs_hash(run, index);
      outside_hashed = true;
    }
    if (auto hit = cache_->get(node.hash)) {
      node.outputs = std::move(*hit);
      node.has_outputs = true;
      return true;
    }
    return false;
  };

  for (std::uint32_t i = 0; i < count; ++i) {
    if (!scope[i]) continue;
    const auto sources = graph.incoming_sources(i);
    for (auto source : sources) {
      if (scope[source]) {
        ++run.nodes[i].waiting;
      } else if (!provide_outside(source)) {
        start_failures.push_back({i,
                                  {"upstream.missing",
                                   "no result for upstream node " + in_quotes(run.node_id(source).value) +
                                       " (run it first, or enable the cache)",
                                   {}}});
        break;
      }
    }
  }

  // Kahn over the scope: whatever never becomes ready is on or behind a cycle.
  std::vector<std::uint32_t> remaining(count);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t i = 0; i < count; ++i) {
    remaining[i] = run.nodes[i].waiting;
    if (scope[i] && remaining[i] == 0) ready.push_back(i);
  }
  std::size_t reached = 0;
  while (!ready.empty()) {
    const auto node = ready.back();
    ready.pop_back();
    ++reached;
    for (auto successor : graph.successors(node))
      if (scope[successor] && --remaining[successor] == 0) ready.push_back(successor);
  }
  if (reached < run.unfinished) {
    // Nodes behind a cycle are skipped as descendants of the cycle's nodes.
    std::vector<bool> on_cycle(count, false);
    for (const auto& cycle : graph.cycles())
      for (auto member : cycle) on_cycle[member] = true;
    for (std::uint32_t i = 0; i < count; ++i)
      for (auto successor : graph.successors(i))
        if (successor == i) on_cycle[i] = true;
    for (std::uint32_t i = 0; i < count; ++i)
      if (scope[i] && remaining[i] > 0 && on_cycle[i])
        start_failures.push_back({i, {"workflow.cycle", "node is on a cycle", {}}});
  }

  // Mark every failing node before announcing any, so a failing node that
  // is also downstream of another (a cycle) reports its own error.
  std::vector<std::uint32_t> failed;
  for (auto& [index, error] : start_failures) {
    auto& node = run.nodes[index];
    if (!is_waiting(node.state)) continue;
    node.state = NodeState::error;
    node.error = std::move(error);
    failed.push_back(index);
  }
  for (auto index : failed) announce_failure(run, index, false);
  for (std::uint32_t i = 0; i < count; ++i)
    if (run.nodes[i].state == NodeState::pending && run.nodes[i].waiting == 0) make_ready(run, i);
  if (run.unfinished == 0 && !run.finished) {
    run.finished = true;
    run.finished_ms = now();
    for (auto* observer : observers_) observer->on_run_finished(run.id, run.finished_ms);
  }
}

void Scheduler::make_ready(Run& run, std::uint32_t node) {
  run.nodes[node].state = NodeState::queued;
  ready_.push_back(Ticket{run.id.value, node, false});
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
        if (!run || run->nodes[ticket.node].state != NodeState::queued) continue;
        dispatch(*run, ticket.node);
        dispatched_waiting = true;
        break;
      }
    }
    if (dispatched_waiting) continue;
    if (ready_.empty()) break;

    const Ticket ticket = ready_.front();
    ready_.pop_front();
    Run* run = find_run(ticket.run);
    if (!run || run->nodes[ticket.node].state != NodeState::queued) continue;
    if (try_cache(*run, ticket.node)) continue;
    emit(*run, EventKind::queued, ticket.node, now());
    const auto slot = run->nodes[ticket.node].pool;
    auto& node_pool = pool(slot);
    if (node_pool.running >= runtimes_.max_concurrent_at(slot) || !node_pool.waiting.empty())
      node_pool.waiting.push_back(ticket);
    else
      dispatch(*run, ticket.node);
  }
  pumping_ = false;
}

bool Scheduler::try_cache(Run& run, std::uint32_t index) {
  auto& node = run.nodes[index];
  if (run.hashing) node.hash = inputs_hash(run, index);
  if (!run.caching) return false;
  auto hit = cache_->get(node.hash);
  if (!hit) return false;
  node.state = NodeState::cached;
  node.outputs = std::move(*hit);
  node.started_ms = node.finished_ms = now();
  emit(run, EventKind::cached, index, node.finished_ms);
  release_successors(run, index);
  node_finished(run);
  return true;
}

std::uint64_t Scheduler::inputs_hash(const Run& run, std::uint32_t index) const {
  // Upstream results enter through their own hashes, so a big upstream
  // output is never re-hashed downstream.
  const auto& source = run.workflow.nodes()[index];
  const Skill* skill = run.nodes[index].skill;
  Hasher hasher;
  hasher.text(source.skill_id);
  if (skill) {
    hasher.text(skill->code ? skill->code->code : std::string_view());
    hasher.text(skill->postprocess ? skill->postprocess->code : std::string_view());
    for (const auto& port : skill->inputs)
      if (port.has_default) hasher.text(port.name).json_value(port.default_value);
  }
  hasher.json_value(source.input_values);
  const auto edges = run.graph.incoming_edges(index);
  const auto sources = run.graph.incoming_sources(index);
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const auto& edge = run.workflow.edges()[edges[k]];
    hasher.text(edge.target.port).text(edge.source.port).u64(run.nodes[sources[k]].hash);
  }
  return hasher.value();
}

json Scheduler::resolve_inputs(const Run& run, std::uint32_t index) const {
  json inputs = json::object();
  const Skill* skill = run.nodes[index].skill;
  for (const auto& port : skill->inputs)
    if (port.has_default) inputs[port.name] = port.default_value;
  for (const auto& [name, value] : run.workflow.nodes()[index].input_values.items())
    if (!value.is_null()) inputs[name] = value;
  const auto edges = run.graph.incoming_edges(index);
  const auto sources = run.graph.incoming_sources(index);
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const auto& edge = run.workflow.edges()[edges[k]];
    const auto& upstream = run.nodes[sources[k]].outputs;
    if (!upstream.is_object()) continue;
    if (const auto found = upstream.find(edge.source.port); found != upstream.end())
      inputs[edge.target.port] = *found;
  }
  return inputs;
}

void Scheduler::dispatch(Run& run, std::uint32_t index) {
  auto& node = run.nodes[index];
  ++pool(node.pool).running;
  node.state = NodeState::running;
  node.dispatched = true;
  node.started_ms = now();
  if (run.options.node_timeout_ms > 0) {
    node.deadline_ms = node.started_ms + run.options.node_timeout_ms;
    deadlines_.push(Deadline{node.deadline_ms, run.id.value, index});
  }
  emit(run, EventKind::running, index, node.started_ms);
  const json inputs = resolve_inputs(run, index);
  const DispatchRequest request{run.id, run.node_id(index), *node.skill, inputs, node.deadline_ms};
  // The runtime may answer (and even release the run) before returning:
  // nothing of `run` is touched after this call.
  runtimes_.runtime_at(node.pool).dispatch(request);
}

void Scheduler::release_successors(Run& run, std::uint32_t index) {
  for (auto successor : run.graph.successors(index)) {
    auto& next = run.nodes[successor];
    if (next.state == NodeState::pending && --next.waiting == 0) make_ready(run, successor);
  }
}

void Scheduler::release_slot(std::uint32_t slot) {
  if (slot == kNoPool) return;
  auto& freed = pool(slot);
  if (freed.running > 0) --freed.running;
}

void Scheduler::node_finished(Run& run) {
  if (--run.unfinished > 0 || run.finished) return;
  run.finished = true;
  run.finished_ms = now();
  for (auto* observer : observers_) observer->on_run_finished(run.id, run.finished_ms);
}

void Scheduler::fail_node(Run& run, std::uint32_t index, NodeError error, bool was_running) {
  auto& node = run.nodes[index];
  if (was_running) release_slot(node.pool);
  node.state = NodeState::error;
  node.error = std::move(error);
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
  const bool was_running = node.state == NodeState::running;
  node.state = state;
  node.finished_ms = now();
  node.error = std::move(error);
  ++run.failures;
  if (was_running) {
    release_slot(node.pool);
    runtimes_.runtime_at(node.pool).cancel(run.id, run.node_id(index));
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
      auto& node = run.nodes[successor];
      if (!is_waiting(node.state)) continue;
      node.state = NodeState::skipped;
      node.finished_ms = now();
      node.error = NodeError{"skipped", reason, {}};
      ++run.failures;
      emit(run, EventKind::skipped, successor, node.finished_ms);
      todo.push_back(successor);
      node_finished(run);
    }
  }
}

bool Scheduler::complete(RunId run_id, const NodeId& node_id, json outputs) {
  if (!deadlines_.empty()) check_timeouts();
  Run* run = find_run(run_id);
  if (!run) return false;
  const auto index = run->graph.index_of(node_id.value);
  if (!index || run->nodes[*index].state != NodeState::running) return false;
  auto& node = run->nodes[*index];
  node.state = NodeState::done;
  node.finished_ms = now();
  node.outputs = std::move(outputs);
  if (run->caching) cache_->put(node.hash, node.outputs);
  release_slot(node.pool);
  emit(*run, EventKind::done, *index, node.finished_ms, node.finished_ms - node.started_ms);
  release_successors(*run, *index);
  node_finished(*run);
  pump();
  return true;
}

bool Scheduler::fail(RunId run_id, const NodeId& node_id, NodeError error) {
  if (!deadlines_.empty()) check_timeouts();
  Run* run = find_run(run_id);
  if (!run) return false;
  const auto index = run->graph.index_of(node_id.value);
  if (!index || run->nodes[*index].state != NodeState::running) return false;
  fail_node(*run, *index, std::move(error), true);
  pump();
  return true;
}

bool Scheduler::progress(RunId run_id, const NodeId& node_id, double fraction, std::string_view message) {
  if (!deadlines_.empty()) check_timeouts();
  Run* run = find_run(run_id);
  if (!run) return false;
  const auto index = run->graph.index_of(node_id.value);
  if (!index || run->nodes[*index].state != NodeState::running) return false;
  const double at = now();
  emit(*run, EventKind::progress, *index, at, at - run->nodes[*index].started_ms, fraction, message);
  pump();  // a timeout above may have freed a slot
  return true;
}

bool Scheduler::cancel(RunId run_id) {
  Run* run = find_run(run_id);
  if (!run || run->finished) return false;
  run->cancelled = true;
  for (std::uint32_t i = 0; i < run->nodes.size() && !run->finished; ++i) {
    const auto state = run->nodes[i].state;
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
  const auto state = run->nodes[*index].state;
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
    auto& node = run->nodes[due.node];
    if (node.state != NodeState::running || node.deadline_ms != due.at_ms) continue;
    const double allowed = run->options.node_timeout_ms;
    const auto slot = node.pool;
    fail_node(
        *run, due.node,
        NodeError{
            "timeout", "no answer within " + std::to_string(static_cast<long long>(allowed)) + " ms", {}},
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
                     double fraction, std::string_view message) const {
  if (observers_.empty()) return;
  const auto& node = run.nodes[index];
  const NodeEvent event{
      run.id,
      kind,
      run.node_id(index),
      run.workflow.nodes()[index].skill_id,
      time_ms,
      duration_ms,
      node.hash,
      fraction,
      message,
      node.error && kind != EventKind::done && kind != EventKind::cached ? &*node.error : nullptr};
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
  return index ? run->nodes[*index].state : NodeState::idle;
}

std::optional<NodeResult> Scheduler::result(RunId run_id, const NodeId& node_id) const {
  const Run* run = find_run(run_id);
  if (!run) return std::nullopt;
  const auto index = run->graph.index_of(node_id.value);
  if (!index) return std::nullopt;
  const auto& node = run->nodes[*index];
  NodeResult out;
  out.state = node.state;
  out.outputs = node.outputs;
  out.cached = node.state == NodeState::cached;
  if (node.state == NodeState::running)
    out.duration_ms = now() - node.started_ms;
  else if (node.dispatched && is_terminal(node.state))
    out.duration_ms = node.finished_ms - node.started_ms;
  out.error = node.error;
  out.inputs_hash = node.hash;
  return out;
}

json Scheduler::results_to_json(RunId run_id) const {
  json out = json::object();
  const Run* run = find_run(run_id);
  if (!run) return out;
  for (std::uint32_t i = 0; i < run->nodes.size(); ++i) {
    if (run->nodes[i].state == NodeState::idle) continue;
    if (auto result_of = result(run_id, run->node_id(i))) out[run->node_id(i).value] = result_of->to_json();
  }
  return out;
}

void Scheduler::release(RunId run_id) {
  if (!find_run(run_id)) return;
  cancel(run_id);
  runs_.erase(run_id.value);
}

std::size_t Scheduler::running_count(std::string_view node_type) const {
  const auto slot = runtimes_.slot_of(node_type);
  return slot && *slot < pools_.size() ? pools_[*slot].running : 0;
}

}  // namespace llmos
