// EditorDocument: every command applies, undoes and redoes exactly, and a
// drag's many commands are one undo step.
#include "document.hpp"

#include <gtest/gtest.h>

namespace llmos::editor {
namespace {

Node make_node(const char* id, const char* skill, double x = 0, double y = 0) {
  Node node;
  node.id = NodeId(id);
  node.skill_id = skill;
  node.pos = {x, y};
  return node;
}

// A document holding a -> b (a.out -> b.in).
EditorDocument two_linked_nodes() {
  EditorDocument document;
  AddItems add;
  add.nodes = {make_node("a", "source-node"), make_node("b", "sink-node", 300, 0)};
  EXPECT_TRUE(document.apply(Command(add, "Add")));
  EXPECT_TRUE(document.apply(Command(Connect{{NodeId("a"), "out"}, {NodeId("b"), "in"}}, "Connect")));
  document.clear_history();
  return document;
}

std::vector<std::string> node_ids(const EditorDocument& document) {
  std::vector<std::string> ids;
  for (const Node& node : document.graph().nodes) ids.push_back(node.id.value);
  return ids;
}

TEST(EditorDocument, AddNodesThenUndoAndRedo) {
  EditorDocument document;
  AddItems add;
  add.nodes = {make_node("a", "s", 10, 20)};
  ASSERT_TRUE(document.apply(Command(add, "Add node")));
  ASSERT_NE(document.find_node(NodeId("a")), nullptr);
  EXPECT_EQ(document.find_node(NodeId("a"))->pos, (Vec2{10, 20}));
  EXPECT_EQ(document.undo_label(), "Add node");
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.find_node(NodeId("a")), nullptr);
  EXPECT_TRUE(document.graph().nodes.empty());
  EXPECT_EQ(document.redo_label(), "Add node");
  ASSERT_TRUE(document.redo());
  EXPECT_EQ(node_ids(document), std::vector<std::string>{"a"});
  EXPECT_FALSE(document.can_redo());
}

TEST(EditorDocument, RefusesDuplicateNodeIdsAndRecordsNothing) {
  EditorDocument document = two_linked_nodes();
  AddItems add;
  add.nodes = {make_node("a", "other")};
  EXPECT_FALSE(document.apply(Command(add)));
  EXPECT_FALSE(document.can_undo());
  EXPECT_EQ(document.find_node(NodeId("a"))->skill_id, "source-node");
}

TEST(EditorDocument, RemovingANodeTakesItsLinksAndUndoPutsAllBackInPlace) {
  EditorDocument document = two_linked_nodes();
  AddItems more;
  more.nodes = {make_node("c", "sink-node")};
  ASSERT_TRUE(document.apply(Command(more)));
  ASSERT_TRUE(document.apply(Command(Connect{{NodeId("a"), "out"}, {NodeId("c"), "in"}})));
  const LinkId first = document.graph().links[0].id;
  ASSERT_TRUE(document.apply(Command(RemoveItems{{NodeId("a")}, {}, {}, {}}, "Delete")));
  EXPECT_EQ(node_ids(document), (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(document.graph().links.empty());
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(node_ids(document), (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(document.graph().links.size(), 2u);
  EXPECT_EQ(document.graph().links[0].id, first);  // same ids: reroutes and selection still name them
  EXPECT_EQ(document.graph().links[0].target.node, NodeId("b"));
  EXPECT_EQ(document.graph().links[1].target.node, NodeId("c"));
  ASSERT_TRUE(document.redo());
  EXPECT_EQ(node_ids(document), (std::vector<std::string>{"b", "c"}));
}

TEST(EditorDocument, ConnectReplacesTheLinkIntoTheSameInputAndUndoRestoresIt) {
  EditorDocument document = two_linked_nodes();
  AddItems add;
  add.nodes = {make_node("c", "source-node")};
  ASSERT_TRUE(document.apply(Command(add)));
  ASSERT_TRUE(document.apply(Command(Connect{{NodeId("c"), "out"}, {NodeId("b"), "in"}}, "Connect")));
  ASSERT_EQ(document.graph().links.size(), 1u);
  EXPECT_EQ(document.link_into({NodeId("b"), "in"})->source.node, NodeId("c"));
  ASSERT_TRUE(document.undo());
  ASSERT_EQ(document.graph().links.size(), 1u);
  EXPECT_EQ(document.link_into({NodeId("b"), "in"})->source.node, NodeId("a"));
  ASSERT_TRUE(document.redo());
  EXPECT_EQ(document.link_into({NodeId("b"), "in"})->source.node, NodeId("c"));
}

TEST(EditorDocument, ConnectRefusesSelfLinksUnknownNodesAndNoChange) {
  EditorDocument document = two_linked_nodes();
  EXPECT_FALSE(document.apply(Command(Connect{{NodeId("a"), "out"}, {NodeId("a"), "in"}})));
  EXPECT_FALSE(document.apply(Command(Connect{{NodeId("a"), "out"}, {NodeId("zz"), "in"}})));
  EXPECT_FALSE(document.apply(Command(Connect{{NodeId("a"), "out"}, {NodeId("b"), "in"}})));
  EXPECT_FALSE(document.can_undo());
}

TEST(EditorDocument, ValueDragIsOneUndoStep) {
  EditorDocument document = two_linked_nodes();
  const auto drag = document.new_gesture();
  for (int value = 1; value <= 5; ++value)
    ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "iterations", value}, "Set iterations", drag)));
  document.end_gesture();
  EXPECT_EQ(document.find_node(NodeId("a"))->input_values["iterations"], 5);
  ASSERT_TRUE(document.undo());
  EXPECT_FALSE(document.find_node(NodeId("a"))->input_values.contains("iterations"));
  EXPECT_FALSE(document.can_undo());
  ASSERT_TRUE(document.redo());
  EXPECT_EQ(document.find_node(NodeId("a"))->input_values["iterations"], 5);
}

TEST(EditorDocument, AnEndedGestureStartsANewStep) {
  EditorDocument document = two_linked_nodes();
  const auto drag = document.new_gesture();
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "k", 1}, "Set", drag)));
  document.end_gesture();
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "k", 2}, "Set", drag)));
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.find_node(NodeId("a"))->input_values["k"], 1);
}

