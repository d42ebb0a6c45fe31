// Copy and paste as workflow JSON: what goes on the system clipboard is a
// small workflow file (the selected nodes, the links among them and their
// reroutes), so it pastes into another tab or a text editor.
#pragma once

#include "document.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace llmos::editor {

json copy_as_workflow_json(const Graph& graph, const std::vector<NodeId>& nodes);

struct Paste {
  AddItems items;                 // apply as one command
  std::vector<NodeId> new_nodes;  // to select after pasting
};

// Nodes get fresh ids where theirs are taken; the pasted group's top-left
// corner goes to `at`. nullopt (with diagnostics) if the text is no workflow
// or holds no node.
std::optional<Paste> paste_from_workflow_text(EditorDocument& document, std::string_view text, Vec2 at,
                                              Diagnostics& diagnostics);

}  // namespace llmos::editor
