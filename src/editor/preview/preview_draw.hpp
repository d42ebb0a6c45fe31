// Drawing previews with Dear ImGui into a given screen rectangle: the node
// view calls draw_node_preview() inside the node's preview area at the
// canvas zoom; double-click opens the larger view (preview_window.hpp).
// Everything here is immediate mode over plain state; the only browser
// dependency (textures, downloads) goes through preview_browser.hpp.
#pragma once

#include "plot_math.hpp"
#include "preview.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImRect

#include <optional>
#include <vector>

namespace llmos::preview {

// Per plot pane: the visible range after zoom/pan, and the cursors.
struct PlotState {
  std::optional<Bounds> visible;             // nullopt: fit the data
  std::optional<double> cursor_a, cursor_b;  // waveform/Bode cursors (x in data units)
};

// Per shown preview (a node, or a larger view).
struct PreviewState {
  int active_view = 0;
  std::vector<PlotState> panes;  // grows to the number of panes shown
  PlotState& pane(std::size_t index);
  // Where the last frame drew (screen pixels): the tabs of a tabbed node
  // preview and the view under them; the debug API reports them to tests.
  std::vector<ImRect> tab_rects;
  ImRect view_rect;
};

// How a view is drawn: inline in a node (small, no zoom/pan: dragging moves
// the node) or interactive in the larger view.
struct DrawOptions {
  float scale = 1.0f;  // canvas zoom x device pixel ratio: line widths and margins in pixels
  float zoom = 1.0f;   // canvas zoom alone: text is the UI font's size times this
  bool interactive = false;
};

// Draws the node's main view (preview.views.front()) in [min, max] and a
// one-line caption with preview.text when there is room. A tabbed preview
// (quantum nodes) draws a row of tabs above the view; a click picks
// state.active_view. Returns true when the area was double-clicked (the
// caller opens the larger view).
bool draw_node_preview(const Preview& preview, PreviewState& state, ImVec2 min, ImVec2 max,
                       const DrawOptions& options);

// Draws one view in [min, max]. Scrollable kinds (text, table, JSON) open a
// child window there, so call it inside an ImGui window.
void draw_view(const View& view, PreviewState& state, ImVec2 min, ImVec2 max, const DrawOptions& options);

// Draws one plot pane; `pane_index` picks its PlotState.
void draw_plot(const Plot& plot, PlotState& state, ImVec2 min, ImVec2 max, const DrawOptions& options,
               bool with_cursors);

// Bloch spheres, one per vector of a bloch view, in a grid that fits [min, max].
void draw_bloch(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options);

// The colour of series i (a palette readable on the dark node body).
ImU32 series_colour(std::size_t index);

// The font for circuit diagrams, netlists and code: set by the app after it
// loads its fonts (nullptr: the default font).
void set_monospace_font(ImFont* font);
ImFont* monospace_font();

// Asks the app for another frame (a texture arrived, a hover changed): the
// editor draws on demand, so a preview that needs a frame must say so.
void set_request_frame(void (*request)());
void request_frame();

}  // namespace llmos::preview
