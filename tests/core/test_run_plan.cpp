// Run planning (src/core/run_plan.cpp): cache keys known before a run, the
// editor's "which results does this edit invalidate" queries, and the
// scheduler using the same keys and the validator's codes.
#include "llmos/run_plan.hpp"

#include "fake_runtime.hpp"
#include "llmos/scheduler.hpp"
#include "llmos/validate.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

Skill summing_skill(std::string id) {
  Skill skill;
  skill.skill_id = std::move(id);
  skill.type = NodeType::python_wasm;
  for (const char* name : {"a", "k"}) {
    Port port;
    port.name = name;
    port.type = PortType::float_;
    port.default_value = 0;
    port.has_default = true;
    skill.inputs.push_back(port);
  }
  Port out;
  out.name = "out";
  out.type = PortType::float_;
  skill.outputs = {out};
  skill.code =
      CodeBlock{"python", "def execute(inputs):\n    return {'out': inputs['a'] + inputs['k']}\n", 1};
  return skill;
}

class RunPlanTest : public ::testing::Test {
 protected:
  RunPlanTest() {
    Diagnostics ignored;
    library.add(summing_skill("add"), Volume::system, ignored);
    // source -> middle -> sink, and a node on its own.
    for (const char* id : {"source", "middle", "sink", "alone"}) workflow.add_node(NodeId(id), "add");
    workflow.connect({NodeId("source"), "out"}, {NodeId("middle"), "a"});
    workflow.connect({NodeId("middle"), "out"}, {NodeId("sink"), "a"});
  }
  static std::vector<NodeId> ids(std::initializer_list<const char*> names) {
    std::vector<NodeId> out;
    for (const char* name : names) out.emplace_back(name);
    return out;
  }
  SkillLibrary library;
  Workflow workflow;
};

TEST_F(RunPlanTest, SettingAnInputInvalidatesTheNodeAndEverythingDownstreamOfIt) {
  EXPECT_EQ(plan_input_change(workflow, library, NodeId("source"), "k", 2),
            ids({"source", "middle", "sink"}));
  EXPECT_EQ(plan_input_change(workflow, library, NodeId("middle"), "k", 2), ids({"middle", "sink"}));
  EXPECT_EQ(plan_input_change(workflow, library, NodeId("alone"), "k", 2), ids({"alone"}));
  EXPECT_TRUE(plan_input_change(workflow, library, NodeId("nobody"), "k", 2).empty());
}

TEST_F(RunPlanTest, SettingAnInputToItsCurrentValueInvalidatesNothing) {
  workflow.set_input_value(NodeId("source"), "k", 3);
  EXPECT_TRUE(plan_input_change(workflow, library, NodeId("source"), "k", 3).empty());
  EXPECT_EQ(plan_input_change(workflow, library, NodeId("source"), "k", 4).size(), 3u);
}

TEST_F(RunPlanTest, PlanChangesComparesKeysAcrossStructuralEdits) {
  const auto before = cache_keys(workflow, library);
  ASSERT_EQ(before.size(), 4u);
  // Same skill, same values, no inputs: the same computation, so one cached result serves both.
  EXPECT_EQ(before.at(NodeId("source")), before.at(NodeId("alone")));
  EXPECT_NE(before.at(NodeId("source")), before.at(NodeId("middle")));
  EXPECT_TRUE(plan_changes(workflow, library, before).empty());

  // Wiring `alone` into sink's k changes sink's key only; a new node is new.
  workflow.connect({NodeId("alone"), "out"}, {NodeId("sink"), "k"});
  workflow.add_node(NodeId("fresh"), "add");
  EXPECT_EQ(plan_changes(workflow, library, before), ids({"sink", "fresh"}));
}

TEST_F(RunPlanTest, KeysChainUpstreamKeysAndSkillCode) {
  const auto keys = cache_keys(workflow, library);
  // Same skill and same values: only the upstream edge tells source and middle apart.
  Workflow lone;
  lone.add_node(NodeId("middle"), "add");
  EXPECT_NE(cache_keys(lone, library).at(NodeId("middle")), keys.at(NodeId("middle")));
  // Editing the skill's code changes every key.
  SkillLibrary edited;
  auto skill = summing_skill("add");
  skill.code->code += "# edited\n";
  Diagnostics ignored;
  edited.add(skill, Volume::system, ignored);
  EXPECT_EQ(plan_changes(workflow, edited, keys).size(), 4u);
  EXPECT_NE(skill_cache_key("add", &skill), skill_cache_key("add", library.find("add")));
  EXPECT_NE(skill_cache_key("add", nullptr), 0u);
}

// The keys the editor gets are the keys the scheduler caches by.
class KeyObserver final : public RunObserver {
 public:
  void on_node_event(const NodeEvent& event) override {
    if (event.kind == EventKind::done) keys[event.node] = event.inputs_hash;
  }
  CacheKeys keys;
};

TEST_F(RunPlanTest, SchedulerCachesByThePlannedKeys) {
  RuntimeRegistry registry;
  Scheduler scheduler(registry);
  FakeRuntime python(&scheduler);
  registry.add("python-wasm", python);
  KeyObserver observer;
  scheduler.add_observer(observer);
  const auto run = scheduler.start(workflow, library);
  ASSERT_EQ(scheduler.status(run), RunStatus::succeeded);
  EXPECT_EQ(observer.keys, cache_keys(workflow, library));
}

// Problems found when a run starts carry the validator's codes.
TEST_F(RunPlanTest, StartProblemsUseTheValidatorsCodes) {
  Skill context;
  context.skill_id = "notes";
  Diagnostics ignored;
  library.add(context, Volume::system, ignored);
  Workflow bad;
  bad.add_node(NodeId("ghost"), "no-such-skill");
  bad.add_node(NodeId("doc"), "notes");
  bad.add_node(NodeId("x"), "add");
  bad.add_node(NodeId("y"), "add");
  bad.connect({NodeId("x"), "out"}, {NodeId("y"), "a"});
  bad.connect({NodeId("y"), "out"}, {NodeId("x"), "a"});
  std::set<std::string> validator_codes;
  for (const auto& diagnostic : validate(bad, library)) validator_codes.insert(diagnostic.code);

  RuntimeRegistry registry;
  Scheduler scheduler(registry);
  FakeRuntime python(&scheduler);
  registry.add("python-wasm", python);
  const auto run = scheduler.start(bad, library);
  for (const char* node : {"ghost", "doc", "x", "y"}) {
    const auto result = scheduler.result(run, NodeId(node));
    ASSERT_TRUE(result && result->error) << node;
    EXPECT_TRUE(validator_codes.count(result->error->code)) << node << ": " << result->error->code;
  }
  EXPECT_EQ(scheduler.result(run, NodeId("ghost"))->error->code, "workflow.skill.unknown");
  EXPECT_EQ(scheduler.result(run, NodeId("doc"))->error->code, "workflow.skill.not_executable");
  EXPECT_EQ(scheduler.result(run, NodeId("x"))->error->code, "workflow.cycle");
}

}  // namespace
}  // namespace llmos
