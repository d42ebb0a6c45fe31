// Layout by levels for workflows that arrive without positions (from the
// API, an agent, an old file) and for "re-layout selection": each node's
// column is the length of the longest chain of links leading to it, left to
// right; within a column nodes keep the document's order, stacked without
// overlaps.
#pragma once

#include "commands.hpp"
#include "graph.hpp"

#include <functional>
#include <vector>

namespace llmos::editor {

inline constexpr double kLayoutColumnGap = 80;
inline constexpr double kLayoutRowGap = 40;

// New positions for `nodes` (links among them decide the levels); their
// top-left corner goes to `origin`. `size_of` gives each node's size.
MoveItems layout_by_levels(const Graph& graph, const std::vector<NodeId>& nodes,
                           const std::function<Vec2(const Node&)>& size_of, Vec2 origin);

// The nodes that came without a position, or nothing if every node has one.
std::vector<NodeId> nodes_without_position(const Graph& graph);

}  // namespace llmos::editor
