// The editor application: its state is plain data, and draw_frame() is the
// whole UI for one frame.
#pragma once

#include "canvas.hpp"
#include "palette.hpp"

#include "llmos/skill_library.hpp"

#include <string>

namespace llmos::editor {

struct AppState {
  CanvasView canvas;
  PaletteState palette;
  bool show_palette = true;
  float ui_scale = 1.0f;  // device pixel ratio: the UI is drawn in physical pixels
  bool show_about = false;
  bool show_imgui_demo = false;
  std::string status = "Ready";
  double frame_ms = 0;
};

// Title shown in the menu bar and the page.
inline constexpr const char* kAppTitle = "LLMos-Lite Workbench";

// The skill library is owned by the binding layer (it outlives frames).
void draw_frame(AppState& state, const SkillLibrary& library);

}  // namespace llmos::editor
