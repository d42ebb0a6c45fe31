// Layout by levels: columns by longest chain, no overlaps, document order.
#include "auto_layout.hpp"
#include "document.hpp"
#include "workflow_io.hpp"

#include <gtest/gtest.h>

#include <map>

namespace llmos::editor {
namespace {

TEST(AutoLayout, ColumnsFollowTheLongestChainAndNodesDoNotOverlap) {
  Diagnostics diagnostics;
  // a -> b -> d, a -> d, c alone: a, c in column 0; b in 1; d in 2.
  auto graph = graph_from_workflow_text(R"({"nodes":[
      {"nodeId":"d","skillId":"s"},{"nodeId":"a","skillId":"s"},{"nodeId":"b","skillId":"s"},{"nodeId":"c","skillId":"s"}],
    "edges":[{"source":"a","sourceOutput":"o","target":"b","targetInput":"i"},
             {"source":"b","sourceOutput":"o","target":"d","targetInput":"i"},
             {"source":"a","sourceOutput":"o","target":"d","targetInput":"j"}]})",
                                        diagnostics);
  ASSERT_TRUE(graph);
  EXPECT_EQ(nodes_without_position(*graph).size(), 4u);
  MoveItems move = layout_by_levels(*graph, nodes_without_position(*graph),
                                    [](const Node&) {
                                      return Vec2{200, 100};
                                    },
                                    {10, 20});
  std::map<std::string, Vec2> at;
  for (const auto& [id, pos] : move.nodes) at[id.value] = pos;
  ASSERT_EQ(at.size(), 4u);
  EXPECT_EQ(at["a"], (Vec2{10, 20}));
  EXPECT_EQ(at["c"], (Vec2{10, 20 + 100 + kLayoutRowGap}));
  EXPECT_EQ(at["b"], (Vec2{10 + 200 + kLayoutColumnGap, 20}));
  EXPECT_EQ(at["d"], (Vec2{10 + 2 * (200 + kLayoutColumnGap), 20}));

  EditorDocument document(std::move(*graph));
  ASSERT_TRUE(document.apply(Command(move, "Layout")));
  EXPECT_TRUE(nodes_without_position(document.graph()).empty());
}

TEST(AutoLayout, CyclesDoNotHang) {
  Diagnostics diagnostics;
  auto graph =
      graph_from_workflow_text(R"({"nodes":[{"nodeId":"a","skillId":"s"},{"nodeId":"b","skillId":"s"}],
    "edges":[{"source":"a","sourceOutput":"o","target":"b","targetInput":"i"},
             {"source":"b","sourceOutput":"o","target":"a","targetInput":"i"}]})",
                               diagnostics);
  MoveItems move = layout_by_levels(*graph, {NodeId("a"), NodeId("b")},
                                    [](const Node&) {
                                      return Vec2{100, 50};
                                    },
                                    {0, 0});
  ASSERT_EQ(move.nodes.size(), 2u);
  EXPECT_NE(move.nodes[0].second, move.nodes[1].second);
}

}  // namespace
}  // namespace llmos::editor
