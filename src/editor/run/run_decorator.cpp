// The node decorator: each node's run state in its header (badge, spinner
// with elapsed time, duration, cached, stale), a progress bar, an error in
// red with the skill file's line, and the preview of its outputs in its body.
// Scene previews are drawn by the 3D overlay (web/lib/scene-view.js) in the
// rectangle the node reserves; this file hands it the rectangles.
#include "link_summary.hpp"
#include "run_controller.hpp"
#include "run_view.hpp"

#include "preview_draw.hpp"
#include "preview_window.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <unordered_map>

#include "node_hooks.hpp"

// clang-format off
EM_JS(void, llmos_js_scene_frame, (const char* items), {
  if (Module.llmosRuns) Module.llmosRuns.sceneFrame(UTF8ToString(items));
});
EM_JS(void, llmos_js_open_scene_viewer, (const char* scene, const char* title), {
  if (Module.llmosRuns) Module.llmosRuns.openSceneViewer(UTF8ToString(scene), UTF8ToString(title));
});
// clang-format on

namespace llmos::run {
namespace {

constexpr float kPreviewHeight = 150.0f;  // canvas units reserved for a preview
constexpr float kErrorHeight = 46.0f;

struct SceneItem {
  std::string node;
  std::string hash;
  ImVec2 min, max, clip_min, clip_max;
};

struct ViewState {
  std::map<std::string, preview::PreviewState, std::less<>> previews;
  std::vector<SceneItem> scenes;  // this frame's
  bool had_scenes = false;        // the last frame's: the overlay must be cleared once
  std::unordered_map<std::string, std::string> scene_texts;  // hash -> scene JSON
  // Per shown preview: its hash (the weak pointer tells a reused address from the same preview).
  std::unordered_map<const preview::Preview*, std::pair<std::weak_ptr<const preview::Preview>, std::string>>
      scene_hashes;
  float ui_scale = 1.0f;
};

ViewState& view() {
  static ViewState instance;
  return instance;
}

ImU32 state_colour(NodeState state, bool stale) {
  if (stale) return IM_COL32(214, 170, 40, 255);
  switch (state) {
    case NodeState::pending:
    case NodeState::queued:
      return IM_COL32(120, 126, 140, 255);
    case NodeState::running:
      return IM_COL32(66, 135, 245, 255);
    case NodeState::done:
      return IM_COL32(56, 170, 90, 255);
    case NodeState::cached:
      return IM_COL32(40, 150, 160, 255);
    case NodeState::error:
      return IM_COL32(220, 60, 60, 255);
    case NodeState::skipped:
      return IM_COL32(100, 100, 110, 255);
    case NodeState::cancelled:
      return IM_COL32(230, 130, 40, 255);
    case NodeState::idle:
      break;
  }
  return IM_COL32(0, 0, 0, 0);
}

std::string duration_text(double ms) {
  char text[32];
  if (ms < 1000)
    std::snprintf(text, sizeof text, "%.0f ms", ms);
  else
    std::snprintf(text, sizeof text, "%.1f s", ms / 1000.0);
  return text;
}

std::string badge_text(const NodeRun& slot, double elapsed) {
  std::string text;
  switch (slot.state) {
    case NodeState::running:
      text = duration_text(elapsed);
      break;
    case NodeState::done:
      text = "done " + duration_text(slot.duration_ms);
      break;
    default:
      text = std::string(display_state(slot.state));
  }
  if (slot.stale) text += slot.state == NodeState::idle ? "stale" : " | stale";
  return text;
}

// A spinner: an arc turning once a second.
void draw_spinner(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour) {
  const float start = static_cast<float>(std::fmod(emscripten_get_now() / 1000.0, 1.0) * 2 * M_PI);
  draw->PathArcTo(centre, radius, start, start + 4.2f, 16);
  draw->PathStroke(colour, false, std::max(1.5f, radius * 0.3f));
}

std::string scene_hash(const std::shared_ptr<const preview::Preview>& shown) {
  ViewState& v = view();
  const auto found = v.scene_hashes.find(shown.get());
  if (found != v.scene_hashes.end() && found->second.first.lock() == shown) return found->second.second;
  const std::string text = shown->views.front().tree.dump();
  char hash[24];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(preview::content_hash(text)));
  v.scene_hashes[shown.get()] = {shown, hash};
  v.scene_texts[hash] = text;
  return hash;
}

void open_large(const std::string& node) {
  const NodeRun* slot = controller().board().find(node);
  if (!slot || !slot->preview || slot->preview->views.empty()) return;
  if (slot->preview->kind == preview::Kind::scene) {
    llmos_js_open_scene_viewer(slot->preview->views.front().tree.dump().c_str(), node.c_str());
    return;
  }
  preview::open_large_view(slot->preview, node + " (" + slot->skill_id + ")");
}

}  // namespace

