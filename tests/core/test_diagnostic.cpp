#include "llmos/diagnostic.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

TEST(DiagnosticFormat, FullLocation) {
  const Diagnostic diagnostic{Severity::error,
                              "skill.input.type",
                              "unknown type 'flaot' (did you mean 'float'?)",
                              {"skills/quantum-vqe.md", 7, 3, {}, {}}};
  EXPECT_EQ(
      format(diagnostic),
      "skills/quantum-vqe.md:7:3: error[skill.input.type]: unknown type 'flaot' (did you mean 'float'?)");
}

TEST(DiagnosticFormat, LineWithoutColumn) {
  const Diagnostic diagnostic{
      Severity::warning, "skill.key.unknown", "unknown key 'x'", {"a.md", 4, 0, {}, {}}};
  EXPECT_EQ(format(diagnostic), "a.md:4: warning[skill.key.unknown]: unknown key 'x'");
}

TEST(DiagnosticFormat, FileOnly) {
  const Diagnostic diagnostic{
      Severity::error, "skill.file.unreadable", "cannot read", {"gone.md", 0, 0, {}, {}}};
  EXPECT_EQ(format(diagnostic), "gone.md: error[skill.file.unreadable]: cannot read");
}

TEST(DiagnosticFormat, NoLocation) {
  const Diagnostic diagnostic{Severity::note, "x.y", "hello", {}};
  EXPECT_EQ(format(diagnostic), "note[x.y]: hello");
}

TEST(DiagnosticFormat, JsonPointerIsAppended) {
  const Diagnostic diagnostic{
      Severity::error, "workflow.edge.port", "no input 'z'", {"wf.json", 0, 0, "/edges/3/targetInput", "n1"}};
  EXPECT_EQ(format(diagnostic), "wf.json: error[workflow.edge.port]: no input 'z' at /edges/3/targetInput");
}

TEST(Diagnostics, CountsAndOrder) {
  Diagnostics diagnostics;
  EXPECT_TRUE(diagnostics.empty());
  diagnostics.warning("a.warn", "first", {"f.md", 1, 1, {}, {}});
  diagnostics.error("a.err", "second", {"f.md", 2, 5, {}, {}});
  diagnostics.add({Severity::note, "a.note", "third", {}});
  EXPECT_EQ(diagnostics.size(), 3u);
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.warning_count(), 1u);
  EXPECT_EQ(diagnostics.to_text(),
            "f.md:1:1: warning[a.warn]: first\n"
            "f.md:2:5: error[a.err]: second\n"
            "note[a.note]: third\n");
}

TEST(Diagnostics, AppendKeepsOrder) {
  Diagnostics first;
  first.warning("w", "one");
  Diagnostics second;
  second.error("e", "two");
  first.append(second);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first.items()[0].code, "w");
  EXPECT_EQ(first.items()[1].code, "e");
  EXPECT_FALSE(second.empty());
}

TEST(Diagnostics, WarningsAloneAreNotErrors) {
  Diagnostics diagnostics;
  diagnostics.warning("w", "only a warning");
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(EditDistance, Basics) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaot", "float"), 2u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(ClosestMatch, SuggestsPlausibleTypos) {
  const std::vector<std::string> keys{"inputs", "outputs", "name", "type"};
  EXPECT_EQ(closest_match("inptus", keys), "inputs");
  EXPECT_EQ(closest_match("outptus", keys), "outputs");
  EXPECT_EQ(closest_match("nmae", keys), "name");
}

TEST(ClosestMatch, NothingWhenTooFarOrExact) {
  const std::vector<std::string> keys{"inputs", "outputs"};
  EXPECT_EQ(closest_match("completely-different", keys), "");
  EXPECT_EQ(closest_match("inputs", keys), "");
  EXPECT_EQ(closest_match("x", {}), "");
}

TEST(SeverityNames, Spelling) {
  EXPECT_EQ(to_string(Severity::error), "error");
  EXPECT_EQ(to_string(Severity::warning), "warning");
  EXPECT_EQ(to_string(Severity::note), "note");
}

}  // namespace
}  // namespace llmos
