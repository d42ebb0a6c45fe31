// Scheduling overhead of the DAG scheduler with a FakeRuntime that answers
// inside dispatch, for 10k and 100k nodes, cache off / cold / warm, against a
// bare Kahn topological sort over the same graph (the floor). Builds natively
// and for wasm (no threads).
#include "fake_runtime.hpp"
#include "llmos/scheduler.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace llmos;

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string node_name(std::size_t index) {
  std::string name = "n";
  name += std::to_string(index);
  return name;
}

struct Graph {
  std::size_t nodes = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // (from, to) as indices
};

Graph make_graph(const std::string& shape, std::size_t count) {
  Graph graph;
  graph.nodes = count;
  if (shape == "chain") {
    for (std::uint32_t i = 1; i < count; ++i) graph.edges.push_back({i - 1, i});
  } else if (shape == "wide") {
    for (std::uint32_t i = 1; i < count; ++i) graph.edges.push_back({0, i});
  } else {  // random DAG: up to 3 inputs from any earlier node
    std::mt19937 random(42u);
    for (std::uint32_t i = 1; i < count; ++i) {
      const std::uint32_t inputs = random() % 4;
      for (std::uint32_t k = 0; k < inputs; ++k)
        graph.edges.push_back({static_cast<std::uint32_t>(random() % i), i});
    }
  }
  return graph;
}

Workflow to_workflow(const Graph& graph) {
  static const char* ports[] = {"a", "b", "k"};
  Workflow workflow;
  // Distinct values, so no two nodes share a cache key (a cold run misses everywhere).
  for (std::size_t i = 0; i < graph.nodes; ++i) workflow.add_node(NodeId(node_name(i)), "add", {{"k", i}});
  std::vector<int> used(graph.nodes, 0);
  for (const auto& [from, to] : graph.edges) {
    // Fan-in beyond three ports reuses "a" (validation would flag it; the
    // scheduler does not care and it keeps the wide shape simple).
    const char* port = ports[std::min(used[to]++, 2)];
    workflow.connect({NodeId(node_name(from)), "out"}, {NodeId(node_name(to)), port});
  }
  return workflow;
}

// The floor: Kahn's algorithm over integer adjacency, nothing else.
double kahn_reference_ms(const Graph& graph) {
  const double start = now_ms();
  std::vector<std::uint32_t> offsets(graph.nodes + 1, 0), indegree(graph.nodes, 0);
  for (const auto& edge : graph.edges) {
    ++offsets[edge.first + 1];
    ++indegree[edge.second];
  }
  for (std::size_t i = 0; i < graph.nodes; ++i) offsets[i + 1] += offsets[i];
  std::vector<std::uint32_t> targets(graph.edges.size());
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (const auto& edge : graph.edges) targets[fill[edge.first]++] = edge.second;
  std::vector<std::uint32_t> ready, order;
  order.reserve(graph.nodes);
  for (std::uint32_t i = 0; i < graph.nodes; ++i)
    if (indegree[i] == 0) ready.push_back(i);
  while (!ready.empty()) {
    const auto node = ready.back();
    ready.pop_back();
    order.push_back(node);
    for (auto k = offsets[node]; k < offsets[node + 1]; ++k)
      if (--indegree[targets[k]] == 0) ready.push_back(targets[k]);
  }
  const double elapsed = now_ms() - start;
  if (order.size() != graph.nodes) std::fprintf(stderr, "reference: not a DAG\n");
  return elapsed;
}

Skill adder() {
  Skill skill;
  skill.skill_id = "add";
  skill.type = NodeType::javascript;
  for (const char* name : {"a", "b", "k"}) {
    Port port;
    port.name = name;
    port.type = PortType::float_;
    skill.inputs.push_back(port);
  }
  Port out;
  out.name = "out";
  out.type = PortType::float_;
  skill.outputs = {out};
  skill.code = CodeBlock{"javascript", "function execute(i) { return {out: i.a + i.b + i.k}; }", 1};
  return skill;
}

enum class CacheMode { off, cold, warm };
const char* to_text(CacheMode mode) {
  return mode == CacheMode::off ? "off" : mode == CacheMode::cold ? "cold" : "warm";
}

// Best of `repeats` runs of the whole workflow, in ms. Timed: start() with
// the workflow handed over as shared_ptr (what the wasm binding does with a
// parsed payload) up to the run's end, graph compilation included.
double scheduler_ms(const std::shared_ptr<const Workflow>& workflow, const SkillLibrary& library,
                    CacheMode mode, int repeats) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    RuntimeRegistry registry;
    ResultCache cache(std::size_t{1} << 30);
    Scheduler scheduler(registry, steady_clock_ms(), mode == CacheMode::off ? nullptr : &cache);
    FakeRuntime runtime(&scheduler);
    runtime.set_recording(false);
    registry.add("javascript", runtime);
    RunOptions options;
    options.use_cache = mode != CacheMode::off;
    options.hash_inputs = mode != CacheMode::off;
    if (mode == CacheMode::warm) scheduler.release(scheduler.start(workflow, library, options));
    const double start = now_ms();
    const auto run = scheduler.start(workflow, library, options);
    const double elapsed = now_ms() - start;
    if (scheduler.status(run) != RunStatus::succeeded) std::fprintf(stderr, "run did not succeed\n");
    best = std::min(best, elapsed);
  }
  return best;
}

}  // namespace

