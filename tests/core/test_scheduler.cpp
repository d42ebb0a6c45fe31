// The event-driven scheduler (src/core/scheduler.cpp) with the FakeRuntime
// (fake_runtime.cpp) and RunTrace (trace.cpp): data flow, order, pools,
// failure isolation, cancellation, timeouts, partial runs, caching, events.
// No threads, no sleeping: time is the `now` field of the harness.
#include "llmos/scheduler.hpp"

#include "fake_runtime.hpp"
#include "llmos/run_plan.hpp"
#include "llmos/trace.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

namespace llmos {
namespace {

Port number_port(std::string name, double default_value) {
  Port port;
  port.name = std::move(name);
  port.type = PortType::float_;
  port.default_value = default_value;
  port.has_default = true;
  return port;
}

// Inputs a, b, k (default 0), output "out" = a + b + k under the FakeRuntime.
Skill adder(std::string id, NodeType type) {
  Skill skill;
  skill.skill_id = std::move(id);
  skill.type = type;
  skill.inputs = {number_port("a", 0), number_port("b", 0), number_port("k", 0)};
  Port out;
  out.name = "out";
  out.type = PortType::float_;
  skill.outputs = {out};
  skill.code = CodeBlock{"python", "def execute(inputs):\n    return {'out': sum(inputs.values())}\n", 1};
  return skill;
}

// "n<i>" (built without operator+, which trips a GCC 12 -Wrestrict false positive).
std::string node_name(std::size_t index) {
  std::string name = "n";
  name += std::to_string(index);
  return name;
}

// Records every event as "node:kind" (and the times) for sequence checks.
class EventLog final : public RunObserver {
 public:
  void on_node_event(const NodeEvent& event) override {
    lines.push_back(event.node.value + ":" + std::string(to_string(event.kind)));
    times.push_back(event.time_ms);
    outputs.push_back(event.outputs ? *event.outputs : json());
  }
  void on_run_finished(RunId, double) override { ++finished_runs; }
  std::vector<std::string> lines;
  std::vector<double> times;
  std::vector<json> outputs;  // per event: the node's outputs on done/cached, else null
  int finished_runs = 0;
};

class SchedulerTest : public ::testing::Test {
 protected:
  SchedulerTest() {
    registry.add("python-wasm", python);
    registry.add("javascript", javascript);
    scheduler.add_observer(log);
    scheduler.add_observer(trace);
    Diagnostics ignored;
    library.add(adder("add", NodeType::python_wasm), Volume::system, ignored);
    library.add(adder("js-add", NodeType::javascript), Volume::system, ignored);
    library.add(adder("spice-add", NodeType::spice), Volume::system, ignored);  // no runtime registered
    Skill standard;
    standard.skill_id = "context-only";
    library.add(standard, Volume::system, ignored);
  }

  // "a->b.a" style edges: source node -> target node, input port.
  static Workflow graph(std::vector<std::pair<std::string, json>> nodes,
                        std::vector<std::tuple<std::string, std::string, std::string>> edges,
                        const std::string& skill = "add") {
    Workflow workflow;
    for (auto& [id, values] : nodes) workflow.add_node(NodeId(id), skill, values);
    for (auto& [from, to, input] : edges) workflow.connect({NodeId(from), "out"}, {NodeId(to), input});
    return workflow;
  }

  double out(RunId run, const char* node) const {
    const auto result = scheduler.result(run, NodeId(node));
    return result && result->outputs.contains("out") ? result->outputs["out"].get<double>() : -1;
  }
  NodeState state(RunId run, const char* node) const { return scheduler.state(run, NodeId(node)); }
  void tick_until_finished(RunId run, int limit = 1000) {
    for (int i = 0; i < limit && !scheduler.finished(run); ++i) {
      now += 1;
      python.tick();
      javascript.tick();
      scheduler.tick();
    }
  }

