// The workflow model (src/core/workflow.cpp), its compiled graph
// (workflow_graph.cpp) and the API request/payload shapes
// (execution_payload.cpp).
#include "llmos/workflow.hpp"

#include "llmos/execution_payload.hpp"
#include "workflow_graph.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace llmos {
namespace {

constexpr const char* kOriginalExample = R"({
  "nodes": [
    { "nodeId": "vqe", "skillId": "quantum-vqe-node", "inputValues": { "iterations": 100 } },
    { "nodeId": "plot", "skillId": "plot-data-node", "inputValues": {} }
  ],
  "edges": [
    { "source": "vqe", "sourceOutput": "convergence_data", "target": "plot", "targetInput": "data" }
  ]
})";

Workflow parse_ok(std::string_view text) {
  Diagnostics diagnostics;
  auto workflow = Workflow::parse(text, diagnostics, "w.json");
  EXPECT_TRUE(workflow.has_value());
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  return workflow ? *workflow : Workflow{};
}

TEST(WorkflowTest, ReadsTheOriginalDesignExample) {
  const auto workflow = parse_ok(kOriginalExample);
  ASSERT_EQ(workflow.nodes().size(), 2u);
  EXPECT_EQ(workflow.nodes()[0].id, NodeId("vqe"));
  EXPECT_EQ(workflow.nodes()[0].skill_id, "quantum-vqe-node");
  EXPECT_EQ(workflow.nodes()[0].input_values["iterations"], 100);
  ASSERT_EQ(workflow.edges().size(), 1u);
  const auto& edge = workflow.edge(EdgeId{0});
  EXPECT_EQ(edge.source, (PortRef{NodeId("vqe"), "convergence_data"}));
  EXPECT_EQ(edge.target, (PortRef{NodeId("plot"), "data"}));
  EXPECT_EQ(workflow.source_file, "w.json");
  EXPECT_EQ(workflow.node_index(NodeId("plot")), 1u);
  EXPECT_EQ(workflow.edges_into(PortRef{NodeId("plot"), "data"}).size(), 1u);
}

TEST(WorkflowTest, RoundTripKeepsUiAndUnknownFields) {
  const char* text = R"({
    "name": "demo", "description": "d", "version": 3, "owner": {"team": "eng"},
    "nodes": [{"nodeId": "a", "skillId": "s", "inputValues": {"x": 1}, "label": "A",
               "ui": {"position": [10, 20.5], "size": [200, 100], "collapsed": true, "color": "#fff"}}],
    "edges": [{"source": "a", "sourceOutput": "o", "target": "a", "targetInput": "x", "animated": true}],
    "ui": {"viewport": {"x": 1, "y": 2, "zoom": 0.5}, "grid": 8}
  })";
  const auto workflow = parse_ok(text);
  EXPECT_EQ(workflow.name, "demo");
  ASSERT_TRUE(workflow.nodes()[0].ui.has_value());
  EXPECT_EQ(workflow.nodes()[0].ui->position, (Vec2{10, 20.5}));
  EXPECT_EQ(workflow.nodes()[0].ui->collapsed, true);
  ASSERT_TRUE(workflow.ui && workflow.ui->viewport);
  EXPECT_DOUBLE_EQ(workflow.ui->viewport->zoom, 0.5);

  const auto saved = workflow.to_json();
  EXPECT_EQ(nlohmann::json(saved), nlohmann::json::parse(text));  // same content, key order aside
  const auto again = parse_ok(workflow.dump());
  EXPECT_EQ(again.to_json(), saved);  // stable once written by us
}

TEST(WorkflowTest, SyntaxErrorHasLineAndColumn) {
  Diagnostics diagnostics;
  const auto workflow = Workflow::parse(
      "{\n  \"nodes\": [\n    {\"nodeId\": \"a\", \"skillId\": \"s\",}\n  ]\n}\n", diagnostics, "bad.json");
  EXPECT_FALSE(workflow.has_value());
  ASSERT_EQ(diagnostics.size(), 1u);
  const auto& problem = diagnostics.items()[0];
  EXPECT_EQ(problem.code, "workflow.parse");
  EXPECT_EQ(problem.where.line, 3);
  EXPECT_EQ(problem.where.column, 36);
  EXPECT_EQ(format(problem),
            "bad.json:3:36: error[workflow.parse]: invalid JSON: syntax error while parsing object key - "
            "unexpected '}'; expected string literal");
}

