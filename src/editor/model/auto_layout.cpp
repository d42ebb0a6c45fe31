#include "auto_layout.hpp"

#include <algorithm>
#include <unordered_map>

namespace llmos::editor {

MoveItems layout_by_levels(const Graph& graph, const std::vector<NodeId>& nodes,
                           const std::function<Vec2(const Node&)>& size_of, Vec2 origin) {
  std::unordered_map<NodeId, std::size_t> local;  // node id -> position in `members`
  std::vector<const Node*> members;
  for (const Node& node : graph.nodes)  // document order
    if (std::find(nodes.begin(), nodes.end(), node.id) != nodes.end() &&
        local.emplace(node.id, members.size()).second)
      members.push_back(&node);
  const std::size_t count = members.size();

  // Longest path by relaxation in topological order (Kahn); nodes on a cycle
  // keep the level they reached.
  std::vector<std::vector<std::size_t>> successors(count);
  std::vector<std::size_t> pending(count, 0);
  for (const Link& link : graph.links) {
    auto from = local.find(link.source.node), to = local.find(link.target.node);
    if (from == local.end() || to == local.end() || from->second == to->second) continue;
    successors[from->second].push_back(to->second);
    ++pending[to->second];
  }
  std::vector<std::size_t> level(count, 0), ready;
  for (std::size_t i = 0; i < count; ++i)
    if (pending[i] == 0) ready.push_back(i);
  for (std::size_t next = 0; next < ready.size(); ++next)
    for (std::size_t successor : successors[ready[next]]) {
      level[successor] = std::max(level[successor], level[ready[next]] + 1);
      if (--pending[successor] == 0) ready.push_back(successor);
    }

  std::size_t columns = 0;
  for (std::size_t l : level) columns = std::max(columns, l + 1);
  std::vector<double> column_width(columns, 0), column_bottom(columns, origin.y);
  std::vector<Vec2> sizes(count);
  for (std::size_t i = 0; i < count; ++i) {
    sizes[i] = size_of(*members[i]);
    column_width[level[i]] = std::max(column_width[level[i]], sizes[i].x);
  }
  std::vector<double> column_x(columns, origin.x);
  for (std::size_t c = 1; c < columns; ++c)
    column_x[c] = column_x[c - 1] + column_width[c - 1] + kLayoutColumnGap;

  MoveItems move;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t c = level[i];
    move.nodes.emplace_back(members[i]->id, Vec2{column_x[c], column_bottom[c]});
    column_bottom[c] += sizes[i].y + kLayoutRowGap;
  }
  return move;
}

std::vector<NodeId> nodes_without_position(const Graph& graph) {
  std::vector<NodeId> missing;
  for (const Node& node : graph.nodes)
    if (!node.has_position) missing.push_back(node.id);
  return missing;
}

}  // namespace llmos::editor