  double now = 0;
  RuntimeRegistry registry;
  Scheduler scheduler{registry, [this] { return now; }};
  FakeRuntime python{&scheduler, [this] { return now; }};
  FakeRuntime javascript{&scheduler, [this] { return now; }};
  EventLog log;
  RunTrace trace;
  SkillLibrary library;
};

TEST_F(SchedulerTest, DataFlowsAlongEdgesWithDefaultsAndValues) {
  const auto workflow = graph({{"a", {{"k", 1}}}, {"b", {{"k", 2}}}, {"c", {{"b", 10}}}},
                              {{"a", "b", "a"}, {"b", "c", "a"}, {"a", "c", "k"}});
  const auto run = scheduler.start(workflow, library);
  ASSERT_TRUE(scheduler.finished(run));
  EXPECT_EQ(scheduler.status(run), RunStatus::succeeded);
  EXPECT_EQ(out(run, "a"), 1);
  EXPECT_EQ(out(run, "b"), 3);   // a=1 + k=2
  EXPECT_EQ(out(run, "c"), 14);  // a=b.out 3 + b=10 + k=a.out 1
  EXPECT_EQ(*python.inputs_of("c"), (json{{"a", 3.0}, {"b", 10}, {"k", 1.0}}));
  const auto results = scheduler.results_to_json(run);
  EXPECT_EQ(results["c"]["outputs"]["out"], 14.0);
  EXPECT_EQ(results["c"]["cached"], false);
  EXPECT_EQ(results["c"]["duration_ms"], 0.0);
  EXPECT_FALSE(results["c"].contains("error"));
  // Without outputs: the same entries less "outputs" (the outputs stay in the run).
  const auto bare = scheduler.results_to_json(run, Scheduler::Outputs::without);
  ASSERT_EQ(bare.size(), results.size());
  for (const auto& [node, entry] : results.items()) {
    json expected = entry;
    expected.erase("outputs");
    EXPECT_EQ(bare[node], expected) << node;
  }
  EXPECT_EQ(out(run, "c"), 14);
}

// Values of every kind travel along edges; a port the upstream did not
// produce leaves the input to its default. Holds for fresh results, cache
// hits and upstream results reused by a run-from.
TEST_F(SchedulerTest, EveryKindOfValueArrivesAndMissingPortsFallBackToDefaults) {
  const json produced = {{"out", 2.5},
                         {"flag", true},
                         {"count", -7},
                         {"label", "a long label that does not fit a short string buffer"},
                         {"series", json::array({1, 2, 3})},
                         {"table", {{"x", json::array({0.5, 1.5})}}},
                         {"nothing", nullptr}};
  python.set("src", FakeRuntime::Behavior{FakeRuntime::Behavior::Kind::immediate, 0, 0, {}, produced});
  Workflow workflow;
  workflow.add_node(NodeId("src"), "add");
  workflow.add_node(NodeId("dst"), "add");
  const std::vector<std::pair<std::string, std::string>> wires = {
      {"out", "a"},    {"flag", "f"},  {"count", "c"},   {"label", "l"},
      {"series", "s"}, {"table", "t"}, {"nothing", "n"}, {"absent", "k"}};
  for (const auto& [from, to] : wires) workflow.connect({NodeId("src"), from}, {NodeId("dst"), to});
  const json expected = {{"a", 2.5},
                         {"b", 0},
                         {"k", 0},
                         {"f", true},
                         {"c", -7},
                         {"l", produced["label"]},
                         {"s", produced["series"]},
                         {"t", produced["table"]},
                         {"n", nullptr}};
  ResultCache cache;
  scheduler.set_cache(&cache);
  const auto first = scheduler.start(workflow, library);
  ASSERT_EQ(scheduler.status(first), RunStatus::succeeded);
  EXPECT_EQ(*python.inputs_of("dst"), expected);

  // src now comes from the cache; dst's inputs changed, so it runs again.
  workflow.set_input_value(NodeId("dst"), "b", 1);
  const auto second = scheduler.start(workflow, library);
  EXPECT_EQ(state(second, "src"), NodeState::cached);
  auto with_b = expected;
  with_b["b"] = 1;
  EXPECT_EQ(*python.inputs_of("dst"), with_b);

  // Run-from dst: src's outputs are reused from the first run.
  workflow.set_input_value(NodeId("dst"), "b", 2);
  const auto third = scheduler.start(workflow, library, RunOptions::from_node(NodeId("dst"), first));
  EXPECT_EQ(state(third, "src"), NodeState::idle);
  with_b["b"] = 2;
  EXPECT_EQ(*python.inputs_of("dst"), with_b);
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"src", "dst", "dst", "dst"}));
}

TEST_F(SchedulerTest, DispatchOrderIsDeterministicWithFileOrderTieBreak) {
  python.set_default(FakeRuntime::after_ticks(1));
  // y depends on r1, x on r2; x is listed before y.
  const auto workflow =
      graph({{"r1", {}}, {"x", {}}, {"r2", {}}, {"y", {}}}, {{"r2", "x", "a"}, {"r1", "y", "a"}});
  const auto run = scheduler.start(workflow, library);
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"r1", "r2"}));
  tick_until_finished(run);
  // r1 answers first, so y is ready before x.
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"r1", "r2", "y", "x"}));

  // Same graph, answers at once: when y and x are both ready, the one
  // listed first in the file (x) goes first, every time.
  FakeRuntime immediate(&scheduler);
  registry.add("python-wasm", immediate);
  scheduler.start(workflow, library);
  EXPECT_EQ(immediate.dispatched(), (std::vector<std::string>{"r1", "r2", "x", "y"}));
}

TEST_F(SchedulerTest, PoolSizeBoundsConcurrencyPerRuntime) {
  registry.set_max_concurrent("python-wasm", 2);
  python.set_default(FakeRuntime::after_ticks(1));
  std::vector<std::pair<std::string, json>> nodes;
  for (int i = 0; i < 6; ++i) nodes.push_back({node_name(i), {{"k", i}}});
  nodes.push_back({"js", {}});
  auto workflow = graph(nodes, {});
  workflow.find_node(NodeId("js"))->skill_id = "js-add";
  javascript.set_default(FakeRuntime::after_ticks(1));
  const auto run = scheduler.start(workflow, library);
  EXPECT_EQ(scheduler.running_count("python-wasm"), 2u);
  EXPECT_EQ(scheduler.running_count("javascript"), 1u);  // another pool is not blocked
  EXPECT_EQ(state(run, "n2"), NodeState::queued);
  tick_until_finished(run);
  EXPECT_EQ(scheduler.status(run), RunStatus::succeeded);
  EXPECT_EQ(python.max_in_flight(), 2u);
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"n0", "n1", "n2", "n3", "n4", "n5"}));
  EXPECT_EQ(out(run, "n5"), 5);
}