// Optional arguments narrow the table: bench_scheduler [shape] [nodes] [cache].
// Each figure is the best of LLMOS_BENCH_REPEATS runs (default 5) in each of
// LLMOS_BENCH_PASSES passes over the table (default 3): on a shared machine
// a burst of noise then spoils one pass, not a figure.
int main(int argc, char** argv) {
  const std::string only_shape = argc > 1 ? argv[1] : "";
  const std::size_t only_count = argc > 2 ? std::stoul(argv[2]) : 0;
  const std::string only_mode = argc > 3 ? argv[3] : "";
  const auto setting = [](const char* name, int fallback) {
    const char* text = std::getenv(name);
    return text ? std::max(0, std::atoi(text)) : fallback;
  };
  const int repeats = std::max(1, setting("LLMOS_BENCH_REPEATS", 5));
  const int passes = std::max(1, setting("LLMOS_BENCH_PASSES", 3));
  SkillLibrary library;
  Diagnostics ignored;
  library.add(adder(), Volume::system, ignored);

  // Untimed warm-up: wasm engines run baseline code until they have
  // optimized the hot functions, and the heap grows to size once.
  // bench/instructions.sh turns it off (it counts every start()).
  if (setting("LLMOS_BENCH_WARMUP", 1) != 0) {
    const auto warm_up_workflow = std::make_shared<const Workflow>(to_workflow(make_graph("random", 10000)));
    for (CacheMode mode : {CacheMode::off, CacheMode::cold, CacheMode::warm})
      scheduler_ms(warm_up_workflow, library, mode, 3);
  }

  struct Case {
    std::string shape;
    std::size_t count;
    Graph graph;
    std::shared_ptr<const Workflow> workflow;
    double reference = 1e300;
    std::map<CacheMode, double> totals;
  };
  std::vector<Case> cases;
  for (const char* shape : {"chain", "wide", "random"}) {
    if (!only_shape.empty() && only_shape != shape) continue;
    for (std::size_t count : {std::size_t{10000}, std::size_t{100000}}) {
      if (only_count && only_count != count) continue;
      Case next{shape, count, make_graph(shape, count), nullptr, 1e300, {}};
      next.workflow = std::make_shared<const Workflow>(to_workflow(next.graph));
      cases.push_back(std::move(next));
    }
  }
  std::vector<CacheMode> modes;
  for (CacheMode mode : {CacheMode::off, CacheMode::cold, CacheMode::warm})
    if (only_mode.empty() || only_mode == to_text(mode)) modes.push_back(mode);
  for (int pass = 0; pass < passes; ++pass) {
    for (auto& each : cases) {
      for (int r = 0; r < repeats; ++r)
        each.reference = std::min(each.reference, kahn_reference_ms(each.graph));
      for (CacheMode mode : modes) {
        const double total = scheduler_ms(each.workflow, library, mode, repeats);
        const auto [slot, added] = each.totals.try_emplace(mode, total);
        if (!added) slot->second = std::min(slot->second, total);
      }
    }
  }

  // t100k/t10k is printed for the scheduler and for the Kahn reference: both
  // leave the CPU caches between 10k and 100k nodes.
  std::printf("%-7s %-6s %8s %10s %9s %10s %9s %11s %11s\n", "shape", "cache", "nodes", "total_ms", "ns/node",
              "kahn_ms", "x_kahn", "t100k/t10k", "kahn_ratio");
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const Case& each = cases[c];
    const Case* small =
        c > 0 && cases[c - 1].shape == each.shape && each.count == 100000 ? &cases[c - 1] : nullptr;
    char reference_ratio[32] = "";
    if (small)
      std::snprintf(reference_ratio, sizeof reference_ratio, "%.2f", each.reference / small->reference);
    for (CacheMode mode : modes) {
      const double total = each.totals.at(mode);
      char ratio[32] = "";
      if (small) std::snprintf(ratio, sizeof ratio, "%.2f", total / small->totals.at(mode));
      std::printf("%-7s %-6s %8zu %10.2f %9.0f %10.3f %9.1f %11s %11s\n", each.shape.c_str(), to_text(mode),
                  each.count, total, total * 1e6 / static_cast<double>(each.count), each.reference,
                  total / each.reference, ratio, reference_ratio);
    }
  }
  return 0;
}
