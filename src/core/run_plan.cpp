#include "llmos/run_plan.hpp"

#include "llmos/hash.hpp"
#include "run_planning.hpp"

namespace llmos {
namespace planning {

std::variant<std::vector<bool>, NodeError> run_scope(const WorkflowGraph& graph, const RunOptions& options) {
  if (options.scope == RunOptions::Scope::all) return std::vector<bool>(graph.node_count(), true);
  const auto target = graph.index_of(options.target.value);
  if (!target)
    return NodeError{
        "run.target.unknown", "no node " + in_quotes(options.target.value) + " to run to/from", {}};
  return options.scope == RunOptions::Scope::to_node ? graph.ancestors_of(*target)
                                                     : graph.descendants_of(*target);
}

std::optional<NodeError> skill_problem(std::string_view skill_id, const Skill* skill) {
  if (!skill) return NodeError{"workflow.skill.unknown", "unknown skill " + in_quotes(skill_id), {}};
  if (!skill->is_executable())
    return NodeError{
        "workflow.skill.not_executable", "skill " + in_quotes(skill_id) + " has no code to run", {}};
  return std::nullopt;
}

void duplicate_problems(const Workflow& workflow, const WorkflowGraph& graph, const std::vector<bool>& scope,
                        std::vector<std::pair<Index, NodeError>>& problems) {
  for (auto duplicate : graph.duplicates())
    if (scope[duplicate])
      problems.push_back({duplicate,
                          {"workflow.node.duplicate",
                           "duplicate node id " + in_quotes(workflow.nodes()[duplicate].id.value),
                           {}}});
}

// Kahn over the scope: whatever never becomes ready is on or behind a cycle.
void cycle_problems(const WorkflowGraph& graph, const std::vector<bool>& scope,
                    std::vector<std::pair<Index, NodeError>>& problems) {
  if (graph.edges_point_forward()) return;
  const auto count = static_cast<Index>(graph.node_count());
  std::vector<Index> remaining(count, 0);
  std::vector<Index> ready;
  std::size_t in_scope = 0;
  for (Index i = 0; i < count; ++i) {
    if (!scope[i]) continue;
    ++in_scope;
    for (auto source : graph.incoming_sources(i))
      if (scope[source]) ++remaining[i];
    if (remaining[i] == 0) ready.push_back(i);
  }
  std::size_t reached = 0;
  while (!ready.empty()) {
    const auto node = ready.back();
    ready.pop_back();
    ++reached;
    for (auto successor : graph.successors(node))
      if (scope[successor] && --remaining[successor] == 0) ready.push_back(successor);
  }
  if (reached == in_scope) return;
  std::vector<bool> on_cycle(count, false);
  for (const auto& cycle : graph.cycles())
    for (auto member : cycle) on_cycle[member] = true;
  for (Index i = 0; i < count; ++i)
    for (auto successor : graph.successors(i))
      if (successor == i) on_cycle[i] = true;
  for (Index i = 0; i < count; ++i)
    if (scope[i] && remaining[i] > 0 && on_cycle[i])
      problems.push_back({i, {"workflow.cycle", "node is on a cycle", {}}});
}

std::uint64_t node_cache_key(const WorkflowGraph& graph, Index node, std::uint64_t skill_key,
                             const json& input_values, std::span<const std::uint64_t> keys) {
  Hasher hasher;
  hasher.u64(skill_key);
  hasher.json_value(input_values);
  const auto sources = graph.incoming_sources(node);
  const auto ports = graph.incoming_ports(node);
  for (std::size_t k = 0; k < ports.size(); ++k)
    hasher.text(graph.port_name(ports[k].target_port))
        .text(graph.port_name(ports[k].source_port))
        .u64(keys[sources[k]]);
  return hasher.value();
}

}  // namespace planning

std::uint64_t skill_cache_key(std::string_view skill_id, const Skill* skill) {
  Hasher hasher;
  hasher.text(skill_id);
  if (skill) {
    hasher.text(skill->code ? skill->code->code : std::string_view());
    hasher.text(skill->postprocess ? skill->postprocess->code : std::string_view());
    for (const auto& port : skill->inputs)
      if (port.has_default) hasher.text(port.name).json_value(port.default_value);
  }
  return hasher.value();
}

namespace {

std::vector<std::uint64_t> keys_by_index(const Workflow& workflow, const WorkflowGraph& graph,
                                         const SkillLibrary& library) {
  const auto& nodes = workflow.nodes();
  std::vector<std::uint64_t> keys(nodes.size(), 0);
  std::unordered_map<std::string_view, std::uint64_t> skill_keys;
  planning::upstream_first(graph, [&](planning::Index index) {
    const auto& node = nodes[index];
    auto [found, added] = skill_keys.try_emplace(node.skill_id, 0);
    if (added) found->second = skill_cache_key(node.skill_id, library.find(node.skill_id));
    keys[index] = planning::node_cache_key(graph, index, found->second, node.input_values, keys);
  });
  for (auto duplicate : graph.duplicates()) keys[duplicate] = 0;
  return keys;
}

}  // namespace

namespace {

std::vector<std::vector<NodeId>> node_ids(const Workflow& workflow,
                                          const std::vector<std::vector<planning::Index>>& groups) {
  std::vector<std::vector<NodeId>> out(groups.size());
  for (std::size_t group = 0; group < groups.size(); ++group)
    for (auto index : groups[group]) out[group].push_back(workflow.nodes()[index].id);
  return out;
}

}  // namespace

std::vector<std::vector<NodeId>> plan_levels(const Workflow& workflow) {
  return node_ids(workflow, WorkflowGraph(workflow).levels());
}

std::vector<std::vector<NodeId>> plan_cycles(const Workflow& workflow) {
  return node_ids(workflow, WorkflowGraph(workflow).cycles());
}

CacheKeys cache_keys(const Workflow& workflow, const SkillLibrary& library) {
  const WorkflowGraph graph(workflow);
  const auto keys = keys_by_index(workflow, graph, library);
  CacheKeys out;
  for (std::size_t i = 0; i < keys.size(); ++i) out.try_emplace(workflow.nodes()[i].id, keys[i]);
  return out;
}

std::vector<NodeId> plan_changes(const Workflow& workflow, const SkillLibrary& library,
                                 const CacheKeys& cache_keys_before) {
  const WorkflowGraph graph(workflow);
  const auto keys = keys_by_index(workflow, graph, library);
  std::vector<NodeId> changed;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto& id = workflow.nodes()[i].id;
    const auto before = cache_keys_before.find(id);
    if (before == cache_keys_before.end() || before->second != keys[i]) changed.push_back(id);
  }
  return changed;
}

std::vector<NodeId> plan_input_change(const Workflow& workflow, const SkillLibrary& library,
                                      const NodeId& node, const std::string& input, const json& value) {
  if (!workflow.find_node(node)) return {};
  Workflow edited = workflow;
  edited.set_input_value(node, input, value);
  return plan_changes(edited, library, cache_keys(workflow, library));
}

}  // namespace llmos
