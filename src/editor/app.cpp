#include "app.hpp"

#include "about_window.hpp"
#include "files/workflow_files.hpp"
#include "inspector.hpp"
#include "model/workflow_io.hpp"
#include "preview_window.hpp"
#include "problems_panel.hpp"
#include "share_menu.hpp"

#include "llmos/validate.hpp"
#include "run_controller.hpp"
#include "run_view.hpp"

#include <imgui.h>

#include <cstdio>

namespace llmos::editor {
namespace {

AppState* app_state = nullptr;

void draw_edit_menu(AppState& state) {
  EditorDocument& document = state.document;
  CanvasState& canvas = state.canvas;
  const std::string undo = "Undo " + document.undo_label();
  const std::string redo = "Redo " + document.redo_label();
  if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, document.can_undo())) document.undo();
  if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, document.can_redo())) document.redo();
  ImGui::Separator();
  const bool any = !canvas.selected.empty();
  if (ImGui::MenuItem("Duplicate", "Ctrl+D", false, any)) duplicate_selection(canvas, document);
  if (ImGui::MenuItem("Delete", "Del", false, any || canvas.selected_frame || canvas.selected_reroute))
    delete_selection(canvas, document);
  if (ImGui::MenuItem("Select all", "Ctrl+A"))
    for (const Node& node : document.graph().nodes) canvas.selected.insert(node.id);
  ImGui::Separator();
  if (ImGui::MenuItem(any ? "Lay out selection" : "Lay out all")) layout_selection(canvas, document);
  if (ImGui::MenuItem(any ? "Frame around selection" : "Add frame"))
    add_frame_around_selection(canvas, document);
  ImGui::TextDisabled("Copy, cut, paste: Ctrl+C, Ctrl+X, Ctrl+V");
}

void draw_menu_bar(AppState& state) {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextUnformatted(kAppTitle);
  ImGui::Separator();
  if (ImGui::BeginMenu("File")) {
    draw_file_menu(state);
    ImGui::Separator();
    draw_share_menu_items([&state] { return graph_to_workflow_json(state.document.graph()).dump(); },
                          files_menu().name);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    draw_edit_menu(state);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Skill palette", nullptr, &state.show_palette);
    ImGui::MenuItem("Inspector", nullptr, &state.show_inspector);
    ImGui::MenuItem("Problems", nullptr, &state.show_problems);
    ImGui::MenuItem("Minimap", nullptr, &state.canvas.show_minimap);
    ImGui::MenuItem("Grid", nullptr, &state.canvas.view.show_grid);
    if (ImGui::MenuItem("Frame all", "F")) frame_nodes(state.canvas, state.document, false);
    if (ImGui::MenuItem("Zoom 100%")) state.canvas.view.zoom = 1.0f;
    ImGui::MenuItem("ImGui demo", nullptr, &state.show_imgui_demo);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    run::draw_run_menu();
    ImGui::EndMenu();
  }
  ImGui::Separator();
  run::draw_run_toolbar();
  if (ImGui::BeginMenu("Help")) {
    ImGui::MenuItem("About", nullptr, &state.show_about);
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void draw_status_bar(const AppState& state) {
  char text[320];
  const std::string& status = !state.palette.hovered_skill.empty() ? state.palette.hovered_skill
                              : !state.canvas.last_refusal.empty()
                                  ? "Link refused: " + state.canvas.last_refusal
                                  : state.status;
  std::snprintf(text, sizeof text, "%s   |   %zu nodes, %zu links   |   zoom %.0f%%   |   %.1f ms/frame",
                status.c_str(), state.document.graph().nodes.size(), state.document.graph().links.size(),
                state.canvas.view.zoom * 100.0f, state.frame_ms);
  ImGui::TextUnformatted(text);
  ImGui::SameLine();
  ImGui::TextUnformatted("   |   ");
  ImGui::SameLine();
  run::draw_runtime_status();
}

// Validation runs on the core's own rules whenever the document settled.
void refresh_problems(AppState& state, const SkillLibrary& library) {
  if (state.canvas.drag != CanvasDrag::none) return;
  if (state.problems_revision == state.document.content_revision() &&
      state.problems_library_size == library.size())
    return;
  state.problems = validate(graph_to_workflow(state.document.graph()), library);
  state.problems_revision = state.document.content_revision();
  state.problems_library_size = library.size();
  ++state.problems_serial;
}

}  // namespace

AppState* current_app_state() { return app_state; }

void draw_frame(AppState& state, const SkillLibrary& library) {
  run::controller().update();
  if (app_state != &state) {
    app_state = &state;
    set_files_app_state(&state);
  }
  refresh_problems(state, library);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  // No full-window background: the frame is cleared to the canvas colour,
  // and every blended full-screen layer costs 10-15 ms on software WebGL.
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar |
                                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::Begin("Workbench", nullptr, kFlags);
  ImGui::PopStyleVar(2);
  draw_menu_bar(state);

  const float status_height = ImGui::GetFrameHeightWithSpacing();
  const float problems_height =
      state.show_problems && !state.problems.empty() ? 110.0f * state.ui_scale : 0.0f;
  if (state.show_palette) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImGui::GetStyle().FramePadding);
    ImGui::BeginChild("palette", ImVec2(260.0f * state.ui_scale, -status_height), true,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    draw_palette(state.palette, library, state.ui_scale);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::SameLine(0, 0);
  }
  const float inspector_width =
      state.show_inspector && !state.canvas.selected.empty() ? 300.0f * state.ui_scale : 0.0f;
  ImGui::BeginGroup();
  ImGui::BeginChild(
      "canvas_region", ImVec2(-inspector_width, -status_height - problems_height), false,
      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  draw_canvas(state.canvas, state.document, library, state.ui_scale, state.problems, state.problems_serial);
  ImGui::EndChild();
  if (problems_height > 0) {
    ImGui::BeginChild("problems", ImVec2(-inspector_width, -status_height), true);
    draw_problems_panel(state);
    ImGui::EndChild();
  }
  ImGui::EndGroup();
  if (inspector_width > 0) {
    ImGui::SameLine(0, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImGui::GetStyle().FramePadding);
    ImGui::BeginChild("inspector", ImVec2(0, -status_height), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    draw_inspector(state, library);
    ImGui::EndChild();
    ImGui::PopStyleVar();
  }
  ImGui::SetCursorPosX(ImGui::GetStyle().ItemSpacing.x);
  draw_status_bar(state);
  ImGui::End();

  // A palette double-click adds the skill at the view's centre.
  if (!state.palette.activated_skill.empty()) {
    if (const Skill* skill = library.find(state.palette.activated_skill))
      add_skill_node(state.canvas, state.document, *skill, view_centre(state.canvas));
    state.palette.activated_skill.clear();
  }

  draw_skill_editor(state.skill_editor, state.document, library, state.ui_scale);
  draw_file_dialogs(state);
  draw_about_window(&state.show_about, state.ui_scale);
  if (state.show_imgui_demo) ImGui::ShowDemoWindow(&state.show_imgui_demo);
  run::draw_run_windows(state.ui_scale);
  preview::draw_preview_windows(state.ui_scale);
  notify_document_changes(state);
  run::end_frame(state.ui_scale);
}

}  // namespace llmos::editor