TEST_F(SchedulerTest, FailureSkipsDescendantsOnlyAndOtherBranchesFinish) {
  python.set("a", FakeRuntime::failing(NodeError{"python.error", "ZeroDivisionError", 3}));
  const auto workflow = graph({{"a", {}}, {"b", {}}, {"c", {}}, {"d", {}}, {"x", {}}, {"y", {}}},
                              {{"a", "b", "a"}, {"b", "c", "a"}, {"a", "d", "a"}, {"x", "y", "a"}});
  const auto run = scheduler.start(workflow, library);
  ASSERT_TRUE(scheduler.finished(run));
  EXPECT_EQ(scheduler.status(run), RunStatus::failed);
  EXPECT_EQ(state(run, "a"), NodeState::error);
  for (const char* skipped : {"b", "c", "d"}) EXPECT_EQ(state(run, skipped), NodeState::skipped) << skipped;
  EXPECT_EQ(state(run, "y"), NodeState::done);
  const auto results = scheduler.results_to_json(run);
  EXPECT_EQ(results["a"]["error"],
            (json{{"code", "python.error"}, {"message", "ZeroDivisionError"}, {"line", 3}}));
  EXPECT_EQ(results["c"]["error"]["message"], "upstream 'a' failed");
  EXPECT_EQ(results["c"]["state"], "skipped");
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"a", "x", "y"}));

  // Keys depend on upstream keys, not results: skipped nodes have theirs,
  // the same as when a succeeds.
  const auto skipped_key = scheduler.result(run, NodeId("c"))->inputs_hash;
  EXPECT_NE(skipped_key, 0u);
  python.set("a", FakeRuntime::immediate());
  const auto again = scheduler.start(workflow, library);
  EXPECT_EQ(state(again, "c"), NodeState::done);
  EXPECT_EQ(scheduler.result(again, NodeId("c"))->inputs_hash, skipped_key);
}

TEST_F(SchedulerTest, CancelRunStopsEverythingAndIgnoresLateAnswers) {
  python.set_default(FakeRuntime::hang());
  const auto workflow = graph({{"a", {}}, {"b", {}}, {"c", {}}}, {{"a", "c", "a"}});
  const auto run = scheduler.start(workflow, library);
  EXPECT_FALSE(scheduler.finished(run));
  EXPECT_TRUE(scheduler.cancel(run));
  EXPECT_TRUE(scheduler.finished(run));
  EXPECT_EQ(scheduler.status(run), RunStatus::cancelled);
  for (const char* id : {"a", "b", "c"}) EXPECT_EQ(state(run, id), NodeState::cancelled) << id;
  EXPECT_EQ(python.cancelled(), (std::vector<std::string>{"a", "b"}));  // c never ran
  EXPECT_FALSE(scheduler.complete(run, NodeId("a"), {{"out", 1}}));
  EXPECT_FALSE(scheduler.fail(run, NodeId("b"), NodeError{"x", "late", {}}));
  EXPECT_FALSE(scheduler.cancel(run));
  EXPECT_EQ(log.finished_runs, 1);
}

TEST_F(SchedulerTest, CancelOneNodeSkipsItsDescendants) {
  python.set_default(FakeRuntime::hang());
  const auto workflow = graph({{"a", {}}, {"b", {}}, {"c", {}}}, {{"a", "b", "a"}});
  const auto run = scheduler.start(workflow, library);
  EXPECT_TRUE(scheduler.cancel(run, NodeId("a")));
  EXPECT_EQ(state(run, "a"), NodeState::cancelled);
  EXPECT_EQ(state(run, "b"), NodeState::skipped);
  EXPECT_EQ(scheduler.result(run, NodeId("b"))->error->message, "upstream 'a' was cancelled");
  EXPECT_EQ(state(run, "c"), NodeState::running);
  EXPECT_FALSE(scheduler.cancel(run, NodeId("a")));  // already terminal
  EXPECT_FALSE(scheduler.complete(run, NodeId("a"), {{"out", 1}}));
  EXPECT_TRUE(scheduler.complete(run, NodeId("c"), {{"out", 1}}));
  EXPECT_TRUE(scheduler.finished(run));
  EXPECT_EQ(scheduler.status(run), RunStatus::failed);
}

TEST_F(SchedulerTest, TimeoutFailsOverdueNodesOnTickOrOnAnyAnswer) {
  python.set_default(FakeRuntime::hang());
  RunOptions options;
  options.node_timeout_ms = 100;
  const auto workflow = graph({{"slow", {}}, {"after", {}}, {"other", {}}}, {{"slow", "after", "a"}});
  const auto run = scheduler.start(workflow, library, options);
  now = 99;
  scheduler.tick();
  EXPECT_EQ(state(run, "slow"), NodeState::running);
  now = 100;
  scheduler.tick();
  EXPECT_EQ(state(run, "slow"), NodeState::error);
  EXPECT_EQ(scheduler.result(run, NodeId("slow"))->error->code, "timeout");
  EXPECT_EQ(scheduler.result(run, NodeId("slow"))->error->message, "no answer within 100 ms");
  EXPECT_EQ(scheduler.result(run, NodeId("slow"))->duration_ms, 100);
  EXPECT_EQ(state(run, "after"), NodeState::skipped);
  EXPECT_EQ(python.cancelled(), (std::vector<std::string>{"slow", "other"}));
  EXPECT_TRUE(scheduler.finished(run));
  EXPECT_FALSE(scheduler.complete(run, NodeId("slow"), {{"out", 1}}));  // late answer ignored

  // Without tick(): the next answer notices the overdue node first.
  const auto second = scheduler.start(graph({{"p", {}}, {"q", {}}}, {}), library, options);
  now += 500;
  EXPECT_FALSE(scheduler.complete(second, NodeId("p"), {{"out", 1}}));
  EXPECT_EQ(scheduler.state(second, NodeId("p")), NodeState::error);
  EXPECT_EQ(scheduler.state(second, NodeId("q")), NodeState::error);
}

