#include "frame_requests.hpp"

#include "frame_pacer.hpp"

namespace llmos::editor {
namespace {
void (*g_schedule)() = nullptr;
}  // namespace

FrameRequests& frame_requests() {
  static FrameRequests requests;
  return requests;
}

FramePacer& frame_pacer() {
  static FramePacer pacer;
  return pacer;
}

void request_frame() {
  frame_requests().request();
  if (g_schedule) g_schedule();
}

void set_frame_scheduler(void (*schedule)()) { g_schedule = schedule; }

}  // namespace llmos::editor
