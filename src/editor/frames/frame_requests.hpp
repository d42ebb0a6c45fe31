// Draw on demand: the editor draws a frame only when something asked for one
// (user input, a run event, a decoded image, an animation step, a resize).
// An idle page then costs no main-thread time, so the core and the runtime
// bridges, which answer on the main thread, never wait behind a frame.
// Plain data: the browser glue (src/editor/main.cpp) turns "a frame is
// wanted" into one requestAnimationFrame.
#pragma once

namespace llmos::editor {

// Frames drawn after the last input so ImGui's hover and active states,
// and windows that size themselves over two frames, settle.
inline constexpr int kTrailingFramesAfterInput = 3;

class FrameRequests {
 public:
  // Something on screen changed from outside input: draw one more frame.
  void request() { request_frames(1); }
  // User input arrived: draw now and a few trailing frames.
  void input() { request_frames(kTrailingFramesAfterInput); }
  // At least `count` more frames (an animation asks again each frame it draws).
  void request_frames(int count) {
    if (count > frames_left_) frames_left_ = count;
  }
  // Called at each animation frame: true if this one should draw (and
  // counts it). While paused nothing draws; requests are kept for later.
  bool take() {
    if (paused_ || frames_left_ <= 0) return false;
    --frames_left_;
    return true;
  }
  // True if an animation frame should be scheduled.
  bool wanted() const { return !paused_ && frames_left_ > 0; }
  int frames_left() const { return frames_left_; }
  // Pausing stops drawing altogether (benchmarks compare with it; the page
  // uses it while hidden). Resuming draws whatever was requested meanwhile,
  // and at least one frame.
  void set_paused(bool paused) {
    paused_ = paused;
    if (!paused) request();
  }
  bool paused() const { return paused_; }

 private:
  int frames_left_ = 0;
  bool paused_ = false;
};

// Counts of drawn frames and the CPU time our code spent on them (input,
// ImGui build, draw submission): what bench/editor.mjs reports.
struct FrameStats {
  long frames = 0;
  double last_cpu_ms = 0;
  double total_cpu_ms = 0;
  double max_cpu_ms = 0;
  void add(double cpu_ms) {
    ++frames;
    last_cpu_ms = cpu_ms;
    total_cpu_ms += cpu_ms;
    if (cpu_ms > max_cpu_ms) max_cpu_ms = cpu_ms;
  }
};

// The app's one set of requests (the frame loop owns it; everything else
// asks through request_frame()).
FrameRequests& frame_requests();

// Contract 7: anything that changes what is on screen from outside input
// calls this. The browser glue installs a hook that schedules the frame.
void request_frame();
// The hook request_frame() calls after recording the request (main.cpp).
void set_frame_scheduler(void (*schedule)());

}  // namespace llmos::editor