// A number beyond a double made nlohmann throw out_of_range, which nothing
// caught (found by make fuzz): now a diagnostic at the literal.
TEST(WorkflowTest, ANumberTooLargeForADoubleIsADiagnosticAtIt) {
  const std::string text = "{\"nodes\": [{\"nodeId\": \"a\", \"inputValues\": {\"x\": 1e400}}]}";
  Diagnostics diagnostics;
  EXPECT_FALSE(Workflow::parse(text, diagnostics, "big.json").has_value());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(format(diagnostics.items()[0]),
            "big.json:1:49: error[workflow.parse]: invalid JSON: number overflow parsing '1e400'");
}

// 200,000 brackets used to overflow the stack; now they are a diagnostic at
// the bracket that opens level 129, found without building anything.
TEST(WorkflowTest, NestingDeeperThan128IsADiagnosticAtTheBracket) {
  const std::string deep =
      "{\"nodes\": [], \"ui\": " + std::string(200'000, '[') + std::string(200'000, ']') + "}";
  Diagnostics diagnostics;
  EXPECT_FALSE(Workflow::parse(deep, diagnostics, "deep.json").has_value());
  ASSERT_EQ(diagnostics.size(), 1u);
  // Level 1 is the outer object, levels 2..128 are the first 127 brackets.
  EXPECT_EQ(
      format(diagnostics.items()[0]),
      "deep.json:1:148: error[workflow.parse.depth]: invalid JSON: nesting deeper than 128 levels (arrays "
      "and objects nest at most 128 deep)");

  Diagnostics fixture;
  EXPECT_FALSE(Workflow::load_file("tests/data/workflows/too-deep.json", fixture).has_value());
  ASSERT_EQ(fixture.size(), 1u);
  EXPECT_EQ(fixture.items()[0].code, "workflow.parse.depth");

  // 128 levels are fine; brackets inside strings do not count.
  const std::string ok = "{\"nodes\": [], \"ui\": {\"x\": \"" + std::string(500, '[') +
                         "\", \"y\": " + std::string(126, '[') + std::string(126, ']') + "}}";
  Diagnostics none;
  EXPECT_TRUE(Workflow::parse(ok, none).has_value()) << none.to_text();
}

TEST(JsonTest, NestingLimitCountsBracketsOutsideStrings) {
  EXPECT_EQ(json_nesting_exceeded_at("[[[]]]", 2), std::optional<std::size_t>(2));
  EXPECT_EQ(json_nesting_exceeded_at("[[]]", 2), std::nullopt);
  EXPECT_EQ(json_nesting_exceeded_at(R"(["[[[\"[[["])", 1), std::nullopt);
  EXPECT_EQ(json_nesting_exceeded_at(R"({"a": {"b": [1]}})", 2), std::optional<std::size_t>(12));
  const auto parsed = parse_json(std::string(129, '[') + std::string(129, ']'));
  EXPECT_TRUE(parsed.too_deep);
  EXPECT_TRUE(parsed.value.is_discarded());
  EXPECT_EQ(parsed.byte, 128u);
  const auto good = parse_json(R"({"a": [1, 2]})");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.value["a"][1], 2);
}

TEST(WorkflowTest, ShapeErrorsPointAtTheValue) {
  Diagnostics diagnostics;
  const auto workflow = Workflow::parse(
      R"({"nodes": [{"skillId": "s"}, {"nodeId": 5, "skillId": "s", "inputValues": []}],
          "edges": [{"source": "a", "target": "b", "targetInput": "x"}]})",
      diagnostics);
  ASSERT_TRUE(workflow.has_value());
  EXPECT_EQ(workflow->nodes().size(), 2u);  // kept, so /nodes/<i> stays aligned
  std::vector<std::string> found;
  for (const auto& problem : diagnostics) found.push_back(problem.code + " " + problem.where.json_pointer);
  EXPECT_EQ(found,
            (std::vector<std::string>{"workflow.schema /nodes/0", "workflow.schema /nodes/1/nodeId",
                                      "workflow.schema /nodes/1/inputValues", "workflow.schema /edges/0"}));
  // Each also says where its value starts: line 1 col 12 is /nodes/0's '{'.
  EXPECT_EQ(diagnostics.items()[0].where.line, 1);
  EXPECT_EQ(diagnostics.items()[0].where.column, 12);
  EXPECT_EQ(diagnostics.items()[1].where.column, 41);  // the 5
  EXPECT_EQ(diagnostics.items()[3].where.line, 2);
  Diagnostics not_object;
  Workflow::parse("[1]", not_object);
  EXPECT_EQ(not_object.items().at(0).message, "a workflow must be a JSON object");
}

TEST(WorkflowTest, Editing) {
  Workflow workflow;
  EXPECT_TRUE(workflow.add_node(NodeId("a"), "s"));
  EXPECT_TRUE(workflow.add_node(NodeId("b"), "s", {{"x", 1}}));
  EXPECT_FALSE(workflow.add_node(NodeId("a"), "other"));  // duplicate id
  EXPECT_FALSE(workflow.add_node(NodeId(""), "s"));

  const auto edge = workflow.connect({NodeId("a"), "o"}, {NodeId("b"), "x"});
  ASSERT_TRUE(edge.has_value());
  EXPECT_EQ(edge->index, 0u);
  EXPECT_FALSE(workflow.connect({NodeId("zz"), "o"}, {NodeId("b"), "x"}).has_value());

  EXPECT_TRUE(workflow.set_input_value(NodeId("a"), "k", 2.5));
  EXPECT_EQ(workflow.find_node(NodeId("a"))->input_values["k"], 2.5);
  EXPECT_TRUE(workflow.clear_input_value(NodeId("a"), "k"));
  EXPECT_FALSE(workflow.set_input_value(NodeId("nope"), "k", 1));

  EXPECT_TRUE(workflow.disconnect(*edge));
  EXPECT_FALSE(workflow.disconnect(EdgeId{0}));
  workflow.connect({NodeId("a"), "o"}, {NodeId("b"), "x"});
  EXPECT_TRUE(workflow.remove_node(NodeId("a")));
  EXPECT_TRUE(workflow.edges().empty());  // edges touching it went too
  EXPECT_EQ(workflow.nodes().size(), 1u);
  EXPECT_FALSE(workflow.remove_node(NodeId("a")));
}

TEST(WorkflowTest, SaveAndLoadFile) {
  const auto path = std::filesystem::temp_directory_path() / "llmos-test-workflow.json";
  auto workflow = parse_ok(kOriginalExample);
  Diagnostics diagnostics;
  ASSERT_TRUE(workflow.save_file(path.string(), diagnostics));
  const auto loaded = Workflow::load_file(path.string(), diagnostics);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->to_json(), workflow.to_json());
  EXPECT_EQ(loaded->source_file, path.string());
  std::filesystem::remove(path);
  EXPECT_FALSE(Workflow::load_file(path.string(), diagnostics).has_value());
  EXPECT_EQ(diagnostics.items().back().code, "workflow.io");
}

