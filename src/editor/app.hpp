// The editor application: its state is plain data, and draw_frame() is the
// whole UI for one frame.
#pragma once

#include "canvas.hpp"
#include "model/document.hpp"
#include "palette.hpp"
#include "skill_editor.hpp"

#include "llmos/diagnostic.hpp"
#include "llmos/skill_library.hpp"

#include <cstdint>
#include <string>

namespace llmos::editor {

struct AppState {
  EditorDocument document;  // the open workflow; edited only through its commands
  CanvasState canvas;
  PaletteState palette;
  SkillEditorState skill_editor;  // "Edit a copy" of the selected node's skill
  bool show_palette = true;
  bool show_inspector = true;
  bool show_problems = true;
  float ui_scale = 1.0f;  // device pixel ratio: the UI is drawn in physical pixels
  bool show_about = false;
  bool show_imgui_demo = false;
  std::string status = "Ready";
  double frame_ms = 0;
  // The core's validation of the document, redone when it is edited (not while dragging).
  Diagnostics problems;
  std::uint64_t problems_revision = ~0ull;  // the document's content revision they were found for
  std::size_t problems_library_size = 0;
  std::uint64_t problems_serial = 0;  // bumped each time they are recomputed (canvas caches read it)
};

// Title shown in the menu bar and the page.
inline constexpr const char* kAppTitle = "LLMos-Lite Workbench";

// The skill library is owned by the binding layer (it outlives frames).
void draw_frame(AppState& state, const SkillLibrary& library);

// The app state the page's calls act on (debug API, clipboard); set by draw_frame.
AppState* current_app_state();

}  // namespace llmos::editor
