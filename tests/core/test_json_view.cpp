#include "llmos/json_view.hpp"

#include "llmos/skill_parser.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

Skill parse_fixture(const std::string& path) {
  Diagnostics diagnostics;
  auto skill = parse_skill_file(path, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  return skill;
}

TEST(JsonView, SkillShapeWithoutCode) {
  const auto skill = parse_fixture("tests/data/volumes/system/math/add-numbers.md");
  const auto expected = json::parse(R"({
    "skill_id": "add-numbers",
    "name": "Add Numbers",
    "description": "Adds two numbers together",
    "category": "math",
    "node_type": "python-wasm",
    "execution_mode": "browser-wasm",
    "inputs": [{"name": "a", "type": "float", "default": 1}, {"name": "b", "type": "float", "default": 2}],
    "outputs": [{"name": "sum", "type": "float"}],
    "estimated_time_ms": 5,
    "keywords": ["arithmetic", "sum"]
  })");
  EXPECT_EQ(skill_to_json(skill, false), expected);
  // Key order is part of the shape people read.
  EXPECT_EQ(skill_to_json(skill, false).dump(), expected.dump());
}

TEST(JsonView, CodeOnlyWhenAsked) {
  const auto skill = parse_fixture("tests/data/volumes/system/math/add-numbers.md");
  const auto with_code = skill_to_json(skill, true);
  EXPECT_EQ(with_code.at("code"),
            "def execute(inputs):\n    return {\"sum\": inputs[\"a\"] + inputs[\"b\"]}\n");
  EXPECT_FALSE(with_code.contains("postprocess"));
  EXPECT_FALSE(skill_to_json(skill, false).contains("code"));
}

TEST(JsonView, SpiceCarriesPostprocess) {
  const auto skill = parse_fixture("tests/data/good_skills/spice_rc.md");
  const auto view = skill_to_json(skill, true);
  EXPECT_EQ(view.at("node_type"), "spice");
  EXPECT_NE(view.at("code").get<std::string>().find("{{resistance}}"), std::string::npos);
  EXPECT_EQ(view.at("postprocess").get<std::string>().substr(0, 21), "function postprocess(");
  EXPECT_EQ(view.at("inputs").at(0),
            json::parse(R"({"name": "resistance", "type": "float", "default": 1000, "unit": "ohm"})"));
}

TEST(JsonView, PortWithEveryKeyInOrder) {
  const auto skill = parse_fixture("tests/data/good_skills/python_full.md");
  EXPECT_EQ(
      port_to_json(skill.inputs.at(0)).dump(),
      R"({"name":"frequency","type":"float","default":5,"description":"Cycles per second","required":true,)"
      R"("min":0.1,"max":1000,"step":0.1,"unit":"Hz"})");
  EXPECT_EQ(port_to_json(skill.inputs.at(2)).dump(),
            R"({"name":"shape","type":"enum","default":"sine","options":["sine","square","saw"]})");
  const auto view = skill_to_json(skill, false);
  EXPECT_EQ(view.at("version"), "1.2.0");
  EXPECT_EQ(view.at("requires"), json::parse(R"(["numpy", "llmos_plot"])"));
}

TEST(JsonView, StandardSkill) {
  const auto skill = parse_fixture("tests/data/good_skills/standard_context.md");
  const auto view = skill_to_json(skill, true);
  EXPECT_EQ(view.at("node_type"), "standard");
  EXPECT_EQ(view.at("inputs"), json::array());
  EXPECT_FALSE(view.contains("code"));
  EXPECT_FALSE(view.contains("estimated_time_ms"));
  EXPECT_FALSE(view.contains("version"));
}

TEST(JsonView, LibraryShape) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory("tests/data/volumes/system", Volume::system, diagnostics);
  library.load_directory("tests/data/volumes/user", Volume::user, diagnostics);
  SkillQuery executable;
  executable.executable_only = true;
  const auto view = library_to_json(library, executable);
  ASSERT_TRUE(view.contains("skills"));
  std::vector<std::string> ids;
  for (const auto& skill : view.at("skills")) ids.push_back(skill.at("skill_id"));
  EXPECT_EQ(ids, (std::vector<std::string>{"add-numbers", "rc-filter", "scale-array", "shared-greeting",
                                           "sine-plot"}));
  EXPECT_EQ(library_to_json(library).at("skills").size(), library.size());
  EXPECT_FALSE(view.at("skills").at(0).contains("code"));
  EXPECT_TRUE(library_to_json(library, executable, true).at("skills").at(0).contains("code"));
}

TEST(JsonView, LibraryEntryAddsProvenance) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory("tests/data/volumes/system", Volume::system, diagnostics);
  library.load_directory("tests/data/volumes/team", Volume::team, diagnostics);
  const auto view = library_entry_to_json(*library.find_entry("shared-greeting"), false);
  EXPECT_EQ(view.at("volume"), "team");
  EXPECT_EQ(view.at("source_path"), "tests/data/volumes/team/shared-greeting.md");
  EXPECT_EQ(view.at("shadows"), json::parse(R"(["tests/data/volumes/system/shared-greeting.md"])"));
  EXPECT_FALSE(library_entry_to_json(*library.find_entry("scale-array"), false).contains("shadows"));
}

TEST(JsonView, DiagnosticWithFileLocation) {
  const Diagnostic diagnostic{
      Severity::error, "skill.input.type", "unknown type 'flaot'", {"a.md", 9, 11, {}, {}}};
  EXPECT_EQ(diagnostic_to_json(diagnostic).dump(),
            R"({"severity":"error","code":"skill.input.type","message":"unknown type 'flaot'","file":"a.md",)"
            R"("line":9,"column":11})");
}

TEST(JsonView, DiagnosticWithPointerAndNode) {
  const Diagnostic diagnostic{Severity::warning, "workflow.x", "m", {"", 0, 0, "/nodes/0/skillId", "n1"}};
  EXPECT_EQ(
      diagnostic_to_json(diagnostic).dump(),
      R"({"severity":"warning","code":"workflow.x","message":"m","pointer":"/nodes/0/skillId","node_id":"n1"})");
}

TEST(JsonView, DiagnosticsList) {
  Diagnostics diagnostics;
  diagnostics.warning("a", "one");
  diagnostics.error("b", "two", {"f.md", 1, 0, {}, {}});
  EXPECT_EQ(diagnostics_to_json(diagnostics),
            json::parse(R"([{"severity":"warning","code":"a","message":"one"},
                            {"severity":"error","code":"b","message":"two","file":"f.md","line":1}])"));
}

}  // namespace
}  // namespace llmos
