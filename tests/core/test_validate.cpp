// Workflow validation (src/core/validate.cpp): one test per diagnostic code,
// with the exact message, JSON pointer and node id.
#include "llmos/validate.hpp"

#include "llmos/json_pointer.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

Port port(std::string name, PortType type) {
  Port out;
  out.name = std::move(name);
  out.type = type;
  return out;
}

Port with_default(Port base, json value) {
  base.default_value = std::move(value);
  base.has_default = true;
  return base;
}

Skill executable(std::string id, NodeType type, std::vector<Port> inputs, std::vector<Port> outputs) {
  Skill skill;
  skill.skill_id = std::move(id);
  skill.name = skill.skill_id;
  skill.type = type;
  skill.inputs = std::move(inputs);
  skill.outputs = std::move(outputs);
  skill.code = CodeBlock{"python", "def execute(inputs):\n    return {}\n", 1};
  return skill;
}

SkillLibrary test_library() {
  SkillLibrary library;
  Diagnostics ignored;
  Port iterations = with_default(port("iterations", PortType::int_), 100);
  iterations.min = 1;
  iterations.max = 1000;
  Port ansatz = with_default(port("ansatz_type", PortType::enum_), "ry");
  ansatz.options = {"ry", "ryrz"};
  Port hamiltonian = port("hamiltonian", PortType::string);
  hamiltonian.required = true;
  library.add(executable("quantum-vqe-node", NodeType::qiskit, {iterations, ansatz, hamiltonian},
                         {port("eigenvalue", PortType::float_), port("convergence_data", PortType::series)}),
              Volume::system, ignored);
  Port data = port("data", PortType::array);
  data.required = true;
  library.add(executable("plot-data-node", NodeType::python_wasm,
                         {data, with_default(port("title", PortType::string), "")},
                         {port("plot_image", PortType::image)}),
              Volume::system, ignored);
  Skill standard;
  standard.skill_id = "python-best-practices";
  standard.name = "Python Best Practices";
  library.add(standard, Volume::system, ignored);
  return library;
}

Workflow workflow_from(const char* text) {
  Diagnostics diagnostics;
  auto workflow = Workflow::parse(text, diagnostics, "w.json");
  EXPECT_TRUE(workflow.has_value() && diagnostics.empty()) << diagnostics.to_text();
  return workflow ? *workflow : Workflow{};
}

// The valid example everything below breaks in one way.
constexpr const char* kValid = R"({
  "nodes": [
    {"nodeId": "vqe", "skillId": "quantum-vqe-node", "inputValues": {"iterations": 100, "hamiltonian": "H2"}},
    {"nodeId": "plot", "skillId": "plot-data-node", "inputValues": {}}
  ],
  "edges": [{"source": "vqe", "sourceOutput": "convergence_data", "target": "plot", "targetInput": "data"}]
})";

std::vector<std::string> formatted(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const auto& diagnostic : diagnostics) lines.push_back(format(diagnostic));
  return lines;
}

class ValidateTest : public ::testing::Test {
 protected:
  std::vector<std::string> check(const Workflow& workflow) { return formatted(validate(workflow, library_)); }
  std::vector<std::string> check(const char* text) { return check(workflow_from(text)); }
  SkillLibrary library_ = test_library();
};

TEST_F(ValidateTest, ValidWorkflowHasNoDiagnostics) { EXPECT_TRUE(check(kValid).empty()); }

TEST_F(ValidateTest, UnknownSkillSuggestsTheClosestId) {
  auto workflow = workflow_from(kValid);
  workflow.find_node(NodeId("vqe"))->skill_id = "quantum-vqe-nod";
  const auto diagnostics = validate(workflow, library_);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(format(diagnostics.items()[0]),
            "w.json: error[workflow.skill.unknown]: unknown skill 'quantum-vqe-nod' (did you mean "
            "'quantum-vqe-node'?) at /nodes/0/skillId");
  EXPECT_EQ(diagnostics.items()[0].where.node_id, "vqe");
  EXPECT_EQ(diagnostics.items()[0].where.file, "w.json");
}

