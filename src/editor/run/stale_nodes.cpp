#include "stale_nodes.hpp"

#include <set>

namespace llmos::run {

std::vector<std::string> nodes_whose_cache_keys_change(const Workflow& workflow, const NodeId& edited) {
  if (!workflow.find_node(edited)) return {};
  std::set<std::string> reached{edited.value};
  std::vector<std::string> frontier{edited.value};
  while (!frontier.empty()) {
    const std::string node = std::move(frontier.back());
    frontier.pop_back();
    for (const auto& edge : workflow.edges())
      if (edge.source.node.value == node && reached.insert(edge.target.node.value).second)
        frontier.push_back(edge.target.node.value);
  }
  std::vector<std::string> out;
  for (const auto& node : workflow.nodes())
    if (reached.count(node.id.value)) out.push_back(node.id.value);
  return out;
}

}  // namespace llmos::run
