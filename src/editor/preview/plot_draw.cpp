// Line plots, bars, waveforms and Bode panes with ImDrawList.
//
// Cheap by construction: a series with more points than the plot has pixel
// columns is drawn as one min/max segment per column (the same picture,
// bounded cost), ticks are a handful of labels, and nothing is allocated per
// frame beyond one reused point buffer.

#include "preview_draw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace llmos::preview {

ImU32 series_colour(std::size_t index) {
  static const ImU32 kPalette[] = {IM_COL32(79, 157, 255, 255),  IM_COL32(255, 159, 64, 255),
                                   IM_COL32(92, 214, 120, 255),  IM_COL32(240, 98, 146, 255),
                                   IM_COL32(186, 148, 255, 255), IM_COL32(255, 214, 79, 255),
                                   IM_COL32(77, 208, 225, 255),  IM_COL32(200, 200, 200, 255)};
  return kPalette[index % (sizeof kPalette / sizeof kPalette[0])];
}

namespace {

constexpr ImU32 kFrame = IM_COL32(20, 22, 28, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 28);
constexpr ImU32 kAxisText = IM_COL32(190, 195, 205, 255);
constexpr ImU32 kCursor = IM_COL32(255, 255, 255, 170);

// Data <-> screen for one pane.
struct Mapping {
  ImVec2 min, max;  // plot area (inside the axes)
  Range x, y;       // visible data range (log10 of x on a log axis)
  bool x_log = false;
  float sx(double value) const {
    double v = x_log ? std::log10(std::max(value, 1e-300)) : value;
    return float(min.x + (v - x.lo) / x.span() * (max.x - min.x));
  }
  float sy(double value) const { return float(max.y - (value - y.lo) / y.span() * (max.y - min.y)); }
  double data_x(float screen) const {
    double v = x.lo + double(screen - min.x) / double(max.x - min.x) * x.span();
    return x_log ? std::pow(10.0, v) : v;
  }
  double data_y(float screen) const {
    return y.lo + double(max.y - screen) / double(max.y - min.y) * y.span();
  }
};

std::vector<ImVec2>& point_buffer() {
  static std::vector<ImVec2> points;
  points.clear();
  return points;
}

void draw_series_line(ImDrawList* list, const Series& s, const Mapping& m, ImU32 colour, float thickness) {
  std::size_t n = std::min(s.x.size(), s.y.size());
  if (n == 0) return;
  std::vector<ImVec2>& points = point_buffer();
  float columns = std::max(1.0f, m.max.x - m.min.x);
  if (float(n) <= columns * 2) {
    points.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.y[i]) || (m.x_log && s.x[i] <= 0)) continue;
      points.push_back({m.sx(s.x[i]), m.sy(s.y[i])});
    }
  } else {  // one min/max pair per pixel column
    int column = -1;
    float lo = 0, hi = 0;
    auto flush = [&] {
      if (column < 0) return;
      points.push_back({m.min.x + float(column), lo});
      if (hi != lo) points.push_back({m.min.x + float(column), hi});
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.y[i]) || (m.x_log && s.x[i] <= 0)) continue;
      int c = int(m.sx(s.x[i]) - m.min.x);
      float y = m.sy(s.y[i]);
      if (c != column) {
        flush();
        column = c;
        lo = hi = y;
      } else {
        lo = std::min(lo, y);
        hi = std::max(hi, y);
      }
    }
    flush();
  }
  if (points.size() >= 2) list->AddPolyline(points.data(), int(points.size()), colour, 0, thickness);
}

void draw_series_markers(ImDrawList* list, const Series& s, const Mapping& m, ImU32 colour, float radius) {
  std::size_t n = std::min(s.x.size(), s.y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(s.y[i])) continue;
    ImVec2 p{m.sx(s.x[i]), m.sy(s.y[i])};
    list->AddRectFilled({p.x - radius, p.y - radius}, {p.x + radius, p.y + radius}, colour);
  }
}

void draw_series_bars(ImDrawList* list, const Series& s, const Mapping& m, ImU32 colour) {
  std::size_t n = std::min(s.x.size(), s.y.size());
  float width = n > 0 ? std::max(1.0f, (m.sx(1.0) - m.sx(0.0)) * 0.7f) : 0;
  float base = m.sy(0.0);
  for (std::size_t i = 0; i < n; ++i) {
    float cx = m.sx(s.x[i]), top = m.sy(s.y[i]);
    ImU32 c = colour;
    if (i < s.bar_phase.size()) {  // hue = phase, like the usual amplitude plots
      double turn = s.bar_phase[i] / (2 * std::numbers::pi);
      turn -= std::floor(turn);
      c = ImColor::HSV(float(turn), 0.65f, 0.95f);
    }
    list->AddRectFilled({cx - width / 2, std::min(top, base)}, {cx + width / 2, std::max(top, base)}, c);
  }
}

