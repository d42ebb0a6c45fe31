// Views other than plots (numbers, text, tables, JSON, images) and the
// node's inline preview. Plots are in plot_draw.cpp.

#include "preview_draw.hpp"

#include "preview_browser.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace llmos::preview {

namespace {
ImFont* g_monospace = nullptr;
void (*g_request_frame)() = nullptr;

constexpr ImU32 kBody = IM_COL32(20, 22, 28, 255);
constexpr ImU32 kText = IM_COL32(225, 228, 235, 255);
constexpr ImU32 kDim = IM_COL32(150, 155, 165, 255);
}  // namespace

void set_monospace_font(ImFont* font) { g_monospace = font; }
ImFont* monospace_font() { return g_monospace; }
void set_request_frame(void (*request)()) { g_request_frame = request; }
void request_frame() {
  if (g_request_frame) g_request_frame();
}

PlotState& PreviewState::pane(std::size_t index) {
  if (panes.size() <= index) panes.resize(index + 1);
  return panes[index];
}

namespace {

// A child window over [min, max] for content that scrolls.
bool begin_box(const char* id, ImVec2 min, ImVec2 max) {
  ImGui::SetCursorScreenPos(min);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, kBody);
  bool open =
      ImGui::BeginChild(id, {max.x - min.x, max.y - min.y}, false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PopStyleColor();
  return open;
}

void draw_numbers(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(min, max, kBody, 3 * options.scale);
  const float font = ImGui::GetFontSize() * std::clamp(options.zoom, 0.5f, 2.0f);
  const float pad = 4 * options.scale;
  list->PushClipRect(min, max, true);
  float y = min.y + pad;
  // Labels in a column as wide as the widest, values after them.
  float label_width = 0;
  for (const Scalar& s : view.scalars)
    label_width = std::max(label_width, ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, s.label.c_str()).x);
  label_width = std::min(label_width, (max.x - min.x) * 0.55f);
  for (const Scalar& s : view.scalars) {
    if (y > max.y) break;
    list->AddText(nullptr, font, {min.x + pad, y}, kDim, s.label.c_str());
    std::string value = s.unit.empty() ? s.value : s.value + " " + s.unit;
    list->AddText(nullptr, font, {min.x + pad * 3 + label_width, y}, kText, value.c_str());
    y += font * 1.25f;
  }
  list->PopClipRect();
}

void draw_text_box(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  if (begin_box("##text", min, max)) {
    ImFont* font = view.kind == Kind::circuit || view.kind == Kind::text ? g_monospace : nullptr;
    if (font) ImGui::PushFont(font);
    ImGui::SetWindowFontScale(std::clamp(options.zoom, 0.5f, 2.0f));
    ImGui::TextUnformatted(view.text.c_str(), view.text.c_str() + view.text.size());
    if (font) ImGui::PopFont();
  }
  ImGui::EndChild();
}

