// The scheduler's planning steps over a compiled graph, pure and separately
// tested (tests/core/test_run_plan.cpp): the scope of a run, why a node
// cannot start (validator codes: workflow.skill.unknown, ...), the nodes on
// a cycle, and cache keys. Private to the core.
#pragma once

#include "llmos/run_plan.hpp"
#include "llmos/runtime.hpp"
#include "llmos/scheduler.hpp"
#include "workflow_graph.hpp"

#include <optional>
#include <span>
#include <utility>
#include <variant>
#include <vector>

namespace llmos::planning {

using Index = WorkflowGraph::Index;

// Which nodes a run covers (RunOptions::scope), or run.target.unknown.
std::variant<std::vector<bool>, NodeError> run_scope(const WorkflowGraph& graph, const RunOptions& options);

// Why a node of skill `skill_id` cannot run at all: workflow.skill.unknown
// (skill == nullptr) or workflow.skill.not_executable, as validate() says.
std::optional<NodeError> skill_problem(std::string_view skill_id, const Skill* skill);

// workflow.node.duplicate for every in-scope node whose id repeats an earlier one.
void duplicate_problems(const Workflow& workflow, const WorkflowGraph& graph, const std::vector<bool>& scope,
                        std::vector<std::pair<Index, NodeError>>& problems);

// workflow.cycle for every in-scope node on a cycle among in-scope nodes
// (nodes only behind one are left to be skipped as descendants).
void cycle_problems(const WorkflowGraph& graph, const std::vector<bool>& scope,
                    std::vector<std::pair<Index, NodeError>>& problems);

// A node's key from its skill's key, its inputValues and its incoming edges
// with their sources' keys (`keys` by node index).
std::uint64_t node_cache_key(const WorkflowGraph& graph, Index node, std::uint64_t skill_key,
                             const json& input_values, std::span<const std::uint64_t> keys);

// Calls visit(node) for every node after the nodes upstream of it: file
// order when every edge points forward, else Kahn levels (nodes on or
// behind a cycle are left out).
template <typename Visit>
void upstream_first(const WorkflowGraph& graph, Visit visit) {
  if (graph.edges_point_forward()) {
    for (Index i = 0; i < graph.node_count(); ++i) visit(i);
    return;
  }
  for (const auto& level : graph.levels())
    for (auto index : level) visit(index);
}

}  // namespace llmos::planning