void dashed_hline(ImDrawList* list, float x0, float x1, float y, ImU32 colour, float dash) {
  for (float x = x0; x < x1; x += dash * 2) list->AddLine({x, y}, {std::min(x + dash, x1), y}, colour);
}

void text_at(ImDrawList* list, float size, ImVec2 at, ImU32 colour, const char* text) {
  list->AddText(nullptr, size, at, colour, text);
}

}  // namespace

void draw_plot(const Plot& plot, PlotState& state, ImVec2 min, ImVec2 max, const DrawOptions& options,
               bool with_cursors) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float s = options.scale;
  const float font = ImGui::GetFontSize() * std::clamp(options.zoom, 0.5f, 2.0f);
  list->AddRectFilled(min, max, kFrame, 3 * s);
  const float w = max.x - min.x, h = max.y - min.y;
  if (w < 8 || h < 8) return;
  // Axis labels only when the pane is big enough to read them.
  const bool labels = h > font * 5 && w > font * 8;
  const float left = labels ? font * 3.6f : 4 * s, bottom = labels ? font * 1.5f : 4 * s;
  Mapping m;
  m.min = {min.x + left, min.y + font * 0.5f};
  m.max = {max.x - 6 * s, max.y - bottom};
  if (m.max.x - m.min.x < 4 || m.max.y - m.min.y < 4) return;
  Bounds data = state.visible ? *state.visible : data_bounds(plot);
  m.x_log = plot.x_log;
  m.x = plot.x_log ? Range{std::log10(data.x.lo), std::log10(data.x.hi)} : data.x;
  m.y = data.y;
  list->PushClipRect(min, max, true);

  // Grid and ticks.
  const int max_x_ticks = std::max(2, int((m.max.x - m.min.x) / (font * 4.5f)));
  const int max_y_ticks = std::max(2, int((m.max.y - m.min.y) / (font * 2.2f)));
  std::vector<double> xt = plot.x_log ? log_ticks(data.x, max_x_ticks) : nice_ticks(data.x, max_x_ticks);
  std::vector<double> yt = nice_ticks(data.y, max_y_ticks);
  const bool categories = !plot.x_categories.empty();
  for (double v : yt) {
    float y = m.sy(v);
    list->AddLine({m.min.x, y}, {m.max.x, y}, kGrid);
    if (labels) {
      std::string text = format_tick(v, yt.size() > 1 ? yt[1] - yt[0] : 0);
      ImVec2 size = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, text.c_str());
      text_at(list, font, {m.min.x - size.x - 3 * s, y - size.y / 2}, kAxisText, text.c_str());
    }
  }
  if (categories) {  // one label per bar when they fit
    std::size_t n = plot.x_categories.size();
    std::size_t every =
        std::max<std::size_t>(1, std::size_t(std::ceil(double(n) * font * 2.5 / (m.max.x - m.min.x))));
    for (std::size_t i = 0; labels && i < n; i += every) {
      const char* text = plot.x_categories[i].c_str();
      ImVec2 size = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, text);
      text_at(list, font, {m.sx(double(i)) - size.x / 2, m.max.y + 2 * s}, kAxisText, text);
    }
  } else {
    for (double v : xt) {
      float x = m.sx(v);
      list->AddLine({x, m.min.y}, {x, m.max.y}, kGrid);
      if (labels) {
        std::string text = plot.x_log ? format_si(v, "") : format_tick(v, xt.size() > 1 ? xt[1] - xt[0] : 0);
        ImVec2 size = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, text.c_str());
        float left_edge = std::clamp(x - size.x / 2, min.x, max.x - size.x);  // keep end labels inside
        text_at(list, font, {left_edge, m.max.y + 2 * s}, kAxisText, text.c_str());
      }
    }
  }
  list->AddRect(m.min, m.max, IM_COL32(255, 255, 255, 60));

  // Data.
  list->PushClipRect(m.min, m.max, true);
  if (plot.reference_y)
    dashed_hline(list, m.min.x, m.max.x, m.sy(*plot.reference_y), IM_COL32(255, 255, 255, 120), 5 * s);
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const Series& series = plot.series[i];
    ImU32 colour = series_colour(i);
    switch (series.style) {
      case Series::Style::line:
        draw_series_line(list, series, m, colour, std::max(1.0f, 1.6f * s));
        break;
      case Series::Style::markers:
        draw_series_markers(list, series, m, colour, std::max(1.5f, 2.5f * s));
        break;
      case Series::Style::bars:
        draw_series_bars(list, series, m, colour);
        break;
    }
  }
  list->PopClipRect();

  // Legend: names of several series, top right.
  if (labels && plot.series.size() > 1) {
    float y = m.min.y + 2 * s;
    float widest = 0;
    std::size_t shown = std::min<std::size_t>(plot.series.size(), 6);
    for (std::size_t i = 0; i < shown; ++i)
      widest =
          std::max(widest, ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, plot.series[i].label.c_str()).x);
    list->AddRectFilled({m.max.x - widest - font * 1.4f, y - s},
                        {m.max.x - s, y + font * 1.1f * float(shown) + s}, IM_COL32(20, 22, 28, 200), 2 * s);
    for (std::size_t i = 0; i < plot.series.size() && i < 6; ++i) {
      const char* name = plot.series[i].label.c_str();
      ImVec2 size = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, name);
      float x = m.max.x - size.x - 4 * s;
      list->AddRectFilled({x - font, y + font * 0.35f}, {x - font * 0.3f, y + font * 0.65f},
                          series_colour(i));
      text_at(list, font, {x, y}, kAxisText, name);
      y += font * 1.1f;
    }
  }

  // Cursors (waveform and Bode): A and B with the values under them.
  auto draw_cursor = [&](double x, const char* name) {
    float sx = m.sx(x);
    list->AddLine({sx, m.min.y}, {sx, m.max.y}, kCursor, std::max(1.0f, s));
    text_at(list, font, {sx + 3 * s, m.min.y}, kCursor, name);
  };
  if (with_cursors) {
    if (state.cursor_a) draw_cursor(*state.cursor_a, "A");
    if (state.cursor_b) draw_cursor(*state.cursor_b, "B");
  }

  // Hover read-out, zoom and pan.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                       mouse.x >= m.min.x && mouse.x <= m.max.x && mouse.y >= m.min.y && mouse.y <= m.max.y;
  if (hovered && !plot.series.empty()) {
    double x = m.data_x(mouse.x);
    list->AddLine({mouse.x, m.min.y}, {mouse.x, m.max.y}, IM_COL32(255, 255, 255, 60));
    ImGui::BeginTooltip();
    for (std::size_t i = 0; i < plot.series.size() && i < 8; ++i) {
      const Series& series = plot.series[i];
      int at = categories ? int(std::lround(x)) : nearest_point(series, x);
      if (at < 0 || std::size_t(at) >= series.y.size()) continue;
      list->AddCircleFilled({m.sx(series.x[std::size_t(at)]), m.sy(series.y[std::size_t(at)])}, 3 * s,
                            series_colour(i), 8);
      std::string where = categories && std::size_t(at) < plot.x_categories.size()
                              ? plot.x_categories[std::size_t(at)]
                              : format_number(series.x[std::size_t(at)]);
      ImGui::TextColored(ImColor(series_colour(i)).Value, "%s", series.label.c_str());
      ImGui::SameLine();
      ImGui::Text("%s = %s, %s", plot.x_label.empty() ? "x" : plot.x_label.c_str(), where.c_str(),
                  format_number(series.y[std::size_t(at)]).c_str());
    }
    if (with_cursors && state.cursor_a && state.cursor_b) {
      ImGui::Separator();
      ImGui::Text("B - A = %s", format_number(*state.cursor_b - *state.cursor_a).c_str());
    }
    ImGui::EndTooltip();
    request_frame();  // the read-out follows the mouse

    if (options.interactive) {
      ImGuiIO& io = ImGui::GetIO();
      Bounds view = data;
      bool changed = false;
      if (io.MouseWheel != 0) {  // zoom x around the cursor; with Shift, y
        double factor = std::pow(0.85, double(io.MouseWheel));
        if (io.KeyShift) {
          double cy = m.data_y(mouse.y);
          view.y = {cy + (view.y.lo - cy) * factor, cy + (view.y.hi - cy) * factor};
        } else if (plot.x_log) {
          double cx = std::log10(x), lo = std::log10(view.x.lo), hi = std::log10(view.x.hi);
          view.x = {std::pow(10.0, cx + (lo - cx) * factor), std::pow(10.0, cx + (hi - cx) * factor)};
        } else {
          view.x = {x + (view.x.lo - x) * factor, x + (view.x.hi - x) * factor};
        }
        changed = true;
      }
      if (ImGui::IsMouseDragging(ImGuiMouseButton_Middle) || ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
        ImVec2 d = io.MouseDelta;
        double dy = double(d.y) / double(m.max.y - m.min.y) * view.y.span();
        view.y = {view.y.lo + dy, view.y.hi + dy};
        if (plot.x_log) {
          double dx =
              double(d.x) / double(m.max.x - m.min.x) * (std::log10(view.x.hi) - std::log10(view.x.lo));
          view.x = {view.x.lo * std::pow(10.0, -dx), view.x.hi * std::pow(10.0, -dx)};
        } else {
          double dx = double(d.x) / double(m.max.x - m.min.x) * view.x.span();
          view.x = {view.x.lo - dx, view.x.hi - dx};
        }
        changed = true;
      }
      if (with_cursors && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        if (io.KeyShift)
          state.cursor_b = x;
        else
          state.cursor_a = x;
      }
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        state.visible.reset();  // back to the whole data
        state.cursor_a.reset();
        state.cursor_b.reset();
      } else if (changed) {
        state.visible = view;
      }
    }
  }
  list->PopClipRect();
}

}  // namespace llmos::preview
