// "Edit a copy": the copy's text under a fresh id, and the live check (the
// core's parser, plus an id that is already taken).
#include "skill_copy.hpp"

#include "llmos/skill_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace llmos::editor {
namespace {

const char* kSkill = R"(---
skill_id: doubler-node
name: Doubler
type: javascript
inputs:
  - {name: x, type: float, default: 1}
outputs:
  - {name: y, type: float}
---
# Doubles

```javascript
function execute(inputs) { return { y: inputs.x * 2 }; }
```
)";

Skill parsed(std::string_view text, const std::string& path = "system/doubler-node.md") {
  Diagnostics diagnostics;
  Skill skill = parse_skill(text, path, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_text();
  return skill;
}

SkillLibrary library_with(std::initializer_list<const char*> texts) {
  SkillLibrary library;
  for (const char* text : texts) {
    Diagnostics diagnostics;
    library.add(parsed(text), Volume::system, diagnostics);
  }
  return library;
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(SkillCopy, FreshIdsSkipTakenOnes) {
  SkillLibrary library = library_with({kSkill});
  EXPECT_EQ(unused_copy_id(library, "doubler-node"), "doubler-node-copy");
  std::string copy = kSkill;
  copy.replace(copy.find("skill_id: doubler-node"), 22, "skill_id: doubler-node-copy");
  Diagnostics diagnostics;
  library.add(parsed(copy), Volume::user, diagnostics);
  EXPECT_EQ(unused_copy_id(library, "doubler-node"), "doubler-node-copy-2");
}

TEST(SkillCopy, RewritesTheIdLineInPlace) {
  const Skill original = parsed(kSkill);
  const std::string text = skill_copy_text(original, "doubler-node-copy");
  EXPECT_EQ(text.find("skill_id: doubler-node\n"), std::string::npos);
  EXPECT_NE(text.find("skill_id: doubler-node-copy\n"), std::string::npos);
  EXPECT_EQ(line_count(text), line_count(original.source_text));
  const Skill copy = parsed(text, user_skill_path("doubler-node-copy"));
  EXPECT_EQ(copy.skill_id, "doubler-node-copy");
  EXPECT_EQ(copy.name, original.name + " (copy)");
  EXPECT_EQ(copy.skill_id_line, original.skill_id_line);
  ASSERT_TRUE(copy.code.has_value());
  EXPECT_EQ(copy.code->code, original.code->code);
  EXPECT_EQ(copy.inputs.size(), 1u);
}

TEST(SkillCopy, AddsAnIdWhenTheOriginalDerivedIt) {
  const char* standard =
      "---\nname: Notes Only\ntype: standard\n---\nA standard skill: its id comes from its name.\n";
  const Skill original = parsed(standard);
  ASSERT_EQ(original.skill_id, "notes-only");
  ASSERT_EQ(original.skill_id_line, 0);
  const Skill copy = parsed(skill_copy_text(original, "notes-only-copy"), user_skill_path("notes-only-copy"));
  EXPECT_EQ(copy.skill_id, "notes-only-copy");
  EXPECT_EQ(copy.skill_id_line, 2);
  EXPECT_EQ(copy.name, "Notes Only (copy)");
}

TEST(SkillCopy, ANameWithQuotesStaysOneYamlString) {
  const Skill original =
      parsed("---\nskill_id: q-node\nname: 'Say \"hi\": twice'\ntype: standard\n---\nText.\n");
  ASSERT_EQ(original.name, "Say \"hi\": twice");
  const Skill copy = parsed(skill_copy_text(original, "q-node-copy"), user_skill_path("q-node-copy"));
  EXPECT_EQ(copy.name, "Say \"hi\": twice (copy)");
  EXPECT_EQ(copy.skill_id, "q-node-copy");
}

TEST(SkillCopy, CheckReportsParserErrorsAtTheirLineAndTakenIds) {
  const SkillLibrary library = library_with({kSkill});
  const std::string path = user_skill_path("doubler-node-copy");
  std::string text = skill_copy_text(parsed(kSkill), "doubler-node-copy");
  EXPECT_TRUE(check_skill_copy(text, path, library).savable());

  // An unknown port type: the parser's error, at the port's line (6).
  std::string broken = text;
  broken.replace(broken.find("type: float, default"), 11, "type: flaot");
  const SkillCheck bad = check_skill_copy(broken, path, library);
  ASSERT_FALSE(bad.savable());
  const Diagnostic& error = *std::find_if(bad.diagnostics.begin(), bad.diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::error; });
  EXPECT_EQ(error.where.line, 6) << format(error);
  EXPECT_NE(error.message.find("flaot"), std::string::npos) << error.message;

  // Keeping the original's id would shadow it: refused at the id's line.
  const SkillCheck taken = check_skill_copy(kSkill, path, library);
  ASSERT_FALSE(taken.savable());
  EXPECT_EQ(taken.diagnostics.items().back().code, "skill.id.taken");
  EXPECT_EQ(taken.diagnostics.items().back().where.line, 2);
}

}  // namespace
}  // namespace llmos::editor
