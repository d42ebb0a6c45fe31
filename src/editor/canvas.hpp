// The graph canvas: draws the open document's nodes, links, frames and
// reroutes on a pannable, zoomable plane, and turns mouse and keyboard input
// into document commands (model/commands.hpp). Immediate mode: the state
// below is the view and the gesture in progress; the graph is the document's.
#pragma once

#include "model/document.hpp"
#include "model/node_geometry.hpp"

#include "llmos/skill_library.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace llmos::editor {

inline constexpr float kMinZoom = 0.1f;
inline constexpr float kMaxZoom = 4.0f;

struct CanvasView {
  ImVec2 pan{0, 0};   // canvas-space point shown at the top-left of the region
  float zoom = 1.0f;  // screen pixels per canvas unit (before UI scale)
  bool show_grid = true;
};

// Canvas-space <-> screen-space for a region whose top-left is `origin`.
ImVec2 canvas_to_screen(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point);
ImVec2 screen_to_canvas(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point);

enum class CanvasDrag { none, pan, nodes, link, box, reroute };

// The quick-add popup (double-click, Tab, or a link dropped on empty canvas).
struct QuickAdd {
  bool open = false;
  bool just_opened = false;
  Vec2 at;           // canvas point the new node goes to
  ImVec2 screen_at;  // where the popup shows
  char query[96] = "";
  std::optional<PortRef> from_output;  // a dropped link: connect the new node's input to this output
  std::optional<PortRef> from_input;   // ... or its output to this input
  int highlighted = 0;
};

// What drawing reads per link and node, rebuilt when the graph's structure,
// the skills or the validation problems change, so a frame does no lookups
// by name, no string building and no scan of all links per node.
struct CanvasDrawCache {
  struct LinkEnds {
    std::uint32_t source = 0, target = 0;  // node indices
    std::uint32_t out_pin = 0, in_pin = 0;
    ImU32 colour = 0;       // the source port's type colour, or red when the validator names the link
    bool valid = false;     // both ends exist
    bool rerouted = false;  // has reroute points (drawn through them)
  };
  std::uint64_t structure = ~0ull;
  std::uint64_t problems = ~0ull;
  std::size_t library_size = 0;
  std::vector<LinkEnds> links;                 // aligned with graph.links
  std::vector<std::uint32_t> inputs, outputs;  // pin rows per node (placeholders: the file's ports)
  std::vector<std::uint32_t> first_input;      // per node: its rows' start in input_connected
  std::vector<char> input_connected;           // per input row: a link feeds it
  std::vector<int> node_problem;               // per node: index of the first error naming it, or -1
};

// The context menu (a right-click without dragging) on a node or, when
// `node` is empty, on the canvas background.
struct ContextMenu {
  bool just_opened = false;
  bool open = false;
  NodeId node;
  ImVec2 screen_at;  // where the click was
  struct Item {
    std::string label;
    ImVec2 centre;  // screen position, for the debug API
    bool enabled = true;
  };
  std::vector<Item> items;  // as drawn in the last frame
};

// Everything the canvas keeps between frames.
struct CanvasState {
  CanvasView view;
  std::unordered_set<NodeId> selected;
  std::optional<RerouteId> selected_reroute;
  std::optional<FrameId> selected_frame;

  CanvasDrag drag = CanvasDrag::none;
  ImVec2 drag_start_screen;
  Vec2 drag_start_canvas;
  std::uint64_t gesture = 0;
  std::vector<std::pair<NodeId, Vec2>> drag_nodes;  // positions when the drag started
  std::vector<std::pair<FrameId, Vec2>> drag_frames;
  std::vector<std::pair<RerouteId, Vec2>> drag_reroutes;
  PortRef link_anchor;  // where a link drag started
  bool link_from_output = true;
  std::string link_refusal;  // why the pin under the cursor refuses the link ("" = accepts)
  std::string last_refusal;  // the last refused link's message (debug API, status bar)