TEST(WorkflowTest, ExecuteRequestFlatAndNested) {
  Diagnostics diagnostics;
  auto flat = json::parse(kOriginalExample);
  flat["user_id"] = "alice";
  flat["team_id"] = "engineering";
  flat["workflow_id"] = "my-workflow";
  const auto request = parse_execute_request(flat, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(request.user_id, "alice");
  EXPECT_EQ(request.team_id, "engineering");
  EXPECT_EQ(request.workflow_id, "my-workflow");
  EXPECT_EQ(request.workflow.nodes().size(), 2u);
  EXPECT_TRUE(request.workflow.extra.empty());

  const json nested = {{"user_id", "bob"}, {"workflow", json::parse(kOriginalExample)}};
  const auto second = parse_execute_request(nested, diagnostics);
  EXPECT_EQ(second.user_id, "bob");
  EXPECT_EQ(second.workflow.edges().size(), 1u);
}

TEST(WorkflowTest, PayloadSkillsBecomeALibrary) {
  const json payload = {
      {"workflow", json::parse(kOriginalExample)},
      {"skills",
       {{"quantum-vqe-node",
         {{"code", "def execute(inputs): ..."},
          {"node_type", "qiskit"},
          {"inputs", {{{"name", "iterations"}, {"type", "number"}, {"default", 100}, {"min", 1}}}},
          {"outputs",
           {{{"name", "eigenvalue"}, {"type", "number"}},
            {{"name", "convergence_data"}, {"type", "series"}}}}}},
        {"plot-data-node",
         {{"code", "def execute(inputs): ..."},
          {"type", "python-wasm"},
          {"inputs", {{{"name", "data"}, {"type", "array"}, {"required", true}}}},
          {"outputs", {{{"name", "plot_image"}, {"type", "image"}}}}}}}}};
  Diagnostics diagnostics;
  const auto parsed = parse_execution_payload(payload, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_text();
  EXPECT_EQ(parsed.workflow.nodes().size(), 2u);
  const Skill* vqe = parsed.skills.find("quantum-vqe-node");
  ASSERT_NE(vqe, nullptr);
  EXPECT_EQ(vqe->type, NodeType::qiskit);
  EXPECT_TRUE(vqe->is_executable());
  EXPECT_EQ(vqe->code->language, "python");
  ASSERT_EQ(vqe->inputs.size(), 1u);
  EXPECT_EQ(vqe->inputs[0].type, PortType::float_);
  EXPECT_EQ(vqe->inputs[0].min, 1.0);
  EXPECT_EQ(parsed.skills.find("plot-data-node")->inputs[0].required, true);

  // And back: the payload the server sends carries the used skills with code.
  const auto rebuilt = make_execution_payload(parsed.workflow, parsed.skills);
  EXPECT_EQ(rebuilt["skills"].size(), 2u);
  EXPECT_EQ(rebuilt["skills"]["quantum-vqe-node"]["code"], "def execute(inputs): ...");
  EXPECT_EQ(rebuilt["workflow"], parsed.workflow.to_json());

  Diagnostics bad;
  skill_from_json({{"node_type", "cobol"}}, "x", bad, "/skills/x");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad.items()[0].code, "payload.skill.type");
  EXPECT_EQ(bad.items()[0].where.json_pointer, "/skills/x/node_type");
}

TEST(WorkflowGraphTest, LevelsCyclesAndReachability) {
  Workflow workflow;
  for (const char* id : {"a", "b", "c", "d", "x", "y"}) workflow.add_node(NodeId(id), "s");
  auto link = [&](const char* from, const char* to) {
    workflow.connect({NodeId(from), "o"}, {NodeId(to), "i"});
  };
  link("a", "b");
  link("a", "c");
  link("b", "d");
  link("c", "d");
  link("x", "y");
  link("y", "x");
  const WorkflowGraph graph(workflow);
  const auto levels = graph.levels();
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels[0], (std::vector<WorkflowGraph::Index>{0}));
  EXPECT_EQ(levels[1], (std::vector<WorkflowGraph::Index>{1, 2}));
  EXPECT_EQ(levels[2], (std::vector<WorkflowGraph::Index>{3}));
  const auto cycles = graph.cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0], (std::vector<WorkflowGraph::Index>{4, 5}));
  EXPECT_EQ(graph.indegree(3), 2u);
  EXPECT_EQ(graph.descendants_of(1), (std::vector<bool>{false, true, false, true, false, false}));
  EXPECT_EQ(graph.ancestors_of(3), (std::vector<bool>{true, true, true, true, false, false}));
  EXPECT_FALSE(graph.edges_point_forward());  // y -> x
}