void open_error_window(const std::string& node);  // run_panels.cpp

namespace {

float extra_height(const editor::NodeId& id, float /*zoom*/) {
  const NodeRun* slot = controller().board().find(id.value);
  if (!slot) return 0;
  if (slot->state == NodeState::error) return kErrorHeight;
  if (slot->preview && slot->preview->kind != preview::Kind::none) return kPreviewHeight;
  return 0;
}

void draw_decoration(const editor::NodeDrawContext& ctx) {
  const NodeRun* slot = controller().board().find(ctx.id.value);
  if (!slot) return;
  ImDrawList* draw = ctx.draw;
  ViewState& v = view();
  const float scale = ctx.zoom * v.ui_scale;
  const double now = emscripten_get_now();
  const ImU32 colour = state_colour(slot->state, slot->stale);

  // Header badge, right-aligned.
  if (slot->state != NodeState::idle || slot->stale) {
    const std::string text = badge_text(*slot, controller().board().elapsed_ms(ctx.id.value, now));
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize() * 0.85f;  // the canvas font is already at the zoom
    const ImVec2 text_size = font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str());
    const float pad = 4 * scale;
    const float spinner = slot->state == NodeState::running ? size : 0;
    const ImVec2 max(ctx.header.Max.x - pad,
                     ctx.header.Min.y + (ctx.header.GetHeight() + text_size.y) / 2 + 1);
    const ImVec2 min(max.x - text_size.x - 2 * pad - spinner, max.y - text_size.y - 2);
    draw->AddRectFilled(min, max, colour, 3 * scale);
    if (spinner > 0)
      draw_spinner(draw, ImVec2(min.x + pad + spinner / 2, (min.y + max.y) / 2), spinner * 0.35f,
                   IM_COL32_WHITE);
    draw->AddText(font, size, ImVec2(min.x + pad + spinner, min.y + 1), IM_COL32_WHITE, text.c_str());
  }
  // Progress bar along the bottom of the header.
  if (slot->state == NodeState::running && slot->progress >= 0) {
    const float h = std::max(2.0f, 3 * scale);
    const ImVec2 min(ctx.header.Min.x, ctx.header.Max.y - h);
    draw->AddRectFilled(min, ImVec2(ctx.header.Max.x, ctx.header.Max.y), IM_COL32(40, 40, 50, 255));
    draw->AddRectFilled(
        min,
        ImVec2(min.x + (ctx.header.Max.x - min.x) * static_cast<float>(slot->progress), ctx.header.Max.y),
        IM_COL32(90, 170, 255, 255));
  }
  // An error: red outline, the message and file:line; a click opens the source at the line.
  if (slot->state == NodeState::error) {
    draw->AddRect(ctx.header.Min, ImVec2(ctx.header.Max.x, ctx.body.Max.y), colour, 4 * scale, 0, 2 * scale);
    if (ctx.body.GetHeight() > 4) {
      const std::string where = controller().board().error_location(ctx.id.value);
      const float size = ImGui::GetFontSize() * 0.85f;  // the canvas font is already at the zoom
      draw->PushClipRect(ctx.body.Min, ctx.body.Max, true);
      draw->AddText(ImGui::GetFont(), size, ImVec2(ctx.body.Min.x + 4 * scale, ctx.body.Min.y + 2 * scale),
                    IM_COL32(255, 140, 140, 255), where.c_str(), nullptr, ctx.body.GetWidth() - 8 * scale);
      draw->PopClipRect();
      if (ImGui::IsMouseHoveringRect(ctx.body.Min, ctx.body.Max) &&
          ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        open_error_window(ctx.id.value);
    }
    return;
  }
  if (!slot->preview || slot->preview->kind == preview::Kind::none || ctx.body.GetHeight() < 8) return;
  const ImVec2 min(ctx.body.Min.x + 4 * scale, ctx.body.Min.y + 2 * scale);
  const ImVec2 max(ctx.body.Max.x - 4 * scale, ctx.body.Max.y - 4 * scale);
  if (slot->preview->kind == preview::Kind::scene) {
    // The overlay draws the scene here; under it, the scene's own background colour.
    draw->AddRectFilled(min, max, IM_COL32(30, 30, 46, 255));
    v.scenes.push_back(
        {ctx.id.value, scene_hash(slot->preview), min, max, draw->GetClipRectMin(), draw->GetClipRectMax()});
    if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
      open_large(ctx.id.value);
    return;
  }
  preview::DrawOptions options;
  options.scale = scale;
  options.zoom = ctx.zoom;
  if (preview::draw_node_preview(*slot->preview, v.previews[ctx.id.value], min, max, options))
    open_large(ctx.id.value);
}

// The nodes whose outgoing links pulse: those running now.
std::vector<editor::NodeId> producing_nodes() {
  std::vector<editor::NodeId> out;
  if (!controller().board().running()) return out;
  for (const auto& [id, slot] : controller().board().nodes())
    if (slot.state == NodeState::running) out.emplace_back(id);
  return out;
}

// A link's tooltip: the value the source's last result put on the port.
std::string link_summary(const editor::NodeId& source, const std::string& port, PortType type) {
  const NodeRun* slot = controller().board().find(source.value);
  if (slot && slot->state == NodeState::running) return std::string(to_string(type)) + ": being produced";
  const json* value = nullptr;
  if (slot && slot->outputs && slot->outputs->is_object())
    if (const auto found = slot->outputs->find(port); found != slot->outputs->end()) value = &*found;
  std::string text = link_value_summary(type, value);
  if (value && slot->stale) text += " (stale: edited since)";
  return text;
}

}  // namespace

