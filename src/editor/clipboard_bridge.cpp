// The system clipboard for copy/cut/paste of nodes. GLFW's clipboard is
// internal to the page, so web/lib/editor-clipboard.js forwards the
// browser's copy, cut and paste events here; what is copied is workflow
// JSON, which pastes into another tab or a text editor.
#include "app.hpp"

#include "frame_requests.hpp"

#include <emscripten/emscripten.h>

#include <imgui.h>

#include <string>

namespace {
std::string copied;  // kept alive until the next call (JS copies it)
}

// The selection as workflow JSON ("" when nothing is selected or a text field has focus).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_editor_copy(int cut) {
  copied.clear();
  llmos::editor::AppState* app = llmos::editor::current_app_state();
  if (app && !ImGui::GetIO().WantTextInput)
    copied = llmos::editor::copy_selection(app->canvas, app->document, cut != 0);
  llmos::editor::request_frame();
  return copied.c_str();
}

// Pastes workflow JSON at the mouse; 1 when it was a workflow and nodes were added.
extern "C" EMSCRIPTEN_KEEPALIVE int llmos_editor_paste(const char* text) {
  llmos::editor::AppState* app = llmos::editor::current_app_state();
  if (!app || ImGui::GetIO().WantTextInput) return 0;
  const bool pasted = llmos::editor::paste_text(app->canvas, app->document, text);
  llmos::editor::request_frame();
  return pasted ? 1 : 0;
}

// 1 while an ImGui text field has focus: the browser's own copy/paste then goes to it.
extern "C" EMSCRIPTEN_KEEPALIVE int llmos_editor_wants_text() {
  return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}