TEST(WorkflowGraphTest, IdsPortsAndEdgeDirection) {
  Workflow workflow;
  for (const char* id : {"first", "second", "third"}) workflow.add_node(NodeId(id), "s");
  workflow.connect({NodeId("first"), "out"}, {NodeId("third"), "a"});
  workflow.connect({NodeId("second"), "out"}, {NodeId("third"), "b"});
  workflow.connect({NodeId("first"), "sum"}, {NodeId("second"), "a"});
  const WorkflowGraph graph(workflow);
  EXPECT_EQ(graph.index_of("second"), 1u);
  EXPECT_FALSE(graph.index_of("secon").has_value());
  EXPECT_FALSE(graph.index_of("").has_value());
  EXPECT_TRUE(graph.edges_point_forward());
  const auto ports = graph.incoming_ports(2);
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(graph.port_name(ports[0].source_port), "out");
  EXPECT_EQ(graph.port_name(ports[0].target_port), "a");
  EXPECT_EQ(graph.port_name(ports[1].target_port), "b");
  EXPECT_EQ(ports[0].source_port, ports[1].source_port);  // "out" interned once
  EXPECT_EQ(graph.port_name(graph.incoming_ports(1)[0].source_port), "sum");
  EXPECT_EQ(graph.incoming_offset(2), 1u);  // after second's one entry
  EXPECT_EQ(graph.incoming_offset(3), 3u);

  // Outgoing edges, in successor (file) order, name the entry they fill on
  // the target's side. Edges are written out of order on purpose.
  Workflow fan;
  for (const char* id : {"hub", "p", "q", "r"}) fan.add_node(NodeId(id), "s");
  fan.connect({NodeId("hub"), "x"}, {NodeId("r"), "a"});
  fan.connect({NodeId("p"), "out"}, {NodeId("q"), "a"});
  fan.connect({NodeId("hub"), "y"}, {NodeId("q"), "b"});
  fan.connect({NodeId("hub"), "z"}, {NodeId("p"), "a"});
  fan.connect({NodeId("hub"), "x"}, {NodeId("r"), "b"});
  const WorkflowGraph fan_graph(fan);
  const auto successors = fan_graph.successors(0);
  const auto outgoing = fan_graph.outgoing(0);
  ASSERT_EQ(successors.size(), 4u);
  ASSERT_EQ(outgoing.size(), 4u);
  EXPECT_EQ(std::vector<WorkflowGraph::Index>(successors.begin(), successors.end()),
            (std::vector<WorkflowGraph::Index>{1, 2, 3, 3}));
  const std::vector<std::string> source_ports = {"z", "y", "x", "x"};
  const std::vector<std::string> target_ports = {"a", "b", "a", "b"};
  for (std::size_t k = 0; k < outgoing.size(); ++k) {
    const auto entry = outgoing[k].entry;
    EXPECT_GE(entry, fan_graph.incoming_offset(successors[k]));
    EXPECT_LT(entry, fan_graph.incoming_offset(successors[k] + 1));
    EXPECT_EQ(fan_graph.incoming_source_at(entry), 0u);
    EXPECT_EQ(fan_graph.port_name(outgoing[k].source_port), source_ports[k]);
    EXPECT_EQ(fan_graph.incoming_port_at(entry).source_port, outgoing[k].source_port);
    EXPECT_EQ(fan_graph.port_name(fan_graph.incoming_port_at(entry).target_port), target_ports[k]);
  }

  // 20k ids through the table, then every one found at its position.
  Workflow big;
  for (int i = 0; i < 20000; ++i) big.add_node(NodeId("node-" + std::to_string(i)), "s");
  const WorkflowGraph big_graph(big);
  for (int i = 0; i < 20000; i += 997)
    EXPECT_EQ(big_graph.index_of("node-" + std::to_string(i)), static_cast<WorkflowGraph::Index>(i));
  EXPECT_FALSE(big_graph.index_of("node-20000").has_value());
}

}  // namespace
}  // namespace llmos
