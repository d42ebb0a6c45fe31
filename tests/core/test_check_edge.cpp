// check_edge: one edge judged with validate()'s rules and words.
#include "llmos/check_edge.hpp"
#include "llmos/validate.hpp"
#include "llmos/workflow.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

Skill skill_with(const char* id, std::vector<Port> inputs, std::vector<Port> outputs) {
  Skill skill;
  skill.skill_id = id;
  skill.inputs = std::move(inputs);
  skill.outputs = std::move(outputs);
  return skill;
}

Port port(const char* name, PortType type) {
  Port p;
  p.name = name;
  p.type = type;
  return p;
}

TEST(CheckEdge, AllowsCoercionsOfTheTable) {
  Skill ints = skill_with("ints", {}, {port("n", PortType::int_)});
  Skill floats = skill_with("floats", {port("x", PortType::float_)}, {});
  EXPECT_FALSE(check_edge({NodeId("a"), "n"}, &ints, {NodeId("b"), "x"}, &floats));
}

TEST(CheckEdge, RefusesATypeMismatchInValidatesWords) {
  Skill series = skill_with("s", {}, {port("data", PortType::series)});
  Skill text = skill_with("t", {port("title", PortType::string)}, {});
  auto problem = check_edge({NodeId("vqe"), "data"}, &series, {NodeId("plot"), "title"}, &text);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "workflow.edge.type");
  EXPECT_EQ(problem->message, "cannot connect 'vqe.data' (series) to 'plot.title' (string)");
}

TEST(CheckEdge, RefusesSelfLoopsAndUnknownPorts) {
  Skill skill = skill_with("k", {port("in", PortType::any)}, {port("out", PortType::any)});
  EXPECT_EQ(check_edge({NodeId("a"), "out"}, &skill, {NodeId("a"), "in"}, &skill)->code,
            "workflow.edge.self_loop");
  EXPECT_EQ(check_edge({NodeId("a"), "nope"}, &skill, {NodeId("b"), "in"}, &skill)->message,
            "skill 'k' has no output 'nope'");
  EXPECT_FALSE(check_edge({NodeId("a"), "whatever"}, nullptr, {NodeId("b"), "in"}, &skill));  // unknown skill
}

}  // namespace
}  // namespace llmos
