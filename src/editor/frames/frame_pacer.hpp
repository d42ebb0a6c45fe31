// Frames yield to runs. The core and the runtime bridges answer on the main
// thread, and a frame blocks it: our ImGui build plus the browser's commit
// (with software WebGL, a synchronous read-back of the whole canvas that can
// take 50-150 ms). Back-to-back frames while the user pans would make every
// node of a run wait behind one. While a run is in flight, frames may use at
// most kRunFrameShare of the main thread: after a frame that blocked it for
// C ms, the next one starts no sooner than C / kRunFrameShare after the last
// one began. Without a run, frames are not delayed. On a real GPU a frame
// costs a few ms, so this still allows ~60 fps during runs.
// Plain data (times in ms); the browser glue measures C (main.cpp).
#pragma once

namespace llmos::editor {

inline constexpr double kRunFrameShare = 1.0 / 3.0;

class FramePacer {
 public:
  // A frame began at `start_ms`.
  void frame_started(double start_ms) { last_start_ = start_ms; }
  // The frame that began last blocked the main thread until `end_ms`
  // (measured by the first task after it: the commit included).
  void frame_settled(double end_ms) {
    if (end_ms >= last_start_) last_cost_ = end_ms - last_start_;
  }
  // Runs in flight (the core's run observer keeps it).
  void run_started() { ++runs_; }
  void run_finished() {
    if (runs_ > 0) --runs_;
  }
  int runs_in_flight() const { return runs_; }
  double last_cost() const { return last_cost_; }
  // Earliest time the next frame may begin.
  double next_frame_at() const {
    if (runs_ == 0 || last_start_ < 0) return 0;
    return last_start_ + last_cost_ / kRunFrameShare;
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
};

// The app's one pacer (the frame loop owns it).
FramePacer& frame_pacer();

}  // namespace llmos::editor
