#include "frame_requests.hpp"

#include <gtest/gtest.h>

namespace llmos::editor {
namespace {

int drawn(FrameRequests& requests, int animation_frames) {
  int count = 0;
  for (int i = 0; i < animation_frames; ++i) count += requests.take() ? 1 : 0;
  return count;
}

TEST(FrameRequests, IdleDrawsNothing) {
  FrameRequests requests;
  EXPECT_FALSE(requests.wanted());
  EXPECT_EQ(drawn(requests, 100), 0);
}

TEST(FrameRequests, InputDrawsTrailingFramesThenStops) {
  FrameRequests requests;
  requests.input();
  EXPECT_TRUE(requests.wanted());
  EXPECT_EQ(drawn(requests, 100), kTrailingFramesAfterInput);
  EXPECT_FALSE(requests.wanted());
}

TEST(FrameRequests, RequestsDoNotStack) {
  FrameRequests requests;
  for (int i = 0; i < 50; ++i) requests.request();  // 50 run events in one animation frame
  EXPECT_EQ(drawn(requests, 100), 1);
  requests.input();
  requests.request();  // an event during the trailing frames does not shorten them
  EXPECT_EQ(drawn(requests, 100), kTrailingFramesAfterInput);
}

TEST(FrameRequests, AnAnimationAsksEachFrame) {
  FrameRequests requests;
  requests.request();
  int frames = 0;
  for (int i = 0; i < 10; ++i) {
    if (!requests.take()) break;
    ++frames;
    if (frames < 5) requests.request();  // a spinner that runs for five frames
  }
  EXPECT_EQ(frames, 5);
  EXPECT_FALSE(requests.wanted());
}

TEST(FrameRequests, PausedKeepsRequestsAndResumesWithAFrame) {
  FrameRequests requests;
  requests.set_paused(true);
  requests.input();
  EXPECT_FALSE(requests.wanted());
  EXPECT_EQ(drawn(requests, 10), 0);
  requests.set_paused(false);
  EXPECT_EQ(drawn(requests, 10), kTrailingFramesAfterInput);
  requests.set_paused(true);
  requests.set_paused(false);  // nothing was asked while paused: one frame to show the page again
  EXPECT_EQ(drawn(requests, 10), 1);
}

TEST(FrameRequests, GlobalRequestCallsTheScheduler) {
  static int scheduled = 0;
  set_frame_scheduler([] { ++scheduled; });
  request_frame();
  EXPECT_EQ(scheduled, 1);
  EXPECT_TRUE(frame_requests().take());
  EXPECT_FALSE(frame_requests().take());
  set_frame_scheduler(nullptr);
}

TEST(FrameStats, CountsAndSums) {
  FrameStats stats;
  stats.add(2.0);
  stats.add(4.0);
  EXPECT_EQ(stats.frames, 2);
  EXPECT_DOUBLE_EQ(stats.total_cpu_ms, 6.0);
  EXPECT_DOUBLE_EQ(stats.max_cpu_ms, 4.0);
  EXPECT_DOUBLE_EQ(stats.last_cpu_ms, 4.0);
}

}  // namespace
}  // namespace llmos::editor
