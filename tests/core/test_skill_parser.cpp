#include "llmos/skill_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace llmos {
namespace {

// Tests run from the repository root (see tests/CMakeLists.txt), so paths in
// diagnostics are the repo-relative paths people see from `llmos skills check`.
const std::string kBadDir = "tests/data/bad_skills/";
const std::string kGoodDir = "tests/data/good_skills/";

Skill parse_good(const std::string& file) {
  Diagnostics diagnostics;
  auto skill = parse_skill_file(kGoodDir + file, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  return skill;
}

Skill parse_text(std::string_view text, Diagnostics& diagnostics, const std::string& path = "mem.md") {
  return parse_skill(text, path, diagnostics);
}

//-----------------------------------------------------------------------------
// Bad files: each file -> the exact text of all its diagnostics, one pass.
//-----------------------------------------------------------------------------

struct BadSkillCase {
  const char* file;
  const char* expected;
};

void PrintTo(const BadSkillCase& bad, std::ostream* out) { *out << bad.file; }

const BadSkillCase kBadSkills[] = {
    {"bad_network_origin.md",
     "tests/data/bad_skills/bad_network_origin.md:8:7: error[skill.permissions.network]: network origin "
     "'example.com/data' must look like scheme://host[:port] (e.g. https://example.org)\n"},
    {"bad_requires.md",
     "tests/data/bad_skills/bad_requires.md:5:19: error[skill.requires.name]: 'scipy>=1.10' is not a module "
     "name (e.g. 'numpy' or 'pkg.module')\n"},
    {"bad_skill_id.md",
     "tests/data/bad_skills/bad_skill_id.md:2:11: error[skill.id.format]: skill_id 'Quantum_VQE' is not "
     "kebab-case (lowercase letters, digits, single hyphens; try 'quantum-vqe')\n"},
    {"default_above_max.md",
     "tests/data/bad_skills/default_above_max.md:6:40: error[skill.input.range]: default 12.5 of input "
     "'size' is above its max 10\n"},
    {"default_below_min.md",
     "tests/data/bad_skills/default_below_min.md:8:14: error[skill.input.range]: default 0 of input 'shots' "
     "is below its min 1\n"},
    {"default_not_integer.md",
     "tests/data/bad_skills/default_not_integer.md:6:44: error[skill.input.default]: default 2.5 of input "
     "'iterations' does not match its type 'int'\n"},
    {"default_type_mismatch.md",
     "tests/data/bad_skills/default_type_mismatch.md:8:14: error[skill.input.default]: default 'loud' of "
     "input 'gain' does not match its type 'float'\n"},
    {"duplicate_input.md",
     "tests/data/bad_skills/duplicate_input.md:8:12: error[skill.input.duplicate]: duplicate input 'x' "
     "(first declared on line 6)\n"},
    {"duplicate_key.md",
     "tests/data/bad_skills/duplicate_key.md:5:1: error[skill.key.duplicate]: duplicate key 'name' (first on "
     "line 3)\n"},
    {"duplicate_output.md",
     "tests/data/bad_skills/duplicate_output.md:8:11: error[skill.output.duplicate]: duplicate output 'data' "
     "(first declared on line 6)\n"},
    {"enum_default_not_option.md",
     "tests/data/bad_skills/enum_default_not_option.md:9:14: error[skill.input.default]: default 'RX' of "
     "input 'ansatz' is not one of its options (RY, RYRZ, EfficientSU2) (did you mean 'RY'?)\n"},
    {"enum_without_options.md",
     "tests/data/bad_skills/enum_without_options.md:7:11: error[skill.input.options]: enum input 'ansatz' "
     "needs a non-empty 'options' list\n"},
    {"front_matter_not_map.md",
     "tests/data/bad_skills/front_matter_not_map.md:2:1: error[skill.frontmatter.shape]: front matter must "
     "be a mapping of keys to values, not a list\n"},
    {"input_name_not_identifier.md",
     "tests/data/bad_skills/input_name_not_identifier.md:6:11: error[skill.input.name]: input name '2nd "
     "order' is not an identifier (letters, digits and '_', not starting with a digit)\n"},
    {"input_without_name.md",
     "tests/data/bad_skills/input_without_name.md:7:5: error[skill.input.name]: input #2 has no 'name'\n"},
    {"inputs_not_list.md",
     "tests/data/bad_skills/inputs_not_list.md:6:3: error[skill.field.type]: 'inputs' must be a list of "
     "ports, not a mapping\n"},
    {"js_no_entrypoint.md",
     "tests/data/bad_skills/js_no_entrypoint.md:6:1: error[skill.code.entrypoint]: javascript code defines "
     "no 'function execute(inputs)' entry point\n"},
    {"keywords_not_list.md",
     "tests/data/bad_skills/keywords_not_list.md:4:11: error[skill.field.type]: 'keywords' must be a list of "
     "strings, not a mapping\n"},
    {"many_problems.md",
     "tests/data/bad_skills/many_problems.md:2:11: error[skill.id.format]: skill_id 'Many_Problems' is not "
     "kebab-case (lowercase letters, digits, single hyphens; try 'many-problems')\n"
     "tests/data/bad_skills/many_problems.md:5:17: warning[skill.execution_mode.unknown]: unknown "
     "execution_mode 'gpu'; known modes are browser-wasm, server, hybrid\n"
     "tests/data/bad_skills/many_problems.md:7:21: error[skill.input.type]: unknown type 'flaot' (did you "
     "mean 'float'?)\n"
     "tests/data/bad_skills/many_problems.md:8:37: error[skill.input.default]: default 'fast' of input 'c' "
     "does not match its type 'float'\n"
     "tests/data/bad_skills/many_problems.md:9:12: error[skill.input.duplicate]: duplicate input 'r' (first "
     "declared on line 7)\n"
     "tests/data/bad_skills/many_problems.md:11:21: error[skill.output.type]: unknown type 'serie' (did you "
     "mean 'series'?)\n"
     "tests/data/bad_skills/many_problems.md:12:1: warning[skill.key.unknown]: unknown key 'colour'\n"
     "tests/data/bad_skills/many_problems.md:16:10: error[skill.template.unknown_input]: placeholder "
     "'{{cap}}' names no input (did you mean 'c'?)\n"},
    {"min_greater_than_max.md",
     "tests/data/bad_skills/min_greater_than_max.md:8:10: error[skill.input.range]: min 5 is greater than "
     "max 1\n"},
    {"min_not_number.md",
     "tests/data/bad_skills/min_not_number.md:8:10: error[skill.input.range]: 'min' must be a number, got "
     "'low'\n"},
    {"missing_code.md",
     "tests/data/bad_skills/missing_code.md:4:7: error[skill.code.missing]: type 'python-wasm' needs a "
     "```python code block in the body\n"},
    {"missing_skill_id.md",
     "tests/data/bad_skills/missing_skill_id.md:1:1: error[skill.id.missing]: missing 'skill_id' (executable "
     "skills need a kebab-case id, e.g. 'rc-filter')\n"},
    {"misspelt_key.md",
     "tests/data/bad_skills/misspelt_key.md:5:1: warning[skill.key.unknown]: unknown key 'inptus' (did you "
     "mean 'inputs'?)\n"},
    {"misspelt_type.md",
     "tests/data/bad_skills/misspelt_type.md:9:11: error[skill.input.type]: unknown type 'flaot' (did you "
     "mean 'float'?)\n"},
    {"negative_estimated_time.md",
     "tests/data/bad_skills/negative_estimated_time.md:5:20: error[skill.field.value]: 'estimated_time_ms' "
     "must be a non-negative integer, got -5\n"},
    {"no_front_matter.md",
     "tests/data/bad_skills/no_front_matter.md:1:1: error[skill.frontmatter.missing]: expected '---' on the "
     "first line to open the YAML front matter\n"},
    // Latin-1 "é" (0xE9) at line 2, column 10: refused whole, before YAML.
    {"not_utf8.md",
     "tests/data/bad_skills/not_utf8.md:2:10: error[skill.encoding]: the file is not valid UTF-8 (byte "
     "0xE9); "
     "save it as UTF-8\n"},
    {"python_no_entrypoint.md",
     "tests/data/bad_skills/python_no_entrypoint.md:8:1: error[skill.code.entrypoint]: python code defines "
     "no 'def execute(inputs):' entry point\n"},
    {"required_not_bool.md",
     "tests/data/bad_skills/required_not_bool.md:6:38: error[skill.field.value]: 'required' must be true or "
     "false, got 'maybe'\n"},
    {"spice_unclosed_placeholder.md",
     "tests/data/bad_skills/spice_unclosed_placeholder.md:9:11: error[skill.template.syntax]: '{{' is never "
     "closed by '}}'\n"},
    {"spice_unknown_placeholder.md",
     "tests/data/bad_skills/spice_unknown_placeholder.md:14:11: error[skill.template.unknown_input]: "
     "placeholder '{{resistanse}}' names no input (did you mean 'resistance'?)\n"},
    {"standard_without_name.md",
     "tests/data/bad_skills/standard_without_name.md:1:1: error[skill.name.missing]: missing 'name' "
     "(standard skills need a name)\n"},
    {"step_not_positive.md",
     "tests/data/bad_skills/step_not_positive.md:6:52: error[skill.input.range]: step must be positive, got "
     "0\n"},
    {"unknown_execution_mode.md",
     "tests/data/bad_skills/unknown_execution_mode.md:5:17: warning[skill.execution_mode.unknown]: unknown "
     "execution_mode 'browser-wsam' (did you mean 'browser-wasm'?); known modes are browser-wasm, server, "
     "hybrid\n"},
    {"unknown_output_type.md",
     "tests/data/bad_skills/unknown_output_type.md:7:11: error[skill.output.type]: unknown type 'serie' (did "
     "you mean 'series'?)\n"},
    {"unknown_port_key.md",
     "tests/data/bad_skills/unknown_port_key.md:8:5: warning[skill.key.unknown]: unknown key 'defualt' in "
     "input 'iterations' (did you mean 'default'?)\n"},
    {"unknown_skill_type.md",
     "tests/data/bad_skills/unknown_skill_type.md:4:7: error[skill.type.unknown]: unknown skill type "
     "'python-wsam' (did you mean 'python-wasm'?); expected one of standard, python-wasm, qiskit, "
     "javascript, threejs, spice, compound\n"},
    {"unterminated_code_block.md",
     "tests/data/bad_skills/unterminated_code_block.md:6:1: error[skill.code.unterminated]: ```python block "
     "is never closed\n"},
    {"unterminated_front_matter.md",
     "tests/data/bad_skills/unterminated_front_matter.md:1:1: error[skill.frontmatter.unterminated]: front "
     "matter opened here is never closed by a '---' line\n"},
    {"wrong_code_language.md",
     "tests/data/bad_skills/wrong_code_language.md:4:7: error[skill.code.missing]: type 'threejs' needs a "
     "```javascript code block in the body\n"},
    {"yaml_alias.md",
     "tests/data/bad_skills/yaml_alias.md:9:5: error[skill.yaml.syntax]: invalid YAML: the referenced anchor "
     "is "
     "not defined\n"},
    // Nine levels of ten aliases: refused at the first anchor, before anything expands.
    {"yaml_alias_bomb.md",
     "tests/data/bad_skills/yaml_alias_bomb.md:5:5: error[skill.yaml.anchor]: YAML anchors (&a0) are not "
     "allowed "
     "in front matter\n"},
    {"yaml_deep_nesting.md",
     "tests/data/bad_skills/yaml_deep_nesting.md:6:135: error[skill.yaml.depth]: front matter nests deeper "
     "than "
     "128 levels of lists and mappings\n"},
    {"yaml_syntax.md",
     "tests/data/bad_skills/yaml_syntax.md:7:8: error[skill.yaml.syntax]: invalid YAML: end of map flow not "
     "found\n"},
};

class BadSkillFile : public ::testing::TestWithParam<BadSkillCase> {};

TEST_P(BadSkillFile, ReportsExactDiagnostics) {
  Diagnostics diagnostics;
  parse_skill_file(kBadDir + GetParam().file, diagnostics);
  EXPECT_EQ(diagnostics.to_text(), GetParam().expected);
}

std::string case_name(const ::testing::TestParamInfo<BadSkillCase>& info) {
  std::string name = std::filesystem::path(info.param.file).stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(SkillParser, BadSkillFile, ::testing::ValuesIn(kBadSkills), case_name);

TEST(SkillParserBadFiles, EveryFixtureHasAnExpectation) {
  std::set<std::string> listed;
  for (const auto& bad : kBadSkills) listed.insert(bad.file);
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(kBadDir))
    if (entry.path().extension() == ".md") on_disk.insert(entry.path().filename().string());
  EXPECT_EQ(listed, on_disk);
  EXPECT_GE(on_disk.size(), 30u);
}

// docs/DIAGNOSTICS.md is the reference for codes: every code a fixture
// produces must be documented there.
TEST(SkillParserBadFiles, EveryReportedCodeIsDocumented) {
  std::ifstream file("docs/DIAGNOSTICS.md");
  ASSERT_TRUE(file) << "docs/DIAGNOSTICS.md";
  const std::string docs((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const auto& bad : kBadSkills) {
    std::istringstream lines(bad.expected);
    for (std::string line; std::getline(lines, line);) {
      // "path:l:c: error[code]: message": the code follows the first severity.
      auto open = line.find("error[");
      if (open == std::string::npos) open = line.find("warning[");
      ASSERT_NE(open, std::string::npos) << line;
      open = line.find('[', open) + 1;
      auto code = line.substr(open, line.find(']', open) - open);
      if (code.starts_with("skill.output.")) code.replace(0, 13, "skill.input.");  // documented as twins
      EXPECT_NE(docs.find("`" + code + "`"), std::string::npos) << code << " (" << bad.file << ")";
    }
  }
}

TEST(SkillParserBadFiles, EveryFixtureReportsSomething) {
  for (const auto& bad : kBadSkills) EXPECT_STRNE(bad.expected, "") << bad.file;
}

//-----------------------------------------------------------------------------
// Good files: every field.
//-----------------------------------------------------------------------------

TEST(SkillParserGood, PythonSkillEveryField) {
  const auto skill = parse_good("python_full.md");
  EXPECT_EQ(skill.skill_id, "signal-generator");
  EXPECT_EQ(skill.skill_id_line, 2);
  EXPECT_EQ(skill.skill_id_column, 11);
  EXPECT_EQ(skill.name, "Signal Generator");
  EXPECT_EQ(skill.description, "Samples a sine wave");
  EXPECT_EQ(skill.type, NodeType::python_wasm);
  EXPECT_EQ(skill.execution_mode, "browser-wasm");
  EXPECT_EQ(skill.category, "signals");
  EXPECT_EQ(skill.version, "1.2.0");
  EXPECT_EQ(skill.author, "system");
  EXPECT_EQ(skill.keywords, (std::vector<std::string>{"signal", "sine", "waveform"}));
  EXPECT_EQ(skill.estimated_time_ms, 120);
  EXPECT_EQ(skill.memory_mb, 16);
  EXPECT_EQ(skill.requires_modules, (std::vector<std::string>{"numpy", "llmos_plot"}));
  EXPECT_EQ(skill.network_origins,
            (std::vector<std::string>{"https://data.example.org", "http://localhost:8080"}));
  EXPECT_TRUE(skill.extra.empty());
  EXPECT_TRUE(skill.is_executable());
  EXPECT_EQ(skill.source_path, "tests/data/good_skills/python_full.md");
  EXPECT_EQ(skill.source_text.substr(0, 4), "---\n");

  ASSERT_EQ(skill.inputs.size(), 9u);
  const auto& frequency = skill.inputs[0];
  EXPECT_EQ(frequency.name, "frequency");
  EXPECT_EQ(frequency.type, PortType::float_);  // `number` is an alias
  EXPECT_TRUE(frequency.has_default);
  EXPECT_EQ(frequency.default_value, json(5));
  EXPECT_EQ(frequency.description, "Cycles per second");
  EXPECT_TRUE(frequency.required);
  EXPECT_EQ(frequency.min, 0.1);
  EXPECT_EQ(frequency.max, 1000.0);
  EXPECT_EQ(frequency.step, 0.1);
  EXPECT_EQ(frequency.unit, "Hz");
  EXPECT_EQ(frequency.line, 18);

  EXPECT_EQ(skill.inputs[1].type, PortType::int_);
  EXPECT_EQ(skill.inputs[1].default_value, json(256));
  EXPECT_FALSE(skill.inputs[1].required);
  EXPECT_FALSE(skill.inputs[1].min.has_value());

  const auto& shape = skill.inputs[2];
  EXPECT_EQ(shape.type, PortType::enum_);
  EXPECT_EQ(shape.options, (std::vector<std::string>{"sine", "square", "saw"}));
  EXPECT_EQ(shape.default_value, json("sine"));

  // No type: taken from the default, or enum from options, else any.
  EXPECT_EQ(skill.inputs[3].type, PortType::string);
  EXPECT_EQ(skill.inputs[4].type, PortType::bool_);
  EXPECT_EQ(skill.inputs[4].default_value, json(false));
  EXPECT_EQ(skill.inputs[5].type, PortType::array);
  EXPECT_EQ(skill.inputs[5].default_value, json::parse("[1,2,3]"));
  EXPECT_EQ(skill.inputs[6].type, PortType::object);
  EXPECT_EQ(skill.inputs[6].default_value, json::parse(R"({"color":"red"})"));
  EXPECT_EQ(skill.inputs[7].type, PortType::enum_);
  EXPECT_EQ(skill.inputs[8].type, PortType::any);
  EXPECT_FALSE(skill.inputs[8].has_default);

  ASSERT_EQ(skill.outputs.size(), 2u);
  EXPECT_EQ(skill.outputs[0].name, "signal");
  EXPECT_EQ(skill.outputs[0].type, PortType::series);
  EXPECT_EQ(skill.outputs[0].description, "The samples");
  EXPECT_EQ(skill.outputs[1].name, "peak");
  EXPECT_EQ(skill.outputs[1].unit, "V");
  EXPECT_NE(skill.find_output("peak"), nullptr);

  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->language, "python");
  EXPECT_EQ(skill.code->first_line, 56);
  EXPECT_EQ(skill.code->code,
            "import math\n\ndef execute(inputs):\n    n = inputs[\"samples\"]\n"
            "    return {\"signal\": {\"x\": list(range(n)), \"y\": [0.0] * n}, \"peak\": 1.0}\n");
  EXPECT_FALSE(skill.postprocess.has_value());
  EXPECT_EQ(skill.body.substr(0, 20), "# Signal Generator\n\n");
}

TEST(SkillParserGood, QiskitWithPyFenceAndAsyncEntryPoint) {
  const auto skill = parse_good("qiskit_bell.md");
  EXPECT_EQ(skill.type, NodeType::qiskit);
  EXPECT_EQ(skill.name, "Bell State");
  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->language, "py");
  EXPECT_EQ(skill.code->first_line, 12);
  EXPECT_EQ(skill.inputs.at(0).min, 1.0);
  EXPECT_EQ(skill.inputs.at(0).max, 8192.0);
  EXPECT_EQ(skill.execution_mode, "browser-wasm");  // default
  EXPECT_FALSE(skill.estimated_time_ms.has_value());
}

TEST(SkillParserGood, JavascriptArrowEntryPoint) {
  const auto skill = parse_good("javascript_scale.md");
  EXPECT_EQ(skill.type, NodeType::javascript);
  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->language, "js");
  EXPECT_EQ(skill.inputs.at(0).default_value, json::parse("[1,2,3]"));
  EXPECT_EQ(skill.inputs.at(1).default_value, json(2));
}

