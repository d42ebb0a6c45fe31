#include "graph.hpp"

#include <algorithm>

namespace llmos::editor {

namespace {
void add_unique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}
}  // namespace

FilePorts file_ports(const Graph& graph, const NodeId& node) {
  FilePorts ports;
  for (const Node& candidate : graph.nodes) {
    if (candidate.id != node) continue;
    if (candidate.input_values.is_object())
      for (const auto& item : candidate.input_values.items()) add_unique(ports.inputs, item.key());
  }
  for (const Link& link : graph.links) {
    if (link.target.node == node) add_unique(ports.inputs, link.target.port);
    if (link.source.node == node) add_unique(ports.outputs, link.source.port);
  }
  return ports;
}

}  // namespace llmos::editor
