#include "clipboard.hpp"

#include "workflow_io.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace llmos::editor {

json copy_as_workflow_json(const Graph& graph, const std::vector<NodeId>& nodes) {
  const std::unordered_set<NodeId> wanted(nodes.begin(), nodes.end());
  Graph part;
  for (const Node& node : graph.nodes)
    if (wanted.count(node.id)) part.nodes.push_back(node);
  std::unordered_set<LinkId> links;
  for (const Link& link : graph.links)
    if (wanted.count(link.source.node) && wanted.count(link.target.node)) {
      part.links.push_back(link);
      links.insert(link.id);
    }
  for (const Reroute& reroute : graph.reroutes)
    if (links.count(reroute.link)) part.reroutes.push_back(reroute);
  json document = graph_to_workflow_json(part);
  document["ui"].erase("viewport");
  return document;
}

std::optional<Paste> paste_from_workflow_text(EditorDocument& document, std::string_view text, Vec2 at,
                                              Diagnostics& diagnostics) {
  auto graph = graph_from_workflow_text(text, diagnostics, "clipboard");
  if (!graph || graph->nodes.empty() || diagnostics.has_errors()) return std::nullopt;

  double left = std::numeric_limits<double>::max(), top = std::numeric_limits<double>::max();
  for (const Node& node : graph->nodes) {
    left = std::min(left, node.pos.x);
    top = std::min(top, node.pos.y);
  }
  const Vec2 shift{at.x - left, at.y - top};

  Paste paste;
  std::unordered_map<NodeId, NodeId> renamed;
  std::unordered_set<NodeId> taken;
  for (Node& node : graph->nodes) {
    NodeId id = node.id;
    if (document.find_node(id) || taken.count(id)) {
      // "plot" -> "plot_2", "plot_3"... past both the document and this paste.
      for (int n = 2;; ++n) {
        NodeId candidate(node.id.value + "_" + std::to_string(n));
        if (!document.find_node(candidate) && !taken.count(candidate)) {
          id = candidate;
          break;
        }
      }
    }
    taken.insert(id);
    renamed.emplace(node.id, id);
    node.id = id;
    node.pos = {node.pos.x + shift.x, node.pos.y + shift.y};
    node.has_position = true;
    paste.new_nodes.push_back(id);
    paste.items.nodes.push_back(std::move(node));
  }
  std::unordered_map<LinkId, LinkId> new_link_ids;
  for (Link& link : graph->links) {
    auto source = renamed.find(link.source.node), target = renamed.find(link.target.node);
    if (source == renamed.end() || target == renamed.end()) continue;  // a link to a node not pasted
    link.source.node = source->second;
    link.target.node = target->second;
    const LinkId fresh = document.new_link_id();
    new_link_ids.emplace(link.id, fresh);
    link.id = fresh;
    paste.items.links.push_back(std::move(link));
  }
  for (Reroute& reroute : graph->reroutes) {
    auto link = new_link_ids.find(reroute.link);
    if (link == new_link_ids.end()) continue;
    reroute.id = {};
    reroute.link = link->second;
    reroute.pos = {reroute.pos.x + shift.x, reroute.pos.y + shift.y};
    paste.items.reroutes.push_back(reroute);
  }
  return paste;
}

}  // namespace llmos::editor
