// Node geometry and hit-testing in canvas units.
#include "node_geometry.hpp"

#include <gtest/gtest.h>

namespace llmos::editor {
namespace {

Node node_at(double x, double y) {
  Node node;
  node.id = NodeId("n");
  node.pos = {x, y};
  return node;
}

TEST(NodeGeometry, BoxGrowsWithRowsAndDecoratorArea) {
  NodeBox box = node_box(node_at(100, 50), 3, 2, 40);
  EXPECT_EQ(box.w, kNodeWidth);
  EXPECT_EQ(box.h, kHeaderHeight + 5 * kRowHeight + 2 * kBodyPadding + 40);
  EXPECT_EQ(extra_area_y(box), 50 + kHeaderHeight + kBodyPadding + 5 * kRowHeight);
}

TEST(NodeGeometry, OutputsOnTheRightThenInputsOnTheLeft) {
  NodeBox box = node_box(node_at(0, 0), 2, 1);
  EXPECT_EQ(output_pin(box, 0), (Vec2{kNodeWidth, kHeaderHeight + kBodyPadding + kRowHeight / 2}));
  EXPECT_EQ(input_pin(box, 0), (Vec2{0, kHeaderHeight + kBodyPadding + 1.5 * kRowHeight}));
  EXPECT_EQ(input_pin(box, 1).y - input_pin(box, 0).y, kRowHeight);
}

TEST(NodeGeometry, CollapsedNodesAreTheHeaderWithPinsOnItsEdges) {
  Node node = node_at(10, 10);
  node.collapsed = true;
  NodeBox box = node_box(node, 4, 2, 80);
  EXPECT_EQ(box.h, kHeaderHeight);
  EXPECT_EQ(input_pin(box, 3), (Vec2{10, 10 + kHeaderHeight / 2}));
  EXPECT_EQ(output_pin(box, 1), (Vec2{10 + kNodeWidth, 10 + kHeaderHeight / 2}));
}

TEST(NodeGeometry, HitTestFindsPinsHeaderToggleAndBody) {
  NodeBox box = node_box(node_at(0, 0), 2, 1);
  const Vec2 in1 = input_pin(box, 1);
  NodeHit hit = hit_node(box, {in1.x - 4, in1.y + 2}, 8);  // just outside the box, on the pin
  EXPECT_EQ(hit.part, NodePart::input);
  EXPECT_EQ(hit.index, 1u);
  EXPECT_EQ(hit_node(box, output_pin(box, 0), 8).part, NodePart::output);
  EXPECT_EQ(hit_node(box, {120, 10}, 8).part, NodePart::header);
  EXPECT_EQ(hit_node(box, {10, 10}, 8).part, NodePart::collapse_toggle);
  EXPECT_EQ(hit_node(box, {120, in1.y}, 8).part, NodePart::body);
  EXPECT_EQ(hit_node(box, {500, 500}, 8).part, NodePart::none);
}

TEST(NodeGeometry, BoxSelectionOverlapInAnyCornerOrder) {
  NodeBox box = node_box(node_at(100, 100), 1, 1);
  EXPECT_TRUE(box_overlaps(box, {0, 0}, {110, 110}));
  EXPECT_TRUE(box_overlaps(box, {110, 110}, {0, 0}));
  EXPECT_FALSE(box_overlaps(box, {0, 0}, {90, 90}));
}

TEST(NodeGeometry, DistanceToALink) {
  EXPECT_NEAR(distance_to_link({0, 0}, {400, 0}, {200, 3}), 3, 0.01);
  EXPECT_GT(distance_to_link({0, 0}, {400, 0}, {200, 100}), 90);
}

}  // namespace
}  // namespace llmos::editor
