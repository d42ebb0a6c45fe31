// The graph canvas: a pannable, zoomable plane with a grid. Plain data plus
// pure drawing functions (immediate mode): the view state is all there is.
#pragma once

#include <imgui.h>

namespace llmos::editor {

struct CanvasView {
  ImVec2 pan{0, 0};   // canvas-space point shown at the top-left of the region
  float zoom = 1.0f;  // screen pixels per canvas unit (before UI scale)
  bool show_grid = true;
};

// Canvas-space <-> screen-space for a region whose top-left is `origin`.
ImVec2 canvas_to_screen(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point);
ImVec2 screen_to_canvas(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point);

// Draws the background and grid into the current window's remaining region
// and applies pan (right or middle drag) and zoom (wheel, around the cursor).
void draw_canvas(CanvasView& view, float ui_scale);

}  // namespace llmos::editor
