// skill_to_json / skill_from_json (src/core/skill_json.cpp) are a pair: every
// shipped skill survives the trip through JSON with the fields a run needs,
// `requires` and the code languages included.
#include "llmos/skill_json.hpp"

#include "llmos/skill_library.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

// The shipped system volume, as `llmos serve` loads it.
const SkillLibrary& shipped() {
  static const SkillLibrary library = [] {
    SkillLibrary out;
    Diagnostics diagnostics;
    out.load_directory("skills", Volume::system, diagnostics);
    return out;
  }();
  return library;
}

void expect_same_ports(const std::vector<Port>& a, const std::vector<Port>& b, const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name) << where;
    EXPECT_EQ(a[i].type, b[i].type) << where << "." << a[i].name;
    EXPECT_EQ(a[i].has_default, b[i].has_default) << where << "." << a[i].name;
    EXPECT_EQ(a[i].default_value, b[i].default_value) << where << "." << a[i].name;
    EXPECT_EQ(a[i].required, b[i].required) << where << "." << a[i].name;
    EXPECT_EQ(a[i].min, b[i].min) << where << "." << a[i].name;
    EXPECT_EQ(a[i].max, b[i].max) << where << "." << a[i].name;
    EXPECT_EQ(a[i].step, b[i].step) << where << "." << a[i].name;
    EXPECT_EQ(a[i].options, b[i].options) << where << "." << a[i].name;
    EXPECT_EQ(a[i].unit, b[i].unit) << where << "." << a[i].name;
    EXPECT_EQ(a[i].description, b[i].description) << where << "." << a[i].name;
  }
}

TEST(SkillJson, EveryShippedSkillRoundTrips) {
  const auto entries = shipped().list();
  ASSERT_GE(entries.size(), 20u);  // the library is there, not an empty directory
  std::size_t with_requires = 0;
  std::size_t spice_with_postprocess = 0;
  for (const auto* entry : entries) {
    const Skill& original = entry->skill;
    SCOPED_TRACE(original.skill_id);
    const auto view = skill_to_json(original, true);
    Diagnostics diagnostics;
    const Skill back = skill_from_json(view, "", diagnostics);
    EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
    EXPECT_EQ(skill_to_json(back, true), view);  // a fixed point
    EXPECT_EQ(back.skill_id, original.skill_id);
    EXPECT_EQ(back.name, original.name);
    EXPECT_EQ(back.type, original.type);
    EXPECT_EQ(back.requires_modules, original.requires_modules);
    EXPECT_EQ(back.network_origins, original.network_origins);
    EXPECT_EQ(back.keywords, original.keywords);
    EXPECT_EQ(back.version, original.version);
    EXPECT_EQ(back.author, original.author);
    EXPECT_EQ(back.estimated_time_ms, original.estimated_time_ms);
    EXPECT_EQ(back.memory_mb, original.memory_mb);
    EXPECT_EQ(back.is_executable(), original.is_executable());
    expect_same_ports(back.inputs, original.inputs, original.skill_id + " inputs");
    expect_same_ports(back.outputs, original.outputs, original.skill_id + " outputs");
    ASSERT_EQ(back.code.has_value(), original.code.has_value());
    if (original.code) {
      EXPECT_EQ(back.code->code, original.code->code);
    }
    ASSERT_EQ(back.postprocess.has_value(), original.postprocess.has_value());
    if (original.postprocess) {
      EXPECT_EQ(back.postprocess->code, original.postprocess->code);
      EXPECT_EQ(back.postprocess->language, "javascript");  // it is JavaScript, whatever the fence said
      ++spice_with_postprocess;
    }
    if (!original.requires_modules.empty()) ++with_requires;
  }
  EXPECT_GT(with_requires, 0u);           // `requires` is exercised, not vacuously equal
  EXPECT_GT(spice_with_postprocess, 0u);  // so is a spice post-processing block
}

TEST(SkillJson, CodeLanguageComesFromTheNodeType) {
  Diagnostics diagnostics;
  const auto python =
      skill_from_json(json{{"skill_id", "p"}, {"node_type", "qiskit"}, {"code", "def execute(i): return {}"}},
                      "", diagnostics);
  EXPECT_EQ(python.code->language, "python");
  const auto spice = skill_from_json(
      json{{"node_type", "spice"}, {"code", "R1 1 0 1k"}, {"postprocess", "function postprocess(v) {}"}},
      "rc", diagnostics);
  EXPECT_EQ(spice.skill_id, "rc");
  EXPECT_EQ(spice.code->language, "spice");
  EXPECT_EQ(spice.postprocess->language, "javascript");
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
}

TEST(SkillJson, RequiresAndPermissionsAreReadBack) {
  Diagnostics diagnostics;
  const auto skill = skill_from_json(json::parse(R"({"skill_id": "chart", "node_type": "javascript",
      "requires": ["d3"], "permissions": {"network": ["https://example.org"]}, "code": "x"})"),
                                     "", diagnostics);
  EXPECT_EQ(skill.requires_modules, (std::vector<std::string>{"d3"}));
  EXPECT_EQ(skill.network_origins, (std::vector<std::string>{"https://example.org"}));
}

TEST(SkillJson, BadShapesAreDiagnosedAtTheirPointer) {
  Diagnostics diagnostics;
  skill_from_json(json::parse(R"({"node_type": "warp-drive", "inputs": 3})"), "x", diagnostics, "/skills/x");
  ASSERT_EQ(diagnostics.size(), 2u) << diagnostics.to_text();
  EXPECT_EQ(diagnostics.items()[0].code, "payload.skill.type");
  EXPECT_EQ(diagnostics.items()[0].where.json_pointer, "/skills/x/node_type");
  EXPECT_EQ(diagnostics.items()[1].code, "payload.skill.port");
  EXPECT_EQ(diagnostics.items()[1].where.json_pointer, "/skills/x/inputs");
}

}  // namespace
}  // namespace llmos
