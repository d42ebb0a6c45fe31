// Copy/paste as workflow JSON.
#include "clipboard.hpp"
#include "workflow_io.hpp"

#include <gtest/gtest.h>

namespace llmos::editor {
namespace {

EditorDocument chain() {
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(R"({"nodes":[
      {"nodeId":"a","skillId":"s","inputValues":{"k":1},"ui":{"position":[100,100]}},
      {"nodeId":"b","skillId":"t","ui":{"position":[400,100]}},
      {"nodeId":"c","skillId":"t","ui":{"position":[700,100]}}],
    "edges":[{"source":"a","sourceOutput":"o","target":"b","targetInput":"i"},
             {"source":"b","sourceOutput":"o","target":"c","targetInput":"i"}],
    "ui":{"reroutes":[{"target":"b","targetInput":"i","position":[250,200]}]}})",
                                        diagnostics);
  return EditorDocument(std::move(*graph));
}

TEST(Clipboard, CopyHoldsTheNodesAndOnlyTheLinksAmongThem) {
  EditorDocument document = chain();
  json copied = copy_as_workflow_json(document.graph(), {NodeId("a"), NodeId("b")});
  ASSERT_EQ(copied["nodes"].size(), 2u);
  ASSERT_EQ(copied["edges"].size(), 1u);
  EXPECT_EQ(copied["edges"][0]["target"], "b");
  EXPECT_EQ(copied["ui"]["reroutes"].size(), 1u);
  EXPECT_EQ(copied["nodes"][0]["inputValues"]["k"], 1);
}

TEST(Clipboard, PasteRenamesTakenIdsRewiresAndMovesToTheCursor) {
  EditorDocument document = chain();
  const std::string text = copy_as_workflow_json(document.graph(), {NodeId("a"), NodeId("b")}).dump();
  Diagnostics diagnostics;
  auto paste = paste_from_workflow_text(document, text, {1000, 500}, diagnostics);
  ASSERT_TRUE(paste);
  ASSERT_TRUE(document.apply(Command(paste->items, "Paste")));
  EXPECT_EQ(paste->new_nodes, (std::vector<NodeId>{NodeId("a_2"), NodeId("b_2")}));
  EXPECT_EQ(document.find_node(NodeId("a_2"))->pos, (Vec2{1000, 500}));
  EXPECT_EQ(document.find_node(NodeId("b_2"))->pos, (Vec2{1300, 500}));
  EXPECT_EQ(document.find_node(NodeId("a_2"))->input_values["k"], 1);
  const Link* link = document.link_into({NodeId("b_2"), "i"});
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->source.node, NodeId("a_2"));
  ASSERT_EQ(document.reroutes_of(link->id).size(), 1u);
  EXPECT_EQ(document.reroutes_of(link->id)[0]->pos, (Vec2{1150, 600}));
  EXPECT_EQ(document.graph().links.size(), 3u);
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.graph().nodes.size(), 3u);
}

TEST(Clipboard, PasteOfTextThatIsNoWorkflowIsRefused) {
  EditorDocument document = chain();
  Diagnostics diagnostics;
  EXPECT_FALSE(paste_from_workflow_text(document, "hello", {0, 0}, diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
  Diagnostics empty;
  EXPECT_FALSE(paste_from_workflow_text(document, R"({"nodes":[]})", {0, 0}, empty));
}

}  // namespace
}  // namespace llmos::editor
