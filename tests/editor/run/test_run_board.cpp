#include "run_board.hpp"

#include "fixtures.hpp"

#include <gtest/gtest.h>

namespace llmos::run {
namespace {

using testing::captured_outputs;
using testing::shipped_skill;

json event(double run, std::string kind, std::string node, std::string skill, double time,
           double duration = 0) {
  return {{"run", run},        {"kind", kind},    {"node", node},
          {"skill_id", skill}, {"time_ms", time}, {"duration_ms", duration}};
}

RunBoard board() { return RunBoard(shipped_skill); }

TEST(RunBoard, FollowsANodeFromQueuedToDoneWithItsPreview) {
  RunBoard b = board();
  b.begin_run(1, {"vqe", "plot"});
  EXPECT_TRUE(b.running());
  EXPECT_EQ(display_state(b.find("vqe")->state), "idle");
  EXPECT_TRUE(b.apply(event(1, "queued", "vqe", "quantum-vqe-node", 10)));
  EXPECT_EQ(display_state(b.find("vqe")->state), "queued");
  EXPECT_TRUE(b.apply(event(1, "running", "vqe", "quantum-vqe-node", 12)));
  EXPECT_EQ(b.find("vqe")->state, NodeState::running);
  EXPECT_DOUBLE_EQ(b.elapsed_ms("vqe", 112), 100);
  EXPECT_TRUE(b.animating());

  json progress = event(1, "progress", "vqe", "quantum-vqe-node", 50);
  progress["progress"] = 0.25;
  progress["message"] = "iteration 25/100";
  EXPECT_TRUE(b.apply(progress));
  EXPECT_DOUBLE_EQ(b.find("vqe")->progress, 0.25);
  EXPECT_EQ(b.find("vqe")->progress_message, "iteration 25/100");

  json done = event(1, "done", "vqe", "quantum-vqe-node", 300, 288);
  done["outputs"] = captured_outputs("quantum-vqe-node");
  EXPECT_TRUE(b.apply(done));
  const NodeRun* vqe = b.find("vqe");
  EXPECT_EQ(vqe->state, NodeState::done);
  EXPECT_DOUBLE_EQ(vqe->duration_ms, 288);
  EXPECT_DOUBLE_EQ(vqe->progress, -1);  // the bar goes with the run
  EXPECT_DOUBLE_EQ(b.elapsed_ms("vqe", 5000), 288);
  ASSERT_TRUE(vqe->preview);
  EXPECT_EQ(vqe->preview->kind, preview::Kind::plot);
  EXPECT_EQ(vqe->preview->text, "Eigenvalue: -1.137306 Ha (converged)");
  EXPECT_FALSE(b.animating());

  EXPECT_TRUE(b.apply({{"run", 1}, {"kind", "run_finished"}, {"time_ms", 400}}));
  EXPECT_FALSE(b.running());
}

TEST(RunBoard, ErrorCarriesTheSkillFileLineAndDropsTheOldPicture) {
  RunBoard b = board();
  b.begin_run(1, {"expr"});
  json done = event(1, "done", "expr", "math-expression-node", 5, 2);
  done["outputs"] = captured_outputs("math-expression-node");
  b.apply(done);
  ASSERT_TRUE(b.find("expr")->preview);

  b.begin_run(2, {"expr"});
  EXPECT_TRUE(b.find("expr")->preview) << "the old picture stays while the node re-runs";
  json error = event(2, "error", "expr", "math-expression-node", 9, 3);
  error["error"] = {
      {"code", "python.error"}, {"message", "ZeroDivisionError: division by zero"}, {"line", 31}};
  b.apply(error);
  const NodeRun* expr = b.find("expr");
  EXPECT_EQ(expr->state, NodeState::error);
  EXPECT_FALSE(expr->preview);
  ASSERT_TRUE(expr->error);
  EXPECT_EQ(expr->error->line, 31);
  EXPECT_EQ(b.error_location("expr"),
            shipped_skill("math-expression-node")->source_path + ":31: ZeroDivisionError: division by zero");
  EXPECT_NE(b.error_location("expr").find(".md:31: ZeroDivisionError"), std::string::npos);
}

TEST(RunBoard, SkippedAndCancelledAndCachedAreTheirOwnStates) {
  RunBoard b = board();
  b.begin_run(3, {"a", "b", "c"});
  json skipped = event(3, "skipped", "b", "plot-data-node", 4);
  skipped["error"] = {{"code", "upstream.failed"}, {"message", "upstream node 'a' failed"}};
  b.apply(skipped);
  b.apply(event(3, "cancelled", "c", "quantum-vqe-node", 6, 1));
  json cached = event(3, "cached", "a", "circuit-rc-node", 1);
  cached["outputs"] = captured_outputs("circuit-rc-node");
  b.apply(cached);
  EXPECT_EQ(display_state(b.find("a")->state), "cached");
  EXPECT_EQ(b.find("a")->preview->kind, preview::Kind::waveform);
  EXPECT_EQ(display_state(b.find("b")->state), "skipped");
  EXPECT_EQ(b.find("b")->error->message, "upstream node 'a' failed");
  EXPECT_EQ(display_state(b.find("c")->state), "cancelled");
  EXPECT_EQ(b.counts(), (std::map<std::string, int>{{"cached", 1}, {"cancelled", 1}, {"skipped", 1}}));
}

TEST(RunBoard, LateEventsOfAnEarlierRunAreIgnored) {
  RunBoard b = board();
  b.begin_run(1, {"a"});
  b.begin_run(2, {"a"});
  EXPECT_FALSE(b.apply(event(1, "done", "a", "plot-data-node", 4)));
  EXPECT_EQ(b.find("a")->state, NodeState::idle);
  EXPECT_FALSE(b.apply({{"run", 1}, {"kind", "run_finished"}}) && !b.running());
  EXPECT_TRUE(b.running());
}

TEST(RunBoard, StaleMarksOnlyNodesWithResultsAndANewResultClearsThem) {
  RunBoard b = board();
  b.begin_run(1, {"a", "b"});
  json done = event(1, "done", "a", "math-expression-node", 5, 2);
  done["outputs"] = captured_outputs("math-expression-node");
  b.apply(done);
  b.mark_stale({"a", "b"});
  EXPECT_TRUE(b.find("a")->stale);
  EXPECT_FALSE(b.find("b")->stale) << "a node that never produced a result is not stale";
  b.begin_run(2, {"a", "b"});
  EXPECT_TRUE(b.find("a")->stale);
  done["run"] = 2;
  b.apply(done);
  EXPECT_FALSE(b.find("a")->stale);
  b.mark_stale({"a"});
  b.set_stale({});
  EXPECT_FALSE(b.find("a")->stale) << "an edit undone makes it fresh again";
  b.clear("a");
  EXPECT_EQ(b.find("a"), nullptr);
}

}  // namespace
}  // namespace llmos::run
