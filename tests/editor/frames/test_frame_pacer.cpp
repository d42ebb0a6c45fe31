#include "frame_pacer.hpp"

#include <gtest/gtest.h>

namespace llmos::editor {
namespace {

// A run in flight whose node finished after a 100 ms frame (at t = 100).
FramePacer after_a_slow_frame_and_a_finished_node() {
  FramePacer pacer;
  pacer.run_started(0);
  pacer.frame_started(0);
  pacer.frame_settled(100);
  pacer.node_finished();
  return pacer;
}

TEST(FramePacer, WithoutRunProgressFramesWaitAtMostTheStartGrace) {
  FramePacer pacer;
  pacer.frame_started(1000);
  pacer.frame_settled(1120);  // a 120 ms frame (software WebGL read-back)
  EXPECT_EQ(pacer.delay(1120), 0);
  pacer.run_started(1120);  // a run that just started: its first nodes get a moment
  EXPECT_DOUBLE_EQ(pacer.delay(1125), 1120 + kRunStartGraceMs - 1125);
  EXPECT_EQ(pacer.delay(1120 + kRunStartGraceMs), 0);  // ... then its long node: frames flow
  EXPECT_EQ(pacer.delay(5000), 0);
}

TEST(FramePacer, WhileARunProgressesFramesTakeAtMostTheirShare) {
  FramePacer pacer;
  pacer.run_started(0);
  pacer.frame_started(1000);
  pacer.frame_settled(1120);
  pacer.node_finished();  // a node finished after the frame
  EXPECT_DOUBLE_EQ(pacer.last_cost(), 120);
  // The next frame begins C / share after the last one began: 1000 + 360.
  EXPECT_DOUBLE_EQ(pacer.next_frame_at(), 1000 + 120 / kRunFrameShare);
  EXPECT_DOUBLE_EQ(pacer.delay(1120), 1360 - 1120);
  EXPECT_EQ(pacer.delay(1400), 0);
  // So the run has the main thread for at least (1 - share) of the time.
  const double frame_share = pacer.last_cost() / (pacer.next_frame_at() - 1000);
  EXPECT_LE(frame_share, kRunFrameShare + 1e-9);
}

TEST(FramePacer, ProgressCountsUntilTheNextFrameBegins) {
  FramePacer pacer = after_a_slow_frame_and_a_finished_node();
  EXPECT_GT(pacer.delay(100), 0);
  pacer.frame_started(300);  // the paced frame: no progress since it began
  pacer.frame_settled(400);
  EXPECT_EQ(pacer.delay(400), 0);
}

TEST(FramePacer, CheapFramesStayFastWhileARunProgresses) {
  FramePacer pacer;
  pacer.run_started(0);
  pacer.frame_started(0);
  pacer.frame_settled(3);  // a real GPU: 3 ms per frame still allows 100+ fps
  pacer.node_finished();
  EXPECT_DOUBLE_EQ(pacer.delay(3), 6);
}

TEST(FramePacer, RunsAreCounted) {
  FramePacer pacer;
  pacer.run_started(0);
  pacer.run_started(0);
  pacer.run_finished();
  EXPECT_EQ(pacer.runs_in_flight(), 1);
  pacer.run_finished();
  pacer.run_finished();  // an extra finish never goes below zero
  EXPECT_EQ(pacer.runs_in_flight(), 0);
}

TEST(FramePacer, TheLastRunFinishingEndsThePacing) {
  FramePacer pacer = after_a_slow_frame_and_a_finished_node();
  EXPECT_GT(pacer.delay(100), 0);
  pacer.run_finished();
  EXPECT_EQ(pacer.delay(100), 0);
  pacer.node_finished();  // a late event of a finished run
  EXPECT_EQ(pacer.delay(100), 0);
}

TEST(FramePacer, ASettleBeforeTheStartIsIgnored) {
  FramePacer pacer;
  pacer.run_started(0);
  pacer.frame_started(500);
  pacer.frame_settled(400);  // a stale measurement from an earlier frame
  pacer.node_finished();
  EXPECT_EQ(pacer.last_cost(), 0);
  EXPECT_EQ(pacer.delay(500), 0);
}

}  // namespace
}  // namespace llmos::editor
