// Bloch spheres with ImDrawList: one sphere per qubit, seen from slightly
// above, the x axis towards the viewer and to the left, y to the right, z
// (|0>) up, as textbooks and qiskit draw them. An orthographic projection
// keeps the silhouette a circle, so the picture is a few lines and ellipses
// and costs nothing next to a 3D overlay.

#include "preview_draw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace llmos::preview {

namespace {

constexpr ImU32 kBody = IM_COL32(20, 22, 28, 255);
constexpr ImU32 kOutline = IM_COL32(150, 160, 175, 200);
constexpr ImU32 kEquator = IM_COL32(150, 160, 175, 110);
constexpr ImU32 kLabel = IM_COL32(190, 195, 205, 255);
constexpr ImU32 kVector = IM_COL32(255, 159, 64, 255);  // series_colour(1): the pixels tests look for
constexpr ImU32 kAxes[3] = {IM_COL32(79, 157, 255, 200), IM_COL32(92, 214, 120, 200),
                            IM_COL32(220, 220, 220, 200)};

// The view: azimuth 30 degrees about z, elevation 20 degrees.
struct Projection {
  ImVec2 centre;
  float radius;
  ImVec2 operator()(double x, double y, double z) const {
    constexpr double kAzimuth = std::numbers::pi / 6, kElevation = std::numbers::pi / 9;
    const double across = -x * std::sin(kAzimuth) + y * std::cos(kAzimuth);
    const double towards = x * std::cos(kAzimuth) + y * std::sin(kAzimuth);
    const double up = z * std::cos(kElevation) - towards * std::sin(kElevation);
    return {centre.x + radius * float(across), centre.y - radius * float(up)};
  }
};

void draw_sphere(ImDrawList* list, const Projection& at, const std::array<double, 3>& v, float scale,
                 float font, const char* caption) {
  list->AddCircle(at.centre, at.radius, kOutline, 48, 1.2f * scale);
  // The equator and one meridian (through x and z), as projected polylines.
  ImVec2 ring[49];
  for (int plane = 0; plane < 2; ++plane) {
    for (int i = 0; i <= 48; ++i) {
      const double a = 2 * std::numbers::pi * i / 48;
      ring[i] = plane == 0 ? at(std::cos(a), std::sin(a), 0) : at(std::cos(a), 0, std::sin(a));
    }
    list->AddPolyline(ring, 49, kEquator, 0, scale);
  }
  static const char* const kAxisNames[3] = {"x", "y", "|0>"};
  for (int axis = 0; axis < 3; ++axis) {
    const std::array<double, 3> tip{axis == 0 ? 1.15 : 0.0, axis == 1 ? 1.15 : 0.0, axis == 2 ? 1.15 : 0.0};
    const ImVec2 end = at(tip[0], tip[1], tip[2]);
    list->AddLine(at.centre, end, kAxes[axis], scale);
    list->AddText(nullptr, font, {end.x + 2 * scale, end.y - font * 0.9f}, kLabel, kAxisNames[axis]);
  }
  const ImVec2 south = at(0, 0, -1);
  list->AddText(nullptr, font, {south.x + 3 * scale, south.y}, kLabel, "|1>");
  // The state: a thick arrow from the centre; a mixed (shorter) vector ends inside.
  const ImVec2 tip = at(v[0], v[1], v[2]);
  list->AddLine(at.centre, tip, kVector, 2.5f * scale);
  list->AddCircleFilled(tip, std::max(2.5f, 3.5f * scale), kVector, 16);
  const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, caption);
  list->AddText(nullptr, font, {at.centre.x - size.x / 2, at.centre.y + at.radius * 1.12f}, kLabel, caption);
}

}  // namespace

void draw_bloch(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(min, max, kBody, 3 * options.scale);
  const std::size_t count = view.bloch.size();
  if (count == 0) return;
  const float font = ImGui::GetFontSize() * std::clamp(options.zoom, 0.5f, 2.0f);
  const float w = max.x - min.x, h = max.y - min.y;
  // The grid of spheres with the largest radius: columns x rows, a caption under each.
  std::size_t best_columns = 1;
  float best_radius = 0;
  for (std::size_t columns = 1; columns <= count; ++columns) {
    const std::size_t rows = (count + columns - 1) / columns;
    const float cell_w = w / float(columns), cell_h = h / float(rows);
    const float radius = std::min(cell_w * 0.5f - font * 1.2f, (cell_h - font * 1.6f) * 0.5f / 1.12f);
    if (radius > best_radius) {
      best_radius = radius;
      best_columns = columns;
    }
  }
  if (best_radius < 6) return;
  const std::size_t rows = (count + best_columns - 1) / best_columns;
  const float cell_w = w / float(best_columns), cell_h = h / float(rows);
  list->PushClipRect(min, max, true);
  for (std::size_t q = 0; q < count; ++q) {
    const std::size_t column = q % best_columns, row = q / best_columns;
    Projection at{{min.x + cell_w * (float(column) + 0.5f),
                   min.y + cell_h * float(row) + font * 0.4f + best_radius * 1.05f},
                  best_radius};
    const auto& v = view.bloch[q];
    char caption[96];
    std::snprintf(caption, sizeof caption, "q%zu (%.3g, %.3g, %.3g)", q, v[0] + 0.0, v[1] + 0.0, v[2] + 0.0);
    draw_sphere(list, at, v, options.scale, font, caption);
  }
  list->PopClipRect();
}

}  // namespace llmos::preview