void draw_table(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  const Table& table = view.table;
  if (table.columns.empty()) return;
  ImGui::SetCursorScreenPos(min);
  const int columns = int(std::min<std::size_t>(table.columns.size(), 64));
  ImGui::PushStyleColor(ImGuiCol_TableRowBg, kBody);
  if (ImGui::BeginTable("##table", columns,
                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable,
                        {max.x - min.x, max.y - min.y})) {
    ImGui::SetWindowFontScale(std::clamp(options.zoom, 0.5f, 2.0f));
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(table.columns[std::size_t(c)].c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(table.rows.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        ImGui::TableNextRow();
        const auto& row = table.rows[std::size_t(r)];
        for (int c = 0; c < columns; ++c) {
          ImGui::TableSetColumnIndex(c);
          ImGui::TextUnformatted(row[std::size_t(c)].c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleColor();
}

// One JSON value as a tree; long arrays and objects show their first items.
void json_tree(const char* key, const json& value, int depth) {
  constexpr std::size_t kShown = 200;
  if (value.is_object() || value.is_array()) {
    char label[160];
    std::snprintf(label, sizeof label, "%s %s%zu%s", key, value.is_object() ? "{" : "[", value.size(),
                  value.is_object() ? "}" : "]");
    ImGuiTreeNodeFlags flags = depth == 0 ? ImGuiTreeNodeFlags_DefaultOpen : 0;
    if (ImGui::TreeNodeEx(label, flags)) {
      std::size_t i = 0;
      for (auto it = value.begin(); it != value.end() && i < kShown; ++it, ++i) {
        std::string name = value.is_object() ? it.key() : std::to_string(i);
        ImGui::PushID(int(i));
        json_tree(name.c_str(), *it, depth + 1);
        ImGui::PopID();
      }
      if (value.size() > kShown) ImGui::TextDisabled("... %zu more", value.size() - kShown);
      ImGui::TreePop();
    }
    return;
  }
  std::string text = value.is_string() ? "\"" + value.get<std::string>() + "\"" : value.dump();
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  ImGui::BulletText("%s: %s", key, text.c_str());
}

void draw_json(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  if (begin_box("##json", min, max)) {
    ImGui::SetWindowFontScale(std::clamp(options.zoom, 0.5f, 2.0f));
    json_tree(view.title.c_str(), view.tree, 0);
  }
  ImGui::EndChild();
}

// The image fitted into the rectangle, aspect kept, centred.
void draw_image(const View& view, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(min, max, kBody, 3 * options.scale);
  TextureView texture = image_texture(view.image, options.scale);
  if (!texture.id) {
    const char* text = texture.failed ? "image could not be decoded" : "decoding...";
    list->AddText({min.x + 6 * options.scale, min.y + 6 * options.scale},
                  texture.failed ? IM_COL32(255, 120, 120, 255) : kDim, text);
    return;
  }
  float w = max.x - min.x, h = max.y - min.y;
  float iw = float(view.image.width > 0 ? view.image.width : texture.width);
  float ih = float(view.image.height > 0 ? view.image.height : texture.height);
  float fit = std::min(w / iw, h / ih);
  ImVec2 size{iw * fit, ih * fit};
  ImVec2 at{min.x + (w - size.x) / 2, min.y + (h - size.y) / 2};
  list->AddImage(texture.id, at, {at.x + size.x, at.y + size.y});
}

void draw_scene_placeholder(ImVec2 min, ImVec2 max) {
  // The three.js overlay draws here (another module); the rect is left clear
  // of anything of ours so the overlay's pixels show through.
  (void)min;
  (void)max;
}

}  // namespace

void draw_view(const View& view, PreviewState& state, ImVec2 min, ImVec2 max, const DrawOptions& options) {
  ImGui::PushID(&view);
  switch (view.kind) {
    case Kind::plot:
    case Kind::waveform:
    case Kind::bode: {
      const bool cursors = view.kind != Kind::plot && options.interactive;
      const std::size_t panes = view.panes.size();
      const float gap = 4 * options.scale;
      // Bode: magnitude over phase, magnitude taller.
      float height = max.y - min.y;
      float top = min.y;
      for (std::size_t i = 0; i < panes; ++i) {
        float share = panes == 1 ? 1.0f : (i == 0 ? 0.6f : 0.4f / float(panes - 1));
        float bottom = i + 1 == panes ? max.y : top + height * share - gap / 2;
        PlotState& pane = state.pane(i);
        if (view.kind == Kind::bode && i > 0) {  // the phase pane follows the magnitude's x range and cursors
          PlotState& magnitude = state.pane(0);
          pane.cursor_a = magnitude.cursor_a;
          pane.cursor_b = magnitude.cursor_b;
          if (magnitude.visible) {
            Bounds own = pane.visible ? *pane.visible : data_bounds(view.panes[i]);
            own.x = magnitude.visible->x;
            pane.visible = own;
          }
        }
        draw_plot(view.panes[i], pane, {min.x, top}, {max.x, bottom}, options, cursors);
        top = bottom + gap;
      }
      break;
    }
    case Kind::number:
      draw_numbers(view, min, max, options);
      break;
    case Kind::text:
    case Kind::circuit:
      draw_text_box(view, min, max, options);
      break;
    case Kind::table:
      draw_table(view, min, max, options);
      break;
    case Kind::json:
      draw_json(view, min, max, options);
      break;
    case Kind::image:
      draw_image(view, min, max, options);
      break;
    case Kind::scene:
      draw_scene_placeholder(min, max);
      break;
    case Kind::bloch:
      draw_bloch(view, min, max, options);
      break;
    case Kind::none:
      break;
  }
  ImGui::PopID();
}

namespace {

// A row of tabs along the top of [min, max]; returns the height it took.
// Drawn, not ImGui widgets: the node owns its clicks (drag, select), and a
// click that does not move picks a tab.
float draw_tab_row(const Preview& preview, PreviewState& state, ImVec2 min, ImVec2 max, float font,
                   float scale) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float pad = 4 * scale, height = font * 1.35f;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // The canvas holds the mouse while it is down (node drag): still ours on release.
  const bool hovered_window =
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  state.tab_rects.clear();
  // Tabs as wide as their words, or all equal and clipped when they do not fit.
  const float gap = 2 * scale;
  float total = 0;
  for (const View& view : preview.views)
    total += ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, view.tab.c_str()).x + 2 * pad + gap;
  const float equal = (max.x - min.x) / float(preview.views.size()) - gap;
  float x = min.x;
  list->PushClipRect(min, {max.x, min.y + height}, true);
  for (std::size_t i = 0; i < preview.views.size(); ++i) {
    const char* label = preview.views[i].tab.c_str();
    const float width =
        total <= max.x - min.x ? ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, label).x + 2 * pad : equal;
    const ImRect rect({x, min.y}, {x + width, min.y + height});
    const bool active = int(i) == state.active_view;
    const bool hovered = hovered_window && rect.Contains(mouse);
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 9 * scale * scale &&
        state.active_view != int(i)) {
      state.active_view = int(i);
      request_frame();
    }
    list->AddRectFilled(rect.Min, rect.Max,
                        active ? IM_COL32(60, 90, 140, 255) : (hovered ? IM_COL32(50, 55, 68, 255) : kBody),
                        3 * scale, ImDrawFlags_RoundCornersTop);
    list->PushClipRect(rect.Min, rect.Max, true);
    list->AddText(nullptr, font, {rect.Min.x + std::min(pad, width / 8), rect.Min.y + (height - font) / 2},
                  active ? kText : kDim, label);
    list->PopClipRect();
    state.tab_rects.push_back(rect);
    x += width + gap;
  }
  list->PopClipRect();
  return height + 2 * scale;
}

}  // namespace