TEST_F(ValidateTest, StandardSkillCannotBeANode) {
  auto workflow = workflow_from(kValid);
  workflow.add_node(NodeId("ctx"), "python-best-practices");
  EXPECT_EQ(check(workflow),
            (std::vector<std::string>{
                "w.json: error[workflow.skill.not_executable]: skill 'python-best-practices' is a "
                "standard (context) skill and cannot run as a node at /nodes/2/skillId"}));
}

TEST_F(ValidateTest, UnknownPortsOnValuesAndEdges) {
  auto workflow = workflow_from(kValid);
  workflow.set_input_value(NodeId("vqe"), "iteratoins", 5);
  workflow.connect({NodeId("vqe"), "eigenvalu"}, {NodeId("plot"), "titl"});
  EXPECT_EQ(
      check(workflow),
      (std::vector<std::string>{
          "w.json: error[workflow.port.unknown]: skill 'quantum-vqe-node' has no input 'iteratoins' (did you "
          "mean 'iterations'?) at /nodes/0/inputValues/iteratoins",
          "w.json: error[workflow.port.unknown]: skill 'quantum-vqe-node' has no output 'eigenvalu' (did you "
          "mean 'eigenvalue'?) at /edges/1/sourceOutput",
          "w.json: error[workflow.port.unknown]: skill 'plot-data-node' has no input 'titl' (did you mean "
          "'title'?) at /edges/1/targetInput"}));
}

// Keys with '/' or '~' are escaped in pointers (RFC 6901), and the pointer
// leads to the right place in the file.
TEST_F(ValidateTest, PointersEscapeKeysAndLeadToLineAndColumn) {
  constexpr const char* text = R"({
  "nodes": [
    {"nodeId": "vqe", "skillId": "quantum-vqe-node",
     "inputValues": {"iterations": 100, "hamiltonian": "H2", "a/b~c": 1}}
  ],
  "edges": []
})";
  auto diagnostics = validate(workflow_from(text), library_);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].where.json_pointer, "/nodes/0/inputValues/a~1b~0c");
  add_line_columns(diagnostics, text);
  EXPECT_EQ(diagnostics.items()[0].where.line, 4);
  EXPECT_EQ(diagnostics.items()[0].where.column, 71);  // the 1
}

TEST_F(ValidateTest, DuplicateNodeId) {
  EXPECT_EQ(check(R"({"nodes": [
      {"nodeId": "vqe", "skillId": "quantum-vqe-node", "inputValues": {"hamiltonian": "H2"}},
      {"nodeId": "vqe", "skillId": "quantum-vqe-node", "inputValues": {"hamiltonian": "H2"}}], "edges": []})"),
            (std::vector<std::string>{
                "w.json: error[workflow.node.duplicate]: duplicate node id 'vqe' at /nodes/1/nodeId"}));
}

TEST_F(ValidateTest, EdgeToOrFromAMissingNode) {
  auto workflow = workflow_from(kValid);
  auto json_form = workflow.to_json();
  json_form["edges"][0]["target"] = "plt";
  json_form["edges"].push_back(
      {{"source", "ghost"}, {"sourceOutput", "x"}, {"target", "plot"}, {"targetInput", "title"}});
  Diagnostics ignored;
  const auto broken = Workflow::from_json(json_form, ignored, "w.json");
  EXPECT_EQ(check(broken),
            (std::vector<std::string>{
                "w.json: error[workflow.edge.missing_node]: edge target 'plt' is not a node (did you "
                "mean 'plot'?) at /edges/0/target",
                "w.json: error[workflow.edge.missing_node]: edge source 'ghost' is not a node at "
                "/edges/1/source",
                "w.json: error[workflow.input.missing]: required input 'data' is neither set nor "
                "connected at /nodes/1/inputValues"}));
}

TEST_F(ValidateTest, TwoEdgesIntoOneInput) {
  auto workflow = workflow_from(kValid);
  workflow.add_node(NodeId("vqe2"), "quantum-vqe-node", {{"hamiltonian", "H2"}});
  workflow.connect({NodeId("vqe2"), "convergence_data"}, {NodeId("plot"), "data"});
  EXPECT_EQ(check(workflow),
            (std::vector<std::string>{
                "w.json: error[workflow.input.multiple_edges]: input 'plot.data' already has an edge "
                "(/edges/0) at /edges/1/targetInput"}));
}