// Without node_timeout_ms the node type's deadline from the core's table is
// the one timeout: JavaScript 5 s, Python 60 s; < 0 switches them off.
TEST_F(SchedulerTest, NodeTypeDeadlineFromTheTableIsTheDefaultTimeout) {
  python.set_default(FakeRuntime::hang());
  javascript.set_default(FakeRuntime::hang());
  Workflow workflow;
  workflow.add_node(NodeId("js"), "js-add");
  workflow.add_node(NodeId("py"), "add");
  const auto run = scheduler.start(workflow, library);
  now = 4'999;
  scheduler.tick();
  EXPECT_EQ(state(run, "js"), NodeState::running);
  now = 5'000;
  scheduler.tick();
  EXPECT_EQ(state(run, "js"), NodeState::error);
  EXPECT_EQ(scheduler.result(run, NodeId("js"))->error->message, "no answer within 5000 ms");
  EXPECT_EQ(javascript.cancelled(), (std::vector<std::string>{"js"}));
  EXPECT_EQ(state(run, "py"), NodeState::running);
  now = 60'000;
  scheduler.tick();
  EXPECT_EQ(scheduler.result(run, NodeId("py"))->error->message, "no answer within 60000 ms");

  RunOptions no_deadline;
  no_deadline.node_timeout_ms = -1;
  const auto second = scheduler.start(workflow, library, no_deadline);
  now += 1e9;
  scheduler.tick();
  EXPECT_EQ(state(second, "js"), NodeState::running);
  EXPECT_EQ(state(second, "py"), NodeState::running);
}

// A runtime still starting (a cold Pyodide, a JavaScript worker locking down
// its realm) stops the node's clock; the deadline counts from when the
// runtime starts the node, and a runtime that never starts it times out.
TEST_F(SchedulerTest, DeadlineCountsFromWhenTheRuntimeStartsTheNode) {
  javascript.set_default(FakeRuntime::hang());
  Workflow workflow;
  workflow.add_node(NodeId("cold"), "js-add");
  workflow.add_node(NodeId("never"), "js-add");
  const auto run = scheduler.start(workflow, library);
  now = 1'000;
  ASSERT_TRUE(scheduler.awaiting_runtime(run, NodeId("cold")));
  ASSERT_TRUE(scheduler.awaiting_runtime(run, NodeId("never")));
  now = 7'000;  // past dispatch + 5 s: the clock was stopped
  scheduler.tick();
  EXPECT_EQ(state(run, "cold"), NodeState::running);
  ASSERT_TRUE(scheduler.runtime_started(run, NodeId("cold")));
  now = 11'999;
  scheduler.tick();
  EXPECT_EQ(state(run, "cold"), NodeState::running);
  now = 12'000;
  scheduler.tick();
  EXPECT_EQ(state(run, "cold"), NodeState::error);
  EXPECT_EQ(scheduler.result(run, NodeId("cold"))->error->message, "no answer within 5000 ms");
  EXPECT_EQ(state(run, "never"), NodeState::running);
  now = 1'000 + Scheduler::kRuntimeStartLimitMs;
  scheduler.tick();
  EXPECT_EQ(state(run, "never"), NodeState::error);
  EXPECT_EQ(scheduler.result(run, NodeId("never"))->error->message,
            "the runtime did not start within 180000 ms");
  EXPECT_FALSE(scheduler.runtime_started(run, NodeId("never")));  // no longer running

  // A node its runtime started on dispatch keeps the clock from dispatch.
  const auto warm = scheduler.start(graph({{"w", {}}}, {}, "js-add"), library);
  const double dispatched = now;
  EXPECT_TRUE(scheduler.runtime_started(warm, NodeId("w")));
  now = dispatched + 5'000;
  scheduler.tick();
  EXPECT_EQ(state(warm, "w"), NodeState::error);
}