bool draw_node_preview(const Preview& preview, PreviewState& state, ImVec2 min, ImVec2 max,
                       const DrawOptions& options) {
  if (preview.views.empty() || max.x - min.x < 4 || max.y - min.y < 4) return false;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize() * std::clamp(options.zoom, 0.5f, 2.0f);
  if (state.active_view >= int(preview.views.size())) state.active_view = 0;
  // The words under the picture, when both fit (numbers are their own words).
  ImVec2 area_min = min, area_max = max;
  const bool caption = preview.kind != Kind::number && max.y - min.y > font * 4;
  if (caption) area_max.y -= font * 1.3f;
  if (preview.tabs && area_max.y - min.y > font * 5)
    area_min.y += draw_tab_row(preview, state, min, max, font, options.scale);
  else
    state.tab_rects.clear();
  const View& shown = preview.tabs ? preview.views[std::size_t(state.active_view)] : preview.views.front();
  state.view_rect = ImRect(area_min, area_max);
  draw_view(shown, state, area_min, area_max, options);
  if (caption) {
    list->PushClipRect(min, max, true);
    list->AddText(nullptr, font, {min.x + 2 * options.scale, area_max.y + font * 0.15f}, kText,
                  preview.text.c_str());
    list->PopClipRect();
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool inside = mouse.x >= min.x && mouse.x < max.x && mouse.y >= min.y && mouse.y < max.y;
  return inside && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) &&
         ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
}

}  // namespace llmos::preview
