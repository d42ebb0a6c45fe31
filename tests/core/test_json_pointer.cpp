// JSON pointers in text (src/core/json_pointer.cpp): tokens, locating a
// pointer (or its deepest existing part), and line:col for diagnostics.
#include "llmos/json_pointer.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

// The text from the offset on, cut after `length` bytes.
std::string at(std::string_view text, std::optional<std::size_t> offset, std::size_t length) {
  if (!offset) return "<none>";
  return std::string(text.substr(*offset, length));
}

TEST(JsonPointerTest, TokensEscapeSlashAndTilde) {
  EXPECT_EQ(json_pointer_token("plain"), "plain");
  EXPECT_EQ(json_pointer_token("a/b~c"), "a~1b~0c");
  EXPECT_EQ(json_pointer_token(""), "");
}

TEST(JsonPointerTest, LocatesValuesOrTheirDeepestExistingPart) {
  const std::string text = R"({
  "nodes": [
    {"nodeId": "a", "inputValues": {"x": [1, 2, {"deep": true}], "a/b": "slash", "t~": 7}},
    {"nodeId": "b \"quoted\" \u00e9", "skillId": "s"}
  ],
  "edges": []
})";
  EXPECT_EQ(at(text, locate_json_pointer(text, ""), 1), "{");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes"), 1), "[");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/0/nodeId"), 3), "\"a\"");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/0/inputValues/x/2/deep"), 4), "true");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/0/inputValues/a~1b"), 7), "\"slash\"");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/0/inputValues/t~0"), 1), "7");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/1/skillId"), 3), "\"s\"");
  // Missing parts: the object or array they would be in.
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/0/inputValues/missing"), 5), "{\"x\":");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/9/nodeId"), 1), "[");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/edges/0/source"), 2), "[]");
  EXPECT_EQ(at(text, locate_json_pointer(text, "/nodes/0/nodeId/deeper"), 3), "\"a\"");
  // Malformed pointer or text.
  EXPECT_FALSE(locate_json_pointer(text, "nodes").has_value());
  EXPECT_FALSE(locate_json_pointer(R"({"nodes": [1, 2)", "/nodes/1").has_value());
}

TEST(JsonPointerTest, LineColumnOfByteOffset) {
  EXPECT_EQ(line_column_at("ab\ncd", 0).line, 1);
  EXPECT_EQ(line_column_at("ab\ncd", 4).line, 2);
  EXPECT_EQ(line_column_at("ab\ncd", 4).column, 2);
}

TEST(JsonPointerTest, DiagnosticsGetLineAndColumnFromTheirPointer) {
  const std::string text =
      "{\"workflow\": {\n  \"nodes\": [\n    {\"nodeId\": \"a\", \"skillId\": \"sume\"}\n  ]\n}}";
  Diagnostics diagnostics;
  diagnostics.error("workflow.skill.unknown", "unknown skill",
                    SourceLocation{"f.json", 0, 0, "/nodes/0/skillId", "a"});
  diagnostics.error("workflow.edge.missing_node", "no edges", SourceLocation{"f.json", 0, 0, "/edges/0", ""});
  diagnostics.error("skill.parse", "kept as is", SourceLocation{"other.md", 7, 3, "", ""});
  add_line_columns(diagnostics, text, "/workflow");
  const auto& items = diagnostics.items();
  EXPECT_EQ(items[0].where.line, 3);
  EXPECT_EQ(items[0].where.column, 32);
  EXPECT_EQ(format(items[0]),
            "f.json:3:32: error[workflow.skill.unknown]: unknown skill at /nodes/0/skillId");
  // No edges at all: the workflow object itself (line 1, col 14).
  EXPECT_EQ(items[1].where.line, 1);
  EXPECT_EQ(items[1].where.column, 14);
  EXPECT_EQ(items[2].where.line, 7);
  EXPECT_EQ(items[2].where.column, 3);
}

}  // namespace
}  // namespace llmos
