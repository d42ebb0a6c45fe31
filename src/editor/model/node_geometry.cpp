#include "node_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace llmos::editor {

NodeBox node_box(const Node& node, std::size_t inputs, std::size_t outputs, double extra_height) {
  NodeBox box;
  box.x = node.pos.x;
  box.y = node.pos.y;
  box.w = node.size.x > 0 ? node.size.x : kNodeWidth;
  box.inputs = inputs;
  box.outputs = outputs;
  box.collapsed = node.collapsed;
  box.extra_height = node.collapsed ? 0 : extra_height;
  const double rows = static_cast<double>(inputs + outputs);
  const double content = node.collapsed ? 0 : rows * kRowHeight + 2 * kBodyPadding + box.extra_height;
  box.h = std::max(kHeaderHeight + content, node.size.y > 0 && !node.collapsed ? node.size.y : 0.0);
  return box;
}

double output_row_y(const NodeBox& box, std::size_t index) {
  return box.y + kHeaderHeight + kBodyPadding + static_cast<double>(index) * kRowHeight;
}

double input_row_y(const NodeBox& box, std::size_t index) { return output_row_y(box, box.outputs + index); }

double extra_area_y(const NodeBox& box) { return output_row_y(box, box.outputs + box.inputs); }

Vec2 output_pin(const NodeBox& box, std::size_t index) {
  if (box.collapsed) return {box.x + box.w, box.y + kHeaderHeight / 2};
  return {box.x + box.w, output_row_y(box, index) + kRowHeight / 2};
}

Vec2 input_pin(const NodeBox& box, std::size_t index) {
  if (box.collapsed) return {box.x, box.y + kHeaderHeight / 2};
  return {box.x, input_row_y(box, index) + kRowHeight / 2};
}

NodeHit hit_node(const NodeBox& box, Vec2 point, double pin_slop) {
  auto near = [&](Vec2 pin) {
    return std::abs(point.x - pin.x) <= pin_slop && std::abs(point.y - pin.y) <= pin_slop;
  };
  if (!box.collapsed) {
    for (std::size_t i = 0; i < box.outputs; ++i)
      if (near(output_pin(box, i))) return {NodePart::output, i};
    for (std::size_t i = 0; i < box.inputs; ++i)
      if (near(input_pin(box, i))) return {NodePart::input, i};
  }
  if (!box.contains(point)) return {};
  if (point.y <= box.y + kHeaderHeight)
    return {point.x <= box.x + kHeaderHeight ? NodePart::collapse_toggle : NodePart::header, 0};
  return {NodePart::body, 0};
}

bool box_overlaps(const NodeBox& box, Vec2 a, Vec2 b) {
  const double left = std::min(a.x, b.x), right = std::max(a.x, b.x);
  const double top = std::min(a.y, b.y), bottom = std::max(a.y, b.y);
  return box.x <= right && box.x + box.w >= left && box.y <= bottom && box.y + box.h >= top;
}

void link_controls(Vec2 from, Vec2 to, Vec2& c1, Vec2& c2) {
  const double reach = std::clamp(std::abs(to.x - from.x) * 0.5, 40.0, 200.0);
  c1 = {from.x + reach, from.y};
  c2 = {to.x - reach, to.y};
}

double distance_to_link(Vec2 from, Vec2 to, Vec2 point) {
  Vec2 c1, c2;
  link_controls(from, to, c1, c2);
  constexpr int kSegments = 24;
  double best = std::numeric_limits<double>::max();
  Vec2 previous = from;
  for (int i = 1; i <= kSegments; ++i) {
    const double t = static_cast<double>(i) / kSegments, u = 1 - t;
    const Vec2 p{u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
                 u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y};
    const double dx = p.x - previous.x, dy = p.y - previous.y;
    const double length2 = dx * dx + dy * dy;
    double s = length2 > 0 ? ((point.x - previous.x) * dx + (point.y - previous.y) * dy) / length2 : 0;
    s = std::clamp(s, 0.0, 1.0);
    const double ex = previous.x + s * dx - point.x, ey = previous.y + s * dy - point.y;
    best = std::min(best, std::sqrt(ex * ex + ey * ey));
    previous = p;
  }
  return best;
}

}  // namespace llmos::editor