TEST_F(ValidateTest, MissingRequiredInput) {
  auto workflow = workflow_from(kValid);
  workflow.clear_input_value(NodeId("vqe"), "hamiltonian");
  const auto diagnostics = validate(workflow, library_);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "workflow.input.missing");
  EXPECT_EQ(diagnostics.items()[0].message, "required input 'hamiltonian' is neither set nor connected");
  EXPECT_EQ(diagnostics.items()[0].where.json_pointer, "/nodes/0/inputValues");
  EXPECT_EQ(diagnostics.items()[0].where.node_id, "vqe");
  workflow.set_input_value(NodeId("vqe"), "hamiltonian", nullptr);  // null counts as not set
  EXPECT_EQ(validate(workflow, library_).size(), 1u);
}

TEST_F(ValidateTest, ValueOutOfRangeOrOptions) {
  auto workflow = workflow_from(kValid);
  workflow.set_input_value(NodeId("vqe"), "iterations", 5000);
  workflow.set_input_value(NodeId("vqe"), "ansatz_type", "ryz");
  EXPECT_EQ(check(workflow),
            (std::vector<std::string>{
                "w.json: error[workflow.value.range]: input 'iterations' = 5000 is outside [1, 1000] at "
                "/nodes/0/inputValues/iterations",
                "w.json: error[workflow.value.option]: input 'ansatz_type' = \"ryz\" is not one of ry|ryrz "
                "(did you "
                "mean 'ry'?) at /nodes/0/inputValues/ansatz_type"}));
}

TEST_F(ValidateTest, ValueTypeMismatch) {
  auto workflow = workflow_from(kValid);
  workflow.set_input_value(NodeId("vqe"), "iterations", 2.5);
  workflow.set_input_value(NodeId("plot"), "title", 7);
  EXPECT_EQ(check(workflow),
            (std::vector<std::string>{
                "w.json: error[workflow.value.type]: input 'iterations' expects int, got 2.5 at "
                "/nodes/0/inputValues/iterations",
                "w.json: error[workflow.value.type]: input 'title' expects string, got 7 at "
                "/nodes/1/inputValues/title"}));
}

TEST_F(ValidateTest, EdgeTypeMismatchFollowsTheCoercionTable) {
  auto workflow = workflow_from(kValid);
  workflow.disconnect(EdgeId{0});
  workflow.connect({NodeId("vqe"), "convergence_data"}, {NodeId("plot"), "title"});  // series -> string: no
  workflow.connect({NodeId("vqe"), "eigenvalue"},
                   {NodeId("vqe"), "iterations"});  // float -> int: no (+ self-loop)
  workflow.set_input_value(NodeId("plot"), "data", json::array({1, 2}));
  EXPECT_EQ(
      check(workflow),
      (std::vector<std::string>{
          "w.json: error[workflow.edge.type]: cannot connect 'vqe.convergence_data' (series) to 'plot.title' "
          "(string) at /edges/0",
          "w.json: error[workflow.edge.self_loop]: self-loop: vqe -> vqe at /edges/1",
          "w.json: error[workflow.edge.type]: cannot connect 'vqe.eigenvalue' (float) to 'vqe.iterations' "
          "(int) at /edges/1"}));
}

TEST_F(ValidateTest, CycleIsReportedInOrder) {
  Diagnostics ignored;
  library_.add(
      executable("pass", NodeType::javascript, {port("x", PortType::any)}, {port("y", PortType::any)}),
      Volume::system, ignored);
  Workflow workflow;
  for (const char* id : {"a", "b", "c", "d"}) workflow.add_node(NodeId(id), "pass");
  workflow.connect({NodeId("a"), "y"}, {NodeId("b"), "x"});
  workflow.connect({NodeId("b"), "y"}, {NodeId("c"), "x"});
  workflow.connect({NodeId("c"), "y"}, {NodeId("a"), "x"});
  workflow.connect({NodeId("c"), "y"}, {NodeId("d"), "x"});  // behind the cycle, not on it
  EXPECT_EQ(check(workflow),
            (std::vector<std::string>{"error[workflow.cycle]: cycle: a -> b -> c -> a at /nodes/0"}));
}

}  // namespace
}  // namespace llmos