TEST(SkillParserGood, ThreejsTildeFenceAndColor) {
  const auto skill = parse_good("threejs_cube.md");
  EXPECT_EQ(skill.type, NodeType::threejs);
  EXPECT_EQ(skill.inputs.at(1).type, PortType::color);
  EXPECT_EQ(skill.inputs.at(1).default_value, json("#ff8800"));
  EXPECT_EQ(skill.outputs.at(0).type, PortType::scene);
  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->language, "javascript");
  EXPECT_EQ(skill.code->first_line, 14);
}

TEST(SkillParserGood, SpiceTemplateAndPostprocess) {
  const auto skill = parse_good("spice_rc.md");
  EXPECT_EQ(skill.skill_id, "circuit-rc-node");
  EXPECT_EQ(skill.type, NodeType::spice);
  ASSERT_EQ(skill.inputs.size(), 4u);
  EXPECT_EQ(skill.inputs[1].default_value.get<double>(), 1.0e-6);
  EXPECT_EQ(skill.inputs[0].unit, "ohm");
  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->language, "spice");
  EXPECT_EQ(skill.code->first_line, 19);
  EXPECT_NE(skill.code->code.find("R1 in out {{resistance}}"), std::string::npos);
  ASSERT_TRUE(skill.postprocess.has_value());
  EXPECT_EQ(skill.postprocess->language, "javascript");
  EXPECT_EQ(skill.postprocess->first_line, 28);
  EXPECT_EQ(skill.postprocess->code.substr(0, 21), "function postprocess(");
}