TEST(EditorDocument, SettingNullClearsTheValueAndUndoBringsItBack) {
  EditorDocument document = two_linked_nodes();
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "title", "Hi"})));
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "title", json()}, "Reset to default")));
  EXPECT_FALSE(document.find_node(NodeId("a"))->input_values.contains("title"));
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.find_node(NodeId("a"))->input_values["title"], "Hi");
}

TEST(EditorDocument, NodeDragOfSeveralNodesIsOneStep) {
  EditorDocument document = two_linked_nodes();
  const auto drag = document.new_gesture();
  for (int step = 1; step <= 3; ++step)
    ASSERT_TRUE(document.apply(
        Command(MoveItems{{{NodeId("a"), {10.0 * step, 0}}, {NodeId("b"), {300 + 10.0 * step, 5}}}, {}, {}},
                "Move", drag)));
  EXPECT_EQ(document.find_node(NodeId("b"))->pos, (Vec2{330, 5}));
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.find_node(NodeId("a"))->pos, (Vec2{0, 0}));
  EXPECT_EQ(document.find_node(NodeId("b"))->pos, (Vec2{300, 0}));
  ASSERT_TRUE(document.redo());
  EXPECT_EQ(document.find_node(NodeId("a"))->pos, (Vec2{30, 0}));
}

TEST(EditorDocument, NewEditClearsRedo) {
  EditorDocument document = two_linked_nodes();
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "k", 1})));
  ASSERT_TRUE(document.undo());
  ASSERT_TRUE(document.can_redo());
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("a"), "k", 2})));
  EXPECT_FALSE(document.can_redo());
}

TEST(EditorDocument, RemovingALinkTakesItsReroutes) {
  EditorDocument document = two_linked_nodes();
  const LinkId link = document.graph().links[0].id;
  AddItems add;
  add.reroutes = {Reroute{{}, link, {150, 40}}, Reroute{{}, link, {200, 80}}};
  ASSERT_TRUE(document.apply(Command(add)));
  ASSERT_EQ(document.reroutes_of(link).size(), 2u);
  EXPECT_EQ(document.reroutes_of(link)[1]->pos, (Vec2{200, 80}));
  ASSERT_TRUE(document.apply(Command(RemoveItems{{}, {link}, {}, {}})));
  EXPECT_TRUE(document.graph().reroutes.empty());
  ASSERT_TRUE(document.undo());
  ASSERT_EQ(document.reroutes_of(link).size(), 2u);
  EXPECT_EQ(document.reroutes_of(link)[0]->pos, (Vec2{150, 40}));
}

TEST(EditorDocument, FramesAddMoveEditAndRemove) {
  EditorDocument document;
  Frame frame;
  frame.title = "Inputs";
  AddItems add;
  add.frames = {frame};
  ASSERT_TRUE(document.apply(Command(add)));
  Frame stored = document.graph().frames.at(0);
  EXPECT_TRUE(stored.id.valid());
  stored.title = "Sources";
  ASSERT_TRUE(document.apply(Command(SetFrame{stored})));
  ASSERT_TRUE(document.apply(Command(MoveItems{{}, {{stored.id, {50, 60}}}, {}})));
  EXPECT_EQ(document.find_frame(stored.id)->pos, (Vec2{50, 60}));
  EXPECT_EQ(document.find_frame(stored.id)->title, "Sources");
  ASSERT_TRUE(document.undo());
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.find_frame(stored.id)->title, "Inputs");
  ASSERT_TRUE(document.apply(Command(RemoveItems{{}, {}, {stored.id}, {}})));
  EXPECT_TRUE(document.graph().frames.empty());
}

