#include "app.hpp"

#include "about_window.hpp"
#include "preview_window.hpp"
#include "share_menu.hpp"

#include <imgui.h>

#include <cstdio>

namespace llmos::editor {
namespace {

void draw_menu_bar(AppState& state) {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextUnformatted(kAppTitle);
  ImGui::Separator();
  if (ImGui::BeginMenu("File")) {
    ImGui::MenuItem("New workflow", nullptr, false, false);
    ImGui::MenuItem("Open...", nullptr, false, false);
    ImGui::MenuItem("Save", nullptr, false, false);
    ImGui::Separator();
    draw_share_menu_items(nullptr, "");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Skill palette", nullptr, &state.show_palette);
    ImGui::MenuItem("Grid", nullptr, &state.canvas.show_grid);
    if (ImGui::MenuItem("Reset view")) state.canvas = CanvasView{};
    ImGui::MenuItem("ImGui demo", nullptr, &state.show_imgui_demo);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::MenuItem("About", nullptr, &state.show_about);
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void draw_status_bar(const AppState& state) {
  char text[160];
  const std::string& status =
      state.palette.hovered_skill.empty() ? state.status : state.palette.hovered_skill;
  std::snprintf(text, sizeof text, "%s   |   zoom %.0f%%   |   %.1f ms/frame", status.c_str(),
                state.canvas.zoom * 100.0f, state.frame_ms);
  ImGui::TextUnformatted(text);
}

}  // namespace

void draw_frame(AppState& state, const SkillLibrary& library) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar |
                                      ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::Begin("Workbench", nullptr, kFlags);
  ImGui::PopStyleVar(2);
  draw_menu_bar(state);

  const float status_height = ImGui::GetFrameHeightWithSpacing();
  if (state.show_palette) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImGui::GetStyle().FramePadding);
    ImGui::BeginChild("palette", ImVec2(260.0f * state.ui_scale, -status_height), true,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    draw_palette(state.palette, library, state.ui_scale);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::SameLine(0, 0);
  }
  ImGui::BeginChild("canvas_region", ImVec2(0, -status_height), false, ImGuiWindowFlags_NoScrollWithMouse);
  draw_canvas(state.canvas, state.ui_scale);
  ImGui::EndChild();
  ImGui::SetCursorPosX(ImGui::GetStyle().ItemSpacing.x);
  draw_status_bar(state);
  ImGui::End();

  draw_about_window(&state.show_about, state.ui_scale);
  if (state.show_imgui_demo) ImGui::ShowDemoWindow(&state.show_imgui_demo);
  preview::draw_preview_windows(state.ui_scale);
}

}  // namespace llmos::editor
