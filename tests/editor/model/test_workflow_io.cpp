// Graph <-> workflow file: the shipped examples load, round-trip unchanged
// through the core's reader, frames and reroutes live in the root "ui", and
// older files are migrated.
#include "document.hpp"
#include "workflow_io.hpp"

#include "llmos/skill_library.hpp"
#include "llmos/validate.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace llmos::editor {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(WorkflowIo, EveryShippedExampleRoundTripsWithEqualContent) {
  const std::filesystem::path examples = std::filesystem::path(LLMOS_SOURCE_DIR) / "skills/examples";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(examples)) {
    if (entry.path().extension() != ".json") continue;
    ++seen;
    SCOPED_TRACE(entry.path().filename().string());
    Diagnostics diagnostics;
    auto graph = graph_from_workflow_text(read_text(entry.path()), diagnostics);
    ASSERT_TRUE(graph);
    EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
    json saved = graph_to_workflow_json(*graph);
    EXPECT_EQ(saved["version"], kWorkflowFormatVersion);

    // The core reads what the editor writes without a complaint, with the
    // same nodes, values, positions and edges as the original.
    Diagnostics original_problems, saved_problems;
    auto original = Workflow::parse(read_text(entry.path()), original_problems);
    Workflow reread = Workflow::from_json(saved, saved_problems);
    EXPECT_TRUE(saved_problems.empty()) << saved_problems.to_text();
    ASSERT_EQ(reread.nodes().size(), original->nodes().size());
    for (const WorkflowNode& node : original->nodes()) {
      const WorkflowNode* copy = reread.find_node(node.id);
      ASSERT_NE(copy, nullptr) << node.id.value;
      EXPECT_EQ(copy->skill_id, node.skill_id);
      EXPECT_EQ(copy->input_values, node.input_values);
      if (node.ui && node.ui->position) {
        EXPECT_EQ(copy->ui->position, node.ui->position);
      }
    }
    ASSERT_EQ(reread.edges().size(), original->edges().size());
    for (std::size_t i = 0; i < original->edges().size(); ++i) {
      EXPECT_EQ(reread.edges()[i].source, original->edges()[i].source);
      EXPECT_EQ(reread.edges()[i].target, original->edges()[i].target);
    }
    // And a second trip is byte-identical: saving is stable.
    Diagnostics again;
    EXPECT_EQ(graph_to_workflow_json(*graph_from_workflow_json(saved, again)).dump(), saved.dump());
  }
  EXPECT_GE(seen, 5);
}

TEST(WorkflowIo, SavedExamplesStillValidateAgainstTheShippedSkills) {
  const std::filesystem::path root(LLMOS_SOURCE_DIR);
  Diagnostics load;
  SkillLibrary library;
  library.load_directory((root / "skills").string(), Volume::system, load);
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(read_text(root / "skills/examples/vqe-plot.json"), diagnostics);
  ASSERT_TRUE(graph);
  Diagnostics problems = validate(graph_to_workflow(*graph), library);
  EXPECT_FALSE(problems.has_errors()) << problems.to_text();
}

TEST(WorkflowIo, NodesAreWrittenInStableTopologicalOrder) {
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(R"({"nodes":[
      {"nodeId":"plot","skillId":"p"},{"nodeId":"x","skillId":"s"},{"nodeId":"src","skillId":"s"}],
    "edges":[{"source":"src","sourceOutput":"o","target":"plot","targetInput":"i"}]})",
                                        diagnostics);
  ASSERT_TRUE(graph);
  json saved = graph_to_workflow_json(*graph);
  std::vector<std::string> order;
  for (const json& node : saved["nodes"]) order.push_back(node["nodeId"]);
  EXPECT_EQ(order, (std::vector<std::string>{"x", "src", "plot"}));
}

