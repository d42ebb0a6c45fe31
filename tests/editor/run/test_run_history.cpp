#include "run_history.hpp"

#include "fixtures.hpp"

#include <gtest/gtest.h>

namespace llmos::run {
namespace {

Workflow rc_workflow(double resistance) {
  Diagnostics diagnostics;
  json doc = json::parse(R"({"nodes":[{"nodeId":"rc","skillId":"circuit-rc-node","inputValues":{}},
                                      {"nodeId":"plot","skillId":"plot-data-node"}],
                             "edges":[{"source":"rc","sourceOutput":"voltage_data","target":"plot","targetInput":"data"}]})");
  doc["nodes"][0]["inputValues"]["resistance"] = resistance;
  return Workflow::from_json(doc, diagnostics);
}

RunBoard finished_board(bool plot_fails) {
  RunBoard board(testing::shipped_skill);
  board.begin_run(1, {"rc", "plot"});
  board.apply({{"run", 1},
               {"kind", "done"},
               {"node", "rc"},
               {"skill_id", "circuit-rc-node"},
               {"duration_ms", 12.5},
               {"outputs", testing::captured_outputs("circuit-rc-node")}});
  if (plot_fails)
    board.apply({{"run", 1},
                 {"kind", "error"},
                 {"node", "plot"},
                 {"skill_id", "plot-data-node"},
                 {"duration_ms", 3},
                 {"error", {{"code", "python.error"}, {"message", "ValueError: no data"}}}});
  else
    board.apply({{"run", 1},
                 {"kind", "cached"},
                 {"node", "plot"},
                 {"skill_id", "plot-data-node"},
                 {"outputs", testing::captured_outputs("plot-data-node")}});
  return board;
}

TEST(RunHistory, RecordKeepsParametersOutcomesAndTimingsAndRoundTrips) {
  const RunRecord record = make_record("rc-chart", rc_workflow(2200), finished_board(false), 1.7e12, 40);
  EXPECT_EQ(record.params["rc"]["resistance"], 2200);
  ASSERT_EQ(record.nodes.size(), 2u);
  EXPECT_EQ(record.nodes[0].state, "done");
  EXPECT_DOUBLE_EQ(record.nodes[0].duration_ms, 12.5);
  EXPECT_FALSE(record.nodes[0].summary.empty());
  EXPECT_EQ(record.nodes[1].state, "cached");
  const RunRecord back = RunRecord::from_json(json::parse(record.to_json().dump()));
  EXPECT_EQ(back.to_json(), record.to_json());
}

TEST(RunHistory, CompareShowsWhatDiffersSideBySide) {
  const RunRecord a = make_record("rc-chart", rc_workflow(1000), finished_board(false), 1, 40);
  const RunRecord b = make_record("rc-chart", rc_workflow(4700), finished_board(true), 2, 45);
  const auto rows = compare_runs(a, b);
  const auto row = [&](const std::string& node, const std::string& what) {
    for (const auto& r : rows)
      if (r.node == node && r.what == what) return r;
    ADD_FAILURE() << node << " " << what;
    return RunDifference{};
  };
  EXPECT_EQ(row("rc", "input resistance").a, "1000");
  EXPECT_EQ(row("rc", "input resistance").b, "4700");
  EXPECT_TRUE(row("rc", "input resistance").differs);
  EXPECT_FALSE(row("rc", "state").differs);
  EXPECT_EQ(row("plot", "state").b, "error");
  EXPECT_EQ(row("plot", "result").b, "ValueError: no data");
  EXPECT_TRUE(row("plot", "result").differs);
}

TEST(RunHistory, NewestFirstWithinCapacity) {
  RunHistory history(2);
  for (int i = 1; i <= 3; ++i) {
    RunRecord record;
    record.started_at = i;
    history.add(record);
  }
  ASSERT_EQ(history.records().size(), 2u);
  EXPECT_EQ(history.records()[0].started_at, 3);
  EXPECT_EQ(history.records()[1].started_at, 2);
}

}  // namespace
}  // namespace llmos::run