void install_node_decorator() {
  editor::NodeDecorator decorator;
  decorator.extra_body_height = extra_height;
  decorator.draw = draw_decoration;
  decorator.open_large_view = [](const editor::NodeId& id) { open_large(id.value); };
  decorator.producing_nodes = producing_nodes;
  decorator.link_summary = link_summary;
  decorator.node_menu = [](const editor::NodeId& id) { return node_run_actions(id.value); };
  decorator.canvas_menu = canvas_run_actions;
  editor::set_node_decorator(std::move(decorator));
}

void end_frame(float ui_scale) {
  ViewState& v = view();
  v.ui_scale = ui_scale;
  if (v.scenes.empty() && !v.had_scenes) return;
  json items = json::array();
  const auto css = [&](float value) { return value / ui_scale; };
  for (const auto& item : v.scenes)
    items.push_back({{"id", item.node},
                     {"hash", item.hash},
                     {"x", css(item.min.x)},
                     {"y", css(item.min.y)},
                     {"w", css(item.max.x - item.min.x)},
                     {"h", css(item.max.y - item.min.y)},
                     {"clip",
                      {{"x", css(item.clip_min.x)},
                       {"y", css(item.clip_min.y)},
                       {"w", css(item.clip_max.x - item.clip_min.x)},
                       {"h", css(item.clip_max.y - item.clip_min.y)}}}});
  llmos_js_scene_frame(items.dump().c_str());
  v.had_scenes = !v.scenes.empty();
  v.scenes.clear();
  // Previews replaced by a new run leave their hash entries: drop those no node shows.
  if (v.scene_hashes.size() > 64)
    std::erase_if(v.scene_hashes, [](const auto& e) { return e.second.first.expired(); });
}

