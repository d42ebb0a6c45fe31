#include "stale_nodes.hpp"

#include <gtest/gtest.h>

namespace llmos::run {
namespace {

Workflow diamond() {
  // source -> left -> sink, source -> right -> sink, other alone.
  Diagnostics diagnostics;
  return Workflow::from_json(json::parse(R"({"nodes":[
      {"nodeId":"source","skillId":"s"},{"nodeId":"left","skillId":"s"},{"nodeId":"right","skillId":"s"},
      {"nodeId":"sink","skillId":"s"},{"nodeId":"other","skillId":"s"}],
    "edges":[{"source":"source","sourceOutput":"o","target":"left","targetInput":"i"},
             {"source":"source","sourceOutput":"o","target":"right","targetInput":"i"},
             {"source":"left","sourceOutput":"o","target":"sink","targetInput":"a"},
             {"source":"right","sourceOutput":"o","target":"sink","targetInput":"b"}]})"),
                             diagnostics);
}

TEST(StaleNodes, AnEditReachesTheNodeAndEverythingDownstreamOnly) {
  const Workflow workflow = diamond();
  EXPECT_EQ(nodes_whose_cache_keys_change(workflow, NodeId("source")),
            (std::vector<std::string>{"source", "left", "right", "sink"}));
  EXPECT_EQ(nodes_whose_cache_keys_change(workflow, NodeId("right")),
            (std::vector<std::string>{"right", "sink"}));
  EXPECT_EQ(nodes_whose_cache_keys_change(workflow, NodeId("other")), (std::vector<std::string>{"other"}));
  EXPECT_TRUE(nodes_whose_cache_keys_change(workflow, NodeId("missing")).empty());
}

}  // namespace
}  // namespace llmos::run
