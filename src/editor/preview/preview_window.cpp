#include "preview_window.hpp"

#include "preview_browser.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <vector>

namespace llmos::preview {

namespace {

struct Window {
  int id = 0;
  std::string title;
  std::shared_ptr<const Preview> preview;
  PreviewState state;
  bool open = true;
  bool large = false;
  ImVec2 content_min{0, 0}, content_max{0, 0};        // last drawn preview area
  std::vector<std::pair<std::string, ImRect>> items;  // last frame's tabs and buttons, for tests
  bool first_frame = true;
};

struct Windows {
  std::vector<Window> list;
  int next_id = 1;
  SkillLookup lookup = nullptr;
  float ui_scale = 1.0f;  // of the last frame: rectangles are reported in CSS pixels
  double frame_ms[32] = {};
  int frames = 0;
};

Windows& windows() {
  static Windows all;
  return all;
}

// The node stand-in: 340x240 CSS pixels, in a grid from the top left.
void draw_node_window(Window& window, float ui_scale, int index) {
  const float w = 340 * ui_scale, h = 240 * ui_scale;
  if (window.first_frame) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    int columns = std::max(1, int((viewport->Size.x - 280 * ui_scale) / (w + 8 * ui_scale)));
    ImGui::SetNextWindowPos({viewport->Pos.x + 280 * ui_scale + float(index % columns) * (w + 8 * ui_scale),
                             viewport->Pos.y + 40 * ui_scale + float(index / columns) * (h + 8 * ui_scale)});
    ImGui::SetNextWindowSize({w, h});
    window.first_frame = false;
  }
  std::string name = window.title + "###preview" + std::to_string(window.id);
  if (ImGui::Begin(name.c_str(), &window.open,
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImVec2 max{min.x + avail.x, min.y + avail.y};
    window.content_min = min;
    window.content_max = max;
    DrawOptions options;
    options.scale = ui_scale;
    if (draw_node_preview(*window.preview, window.state, min, max, options)) {
      open_large_view(window.preview, window.title);
    }
  }
  ImGui::End();
}

void draw_large_window(Window& window, float ui_scale) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  if (window.first_frame) {
    ImGui::SetNextWindowPos(
        {viewport->Pos.x + viewport->Size.x * 0.12f, viewport->Pos.y + viewport->Size.y * 0.1f});
    ImGui::SetNextWindowSize({viewport->Size.x * 0.76f, viewport->Size.y * 0.8f});
    ImGui::SetNextWindowFocus();
    window.first_frame = false;
  }
  std::string name = window.title + " (preview)###large" + std::to_string(window.id);
  if (ImGui::Begin(name.c_str(), &window.open,
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    ImGui::TextUnformatted(window.preview->text.c_str());
    window.items.clear();
    if (ImGui::BeginTabBar("views")) {
      for (std::size_t i = 0; i < window.preview->views.size(); ++i) {
        const View& view = window.preview->views[i];
        std::string tab = view.tab + ": " + view.title + "##" + std::to_string(i);
        const bool open = ImGui::BeginTabItem(tab.c_str());
        window.items.push_back({"tab:" + view.tab, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())});
        if (open) {
          window.state.active_view = int(i);
          draw_export_buttons(view, &window.items);
          if (view.kind == Kind::waveform || view.kind == Kind::bode)
            ImGui::TextDisabled(
                "click: cursor A, shift+click: cursor B, wheel: zoom, right drag: pan, double-click: reset");
          else if (view.kind == Kind::plot)
            ImGui::TextDisabled("wheel: zoom (shift: y), right drag: pan, double-click: reset");
          ImVec2 min = ImGui::GetCursorScreenPos();
          ImVec2 avail = ImGui::GetContentRegionAvail();
          ImVec2 max{min.x + avail.x, min.y + avail.y};
          window.content_min = min;
          window.content_max = max;
          PreviewState& state = window.state;
          if (state.panes.size() < 8 * (i + 1)) state.panes.resize(8 * (i + 1));
          // Each view keeps its own pane states (zoom, cursors).
          PreviewState view_state;
          view_state.panes.assign(state.panes.begin() + long(8 * i), state.panes.begin() + long(8 * i + 8));
          DrawOptions options;
          options.scale = ui_scale;
          options.interactive = true;
          draw_view(view, view_state, min, max, options);
          std::copy(view_state.panes.begin(), view_state.panes.begin() + 8,
                    state.panes.begin() + long(8 * i));
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
}

}  // namespace

void set_skill_lookup(SkillLookup lookup) { windows().lookup = lookup; }

int open_preview_window(std::shared_ptr<const Preview> preview, std::string title) {
  Window window;
  window.id = windows().next_id++;
  window.title = std::move(title);
  window.preview = std::move(preview);
  windows().list.push_back(std::move(window));
  request_frame();
  return windows().list.back().id;
}

void open_large_view(std::shared_ptr<const Preview> preview, std::string title) {
  for (Window& window : windows().list) {
    if (window.large && window.title == title) {
      window.preview = std::move(preview);
      ImGui::SetWindowFocus((window.title + " (preview)###large" + std::to_string(window.id)).c_str());
      return;
    }
  }
  Window window;
  window.id = windows().next_id++;
  window.title = std::move(title);
  window.preview = std::move(preview);
  window.large = true;
  windows().list.push_back(std::move(window));
  request_frame();
}

void close_preview_windows() {
  windows().list.clear();
  request_frame();
}

void draw_export_buttons(const View& view, std::vector<std::pair<std::string, ImRect>>* items) {
  bool any = false;
  auto button = [&](const char* label) {
    if (any) ImGui::SameLine();
    any = true;
    const bool pressed = ImGui::SmallButton(label);
    if (items) items->push_back({label, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())});
    return pressed;
  };
  if ((view.kind == Kind::plot || view.kind == Kind::waveform || view.kind == Kind::bode) &&
      !view.panes.empty()) {
    if (button("Export CSV")) {
      std::string csv;
      for (const Plot& pane : view.panes) csv += plot_to_csv(pane);
      download_text(view.export_name.empty() ? view.title + ".csv" : view.export_name, "text/csv", csv);
    }
  }
  if (view.kind == Kind::image) {
    bool png = view.image.format == Image::Format::png;
    if (button(png ? "Export PNG" : "Export SVG")) {
      if (png)
        download_base64(view.export_name, "image/png", view.image.data);
      else
        download_text(view.export_name, "image/svg+xml", view.image.data);
    }
  }
  if ((view.kind == Kind::text || view.kind == Kind::circuit) && !view.export_name.empty()) {
    std::string label(source_export_label(view));
    if (label.empty()) label = "Export text";
    if (button(label.c_str())) download_text(view.export_name, "text/plain", view.text);
  }
}

void draw_preview_windows(float ui_scale) {
  const double start = emscripten_get_now();
  Windows& all = windows();
  all.ui_scale = ui_scale;
  int index = 0;
  for (Window& window : all.list) {
    if (window.large)
      draw_large_window(window, ui_scale);
    else
      draw_node_window(window, ui_scale, index++);
  }
  std::erase_if(all.list, [](const Window& window) { return !window.open; });
  release_unused_textures();
  all.frame_ms[all.frames++ % 32] = emscripten_get_now() - start;
}

json preview_windows_state(float ui_scale) {
  const Windows& all = windows();
  json list = json::array();
  for (const Window& window : all.list) {
    json views = json::array();
    for (const View& view : window.preview->views) views.push_back(std::string(to_string(view.kind)));
    json items = json::array();
    for (const auto& [label, r] : window.items)
      items.push_back({{"label", label},
                       {"x", r.Min.x / ui_scale},
                       {"y", r.Min.y / ui_scale},
                       {"width", r.GetWidth() / ui_scale},
                       {"height", r.GetHeight() / ui_scale}});
    list.push_back({{"id", window.id},
                    {"items", items},
                    {"title", window.title},
                    {"large", window.large},
                    {"preview", std::string(to_string(window.preview->kind))},
                    {"previewText", window.preview->text},
                    {"views", views},
                    {"activeView", window.state.active_view},
                    {"rect",
                     {{"x", window.content_min.x / ui_scale},
                      {"y", window.content_min.y / ui_scale},
                      {"width", (window.content_max.x - window.content_min.x) / ui_scale},
                      {"height", (window.content_max.y - window.content_min.y) / ui_scale}}}});
  }
  int n = std::min(all.frames, 32);
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += all.frame_ms[i];
  return {{"windows", list},
          {"textures", texture_count()},
          {"texturesPending", textures_pending()},
          {"drawMs", n ? sum / n : 0.0}};
}

}  // namespace llmos::preview

namespace {
std::string g_answer;
}

// window.llmos.debug.showPreview(outputs, skillId) -> {ok, id, preview, previewText, views}
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_show_preview(const char* outputs_json,
                                                                     const char* skill_id) {
  using namespace llmos;
  json answer;
  json outputs = json::parse(outputs_json, nullptr, false);
  const Skill* skill = preview::windows().lookup ? preview::windows().lookup(skill_id) : nullptr;
  if (outputs.is_discarded() || !outputs.is_object()) {
    answer = {{"ok", false},
              {"error", {{"code", "preview.outputs"}, {"message", "outputs must be a JSON object"}}}};
  } else if (!skill) {
    answer = {
        {"ok", false},
        {"error", {{"code", "preview.skill"}, {"message", std::string("unknown skill '") + skill_id + "'"}}}};
  } else {
    auto built = std::make_shared<const preview::Preview>(preview::make_preview(outputs, *skill));
    json views = json::array();
    for (const preview::View& view : built->views)
      views.push_back(std::string(preview::to_string(view.kind)));
    int id = preview::open_preview_window(built, skill->skill_id);
    answer = {{"ok", true},
              {"id", id},
              {"preview", std::string(preview::to_string(built->kind))},
              {"previewText", built->text},
              {"views", views}};
  }
  g_answer = answer.dump();
  return g_answer.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_preview_windows() {
  g_answer = llmos::preview::preview_windows_state(llmos::preview::windows().ui_scale).dump();
  return g_answer.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE void llmos_debug_open_large_view(int id) {
  for (auto& window : llmos::preview::windows().list) {
    if (window.id == id) {
      llmos::preview::open_large_view(window.preview, window.title);
      return;
    }
  }
}

extern "C" EMSCRIPTEN_KEEPALIVE void llmos_debug_close_previews() { llmos::preview::close_preview_windows(); }
