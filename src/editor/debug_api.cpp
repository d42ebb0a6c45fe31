#include "debug_api.hpp"

#include "app.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace llmos::editor {
namespace {

using llmos::json;

DebugNodeExtras& extras() {
  static DebugNodeExtras hook;
  return hook;
}

std::string& answer() {
  static std::string text;  // kept alive until the next call (ccall copies it)
  return text;
}

}  // namespace

// {"x","y"} or null, as the page reads it.
const char* point_or_null(std::optional<ImVec2> point) {
  answer() = point ? json{{"x", point->x}, {"y", point->y}}.dump() : "null";
  return answer().c_str();
}

void set_debug_node_extras(DebugNodeExtras hook) { extras() = std::move(hook); }

}  // namespace llmos::editor

using llmos::json;
using llmos::editor::current_app_state;
using llmos::editor::point_or_null;

// {nodes:[{nodeId, skillId, x, y, w, h, inputValues}], links:[...], selection, viewport}
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_state() {
  using namespace llmos::editor;
  json state = json::object();
  json nodes = json::array(), links = json::array(), selection = json::array();
  if (AppState* app = current_app_state()) {
    const Graph& graph = app->document.graph();
    const auto& boxes = app->canvas.boxes;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      const Node& node = graph.nodes[i];
      json entry = {
          {"nodeId", node.id.value}, {"skillId", node.skill_id}, {"x", node.pos.x}, {"y", node.pos.y}};
      entry["w"] = i < boxes.size() ? boxes[i].w : kNodeWidth;
      entry["h"] = i < boxes.size() ? boxes[i].h : kHeaderHeight;
      entry["inputValues"] = node.input_values;
      entry["collapsed"] = node.collapsed;
      entry["placeholder"] = i < app->canvas.skills.size() && app->canvas.skills[i] == nullptr;
      if (extras()) extras()(node.id, entry);
      nodes.push_back(std::move(entry));
    }
    for (const Link& link : graph.links)
      links.push_back({{"source", link.source.node.value},
                       {"sourceOutput", link.source.port},
                       {"target", link.target.node.value},
                       {"targetInput", link.target.port}});
    for (const NodeId& id : selected_in_order(app->canvas, graph)) selection.push_back(id.value);
    state["frames"] = graph.frames.size();
    state["reroutes"] = graph.reroutes.size();
    state["viewport"] = {
        {"x", app->canvas.view.pan.x}, {"y", app->canvas.view.pan.y}, {"zoom", app->canvas.view.zoom}};
    state["canvas"] = {{"x", app->canvas.origin.x},
                       {"y", app->canvas.origin.y},
                       {"width", app->canvas.size.x},
                       {"height", app->canvas.size.y}};
    state["lastRefusal"] = app->canvas.last_refusal;
    state["undo"] = app->document.undo_label();
    state["redo"] = app->document.redo_label();
    state["visibleNodes"] = app->canvas.visible_nodes;
    state["quickAddOpen"] = app->canvas.quick_add.open;
    // The right-click menu and the links' run decorations (screen pixels).
    const ContextMenu& menu = app->canvas.context_menu;
    json items = json::array();
    for (const auto& item : menu.items)
      items.push_back(
          {{"label", item.label}, {"x", item.centre.x}, {"y", item.centre.y}, {"enabled", item.enabled}});
    state["contextMenu"] = {{"open", menu.open}, {"node", menu.node.value}, {"items", std::move(items)}};
    json pulses = json::array();
    for (const ImVec2& point : app->canvas.pulse_points) pulses.push_back({{"x", point.x}, {"y", point.y}});
    state["pulsingLinks"] = app->canvas.pulsing_links;
    state["pulsePoints"] = std::move(pulses);
    state["hoveredLink"] = app->canvas.hovered_link;
    json problems = json::array();
    for (const llmos::Diagnostic& diagnostic : app->problems)
      problems.push_back({{"code", diagnostic.code},
                          {"message", diagnostic.message},
                          {"nodeId", diagnostic.where.node_id},
                          {"pointer", diagnostic.where.json_pointer}});
    state["problems"] = std::move(problems);
  } else {
    state["viewport"] = {{"x", 0}, {"y", 0}, {"zoom", 1}};
  }
  state["nodes"] = std::move(nodes);
  state["links"] = std::move(links);
  state["selection"] = std::move(selection);
  answer() = state.dump();
  return answer().c_str();
}

// Screen position (drawing-buffer pixels) of a pin: direction "in" or "out".
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_pin_position(const char* node_id, const char* port,
                                                                     const char* direction) {
  llmos::editor::AppState* app = current_app_state();
  if (!app) return point_or_null(std::nullopt);
  return point_or_null(llmos::editor::pin_screen_position(app->canvas, app->document, llmos::NodeId(node_id),
                                                          port, std::string_view(direction) == "out"));
}

// Screen position of a node's header (a click there selects the node).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_header_position(const char* node_id) {
  llmos::editor::AppState* app = current_app_state();
  if (!app) return point_or_null(std::nullopt);
  return point_or_null(
      llmos::editor::header_screen_position(app->canvas, app->document, llmos::NodeId(node_id)));
}

// Screen position of a skill's palette row (null when not on screen).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_palette_item_position(const char* skill_id) {
  llmos::editor::AppState* app = current_app_state();
  if (!app) return point_or_null(std::nullopt);
  auto found = app->palette.item_centres.find(skill_id);
  return point_or_null(found == app->palette.item_centres.end() ? std::nullopt
                                                                : std::optional(found->second));
}

// The "Edit a copy" window: its text, live diagnostics and where its parts
// are on screen (drawing-buffer pixels).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_skill_editor() {
  llmos::editor::AppState* app = current_app_state();
  static std::string text;
  text = app ? llmos::editor::skill_editor_debug_json(app->skill_editor) : "null";
  return text.c_str();
}