TEST(SkillParserGood, StandardContextSkill) {
  const auto skill = parse_good("standard_context.md");
  EXPECT_EQ(skill.type, NodeType::standard);
  EXPECT_EQ(skill.skill_id, "python-testing");  // derived from the name
  EXPECT_EQ(skill.skill_id_line, 0);
  EXPECT_EQ(skill.name, "Python Testing");
  EXPECT_EQ(skill.category, "coding");
  EXPECT_EQ(skill.keywords, (std::vector<std::string>{"python", "testing", "pytest"}));
  EXPECT_FALSE(skill.code.has_value());  // context only, never runnable
  EXPECT_FALSE(skill.is_executable());
}

TEST(SkillParserGood, AgentSkillsFile) {
  const auto skill = parse_good("agent-pdf-tools/SKILL.md");
  EXPECT_EQ(skill.skill_id, "pdf-tools");
  EXPECT_EQ(skill.name, "pdf-tools");
  EXPECT_EQ(skill.type, NodeType::standard);
  EXPECT_EQ(skill.license, "Apache-2.0");
  EXPECT_EQ(skill.compatibility, "Requires a Python runtime");
  EXPECT_EQ(skill.metadata, json::parse(R"({"author":"example-org","version":"1.0"})"));
  EXPECT_EQ(skill.allowed_tools, (std::vector<std::string>{"Bash(git:*)", "Read"}));
  EXPECT_FALSE(skill.is_executable());
}