TEST(WorkflowIo, FramesRerouteViewportAndUnknownKeysRoundTrip) {
  const char* text = R"({
    "name": "Framed", "owner": "team-7", "version": 2,
    "nodes": [
      {"nodeId": "a", "skillId": "s", "inputValues": {"n": 3}, "ui": {"position": [10, 20], "size": [200, 90], "collapsed": true, "pinned": 1}, "note": "keep"},
      {"nodeId": "b", "skillId": "t", "inputValues": {}, "ui": {"position": [300, 20]}}
    ],
    "edges": [{"source": "a", "sourceOutput": "o", "target": "b", "targetInput": "i", "color": "red"}],
    "ui": {"viewport": {"x": -5, "y": 7, "zoom": 1.5},
           "frames": [{"title": "Group", "position": [0, 0], "size": [500, 200], "color": "#335577"}],
           "reroutes": [{"target": "b", "targetInput": "i", "position": [150, 120]}],
           "theme": "dark"}
  })";
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(text, diagnostics);
  ASSERT_TRUE(graph);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(graph->viewport, (Viewport{-5, 7, 1.5}));
  EXPECT_TRUE(graph->viewport_saved);
  ASSERT_EQ(graph->frames.size(), 1u);
  EXPECT_EQ(graph->frames[0].title, "Group");
  EXPECT_EQ(graph->frames[0].size, (Vec2{500, 200}));
  ASSERT_EQ(graph->reroutes.size(), 1u);
  EXPECT_EQ(graph->reroutes[0].link, graph->links[0].id);
  EXPECT_EQ(graph->reroutes[0].pos, (Vec2{150, 120}));
  EXPECT_TRUE(graph->nodes[0].collapsed);
  EXPECT_EQ(graph->nodes[0].size, (Vec2{200, 90}));

  json saved = graph_to_workflow_json(*graph);
  EXPECT_EQ(saved["owner"], "team-7");
  EXPECT_EQ(saved["nodes"][0]["note"], "keep");
  EXPECT_EQ(saved["nodes"][0]["ui"]["pinned"], 1);
  EXPECT_EQ(saved["nodes"][0]["ui"]["collapsed"], true);
  EXPECT_EQ(saved["edges"][0]["color"], "red");
  EXPECT_EQ(saved["ui"]["theme"], "dark");
  EXPECT_EQ(saved["ui"]["frames"][0]["color"], "#335577");
  EXPECT_EQ(saved["ui"]["reroutes"][0]["targetInput"], "i");
  EXPECT_EQ(saved["ui"]["viewport"]["zoom"], 1.5);
  EXPECT_EQ(saved["version"], 2);
}

TEST(WorkflowIo, EditsMadeThroughTheDocumentAreSaved) {
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(
      R"({"nodes":[{"nodeId":"a","skillId":"s","ui":{"position":[0,0]}},{"nodeId":"b","skillId":"t","ui":{"position":[300,0]}}],"edges":[]})",
      diagnostics);
  EditorDocument document(std::move(*graph));
  ASSERT_TRUE(document.apply(Command(Connect{{NodeId("a"), "o"}, {NodeId("b"), "i"}})));
  ASSERT_TRUE(document.apply(Command(SetValue{NodeId("b"), "title", "T"})));
  AddItems reroute;
  reroute.reroutes = {Reroute{{}, document.graph().links[0].id, {150, 60}}};
  ASSERT_TRUE(document.apply(Command(reroute)));
  json saved = graph_to_workflow_json(document.graph());
  EXPECT_EQ(saved["edges"][0]["source"], "a");
  EXPECT_EQ(saved["nodes"][1]["inputValues"]["title"], "T");
  EXPECT_EQ(saved["ui"]["reroutes"][0]["position"], json::array({150.0, 60.0}));
}