  QuickAdd quick_add;
  ContextMenu context_menu;
  bool space_panning = false;
  std::uint64_t value_gesture = 0;  // the parameter drag in progress

  // Per-frame geometry: what the debug API and hit-testing read.
  ImVec2 origin{0, 0};
  ImVec2 size{0, 0};
  float ui_scale = 1.0f;
  float base_font_pixels = 15.0f;         // the UI font's size (physical pixels) at zoom 1
  std::vector<NodeBox> boxes;             // aligned with document.graph().nodes
  std::vector<const Skill*> skills;       // aligned too; null = placeholder (unknown skill)
  std::uint64_t skills_revision = ~0ull;  // document structure revision the skills were looked up for
  std::size_t skills_library_size = 0;
  CanvasDrawCache cache;
  std::uint64_t document_identity = 0;  // the document shown; another one resets the view to its viewport
  bool fit_requested = false;           // frame all on the next frame (after loading)
  bool fit_shown_only = false;          // ... for a file without a viewport: not an edit (show_viewport)
  bool show_minimap = true;
  std::vector<ImU32> minimap_cells;  // reused each frame (no allocation)
  int visible_nodes = 0;             // drawn last frame (bench, status bar)
  // Links in the last frame (debug API): pulses of values being produced
  // (screen points of their dots) and the hovered link's tooltip.
  int pulsing_links = 0;
  std::vector<ImVec2> pulse_points;
  std::string hovered_link;
};

// Port names a node shows: its skill's, or for an unknown skill the ones
// its file uses (a placeholder node).
struct NodePorts {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};
NodePorts ports_of(const Graph& graph, const Node& node, const Skill* skill);
std::size_t input_count(const Graph& graph, const Node& node, const Skill* skill);
std::size_t output_count(const Graph& graph, const Node& node, const Skill* skill);

// Draws the canvas into the current window's remaining region and handles
// its input. `problems` are the document's validation diagnostics (shown on
// the nodes they name); `problems_serial` changes whenever they do.
void draw_canvas(CanvasState& state, EditorDocument& document, const SkillLibrary& library, float ui_scale,
                 const Diagnostics& problems, std::uint64_t problems_serial);

// View commands, also from menus and the zoom controls.
void frame_nodes(CanvasState& state, const EditorDocument& document, bool selection_only);
void zoom_by(CanvasState& state, float factor, ImVec2 around_screen);
void select_only(CanvasState& state, const std::vector<NodeId>& nodes);
std::vector<NodeId> selected_in_order(const CanvasState& state, const Graph& graph);

// Edit commands (menus and keys).
void delete_selection(CanvasState& state, EditorDocument& document);
void duplicate_selection(CanvasState& state, EditorDocument& document);
// The selection as workflow JSON ("" when nothing is selected); cut also deletes.
std::string copy_selection(CanvasState& state, EditorDocument& document, bool cut);
// Pastes workflow JSON at the mouse (or the view's centre); false if it is no workflow.
bool paste_text(CanvasState& state, EditorDocument& document, std::string_view text);
void layout_selection(CanvasState& state, EditorDocument& document);
void add_frame_around_selection(CanvasState& state, EditorDocument& document);
// Adds a node of `skill` at canvas point `at` and selects it.
std::optional<NodeId> add_skill_node(CanvasState& state, EditorDocument& document, const Skill& skill,
                                     Vec2 at);
// Canvas point at the centre of the visible region.
Vec2 view_centre(const CanvasState& state);
// Screen position of a pin (after the last drawn frame), nullopt if unknown.
std::optional<ImVec2> pin_screen_position(const CanvasState& state, const EditorDocument& document,
                                          const NodeId& node, std::string_view port, bool output);
// Screen position of the centre of a node's header
// (where a click selects the node), or nothing when the node is unknown.
std::optional<ImVec2> header_screen_position(const CanvasState& state, const EditorDocument& document,
                                             const NodeId& node);

}  // namespace llmos::editor