// A running node's output lines become `log` events (state unchanged); the
// trace keeps the first 64 KiB per node and counts what it dropped.
TEST_F(SchedulerTest, LogLinesBecomeEventsAndTheTraceKeepsThemBounded) {
  python.set_default(FakeRuntime::hang());
  const auto run = scheduler.start(graph({{"talk", {}}}, {}), library);
  now = 3;
  ASSERT_TRUE(scheduler.log(run, NodeId("talk"), "stdout", "iteration 1: E = -1.05"));
  ASSERT_TRUE(scheduler.log(run, NodeId("talk"), "stderr", "warning: slow convergence"));
  EXPECT_EQ(state(run, "talk"), NodeState::running);
  EXPECT_EQ(log.lines, (std::vector<std::string>{"talk:queued", "talk:running", "talk:log", "talk:log"}));
  const auto& events = trace.events(run);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].stream, "stdout");
  EXPECT_EQ(events[2].message, "iteration 1: E = -1.05");
  EXPECT_EQ(events[2].to_json()["text"], "iteration 1: E = -1.05");
  EXPECT_EQ(events[3].to_json()["stream"], "stderr");
  EXPECT_EQ(events[3].time_ms, 3);

  const std::string kilobyte(1024, 'x');
  for (int i = 0; i < 100; ++i) scheduler.log(run, NodeId("talk"), "stdout", kilobyte);
  std::size_t kept_bytes = 0;
  for (const auto& event : trace.events(run))
    if (event.kind == EventKind::log) kept_bytes += event.message.size();
  EXPECT_LE(kept_bytes, RunTrace::kLogBytesPerNode);
  EXPECT_GT(kept_bytes, RunTrace::kLogBytesPerNode - 1024);
  // 2 short lines + 63 lines of 1 KiB fit; 37 are dropped.
  EXPECT_EQ(trace.to_json(run)["nodes"]["talk"]["log_dropped"], 37);
  EXPECT_EQ(log.lines.size(), 4u + 100u);  // observers still see every line

  ASSERT_TRUE(scheduler.complete(run, NodeId("talk"), {{"out", 1}}));
  EXPECT_FALSE(scheduler.log(run, NodeId("talk"), "stdout", "late"));  // not running any more
}

TEST_F(SchedulerTest, RunToNodeRunsOnlyItsAncestors) {
  const auto workflow =
      graph({{"a", {{"k", 1}}}, {"b", {}}, {"c", {}}, {"d", {}}}, {{"a", "b", "a"}, {"b", "c", "a"}});
  const auto run = scheduler.start(workflow, library, RunOptions::to_node(NodeId("b")));
  EXPECT_TRUE(scheduler.finished(run));
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(state(run, "c"), NodeState::idle);
  EXPECT_EQ(state(run, "d"), NodeState::idle);
  EXPECT_EQ(scheduler.results_to_json(run).size(), 2u);
  EXPECT_EQ(out(run, "b"), 1);

  const auto unknown = scheduler.start(workflow, library, RunOptions::to_node(NodeId("zz")));
  EXPECT_EQ(scheduler.status(unknown), RunStatus::failed);
  EXPECT_EQ(scheduler.run_error(unknown)->code, "run.target.unknown");
}

TEST_F(SchedulerTest, RunFromNodeReusesUpstreamResultsOrFails) {
  auto workflow = graph({{"a", {{"k", 1}}}, {"b", {}}, {"c", {}}}, {{"a", "b", "a"}, {"b", "c", "a"}});
  const auto first = scheduler.start(workflow, library);
  workflow.set_input_value(NodeId("b"), "k", 5);
  const auto again = scheduler.start(workflow, library, RunOptions::from_node(NodeId("b"), first));
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"a", "b", "c", "b", "c"}));
  EXPECT_EQ(state(again, "a"), NodeState::idle);
  EXPECT_EQ(out(again, "b"), 6);  // a.out from the first run + k 5
  EXPECT_EQ(out(again, "c"), 6);

  // Nothing to take a's result from: b fails, c is skipped.
  const auto orphan = scheduler.start(workflow, library, RunOptions::from_node(NodeId("b")));
  EXPECT_EQ(state(orphan, "b"), NodeState::error);
  EXPECT_EQ(scheduler.result(orphan, NodeId("b"))->error->code, "upstream.missing");
  EXPECT_EQ(scheduler.result(orphan, NodeId("b"))->error->message,
            "no result for upstream node 'a' (run it first, or enable the cache)");
  EXPECT_EQ(state(orphan, "c"), NodeState::skipped);
}

TEST_F(SchedulerTest, ProblemsFoundAtStartFailTheirNodes) {
  Workflow workflow;
  workflow.add_node(NodeId("unknown"), "no-such-skill");
  workflow.add_node(NodeId("context"), "context-only");
  workflow.add_node(NodeId("spice"), "spice-add");
  workflow.add_node(NodeId("x"), "add");
  workflow.add_node(NodeId("y"), "add");
  workflow.add_node(NodeId("behind"), "add");
  workflow.add_node(NodeId("fine"), "add");
  workflow.connect({NodeId("x"), "out"}, {NodeId("y"), "a"});
  workflow.connect({NodeId("y"), "out"}, {NodeId("x"), "a"});
  workflow.connect({NodeId("y"), "out"}, {NodeId("behind"), "a"});
  workflow.connect({NodeId("unknown"), "out"}, {NodeId("behind"), "b"});
  const auto run = scheduler.start(workflow, library);
  ASSERT_TRUE(scheduler.finished(run));
  EXPECT_EQ(scheduler.result(run, NodeId("unknown"))->error->code, "workflow.skill.unknown");
  EXPECT_EQ(scheduler.result(run, NodeId("context"))->error->code, "workflow.skill.not_executable");
  EXPECT_EQ(scheduler.result(run, NodeId("spice"))->error->code, "runtime.missing");
  EXPECT_EQ(scheduler.result(run, NodeId("x"))->error->code, "workflow.cycle");
  EXPECT_EQ(scheduler.result(run, NodeId("y"))->error->code, "workflow.cycle");
  EXPECT_EQ(state(run, "behind"), NodeState::skipped);
  EXPECT_EQ(state(run, "fine"), NodeState::done);
}

