// Node decorations: how another part of the editor (the run view) draws on
// the nodes the canvas owns, without the canvas knowing about runs. The
// canvas asks for extra body height when it lays a node out, then calls
// draw() for every visible node after drawing it (team contract 5).
#pragma once

#include "model/ids.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <functional>
#include <string>
#include <string_view>

namespace llmos::editor {

// What a decorator may draw on: screen-space rectangles of one node.
struct NodeDrawContext {
  NodeId id;
  std::string_view skill_id;  // the node's (valid during the draw call)
  ImRect header;              // title bar
  ImRect body;                // below the pins and parameters: the extra_body_height area
  float zoom = 1.0f;
  ImDrawList* draw = nullptr;
};

struct NodeDecorator {
  // Canvas units reserved at the bottom of the node's body (0 = none).
  std::function<float(const NodeId&, float zoom)> extra_body_height;
  std::function<void(const NodeDrawContext&)> draw;
  // Double-click on the decorated area: open a larger view (a preview window).
  std::function<void(const NodeId&)> open_large_view;
};

// One decorator at a time; setting a new one replaces the old. An empty
// NodeDecorator (the default) turns decorations off.
void set_node_decorator(NodeDecorator decorator);
const NodeDecorator& node_decorator();

}  // namespace llmos::editor