json preview_data(const std::string& node) {
  const NodeRun* slot = controller().board().find(node);
  json views = json::array();
  if (slot && slot->preview)
    for (const preview::View& shown : slot->preview->views) views.push_back(preview::view_data(shown));
  return views;
}

const char* scene_text(const std::string& hash) {
  const auto found = view().scene_texts.find(hash);
  return found == view().scene_texts.end() ? "" : found->second.c_str();
}

namespace {

json node_debug_fields(const std::string& id, const NodeRun& slot, double now) {
  json node{{"state", std::string(display_state(slot.state))},
            {"preview", slot.preview ? std::string(preview::to_string(slot.preview->kind)) : "none"},
            {"previewText", slot.preview ? slot.preview->text : ""},
            {"stale", slot.stale},
            {"durationMs", controller().board().elapsed_ms(id, now)},
            {"progress", slot.progress}};
  if (slot.preview && !slot.preview->views.empty()) {
    // Each view in words, the tab shown and where it is (CSS pixels) for tests.
    json views = json::array();
    for (const preview::View& shown : slot.preview->views)
      views.push_back({{"kind", std::string(preview::to_string(shown.kind))},
                       {"tab", shown.tab},
                       {"text", preview::view_text(shown)}});
    node["views"] = std::move(views);
    const auto state = view().previews.find(id);
    if (state != view().previews.end()) {
      const float s = view().ui_scale;
      const auto css = [s](const ImRect& r) {
        return json{{"x", r.Min.x / s},
                    {"y", r.Min.y / s},
                    {"width", r.GetWidth() / s},
                    {"height", r.GetHeight() / s}};
      };
      node["activeView"] = slot.preview->tabs ? state->second.active_view : 0;
      node["previewRect"] = css(state->second.view_rect);
      json tabs = json::array();
      for (const ImRect& r : state->second.tab_rects) tabs.push_back(css(r));
      node["tabRects"] = std::move(tabs);
    }
  }
  if (slot.error) {
    node["error"] = slot.error->to_json();
    if (slot.state == NodeState::error) node["errorLocation"] = controller().board().error_location(id);
  }
  return node;
}

}  // namespace

void add_debug_node_fields(const std::string& node, json& entry) {
  const NodeRun* slot = controller().board().find(node);
  if (!slot) {
    entry["state"] = "idle";
    entry["preview"] = "none";
    entry["previewText"] = "";
    return;
  }
  // A named value: items() of a temporary would outlive it (range-for keeps
  // only the proxy alive), and the fields came out empty.
  const json fields = node_debug_fields(node, *slot, emscripten_get_now());
  for (const auto& [key, value] : fields.items()) entry[key] = value;
}

json debug_state() {
  RunController& c = controller();
  json nodes = json::object();
  const double now = emscripten_get_now();
  for (const auto& [id, slot] : c.board().nodes()) nodes[id] = node_debug_fields(id, slot, now);
  json sweep = nullptr;
  if (const auto& s = c.sweep())
    sweep = {
        {"steps", s->steps()}, {"finished", s->steps_finished()}, {"series", s->overlay().series.size()}};
  return {{"nodes", std::move(nodes)},
          {"running", c.live()},
          {"status", c.status()},
          {"consoleLines", c.console().lines().size()},
          {"history", c.history().records().size()},
          {"sweep", std::move(sweep)},
          {"readiness", {{"python", c.readiness().python}, {"spice", c.readiness().spice}}}};
}

}  // namespace llmos::run