TEST_F(SchedulerTest, CacheHitsAcrossRunsAndInvalidationDownstream) {
  ResultCache cache(1 << 20);
  scheduler.set_cache(&cache);
  auto workflow =
      graph({{"a", {{"k", 1}}}, {"b", {{"k", 2}}}, {"c", {}}}, {{"a", "b", "a"}, {"b", "c", "a"}});
  const auto first = scheduler.start(workflow, library);
  EXPECT_EQ(python.dispatch_count(), 3u);
  log.lines.clear();
  const auto second = scheduler.start(workflow, library);
  EXPECT_EQ(python.dispatch_count(), 3u);  // nothing dispatched
  EXPECT_EQ(log.lines, (std::vector<std::string>{"a:cached", "b:cached", "c:cached"}));
  EXPECT_EQ(scheduler.results_to_json(second)["c"]["cached"], true);
  EXPECT_EQ(out(second, "c"), 3);
  EXPECT_EQ(scheduler.result(first, NodeId("c"))->inputs_hash,
            scheduler.result(second, NodeId("c"))->inputs_hash);

  workflow.set_input_value(NodeId("b"), "k", 20);  // b and c change, a does not
  const auto third = scheduler.start(workflow, library);
  EXPECT_EQ(state(third, "a"), NodeState::cached);
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"a", "b", "c", "b", "c"}));
  EXPECT_EQ(out(third, "c"), 21);

  RunOptions bypass;
  bypass.use_cache = false;
  scheduler.start(workflow, library, bypass);
  EXPECT_EQ(python.dispatch_count(), 8u);

  // Run-from with no previous run: upstream a comes from the cache.
  workflow.set_input_value(NodeId("b"), "k", 7);
  const auto from = scheduler.start(workflow, library, RunOptions::from_node(NodeId("b")));
  EXPECT_EQ(out(from, "b"), 8);
  EXPECT_EQ(python.dispatch_count(), 10u);
}

// Clear cached result: the next run recomputes exactly that node; its
// descendants' keys chain keys, not results, so they still hit.
TEST_F(SchedulerTest, ClearingOneCachedResultRerunsExactlyThatNode) {
  ResultCache cache(1 << 20);
  scheduler.set_cache(&cache);
  auto workflow =
      graph({{"a", {{"k", 1}}}, {"b", {{"k", 2}}}, {"c", {}}}, {{"a", "b", "a"}, {"b", "c", "a"}});
  scheduler.start(workflow, library);
  ASSERT_EQ(cache.size(), 3u);
  const auto keys = cache_keys(workflow, library);

  const auto cleared = scheduler.clear_cached_result(workflow, library, NodeId("b"));
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->key, keys.at(NodeId("b")));
  EXPECT_TRUE(cleared->removed);
  EXPECT_FALSE(cache.contains(keys.at(NodeId("b"))));
  EXPECT_EQ(cache.size(), 2u);

  log.lines.clear();
  const auto again = scheduler.start(workflow, library);
  EXPECT_EQ(python.dispatched(), (std::vector<std::string>{"a", "b", "c", "b"}));
  EXPECT_EQ(state(again, "a"), NodeState::cached);
  EXPECT_EQ(state(again, "b"), NodeState::done);
  EXPECT_EQ(state(again, "c"), NodeState::cached);
  EXPECT_EQ(out(again, "c"), 3);

  // Cleared twice: nothing stored under the key the second time; an unknown node: nullopt.
  scheduler.clear_cached_result(workflow, library, NodeId("b"));
  EXPECT_FALSE(scheduler.clear_cached_result(workflow, library, NodeId("b"))->removed);
  EXPECT_FALSE(scheduler.clear_cached_result(workflow, library, NodeId("nope")));
  // The key follows the node's current inputs: after an edit it names the new result.
  workflow.set_input_value(NodeId("a"), "k", 5);
  EXPECT_NE(scheduler.clear_cached_result(workflow, library, NodeId("a"))->key, keys.at(NodeId("a")));
  EXPECT_TRUE(cache.contains(keys.at(NodeId("a"))));  // the old result stays
}

TEST_F(SchedulerTest, PersistentStoreServesANewProcess) {
  const auto dir = std::filesystem::temp_directory_path() / "llmos-test-scheduler-store";
  std::filesystem::remove_all(dir);
  DirectoryStore store(dir);
  const auto workflow = graph({{"a", {{"k", 1}}}, {"b", {}}}, {{"a", "b", "a"}});
  {
    ResultCache cache(1 << 20, &store);
    scheduler.set_cache(&cache);
    scheduler.start(workflow, library);
    scheduler.set_cache(nullptr);
  }
  ResultCache fresh(1 << 20, &store);  // as if in a new process
  RuntimeRegistry other_registry;
  Scheduler other(
      other_registry, [this] { return now; }, &fresh);
  FakeRuntime other_runtime(&other);
  other_registry.add("python-wasm", other_runtime);
  const auto run = other.start(workflow, library);
  EXPECT_EQ(other.state(run, NodeId("b")), NodeState::cached);
  EXPECT_EQ(other_runtime.dispatch_count(), 0u);
  EXPECT_EQ(fresh.stats().store_hits, 2u);
  EXPECT_EQ(other.result(run, NodeId("b"))->outputs["out"], 1.0);
  std::filesystem::remove_all(dir);
}