TEST(EditorDocument, BatchIsOneStepUndoneInReverse) {
  EditorDocument document = two_linked_nodes();
  AddItems add;
  add.nodes = {make_node("c", "sink-node")};
  Batch batch;
  batch.commands.emplace_back(add);
  batch.commands.emplace_back(Connect{{NodeId("a"), "out"}, {NodeId("c"), "in"}});
  ASSERT_TRUE(document.apply(Command(batch, "Add and connect")));
  EXPECT_EQ(document.graph().links.size(), 2u);
  ASSERT_TRUE(document.undo());
  EXPECT_EQ(document.graph().links.size(), 1u);
  EXPECT_EQ(document.find_node(NodeId("c")), nullptr);
  ASSERT_TRUE(document.redo());
  EXPECT_NE(document.link_into({NodeId("c"), "in"}), nullptr);
}

TEST(EditorDocument, CollapseResizeAndSkillChangesUndo) {
  EditorDocument document = two_linked_nodes();
  ASSERT_TRUE(document.apply(Command(SetCollapsed{NodeId("a"), true})));
  ASSERT_TRUE(document.apply(Command(ResizeNode{NodeId("a"), {260, 180}})));
  ASSERT_TRUE(document.apply(Command(SetSkill{NodeId("a"), "user-copy-node"})));
  EXPECT_TRUE(document.find_node(NodeId("a"))->collapsed);
  EXPECT_EQ(document.find_node(NodeId("a"))->skill_id, "user-copy-node");
  ASSERT_TRUE(document.undo());
  ASSERT_TRUE(document.undo());
  ASSERT_TRUE(document.undo());
  EXPECT_FALSE(document.find_node(NodeId("a"))->collapsed);
  EXPECT_EQ(document.find_node(NodeId("a"))->size, (Vec2{0, 0}));
  EXPECT_EQ(document.find_node(NodeId("a"))->skill_id, "source-node");
}

TEST(EditorDocument, RevisionsCountChangesAndStructure) {
  EditorDocument document = two_linked_nodes();
  const auto revision = document.revision();
  const auto structure = document.structure_revision();
  const auto content = document.content_revision();
  ASSERT_TRUE(document.apply(Command(MoveItems{{{NodeId("a"), {5, 5}}}, {}, {}})));
  EXPECT_GT(document.revision(), revision);
  EXPECT_GT(document.content_revision(), content);
  EXPECT_EQ(document.structure_revision(), structure);
  // The viewport is saved (revision) but is no edit (content revision).
  const auto before_viewport = document.revision();
  const auto content_before_viewport = document.content_revision();
  document.set_viewport({10, 20, 2});
  EXPECT_EQ(document.graph().viewport.zoom, 2);
  EXPECT_GT(document.revision(), before_viewport);
  EXPECT_EQ(document.content_revision(), content_before_viewport);
  EXPECT_FALSE(document.apply(Command(MoveItems{{{NodeId("a"), {5, 5}}}, {}, {}})));  // no change
  ASSERT_TRUE(document.apply(Command(RemoveItems{{NodeId("b")}, {}, {}, {}})));
  EXPECT_GT(document.structure_revision(), structure);
}

TEST(EditorDocument, UniqueNodeIdsFromSkillIds) {
  EditorDocument document;
  EXPECT_EQ(document.unique_node_id("plot-data-node").value, "plot_data");
  AddItems add;
  add.nodes = {make_node("plot_data", "plot-data-node")};
  ASSERT_TRUE(document.apply(Command(add)));
  EXPECT_EQ(document.unique_node_id("plot-data-node").value, "plot_data_2");
}

TEST(EditorDocument, FilePortsNameWhatAPlaceholderNodeUses) {
  EditorDocument document = two_linked_nodes();
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("b"), "title", "x"})));
  FilePorts ports = file_ports(document.graph(), NodeId("b"));
  EXPECT_EQ(ports.inputs, (std::vector<std::string>{"title", "in"}));
  EXPECT_TRUE(ports.outputs.empty());
  EXPECT_EQ(file_ports(document.graph(), NodeId("a")).outputs, std::vector<std::string>{"out"});
}

}  // namespace
}  // namespace llmos::editor