TEST(SkillParserGood, WindowsLineEndings) {
  const auto skill = parse_good("crlf_endings.md");
  EXPECT_EQ(skill.skill_id, "crlf-skill");
  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->first_line, 9);
  EXPECT_EQ(skill.code->code, "def execute(inputs):\n    return {\"y\": inputs[\"x\"]}\n");
}

TEST(SkillParserGood, EveryGoodFixtureIsClean) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kGoodDir)) {
    if (entry.path().extension() != ".md") continue;
    Diagnostics diagnostics;
    parse_skill_file(entry.path().generic_string(), diagnostics);
    EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  }
}

//-----------------------------------------------------------------------------
// Smaller behaviours, from strings.
//-----------------------------------------------------------------------------

TEST(SkillParser, AgentSkillIdFromDirectoryWhenNameIsMissing) {
  Diagnostics diagnostics;
  const auto skill = parse_text("---\ndescription: no name\n---\n", diagnostics, "volumes/My Tool/SKILL.md");
  EXPECT_EQ(skill.skill_id, "my-tool");
  EXPECT_EQ(diagnostics.to_text(),
            "volumes/My Tool/SKILL.md:1:1: error[skill.name.missing]: missing 'name' (standard skills need a "
            "name)\n");
}

TEST(SkillParser, AgentSkillWithTypeAndCodeIsExecutableWithoutSkillId) {
  Diagnostics diagnostics;
  const auto skill = parse_text(
      "---\nname: sum-two\ndescription: adds\ntype: javascript\n---\n```js\nfunction execute(i) { return {}; "
      "}\n```\n",
      diagnostics, "team/sum-two/SKILL.md");
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(skill.skill_id, "sum-two");
  EXPECT_TRUE(skill.is_executable());
}