TEST_F(SchedulerTest, EventSequenceAndTimestamps) {
  python.set_default(FakeRuntime::after_ticks(1));
  const auto workflow = graph({{"a", {}}, {"b", {}}}, {{"a", "b", "a"}});
  now = 10;
  const auto run = scheduler.start(workflow, library);
  now = 15;
  EXPECT_TRUE(scheduler.progress(run, NodeId("a"), 0.5, "halfway"));
  tick_until_finished(run);
  EXPECT_EQ(log.lines, (std::vector<std::string>{"a:queued", "a:running", "a:progress", "a:done", "b:queued",
                                                 "b:running", "b:done"}));
  EXPECT_EQ(log.times, (std::vector<double>{10, 10, 15, 16, 16, 16, 17}));
  EXPECT_FALSE(scheduler.progress(run, NodeId("a"), 1.0));  // not running any more
}

TEST_F(SchedulerTest, DoneAndCachedEventsCarryTheOutputs) {
  ResultCache cache(1 << 20);
  scheduler.set_cache(&cache);
  const auto workflow = graph({{"a", {{"k", 4}}}}, {});
  scheduler.start(workflow, library);
  scheduler.start(workflow, library);
  EXPECT_EQ(log.lines, (std::vector<std::string>{"a:queued", "a:running", "a:done", "a:cached"}));
  EXPECT_EQ(log.outputs, (std::vector<json>{nullptr, nullptr, {{"out", 4.0}}, {{"out", 4.0}}}));
}

TEST_F(SchedulerTest, TicketsAnswerWithoutIdsAndOnlyForTheirOwnRunningNode) {
  // A host that keeps each DispatchRequest's ticket and answers with it later.
  class TicketKeeper final : public Runtime {
   public:
    void dispatch(const DispatchRequest& request) override {
      tickets.push_back(request.ticket);
      ids.push_back(request.node.value);
    }
    void cancel(RunId, const NodeId&) override {}
    std::vector<NodeTicket> tickets;
    std::vector<std::string> ids;
  } keeper;
  registry.add("python-wasm", keeper);
  const auto workflow = graph({{"a", {{"k", 2}}}, {"b", {}}}, {{"a", "b", "a"}});
  const auto first = scheduler.start(workflow, library);
  const auto second = scheduler.start(workflow, library);
  ASSERT_EQ(keeper.ids, (std::vector<std::string>{"a", "a"}));
  const NodeTicket first_a = keeper.tickets[0];
  const NodeTicket second_a = keeper.tickets[1];
  EXPECT_EQ(first_a.run, first);
  EXPECT_EQ(first_a.index, 0u);
  EXPECT_FALSE(scheduler.complete(NodeTicket{first, 1}, {{"out", 5}}));   // b is pending, not running
  EXPECT_FALSE(scheduler.complete(NodeTicket{first, 99}, {{"out", 5}}));  // no such node
  EXPECT_FALSE(scheduler.complete(NodeTicket{RunId{999}, 0}, {{"out", 5}}));
  EXPECT_TRUE(scheduler.complete(first_a, {{"out", 5}}));
  EXPECT_FALSE(scheduler.complete(first_a, {{"out", 6}}));  // answered already
  ASSERT_EQ(keeper.ids.back(), "b");
  EXPECT_EQ(keeper.tickets.back().index, scheduler.ticket(first, NodeId("b"))->index);
  EXPECT_EQ(out(first, "a"), 5);
  EXPECT_TRUE(scheduler.fail(keeper.tickets.back(), NodeError{"python.error", "boom", 3}));
  EXPECT_EQ(scheduler.result(first, NodeId("b"))->error->line, 3);
  EXPECT_EQ(state(second, "a"), NodeState::running);  // the other run's a is untouched
  EXPECT_TRUE(scheduler.progress(second_a, 0.5));
  EXPECT_FALSE(scheduler.ticket(first, NodeId("nope")).has_value());
}

TEST_F(SchedulerTest, TraceExportsNodesAndEvents) {
  python.set("b", FakeRuntime::failing(NodeError{"python.error", "boom", {}}, 2));
  const auto workflow = graph({{"a", {}}, {"b", {}}, {"c", {}}}, {{"a", "b", "a"}, {"b", "c", "a"}});
  now = 1000;
  const auto run = scheduler.start(workflow, library);
  tick_until_finished(run);
  const auto exported = trace.to_json(run);
  EXPECT_EQ(exported["run_id"], run.value);
  EXPECT_EQ(exported["workflow"], workflow.to_json());
  EXPECT_EQ(exported["started_ms"], 1000.0);
  EXPECT_EQ(exported["finished_ms"], 1002.0);
  EXPECT_EQ(exported["nodes"]["a"]["state"], "done");
  EXPECT_EQ(exported["nodes"]["a"]["skill_id"], "add");
  EXPECT_EQ(exported["nodes"]["a"]["inputs_hash"].get<std::string>().size(), 16u);
  EXPECT_EQ(exported["nodes"]["a"]["cached"], false);
  EXPECT_EQ(exported["nodes"]["b"]["state"], "error");
  EXPECT_EQ(exported["nodes"]["b"]["duration_ms"], 2.0);
  EXPECT_EQ(exported["nodes"]["b"]["error"], (json{{"code", "python.error"}, {"message", "boom"}}));
  EXPECT_EQ(exported["nodes"]["c"]["state"], "skipped");
  EXPECT_EQ(exported["events"].size(), 7u);  // a: queued running done, b: queued running error, c: skipped
  EXPECT_EQ(exported["events"][5], (json{{"kind", "error"},
                                         {"node", "b"},
                                         {"time_ms", 1002.0},
                                         {"duration_ms", 2.0},
                                         {"error", {{"code", "python.error"}, {"message", "boom"}}}}));
  EXPECT_TRUE(trace.finished(run));
  // The trace keeps the run's workflow (shared, turned into JSON when read)
  // after the scheduler has forgotten the run.
  scheduler.release(run);
  EXPECT_EQ(trace.to_json(run)["workflow"], workflow.to_json());
}

