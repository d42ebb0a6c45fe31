// Where a node's parts are, in canvas units: its box, header, pin rows and
// what a point over it hits. Pure arithmetic (no ImGui), shared by drawing,
// hit-testing, the debug API and auto layout, and tested natively.
//
// Rows: the header, then one row per output (pins on the right), then one
// row per input (pins on the left, label and value widget), then the
// decorator's extra height (run state, preview). Collapsed: the header only,
// every pin on its edge.
#pragma once

#include "graph.hpp"

#include <cstddef>

namespace llmos::editor {

inline constexpr double kNodeWidth = 240;
inline constexpr double kHeaderHeight = 28;
inline constexpr double kRowHeight = 24;
inline constexpr double kBodyPadding = 6;
inline constexpr double kPinRadius = 5;

struct NodeBox {
  double x = 0, y = 0, w = kNodeWidth, h = kHeaderHeight;
  std::size_t inputs = 0, outputs = 0;
  bool collapsed = false;
  double extra_height = 0;  // the decorator's area at the bottom
  bool contains(Vec2 p) const { return p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h; }
};

NodeBox node_box(const Node& node, std::size_t inputs, std::size_t outputs, double extra_height = 0);

Vec2 output_pin(const NodeBox& box, std::size_t index);
Vec2 input_pin(const NodeBox& box, std::size_t index);
// Top of the row of output `index` / input `index` (rows are kRowHeight tall).
double output_row_y(const NodeBox& box, std::size_t index);
double input_row_y(const NodeBox& box, std::size_t index);
// Top of the decorator's area.
double extra_area_y(const NodeBox& box);

enum class NodePart { none, header, collapse_toggle, body, input, output };

struct NodeHit {
  NodePart part = NodePart::none;
  std::size_t index = 0;  // pin index for input/output
};

// Pins win over the body within `pin_slop` canvas units of their centre
// (pins sit on the box edge, half outside).
NodeHit hit_node(const NodeBox& box, Vec2 point, double pin_slop);

// Whether the box overlaps a rectangle given by two corners in any order.
bool box_overlaps(const NodeBox& box, Vec2 a, Vec2 b);

// Distance from a point to a cubic bezier link from `from` (an output) to
// `to` (an input), sampled; what Alt+click on a link measures.
double distance_to_link(Vec2 from, Vec2 to, Vec2 point);
// The control points the canvas draws a link with (horizontal tangents).
void link_controls(Vec2 from, Vec2 to, Vec2& c1, Vec2& c2);

}  // namespace llmos::editor
