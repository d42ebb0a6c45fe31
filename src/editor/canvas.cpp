#include "canvas.hpp"

#include <algorithm>
#include <cmath>

namespace llmos::editor {
namespace {

constexpr float kGridStep = 32.0f;  // canvas units between minor lines
constexpr int kMajorEvery = 4;
constexpr ImU32 kBackground = IM_COL32(24, 26, 31, 255);
constexpr ImU32 kMinorLine = IM_COL32(44, 48, 56, 255);
constexpr ImU32 kMajorLine = IM_COL32(62, 68, 80, 255);

void draw_grid_lines(ImDrawList* draw, const CanvasView& view, ImVec2 origin, ImVec2 size, float ui_scale) {
  const float step = kGridStep * view.zoom * ui_scale;
  if (step < 4.0f) return;  // too dense to be useful
  // Index of the first line left of/above the region, so major lines stay put while panning.
  const long first_x = static_cast<long>(std::floor(view.pan.x / kGridStep));
  const long first_y = static_cast<long>(std::floor(view.pan.y / kGridStep));
  for (long i = first_x;; ++i) {
    const float x = canvas_to_screen(view, origin, ui_scale, ImVec2(static_cast<float>(i) * kGridStep, 0)).x;
    if (x > origin.x + size.x) break;
    const ImU32 colour = (i % kMajorEvery == 0) ? kMajorLine : kMinorLine;
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + size.y), colour);
  }
  for (long j = first_y;; ++j) {
    const float y = canvas_to_screen(view, origin, ui_scale, ImVec2(0, static_cast<float>(j) * kGridStep)).y;
    if (y > origin.y + size.y) break;
    const ImU32 colour = (j % kMajorEvery == 0) ? kMajorLine : kMinorLine;
    draw->AddLine(ImVec2(origin.x, y), ImVec2(origin.x + size.x, y), colour);
  }
}

}  // namespace

ImVec2 canvas_to_screen(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point) {
  const float scale = view.zoom * ui_scale;
  return ImVec2(origin.x + (point.x - view.pan.x) * scale, origin.y + (point.y - view.pan.y) * scale);
}

ImVec2 screen_to_canvas(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point) {
  const float scale = view.zoom * ui_scale;
  return ImVec2(view.pan.x + (point.x - origin.x) / scale, view.pan.y + (point.y - origin.y) / scale);
}

void draw_canvas(CanvasView& view, float ui_scale) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 1.0f);
  size.y = std::max(size.y, 1.0f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), kBackground);
  if (view.show_grid) draw_grid_lines(draw, view, origin, size, ui_scale);

  ImGui::InvisibleButton("canvas", size,
                         ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive() &&
      (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
    const float scale = view.zoom * ui_scale;
    view.pan.x -= io.MouseDelta.x / scale;
    view.pan.y -= io.MouseDelta.y / scale;
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
    // Zoom around the cursor: the canvas point under it stays under it.
    const ImVec2 anchor = screen_to_canvas(view, origin, ui_scale, io.MousePos);
    view.zoom = std::clamp(view.zoom * std::pow(1.1f, io.MouseWheel), 0.2f, 4.0f);
    const float scale = view.zoom * ui_scale;
    view.pan.x = anchor.x - (io.MousePos.x - origin.x) / scale;
    view.pan.y = anchor.y - (io.MousePos.y - origin.y) / scale;
  }
}

}  // namespace llmos::editor
