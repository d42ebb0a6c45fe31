// Frames yield to runs. The core and the runtime bridges answer on the main
// thread, and a frame blocks it: our ImGui build plus the browser's commit
// (with software WebGL, a synchronous read-back of the whole canvas that can
// take 50-150 ms). Back-to-back frames while the user pans would make every
// node of a run wait behind one. While a run makes progress (one of its
// nodes finished since the last frame began, so the next is being
// dispatched), frames may use at most kRunFrameShare of the main thread:
// after a frame that blocked it for C ms, the next one starts no sooner than
// C / kRunFrameShare after the last one began. A run that just started
// holds frames back for at most kRunStartGraceMs, the time its first quick
// nodes need to finish. Otherwise (no run, or a run waiting on one long node,
// whose spinner keeps animating) frames are not delayed. On a real GPU a frame
// costs a few ms, so this still allows ~60 fps during busy runs.
// Plain data (times in ms); the browser glue measures C (main.cpp).
#pragma once

#include <algorithm>

namespace llmos::editor {

inline constexpr double kRunFrameShare = 1.0 / 3.0;
inline constexpr double kRunStartGraceMs = 20;

class FramePacer {
 public:
  // A frame began at `start_ms`.
  void frame_started(double start_ms) {
    last_start_ = start_ms;
    progress_since_frame_ = false;
  }
  // The frame that began last blocked the main thread until `end_ms`
  // (measured by the first task after it: the commit included).
  void frame_settled(double end_ms) {
    if (end_ms >= last_start_) last_cost_ = end_ms - last_start_;
  }
  // Runs in flight and their progress (the core's run observer reports both).
  void run_started(double now_ms) {
    ++runs_;
    started_at_ = now_ms;
  }
  void run_finished() {
    if (runs_ > 0) --runs_;
    if (runs_ == 0) progress_since_frame_ = false;  // nothing left to yield to
  }
  // A node of a run in flight finished.
  void node_finished() {
    if (runs_ > 0) progress_since_frame_ = true;
  }
  int runs_in_flight() const { return runs_; }
  double last_cost() const { return last_cost_; }
  // Earliest time the next frame may begin.
  double next_frame_at() const {
    if (last_start_ < 0 || runs_ == 0) return 0;
    const double paced = last_start_ + last_cost_ / kRunFrameShare;
    if (progress_since_frame_) return paced;
    return std::min(paced, started_at_ + kRunStartGraceMs);
  }
  // Milliseconds to wait at `now_ms` before drawing (0: draw now).
  double delay(double now_ms) const {
    const double at = next_frame_at();
    return at > now_ms ? at - now_ms : 0;
  }

 private:
  double last_start_ = -1;
  double last_cost_ = 0;
  int runs_ = 0;
  double started_at_ = -1e300;  // when the last run started
  bool progress_since_frame_ = false;
};

// The app's one pacer (the frame loop owns it).
FramePacer& frame_pacer();

}  // namespace llmos::editor