TEST(WorkflowIo, MigratesVersionOneShapes) {
  const char* text = R"({
    "nodes": [
      {"nodeId": "a", "skillId": "s", "position": {"x": 40, "y": 80}, "collapsed": true},
      {"nodeId": "b", "skillId": "s", "ui": {"position": {"x": 1, "y": 2}, "size": {"width": 220, "height": 140}}},
      {"nodeId": "c", "skillId": "s"}
    ],
    "viewport": {"x": 3, "y": 4, "zoom": 0.5}
  })";
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(text, diagnostics);
  ASSERT_TRUE(graph);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(graph->nodes[0].pos, (Vec2{40, 80}));
  EXPECT_TRUE(graph->nodes[0].collapsed);
  EXPECT_EQ(graph->nodes[1].pos, (Vec2{1, 2}));
  EXPECT_EQ(graph->nodes[1].size, (Vec2{220, 140}));
  EXPECT_TRUE(graph->nodes[1].has_position);
  EXPECT_FALSE(graph->nodes[2].has_position);  // auto layout places it
  EXPECT_EQ(graph->viewport, (Viewport{3, 4, 0.5}));
  json saved = graph_to_workflow_json(*graph);
  EXPECT_FALSE(saved["nodes"][0].contains("position"));
  EXPECT_EQ(saved["nodes"][0]["ui"]["position"], json::array({40.0, 80.0}));
  EXPECT_FALSE(saved.contains("viewport"));
}

TEST(WorkflowIo, NewerVersionIsReadWithAWarningAndKeepsItsVersion) {
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(R"({"version": 9, "nodes": []})", diagnostics);
  ASSERT_TRUE(graph);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "workflow.version.newer");
  EXPECT_EQ(graph_to_workflow_json(*graph)["version"], 9);
}

TEST(WorkflowIo, ARerouteOnNoEdgeIsDroppedWithAWarning) {
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(
      R"({"nodes": [], "ui": {"reroutes": [{"target": "x", "targetInput": "y", "position": [1, 2]}]}})",
      diagnostics);
  ASSERT_TRUE(graph);
  EXPECT_TRUE(graph->reroutes.empty());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "workflow.ui.reroute");
  EXPECT_EQ(diagnostics.items()[0].where.json_pointer, "/ui/reroutes/0");
}

TEST(WorkflowIo, NotJsonReportsLineAndColumn) {
  Diagnostics diagnostics;
  EXPECT_FALSE(graph_from_workflow_text("{\n  \"nodes\": [,]\n}", diagnostics, "w.json"));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "workflow.parse");
  EXPECT_EQ(diagnostics.items()[0].where.line, 2);
}

TEST(WorkflowIo, UnknownSkillNodesAreKeptOnSave) {
  Diagnostics diagnostics;
  auto graph = graph_from_workflow_text(
      R"({"nodes":[{"nodeId":"q","skillId":"not-on-this-page","inputValues":{"k":1}}],"edges":[]})",
      diagnostics);
  ASSERT_TRUE(graph);
  json saved = graph_to_workflow_json(*graph);
  ASSERT_EQ(saved["nodes"].size(), 1u);
  EXPECT_EQ(saved["nodes"][0]["skillId"], "not-on-this-page");
  EXPECT_EQ(saved["nodes"][0]["inputValues"]["k"], 1);
}

// Examples and API workflows come without a viewport: the canvas frames
// them in the window that opens them (not an edit, not saved); a view the
// user chose is saved.
TEST(WorkflowIo, AFileWithoutAViewportStaysWithoutOneUntilTheViewChanges) {
  Diagnostics diagnostics;
  auto bare = graph_from_workflow_text(
      R"({"nodes": [{"nodeId": "a", "skillId": "s", "ui": {"position": [0, 0]}}], "edges": []})",
      diagnostics);
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->viewport_saved);
  EditorDocument document(std::move(*bare));
  const auto revision = document.revision();
  document.show_viewport({-30, -40, 0.5});
  EXPECT_EQ(document.graph().viewport, (Viewport{-30, -40, 0.5}));
  EXPECT_EQ(document.revision(), revision) << "framing on open is no edit";
  EXPECT_FALSE(graph_to_workflow_json(document.graph())["ui"].contains("viewport"));
  document.set_viewport({5, 6, 2});
  EXPECT_GT(document.revision(), revision);
  const json saved = graph_to_workflow_json(document.graph());
  ASSERT_TRUE(saved["ui"].contains("viewport"));
  EXPECT_EQ(saved["ui"]["viewport"]["zoom"], 2);
  auto reopened = graph_from_workflow_json(saved, diagnostics);
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(reopened->viewport_saved);
}

}  // namespace
}  // namespace llmos::editor