TEST(SkillParser, ExecutableWithoutNameWarnsAndUsesId) {
  Diagnostics diagnostics;
  const auto skill = parse_text(
      "---\nskill_id: no-name\ntype: python-wasm\n---\n```python\ndef execute(i):\n  return {}\n```\n",
      diagnostics);
  EXPECT_EQ(skill.name, "no-name");
  EXPECT_EQ(diagnostics.to_text(),
            "mem.md:1:1: warning[skill.name.missing]: missing 'name'; using the skill_id 'no-name'\n");
}

TEST(SkillParser, UnknownKeysAreKeptInExtra) {
  Diagnostics diagnostics;
  const auto skill = parse_text("---\nname: Kept\nlabel: {a: 1}\nicon: star\n---\n", diagnostics);
  EXPECT_EQ(skill.extra, json::parse(R"({"label":{"a":1},"icon":"star"})"));
  EXPECT_EQ(diagnostics.warning_count(), 2u);
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(SkillParser, UnknownPortKeysAreKeptOnThePort) {
  Diagnostics diagnostics;
  const auto skill = parse_text("---\nname: P\ninputs:\n  - {name: a, widget: slider}\n---\n", diagnostics);
  ASSERT_EQ(skill.inputs.size(), 1u);
  EXPECT_EQ(skill.inputs[0].extra, json::parse(R"({"widget":"slider"})"));
  EXPECT_EQ(diagnostics.to_text(),
            "mem.md:4:15: warning[skill.key.unknown]: unknown key 'widget' in input 'a'\n");
}

TEST(SkillParser, YamlErrorLineIsTheFileLine) {
  Diagnostics diagnostics;
  parse_text("---\nname: ok\ndescription: [unclosed\n---\n", diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "skill.yaml.syntax");
  EXPECT_GE(diagnostics.items()[0].where.line, 3);  // never a front-matter-relative line
}

TEST(SkillParser, QuotedScalarsStayStrings) {
  Diagnostics diagnostics;
  const auto skill = parse_text(
      "---\nname: Q\ninputs:\n  - {name: a, default: \"5\"}\n  - {name: b, default: 0x1F}\n"
      "  - {name: c, default: ~}\n  - {name: d, default: 1e3}\n---\n",
      diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  ASSERT_EQ(skill.inputs.size(), 4u);
  EXPECT_EQ(skill.inputs[0].default_value, json("5"));
  EXPECT_EQ(skill.inputs[0].type, PortType::string);
  EXPECT_EQ(skill.inputs[1].default_value, json(31));
  EXPECT_FALSE(skill.inputs[2].has_default);  // null means no default
  EXPECT_EQ(skill.inputs[3].type, PortType::float_);
}

TEST(SkillParser, KeywordsAsCommaSeparatedString) {
  Diagnostics diagnostics;
  const auto skill =
      parse_text("---\nname: K\nkeywords: quantum, vqe\ntags: [vqe, chemistry]\n---\n", diagnostics);
  EXPECT_EQ(skill.keywords, (std::vector<std::string>{"quantum", "vqe", "chemistry"}));
}

TEST(SkillParser, EmptyFrontMatterIsAStandardSkillWithoutName) {
  Diagnostics diagnostics;
  parse_text("---\n---\nbody\n", diagnostics);
  EXPECT_EQ(diagnostics.to_text(),
            "mem.md:1:1: error[skill.name.missing]: missing 'name' (standard skills need a name)\n");
}

TEST(SkillParser, ByteOrderMarkIsIgnored) {
  Diagnostics diagnostics;
  const auto skill = parse_text("\xEF\xBB\xBF---\nname: Bom\n---\n", diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(skill.name, "Bom");
}

TEST(SkillParser, BestEffortSkillDespiteErrors) {
  Diagnostics diagnostics;
  const auto skill = parse_skill_file(kBadDir + "many_problems.md", diagnostics);
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(skill.skill_id, "Many_Problems");
  EXPECT_EQ(skill.type, NodeType::spice);
  EXPECT_EQ(skill.inputs.size(), 3u);
  EXPECT_EQ(skill.extra, json::parse(R"({"colour":"red"})"));
  EXPECT_TRUE(skill.code.has_value());
}

TEST(SkillParser, UnreadableFile) {
  Diagnostics diagnostics;
  const auto skill = parse_skill_file("tests/data/does-not-exist.md", diagnostics);
  EXPECT_EQ(skill.source_path, "tests/data/does-not-exist.md");
  EXPECT_EQ(diagnostics.to_text(),
            "tests/data/does-not-exist.md: error[skill.file.unreadable]: cannot read the skill file\n");
}

TEST(SkillParser, CompoundSkillTakesAJsonBlock) {
  Diagnostics diagnostics;
  const auto skill = parse_text(
      "---\nskill_id: combo\nname: Combo\ntype: compound\n---\n```json\n{\"nodes\": []}\n```\n", diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  ASSERT_TRUE(skill.code.has_value());
  EXPECT_EQ(skill.code->code, "{\"nodes\": []}\n");
}

TEST(KebabCase, Conversion) {
  EXPECT_EQ(to_kebab_case("Quantum VQE_node"), "quantum-vqe-node");
  EXPECT_EQ(to_kebab_case("  --Hello,  World!! "), "hello-world");
  EXPECT_EQ(to_kebab_case(""), "");
}

TEST(KebabCase, Check) {
  EXPECT_TRUE(is_kebab_case("circuit-rc-node"));
  EXPECT_TRUE(is_kebab_case("a1"));
  EXPECT_FALSE(is_kebab_case(""));
  EXPECT_FALSE(is_kebab_case("-a"));
  EXPECT_FALSE(is_kebab_case("a-"));
  EXPECT_FALSE(is_kebab_case("a--b"));
  EXPECT_FALSE(is_kebab_case("A-b"));
  EXPECT_FALSE(is_kebab_case("a_b"));
}

TEST(FencedCodeBlocks, LanguagesLinesAndTermination) {
  const auto blocks =
      fenced_code_blocks("text\n```python title=x\na\n```\n~~~~\n```\nb\n~~~~\n```js\nc\n", 10);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].block.language, "python");
  EXPECT_EQ(blocks[0].fence_line, 11);
  EXPECT_EQ(blocks[0].block.first_line, 12);
  EXPECT_EQ(blocks[0].block.code, "a\n");
  EXPECT_TRUE(blocks[0].terminated);
  EXPECT_EQ(blocks[1].block.language, "");
  EXPECT_EQ(blocks[1].block.code, "```\nb\n");  // a shorter fence of the other kind is content
  EXPECT_EQ(blocks[2].block.language, "js");
  EXPECT_FALSE(blocks[2].terminated);
}

TEST(KnownKeys, ListsCoverTheFormat) {
  const auto& keys = known_skill_keys();
  for (const char* key : {"skill_id", "inputs", "outputs", "permissions", "allowed-tools", "tags"})
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << key;
  EXPECT_EQ(known_port_keys().size(), 10u);
}

}  // namespace
}  // namespace llmos

namespace llmos {
namespace {

// Strict UTF-8: what nlohmann's dump() accepts, so no skill text can make
// JSON output throw (make fuzz found a Latin-1 byte doing that).
TEST(SkillParserEncoding, RefusesEveryInvalidUtf8FormAndKeepsValidText) {
  const std::string head = "---\nname: n\ndescription: ";
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xFF", "\x80"}) {
    Diagnostics diagnostics;
    const auto skill = parse_text(head + bad + "\n---\n# T\n", diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "skill.encoding");
    EXPECT_EQ(diagnostics.items()[0].where.line, 3);
    EXPECT_EQ(diagnostics.items()[0].where.column, 14);
    EXPECT_TRUE(skill.source_text.empty());
  }
  Diagnostics diagnostics;
  const auto skill = parse_text(head + "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n---\n# T\n", diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(skill.description, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace llmos