TEST_F(SchedulerTest, LongChainOfSynchronousAnswersDoesNotRecurse) {
  // 50k nested complete() calls would overflow a 1 MB wasm stack.
  Workflow workflow;
  constexpr int kLength = 50000;
  for (int i = 0; i < kLength; ++i) {
    workflow.add_node(NodeId(node_name(i)), "add", i == 0 ? json{{"k", 1}} : json::object());
    if (i > 0) workflow.connect({NodeId(node_name(i - 1)), "out"}, {NodeId(node_name(i)), "a"});
  }
  scheduler.remove_observer(log);
  scheduler.remove_observer(trace);
  python.set_recording(false);
  const auto run = scheduler.start(workflow, library);
  EXPECT_TRUE(scheduler.finished(run));
  EXPECT_EQ(python.dispatch_count(), static_cast<std::size_t>(kLength));
  EXPECT_EQ(out(run, "n49999"), 1);
  scheduler.release(run);
  EXPECT_EQ(scheduler.status(run), RunStatus::unknown);
}

// A seeded random DAG of 10,000 nodes, listed in shuffled order: every node
// runs exactly once, after all its predecessors, and computes what an
// independent reference computes.
class RandomDagTest : public SchedulerTest, public ::testing::WithParamInterface<bool> {};

TEST_P(RandomDagTest, TenThousandNodes) {
  const bool delayed = GetParam();
  constexpr std::uint32_t kNodes = 10000;
  constexpr long long kModulus = 1000003;
  std::mt19937 random(20240601u);  // raw engine output: identical on libstdc++ and libc++
  std::vector<std::vector<std::uint32_t>> predecessors(kNodes);
  std::vector<long long> constant(kNodes);
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    constant[i] = static_cast<long long>(random() % 100);
    if (i == 0) continue;
    const std::uint32_t count = random() % 4;  // 0..3 inputs a, b, k
    for (std::uint32_t p = 0; p < count; ++p) {
      const std::uint32_t from = random() % i;
      if (std::find(predecessors[i].begin(), predecessors[i].end(), from) == predecessors[i].end())
        predecessors[i].push_back(from);
    }
  }
  std::vector<long long> expected(kNodes);
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    long long value = constant[i];
    for (auto from : predecessors[i]) value += expected[from];
    expected[i] = value % kModulus;
  }

  std::vector<std::uint32_t> order(kNodes);
  for (std::uint32_t i = 0; i < kNodes; ++i) order[i] = i;
  for (std::uint32_t i = kNodes - 1; i > 0; --i) std::swap(order[i], order[random() % (i + 1)]);
  Workflow workflow;
  const char* ports[] = {"a", "b", "k"};
  for (auto i : order) workflow.add_node(NodeId(node_name(i)), "add", {{"c", constant[i]}});
  for (std::uint32_t i = 0; i < kNodes; ++i)
    for (std::size_t p = 0; p < predecessors[i].size(); ++p)
      workflow.connect({NodeId(node_name(predecessors[i][p])), "out"}, {NodeId(node_name(i)), ports[p]});

  python.set_compute([&](const Skill&, const json& inputs) {
    long long value = inputs["c"].get<long long>();
    for (const char* port : ports)
      if (inputs.contains(port)) value += static_cast<long long>(inputs[port].get<double>());
    return json{{"out", value % kModulus}};
  });
  scheduler.remove_observer(trace);
  if (delayed) {
    registry.set_max_concurrent("python-wasm", 16);
    python.set_default(FakeRuntime::after_ticks(1));
  }
  const auto run = scheduler.start(workflow, library);
  tick_until_finished(run, 100000);
  ASSERT_TRUE(scheduler.finished(run));
  EXPECT_EQ(scheduler.status(run), RunStatus::succeeded);

  ASSERT_EQ(python.dispatched().size(), kNodes);
  std::vector<std::size_t> position(kNodes, kNodes);
  for (std::size_t k = 0; k < kNodes; ++k) {
    const auto node = static_cast<std::uint32_t>(std::stoul(python.dispatched()[k].substr(1)));
    EXPECT_EQ(position[node], kNodes) << "dispatched twice: n" << node;
    position[node] = k;
  }
  std::size_t wrong = 0;
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    for (auto from : predecessors[i])
      if (position[from] >= position[i]) ++wrong;
    const auto result = scheduler.result(run, NodeId(node_name(i)));
    if (!result || result->outputs["out"].get<long long>() != expected[i]) ++wrong;
  }
  EXPECT_EQ(wrong, 0u);
  // Each node: queued, running, done.
  EXPECT_EQ(log.lines.size(), 3u * kNodes);
  if (delayed) {
    EXPECT_EQ(python.max_in_flight(), 16u);
  }
}

INSTANTIATE_TEST_SUITE_P(ImmediateAndDelayed, RandomDagTest, ::testing::Bool());

}  // namespace
}  // namespace llmos
