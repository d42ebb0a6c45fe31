#include "stale_nodes.hpp"

#include <gtest/gtest.h>

namespace llmos::run {
namespace {

// source -> left -> sink, source -> right -> sink, other alone.
json diamond() {
  return json::parse(R"({"nodes":[
      {"nodeId":"source","skillId":"s","inputValues":{"n":1}},{"nodeId":"left","skillId":"s","inputValues":{"n":1}},
      {"nodeId":"right","skillId":"s","inputValues":{"n":1}},{"nodeId":"sink","skillId":"s","inputValues":{"n":1}},
      {"nodeId":"other","skillId":"s","inputValues":{"n":1}}],
    "edges":[{"source":"source","sourceOutput":"o","target":"left","targetInput":"i"},
             {"source":"source","sourceOutput":"o","target":"right","targetInput":"i"},
             {"source":"left","sourceOutput":"o","target":"sink","targetInput":"a"},
             {"source":"right","sourceOutput":"o","target":"sink","targetInput":"b"}]})");
}

Workflow workflow_of(const json& doc) {
  Diagnostics diagnostics;
  return Workflow::from_json(doc, diagnostics);
}

std::vector<std::string> stale_after(const std::string& node, const json& value) {
  const SkillLibrary library;
  const json before = diamond();
  const CacheKeys keys = cache_keys(workflow_of(before), library);
  json after = before;
  for (auto& n : after["nodes"])
    if (n["nodeId"] == node) n["inputValues"]["n"] = value;
  return stale_nodes(workflow_of(after), library, keys);
}

TEST(StaleNodes, AnEditMakesTheNodeAndEverythingDownstreamStaleOnly) {
  EXPECT_EQ(stale_after("source", 2), (std::vector<std::string>{"source", "left", "right", "sink"}));
  EXPECT_EQ(stale_after("right", 2), (std::vector<std::string>{"right", "sink"}));
  EXPECT_EQ(stale_after("other", 2), (std::vector<std::string>{"other"}));
}

TEST(StaleNodes, TheSameValueAgainChangesNothing) { EXPECT_TRUE(stale_after("left", 1).empty()); }

}  // namespace
}  // namespace llmos::run
