// The graph canvas. Sections: geometry and lookups; drawing (grid, frames,
// links, nodes with their widgets, overlays); input (mouse gestures, keys);
// edit and view commands shared with the menus.
#include "canvas.hpp"

#include "canvas_text.hpp"

#include "model/auto_layout.hpp"
#include "model/clipboard.hpp"
#include "model/skill_search.hpp"
#include "node_hooks.hpp"
#include "node_widgets.hpp"
#include "palette.hpp"

#include "llmos/check_edge.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace llmos::editor {
namespace {

constexpr float kGridStep = 32.0f;  // canvas units between minor lines
constexpr int kMajorEvery = 4;
constexpr ImU32 kMinorLine = IM_COL32(38, 42, 50, 255);
constexpr ImU32 kMajorLine = IM_COL32(52, 58, 70, 255);
constexpr ImU32 kNodeBody = IM_COL32(44, 48, 58, 255);
constexpr ImU32 kNodeBorder = IM_COL32(70, 76, 90, 255);
constexpr ImU32 kSelectedBorder = IM_COL32(255, 190, 70, 255);
constexpr ImU32 kErrorBorder = IM_COL32(235, 80, 80, 255);
constexpr ImU32 kText = IM_COL32(225, 228, 235, 255);
constexpr ImU32 kDimText = IM_COL32(150, 156, 170, 255);
constexpr ImU32 kLinkColour = IM_COL32(160, 170, 190, 255);
constexpr ImU32 kRefused = IM_COL32(235, 80, 80, 255);
constexpr ImU32 kAccepted = IM_COL32(110, 210, 120, 255);

// Level of detail, in screen pixels per canvas unit: below these, nodes
// drop their widgets, pin labels, pins and rounded corners, and text smaller
// than kMinTextPixels becomes a stripe.
constexpr float kWidgetScale = 0.55f;
constexpr float kLabelScale = 0.4f;
constexpr float kRoundingScale = 0.3f;
constexpr float kPinScale = 0.2f;
constexpr float kStripeScale = 0.05f;
constexpr float kMinTextPixels = 6.0f;

ImVec2 to_im(Vec2 v) { return ImVec2(static_cast<float>(v.x), static_cast<float>(v.y)); }
Vec2 to_vec(ImVec2 v) { return Vec2{v.x, v.y}; }

float scale_of(const CanvasState& state) { return state.view.zoom * state.ui_scale; }

ImVec2 to_screen(const CanvasState& state, Vec2 p) {
  return canvas_to_screen(state.view, state.origin, state.ui_scale, to_im(p));
}
Vec2 to_canvas(const CanvasState& state, ImVec2 p) {
  return to_vec(screen_to_canvas(state.view, state.origin, state.ui_scale, p));
}

// A port's type colour (pins and links).
ImU32 type_colour(PortType type) {
  switch (type) {
    case PortType::float_:
    case PortType::int_:
      return IM_COL32(120, 200, 255, 255);
    case PortType::bool_:
      return IM_COL32(230, 120, 120, 255);
    case PortType::string:
    case PortType::enum_:
      return IM_COL32(240, 220, 120, 255);
    case PortType::color:
      return IM_COL32(250, 150, 220, 255);
    case PortType::array:
    case PortType::series:
      return IM_COL32(130, 230, 160, 255);
    case PortType::object:
      return IM_COL32(190, 160, 250, 255);
    case PortType::image:
    case PortType::svg:
      return IM_COL32(255, 170, 90, 255);
    case PortType::scene:
      return IM_COL32(90, 220, 220, 255);
    case PortType::netlist:
      return IM_COL32(240, 140, 60, 255);
    case PortType::any:
      break;
  }
  return IM_COL32(200, 200, 200, 255);
}

std::optional<std::size_t> port_index(const std::vector<Port>& ports, std::string_view name) {
  for (std::size_t i = 0; i < ports.size(); ++i)
    if (ports[i].name == name) return i;
  return std::nullopt;
}

std::optional<std::size_t> name_index(const std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

// Index of a pin in its node's rows, for skills and placeholders alike.
std::optional<std::size_t> pin_index(const Graph& graph, const Node& node, const Skill* skill,
                                     std::string_view port, bool output) {
  if (skill) return port_index(output ? skill->outputs : skill->inputs, port);
  FilePorts ports = file_ports(graph, node.id);
  return name_index(output ? ports.outputs : ports.inputs, port);
}

void refresh_skills(CanvasState& state, const EditorDocument& document, const SkillLibrary& library) {
  const Graph& graph = document.graph();
  if (state.skills_revision == document.structure_revision() && state.skills_library_size == library.size() &&
      state.skills.size() == graph.nodes.size())
    return;
  state.skills.resize(graph.nodes.size());
  for (std::size_t i = 0; i < graph.nodes.size(); ++i)
    state.skills[i] = library.find(graph.nodes[i].skill_id);
  state.skills_revision = document.structure_revision();
  state.skills_library_size = library.size();
}

// The link index an error's JSON pointer names ("/edges/3" or "/edges/3/..."), if any.
std::optional<std::size_t> edge_of_pointer(std::string_view pointer) {
  constexpr std::string_view prefix = "/edges/";
  if (pointer.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::size_t index = 0, at = prefix.size();
  if (at >= pointer.size() || !std::isdigit(static_cast<unsigned char>(pointer[at]))) return std::nullopt;
  for (; at < pointer.size() && std::isdigit(static_cast<unsigned char>(pointer[at])); ++at)
    index = index * 10 + static_cast<std::size_t>(pointer[at] - '0');
  if (at < pointer.size() && pointer[at] != '/') return std::nullopt;
  return index;
}

void refresh_draw_cache(CanvasState& state, const EditorDocument& document, const SkillLibrary& library,
                        const Diagnostics& problems, std::uint64_t problems_serial) {
  CanvasDrawCache& cache = state.cache;
  const Graph& graph = document.graph();
  if (cache.structure == document.structure_revision() && cache.problems == problems_serial &&
      cache.library_size == library.size() && cache.inputs.size() == graph.nodes.size() &&
      cache.links.size() == graph.links.size())
    return;
  cache.structure = document.structure_revision();
  cache.problems = problems_serial;
  cache.library_size = library.size();

  const std::size_t count = graph.nodes.size();
  cache.inputs.assign(count, 0);
  cache.outputs.assign(count, 0);
  cache.first_input.assign(count, 0);
  std::uint32_t rows = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const Node& node = graph.nodes[i];
    const Skill* skill = state.skills[i];
    cache.inputs[i] = static_cast<std::uint32_t>(input_count(graph, node, skill));
    cache.outputs[i] = static_cast<std::uint32_t>(output_count(graph, node, skill));
    cache.first_input[i] = rows;
    rows += cache.inputs[i];
  }
  cache.input_connected.assign(rows, 0);

  std::vector<char> broken(graph.links.size(), 0);
  cache.node_problem.assign(count, -1);
  for (std::size_t p = 0; p < problems.size(); ++p) {
    const Diagnostic& diagnostic = problems.items()[p];
    if (diagnostic.severity != Severity::error) continue;
    if (auto edge = edge_of_pointer(diagnostic.where.json_pointer); edge && *edge < broken.size())
      broken[*edge] = 1;
    if (diagnostic.where.node_id.empty()) continue;
    if (auto index = document.node_index(NodeId(diagnostic.where.node_id));
        index && cache.node_problem[*index] < 0)
      cache.node_problem[*index] = static_cast<int>(p);
  }

  std::vector<char> rerouted(graph.links.size(), 0);
  for (const Reroute& reroute : graph.reroutes)
    if (const Link* link = document.find_link(reroute.link))
      rerouted[static_cast<std::size_t>(link - graph.links.data())] = 1;

  cache.links.assign(graph.links.size(), {});
  for (std::size_t l = 0; l < graph.links.size(); ++l) {
    const Link& link = graph.links[l];
    CanvasDrawCache::LinkEnds& ends = cache.links[l];
    auto source = document.node_index(link.source.node), target = document.node_index(link.target.node);
    if (!source || !target) continue;
    const Skill* source_skill = state.skills[*source];
    auto out = pin_index(graph, graph.nodes[*source], source_skill, link.source.port, true);
    auto in = pin_index(graph, graph.nodes[*target], state.skills[*target], link.target.port, false);
    ends.source = static_cast<std::uint32_t>(*source);
    ends.target = static_cast<std::uint32_t>(*target);
    ends.out_pin = static_cast<std::uint32_t>(out.value_or(0));
    ends.in_pin = static_cast<std::uint32_t>(in.value_or(0));
    const Port* port = source_skill ? source_skill->find_output(link.source.port) : nullptr;
    ends.colour = broken[l] ? kRefused : type_colour(port ? port->type : PortType::any);
    ends.valid = true;
    ends.rerouted = rerouted[l] != 0;
    if (in && *in < cache.inputs[*target]) cache.input_connected[cache.first_input[*target] + *in] = 1;
  }
}

void compute_boxes(CanvasState& state, const EditorDocument& document) {
  const Graph& graph = document.graph();
  const NodeDecorator& decorator = node_decorator();
  state.boxes.resize(graph.nodes.size());
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    const double extra =
        decorator.extra_body_height ? decorator.extra_body_height(node.id, state.view.zoom) : 0.0;
    state.boxes[i] = node_box(node, state.cache.inputs[i], state.cache.outputs[i], extra);
  }
}

struct Hit {
  std::optional<std::size_t> node;
  NodeHit part;
};

// Topmost first: the last drawn node wins.
Hit hit_test(const CanvasState& state, Vec2 point) {
  const double slop = std::max(kPinRadius + 3, 8.0 / scale_of(state));
  for (std::size_t i = state.boxes.size(); i-- > 0;) {
    NodeHit part = hit_node(state.boxes[i], point, slop);
    if (part.part != NodePart::none) return {i, part};
  }
  return {};
}

// The points a link passes through: output pin, its reroutes, input pin.
bool link_endpoints(const CanvasState& state, const EditorDocument& document, const Link& link, Vec2& from,
                    Vec2& to) {
  auto source = document.node_index(link.source.node), target = document.node_index(link.target.node);
  if (!source || !target || *source >= state.boxes.size() || *target >= state.boxes.size()) return false;
  const Graph& graph = document.graph();
  auto out = pin_index(graph, graph.nodes[*source], state.skills[*source], link.source.port, true);
  auto in = pin_index(graph, graph.nodes[*target], state.skills[*target], link.target.port, false);
  from = output_pin(state.boxes[*source], out.value_or(0));
  to = input_pin(state.boxes[*target], in.value_or(0));
  return true;
}

PortType link_type(const CanvasState& state, const EditorDocument& document, const Link& link) {
  auto source = document.node_index(link.source.node);
  if (!source || !state.skills[*source]) return PortType::any;
  const Port* port = state.skills[*source]->find_output(link.source.port);
  return port ? port->type : PortType::any;
}

// A link's control points in screen pixels (horizontal tangents, reach bounded).
void bezier_controls(ImVec2 from, ImVec2 to, float scale, ImVec2& c1, ImVec2& c2) {
  const float reach = std::clamp(std::abs(to.x - from.x) * 0.5f, 40.0f * scale, 200.0f * scale);
  c1 = ImVec2(from.x + reach, from.y);
  c2 = ImVec2(to.x - reach, to.y);
}

// The link within 6 screen pixels of canvas point `p` (links through
// reroutes: any of their pieces), or nullptr.
const Link* link_under(const CanvasState& state, const EditorDocument& document, Vec2 p) {
  const double slop = 6 / scale_of(state);
  for (const Link& link : document.graph().links) {
    Vec2 from, to;
    if (!link_endpoints(state, document, link, from, to)) continue;
    const auto reroutes =
        document.graph().reroutes.empty() ? std::vector<const Reroute*>{} : document.reroutes_of(link.id);
    Vec2 previous = from;
    for (std::size_t i = 0; i <= reroutes.size(); ++i) {
      const Vec2 next = i < reroutes.size() ? reroutes[i]->pos : to;
      // Cheap rejection first: outside the piece's box (widened by a bezier's reach).
      const bool near =
          p.x >= std::min(previous.x, next.x) - 200 && p.x <= std::max(previous.x, next.x) + 200 &&
          p.y >= std::min(previous.y, next.y) - slop && p.y <= std::max(previous.y, next.y) + slop;
      if (near && distance_to_link(previous, next, p) < slop) return &link;
      previous = next;
    }
  }
  return nullptr;
}

void draw_bezier(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float thickness, float scale) {
  ImVec2 c1, c2;
  bezier_controls(from, to, scale, c1, c2);
  // Segments follow the on-screen length (about one per 10 px): a link a few
  // pixels long at a far zoom is a line, a long one stays smooth.
  const float length = std::abs(to.x - from.x) + std::abs(to.y - from.y) + 2 * (c1.x - from.x);
  if (length < 10.0f) {
    draw->AddLine(from, to, colour, thickness);
    return;
  }
  const int segments = std::clamp(static_cast<int>(length / 10.0f), 3, 40);
  draw->AddBezierCubic(from, c1, c2, to, colour, thickness, segments);
}

// A value being produced: dots travelling from the output along the link
// (through its reroutes) to the input, a full pass every 1.5 s. The frames
// that move them come from the decorator (its producing nodes animate).
void draw_pulse(CanvasState& state, ImDrawList* draw, Vec2 from, Vec2 to,
                const std::vector<const Reroute*>& reroutes, ImU32 colour) {
  constexpr int kDots = 3;
  const float scale = scale_of(state);
  std::vector<ImVec2> points{to_screen(state, from)};
  for (const Reroute* reroute : reroutes) points.push_back(to_screen(state, reroute->pos));
  points.push_back(to_screen(state, to));
  const double segments = static_cast<double>(points.size() - 1);
  const double phase = std::fmod(ImGui::GetTime() / 1.5, 1.0);
  const float radius = std::max(3.0f, 4.5f * scale);
  for (int dot = 0; dot < kDots; ++dot) {
    const double along = std::fmod(phase + static_cast<double>(dot) / kDots, 1.0) * segments;
    const auto s = std::min(static_cast<std::size_t>(along), points.size() - 2);
    ImVec2 c1, c2;
    bezier_controls(points[s], points[s + 1], scale, c1, c2);
    const ImVec2 p = ImBezierCubicCalc(points[s], c1, c2, points[s + 1], static_cast<float>(along - s));
    draw->AddCircleFilled(p, radius + 2 * scale, (colour & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 110));
    draw->AddCircleFilled(p, radius, IM_COL32_WHITE);
    state.pulse_points.push_back(p);
  }
  ++state.pulsing_links;
}

// Chain of beziers through reroutes.
void draw_link_path(const CanvasState& state, ImDrawList* draw, Vec2 from, Vec2 to,
                    const std::vector<const Reroute*>& reroutes, ImU32 colour, float thickness) {
  const float scale = scale_of(state);
  ImVec2 previous = to_screen(state, from);
  for (const Reroute* reroute : reroutes) {
    const ImVec2 point = to_screen(state, reroute->pos);
    draw_bezier(draw, previous, point, colour, thickness, scale);
    const bool selected = state.selected_reroute && *state.selected_reroute == reroute->id;
    draw->AddCircleFilled(point, 5.0f * scale, selected ? kSelectedBorder : colour);
    previous = point;
  }
  draw_bezier(draw, previous, to_screen(state, to), colour, thickness, scale);
}

void draw_grid(ImDrawList* draw, const CanvasState& state) {
  const float step = kGridStep * scale_of(state);
  if (step < 6.0f) return;  // too dense to be useful
  const long first_x = static_cast<long>(std::floor(state.view.pan.x / kGridStep));
  const long first_y = static_cast<long>(std::floor(state.view.pan.y / kGridStep));
  for (long i = first_x;; ++i) {
    const float x = to_screen(state, Vec2{i * kGridStep, 0.0}).x;
    if (x > state.origin.x + state.size.x) break;
    draw->AddLine(ImVec2(x, state.origin.y), ImVec2(x, state.origin.y + state.size.y),
                  (i % kMajorEvery == 0) ? kMajorLine : kMinorLine);
  }
  for (long j = first_y;; ++j) {
    const float y = to_screen(state, Vec2{0.0, j * kGridStep}).y;
    if (y > state.origin.y + state.size.y) break;
    draw->AddLine(ImVec2(state.origin.x, y), ImVec2(state.origin.x + state.size.x, y),
                  (j % kMajorEvery == 0) ? kMajorLine : kMinorLine);
  }
}

ImU32 parse_frame_colour(const std::string& text, int alpha) {
  unsigned r = 74, g = 90, b = 120;
  if (text.size() == 7) std::sscanf(text.c_str(), "#%02x%02x%02x", &r, &g, &b);
  return IM_COL32(r, g, b, alpha);
}

void draw_frames(ImDrawList* draw, const CanvasState& state, const Graph& graph) {
  const float scale = scale_of(state);
  const float font_size = state.base_font_pixels * state.view.zoom;
  ImFont* font = canvas_font(font_size);
  for (const Frame& frame : graph.frames) {
    const ImVec2 a = to_screen(state, frame.pos);
    const ImVec2 b = to_screen(state, Vec2{frame.pos.x + frame.size.x, frame.pos.y + frame.size.y});
    const bool selected = state.selected_frame && *state.selected_frame == frame.id;
    draw->AddRectFilled(a, b, parse_frame_colour(frame.color, 60), 6 * scale);
    draw->AddRectFilled(a, ImVec2(b.x, a.y + kHeaderHeight * scale), parse_frame_colour(frame.color, 160),
                        6 * scale, ImDrawFlags_RoundCornersTop);
    draw->AddRect(a, b, selected ? kSelectedBorder : parse_frame_colour(frame.color, 200), 6 * scale);
    if (font_size >= 5)
      draw->AddText(font, font_size, ImVec2(a.x + 8 * scale, a.y + (kHeaderHeight * scale - font_size) / 2),
                    kText, frame.title.empty() ? "Frame" : frame.title.c_str());
  }
}

bool visible(const CanvasState& state, const NodeBox& box) {
  const ImVec2 a = to_screen(state, Vec2{box.x, box.y});
  const ImVec2 b = to_screen(state, Vec2{box.x + box.w, box.y + box.h});
  return b.x >= state.origin.x && a.x <= state.origin.x + state.size.x && b.y >= state.origin.y &&
         a.y <= state.origin.y + state.size.y;
}

// The decorator (run state, previews) draws on the node after it.
void decorate_node(const CanvasState& state, const Node& node, const NodeBox& box, ImVec2 a, ImVec2 b,
                   float header) {
  const NodeDecorator& decorator = node_decorator();
  if (!decorator.draw) return;
  NodeDrawContext context;
  context.id = node.id;
  context.skill_id = node.skill_id;
  context.header = ImRect(a, ImVec2(b.x, a.y + header));
  context.body = ImRect(ImVec2(a.x, to_screen(state, Vec2{box.x, extra_area_y(box)}).y), b);
  context.zoom = state.view.zoom;
  context.draw = ImGui::GetWindowDrawList();
  decorator.draw(context);
}

// Pixel height of node text at the current zoom (the UI font's size is
// already in physical pixels).
float node_text_pixels(const CanvasState& state) { return state.base_font_pixels * state.view.zoom; }

void draw_node(CanvasState& state, EditorDocument& document, std::size_t index) {
  const Graph& graph = document.graph();
  const Node& node = graph.nodes[index];
  const Skill* skill = state.skills[index];
  const NodeBox& box = state.boxes[index];
  const CanvasDrawCache& cache = state.cache;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = scale_of(state);
  const ImVec2 a = to_screen(state, Vec2{box.x, box.y});
  const ImVec2 b = to_screen(state, Vec2{box.x + box.w, box.y + box.h});
  const float header = static_cast<float>(kHeaderHeight) * scale;
  // Level of detail: rounded corners, pins, text and widgets only where they
  // are big enough to see (a far zoom draws each node as three rectangles).
  const float rounding = scale >= kRoundingScale ? 5 * scale : 0.0f;
  const bool selected = state.selected.count(node.id) > 0;
  const int problem_index = skill && index < cache.node_problem.size() ? cache.node_problem[index] : -1;

  draw->AddRectFilled(a, b, kNodeBody, rounding);
  const ImU32 header_colour = skill ? node_type_colour(skill->type) : IM_COL32(110, 110, 118, 255);
  draw->AddRectFilled(a, ImVec2(b.x, a.y + header), header_colour, rounding,
                      node.collapsed ? ImDrawFlags_RoundCornersAll : ImDrawFlags_RoundCornersTop);
  const ImU32 border = selected                         ? kSelectedBorder
                       : (problem_index >= 0 || !skill) ? kErrorBorder
                                                        : kNodeBorder;
  if (selected || problem_index >= 0 || !skill || scale >= kPinScale)
    draw->AddRect(a, b, border, rounding, 0, selected ? 2.0f : 1.0f);

  ImFont* font = ImGui::GetFont();  // the canvas font for this zoom (draw_canvas pushed it)
  const float font_size = ImGui::GetFontSize();
  const ImVec4 clip(a.x, a.y, b.x - 4 * scale, b.y);
  const bool text = node_text_pixels(state) >= kMinTextPixels;
  if (text) {
    // Collapse arrow, then the title in dark text on the type colour.
    const float arrow = 5 * scale;
    const ImVec2 centre(a.x + header / 2, a.y + header / 2);
    if (node.collapsed)
      draw->AddTriangleFilled(ImVec2(centre.x - arrow / 2, centre.y - arrow),
                              ImVec2(centre.x + arrow, centre.y),
                              ImVec2(centre.x - arrow / 2, centre.y + arrow), IM_COL32(20, 20, 24, 255));
    else
      draw->AddTriangleFilled(ImVec2(centre.x - arrow, centre.y - arrow / 2),
                              ImVec2(centre.x + arrow, centre.y - arrow / 2),
                              ImVec2(centre.x, centre.y + arrow), IM_COL32(20, 20, 24, 255));
    const std::string& title = skill ? (skill->name.empty() ? skill->skill_id : skill->name) : node.skill_id;
    ImVec2 at(a.x + header, a.y + (header - font_size) / 2);
    if (!skill) {
      draw->AddText(font, font_size, at, IM_COL32(20, 20, 24, 255), "? ");
      at.x += font->CalcTextSizeA(font_size, FLT_MAX, 0, "? ").x;
    }
    draw->AddText(font, font_size, at, IM_COL32(20, 20, 24, 255), title.c_str(), nullptr, 0, &clip);
  } else if (scale >= kStripeScale) {
    // Too small for text: a title bar stripe stands for it.
    draw->AddRectFilled(ImVec2(a.x + 2, a.y + header * 0.35f),
                        ImVec2(a.x + (b.x - a.x) * 0.6f, a.y + header * 0.65f), IM_COL32(20, 20, 24, 160));
  }
  if (node.collapsed) return;

  // Placeholder nodes (no skill) name the ports their file uses; skills' ports are read in place.
  NodePorts placeholder;
  if (!skill) placeholder = ports_of(graph, node, nullptr);
  const std::size_t output_rows = skill ? skill->outputs.size() : placeholder.outputs.size();
  const std::size_t input_rows = skill ? skill->inputs.size() : placeholder.inputs.size();
  auto output_name = [&](std::size_t i) -> const std::string& {
    return skill ? skill->outputs[i].name : placeholder.outputs[i];
  };
  auto input_name = [&](std::size_t i) -> const std::string& {
    return skill ? skill->inputs[i].name : placeholder.inputs[i];
  };
  const bool pins = scale >= kPinScale;
  const bool labels = text && scale >= kLabelScale;
  const bool widgets = labels && scale >= kWidgetScale;
  const float pin = static_cast<float>(kPinRadius) * scale;
  // Pins are small circles: a few segments suffice (ImGui's automatic count is for big ones).
  const int pin_segments = std::clamp(static_cast<int>(pin * 2), 6, 16);
  if (pins)
    for (std::size_t i = 0; i < output_rows; ++i) {
      const ImVec2 p = to_screen(state, output_pin(box, i));
      const Port* port = skill ? &skill->outputs[i] : nullptr;
      draw->AddCircleFilled(p, pin, port ? type_colour(port->type) : kDimText, pin_segments);
      if (labels) {
        const std::string& label = output_name(i);
        const float width = font->CalcTextSizeA(font_size, FLT_MAX, 0, label.c_str()).x;
        draw->AddText(font, font_size, ImVec2(p.x - pin * 2 - width, p.y - font_size / 2), kText,
                      label.c_str());
      }
    }
  if (!pins) return decorate_node(state, node, box, a, b, header);
  ImGui::PushID(node.id.value.c_str());
  const std::size_t first_row = index < cache.first_input.size() ? cache.first_input[index] : 0;
  for (std::size_t i = 0; i < input_rows; ++i) {
    const ImVec2 p = to_screen(state, input_pin(box, i));
    const Port* port = skill ? &skill->inputs[i] : nullptr;
    draw->AddCircleFilled(p, pin, port ? type_colour(port->type) : kDimText, pin_segments);
    if (port && port->required) draw->AddCircle(p, pin + 1.5f * scale, kText, pin_segments, 1.0f);
    if (!labels) continue;
    const std::string& name = input_name(i);
    const float label_width = (b.x - a.x) * 0.42f;
    const ImVec4 label_clip(p.x, p.y - font_size, p.x + label_width, p.y + font_size);
    draw->AddText(font, font_size, ImVec2(p.x + pin * 2, p.y - font_size / 2), kText, name.c_str(), nullptr,
                  0, &label_clip);
    const bool connected =
        first_row + i < cache.input_connected.size() && cache.input_connected[first_row + i] != 0;
    const float value_x = a.x + (b.x - a.x) * 0.45f;
    const float value_width = b.x - value_x - 6 * scale;
    const json& current =
        node.input_values.is_object() && node.input_values.contains(name) ? node.input_values[name] : json();
    if (connected || !port) {
      if (!connected && !current.is_null())
        draw->AddText(font, font_size, ImVec2(value_x, p.y - font_size / 2), kDimText,
                      value_summary(current).c_str(), nullptr, 0, &clip);
      continue;
    }
    if (!widgets || !has_value_widget(*port)) {
      const std::string summary = value_summary(current.is_null() ? port->default_value : current);
      draw->AddText(font, font_size, ImVec2(value_x, p.y - font_size / 2), kDimText, summary.c_str(), nullptr,
                    0, &clip);
      continue;
    }
    ImGui::PushID(static_cast<int>(i));
    const float frame_height = ImGui::GetFrameHeight();
    ImGui::SetCursorScreenPos(ImVec2(value_x, p.y - frame_height / 2));
    WidgetEdit edit = draw_value_widget(*port, current, value_width);
    if (edit.activated) state.value_gesture = document.new_gesture();
    if (edit.changed)
      document.apply(Command(SetValue{node.id, name, edit.value}, "Set " + name, state.value_gesture));
    if (edit.deactivated) {
      document.end_gesture();
      state.value_gesture = 0;
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  decorate_node(state, node, box, a, b, header);
}

std::vector<std::pair<NodeId, Vec2>> positions_of_selection(const CanvasState& state, const Graph& graph) {
  std::vector<std::pair<NodeId, Vec2>> positions;
  for (const Node& node : graph.nodes)
    if (state.selected.count(node.id)) positions.emplace_back(node.id, node.pos);
  return positions;
}

// The nodes whose box lies inside a frame (they move with it).
std::vector<std::pair<NodeId, Vec2>> nodes_in_frame(const CanvasState& state, const Graph& graph,
                                                    const Frame& frame) {
  std::vector<std::pair<NodeId, Vec2>> inside;
  for (std::size_t i = 0; i < graph.nodes.size() && i < state.boxes.size(); ++i) {
    const NodeBox& box = state.boxes[i];
    if (box.x >= frame.pos.x && box.y >= frame.pos.y && box.x + box.w <= frame.pos.x + frame.size.x &&
        box.y + box.h <= frame.pos.y + frame.size.y)
      inside.emplace_back(graph.nodes[i].id, graph.nodes[i].pos);
  }
  return inside;
}

// Is `p` on a pin that accepts the link being dragged? Sets the refusal text.
std::optional<PortRef> link_target_under(CanvasState& state, const EditorDocument& document, Vec2 p) {
  state.link_refusal.clear();
  Hit hit = hit_test(state, p);
  if (!hit.node) return std::nullopt;
  const bool want_input = state.link_from_output;
  if (hit.part.part != (want_input ? NodePart::input : NodePart::output)) return std::nullopt;
  const Graph& graph = document.graph();
  const Node& node = graph.nodes[*hit.node];
  const Skill* skill = state.skills[*hit.node];
  const NodePorts ports = ports_of(graph, node, skill);
  const auto& names = want_input ? ports.inputs : ports.outputs;
  if (hit.part.index >= names.size()) return std::nullopt;
  PortRef target{node.id, names[hit.part.index]};
  auto anchor_index = document.node_index(state.link_anchor.node);
  const Skill* anchor_skill = anchor_index ? state.skills[*anchor_index] : nullptr;
  const PortRef& source = want_input ? state.link_anchor : target;
  const PortRef& input = want_input ? target : state.link_anchor;
  const Skill* source_skill = want_input ? anchor_skill : skill;
  const Skill* input_skill = want_input ? skill : anchor_skill;
  if (auto problem = check_edge(source, source_skill, input, input_skill))
    state.link_refusal = problem->message;
  return target;
}

void open_quick_add(CanvasState& state, ImVec2 screen) {
  QuickAdd& quick = state.quick_add;
  quick.open = true;
  quick.just_opened = true;
  quick.at = to_canvas(state, screen);
  quick.screen_at = screen;
  quick.query[0] = '\0';
  quick.highlighted = 0;
}

void draw_quick_add(CanvasState& state, EditorDocument& document, const SkillLibrary& library) {
  QuickAdd& quick = state.quick_add;
  if (quick.just_opened) {
    ImGui::OpenPopup("quick_add");
    quick.just_opened = false;
  }
  ImGui::SetNextWindowPos(quick.screen_at, ImGuiCond_Appearing);
  if (!ImGui::BeginPopup("quick_add")) {
    if (quick.open) quick.from_output.reset(), quick.from_input.reset();
    quick.open = false;
    return;
  }
  SkillFilter filter;
  const Graph& graph = document.graph();
  auto port_type = [&](const PortRef& ref, bool output) -> std::optional<PortType> {
    auto index = document.node_index(ref.node);
    const Skill* skill = index ? library.find(graph.nodes[*index].skill_id) : nullptr;
    const Port* port =
        skill ? (output ? skill->find_output(ref.port) : skill->find_input(ref.port)) : nullptr;
    return port ? std::optional(port->type) : std::optional(PortType::any);
  };
  if (quick.from_output) filter.output_type = port_type(*quick.from_output, true);
  if (quick.from_input) filter.input_type = port_type(*quick.from_input, false);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(280 * state.ui_scale);
  const bool entered = ImGui::InputTextWithHint("##query", "Search skills", quick.query, sizeof quick.query,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  const auto found = search_skills(library, quick.query, filter, 30);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) quick.highlighted++;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) quick.highlighted--;
  quick.highlighted = std::clamp(quick.highlighted, 0, std::max(0, static_cast<int>(found.size()) - 1));
  const Skill* chosen = nullptr;
  if (filter.output_type || filter.input_type) ImGui::TextDisabled("Compatible skills only");
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Skill* skill = found[i];
    if (ImGui::Selectable(skill->name.empty() ? skill->skill_id.c_str() : skill->name.c_str(),
                          static_cast<int>(i) == quick.highlighted))
      chosen = skill;
    if (ImGui::IsItemHovered() && !skill->description.empty())
      ImGui::SetTooltip("%s", skill->description.c_str());
  }
  if (found.empty()) ImGui::TextDisabled("No skill matches");
  if (entered && !found.empty()) chosen = found[static_cast<std::size_t>(quick.highlighted)];
  if (chosen) {
    const NodeId id = document.unique_node_id(chosen->skill_id);
    Node node;
    node.id = id;
    node.skill_id = chosen->skill_id;
    node.pos = quick.at;
    Batch batch;
    AddItems add;
    add.nodes.push_back(std::move(node));
    batch.commands.emplace_back(std::move(add));
    if (const Port* port = compatible_port(*chosen, filter)) {
      if (quick.from_output) batch.commands.emplace_back(Connect{*quick.from_output, {id, port->name}});
      if (quick.from_input) batch.commands.emplace_back(Connect{{id, port->name}, *quick.from_input});
    }
    if (document.apply(Command(std::move(batch), "Add " + chosen->skill_id))) select_only(state, {id});
    quick.from_output.reset();
    quick.from_input.reset();
    quick.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void open_context_menu(CanvasState& state, const EditorDocument& document, ImVec2 screen) {
  ContextMenu& menu = state.context_menu;
  menu.just_opened = true;
  menu.screen_at = screen;
  const Hit hit = hit_test(state, to_canvas(state, screen));
  menu.node = hit.node ? document.graph().nodes[*hit.node].id : NodeId();
  // The menu acts on the node under the click: it becomes the selection unless it is in it.
  if (hit.node && state.selected.count(menu.node) == 0) select_only(state, {menu.node});
}

// Right-click menu: the decorator's items (run items), then the canvas's own.
void draw_context_menu(CanvasState& state, EditorDocument& document) {
  ContextMenu& menu = state.context_menu;
  if (menu.just_opened) {
    ImGui::OpenPopup("canvas_context");
    menu.just_opened = false;
  }
  menu.items.clear();
  menu.open = ImGui::BeginPopup("canvas_context");
  if (!menu.open) return;
  const NodeDecorator& hooks = node_decorator();
  const bool on_node = !menu.node.value.empty();
  std::vector<MenuAction> actions;
  if (on_node) {
    if (!document.node_index(menu.node)) {  // deleted meanwhile
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
      return;
    }
    ImGui::TextDisabled("%s", menu.node.value.c_str());
    ImGui::Separator();
    if (hooks.node_menu) actions = hooks.node_menu(menu.node);
    if (!actions.empty()) actions.push_back({});
    actions.push_back(
        {"Duplicate", "Ctrl+D", true, [&state, &document] { duplicate_selection(state, document); }});
    actions.push_back({"Delete", "Del", true, [&state, &document] { delete_selection(state, document); }});
  } else {
    if (hooks.canvas_menu) actions = hooks.canvas_menu();
    if (!actions.empty()) actions.push_back({});
    const ImVec2 at = menu.screen_at;
    actions.push_back({"Add node...", "Tab", true, [&state, at] { open_quick_add(state, at); }});
    actions.push_back({"Frame all", "F", true, [&state, &document] { frame_nodes(state, document, false); }});
  }
  const MenuAction* chosen = nullptr;
  for (const MenuAction& action : actions) {
    if (action.label.empty()) {
      ImGui::Separator();
      continue;
    }
    if (ImGui::MenuItem(action.label.c_str(), action.shortcut.empty() ? nullptr : action.shortcut.c_str(),
                        false, action.enabled))
      chosen = &action;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    menu.items.push_back({action.label, ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2), action.enabled});
  }
  ImGui::EndPopup();
  if (chosen && chosen->run) chosen->run();
}

void draw_zoom_controls(CanvasState& state, const EditorDocument& document) {
  const float s = state.ui_scale;
  const ImVec2 at(state.origin.x + state.size.x - 190 * s, state.origin.y + 8 * s);
  ImGui::SetCursorScreenPos(at);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6 * s, 3 * s));
  if (ImGui::Button("-"))
    zoom_by(state, 1 / 1.25f, ImVec2(state.origin.x + state.size.x / 2, state.origin.y + state.size.y / 2));
  ImGui::SameLine(0, 2 * s);
  char label[16];
  std::snprintf(label, sizeof label, "%.0f%%###zoom", state.view.zoom * 100);
  if (ImGui::Button(label, ImVec2(56 * s, 0))) {
    const ImVec2 centre(state.origin.x + state.size.x / 2, state.origin.y + state.size.y / 2);
    zoom_by(state, 1.0f / state.view.zoom, centre);
  }
  ImGui::SameLine(0, 2 * s);
  if (ImGui::Button("+"))
    zoom_by(state, 1.25f, ImVec2(state.origin.x + state.size.x / 2, state.origin.y + state.size.y / 2));
  ImGui::SameLine(0, 2 * s);
  if (ImGui::Button("Fit")) frame_nodes(state, document, false);
  ImGui::PopStyleVar();
}

// Minimap: every node as a dot-sized rectangle, the view as a frame; click
// or drag to move the view there.
void draw_minimap(CanvasState& state, const EditorDocument& document, bool& mouse_taken) {
  const Graph& graph = document.graph();
  if (!state.show_minimap || graph.nodes.empty() || state.boxes.size() != graph.nodes.size()) return;
  const float s = state.ui_scale;
  const ImVec2 size(180 * s, 120 * s);
  const ImVec2 a(state.origin.x + state.size.x - size.x - 10 * s,
                 state.origin.y + state.size.y - size.y - 10 * s);
  const ImVec2 b(a.x + size.x, a.y + size.y);
  double left = 1e300, top = 1e300, right = -1e300, bottom = -1e300;
  for (const NodeBox& box : state.boxes) {
    left = std::min(left, box.x), top = std::min(top, box.y);
    right = std::max(right, box.x + box.w), bottom = std::max(bottom, box.y + box.h);
  }
  const Vec2 view_a = to_canvas(state, state.origin);
  const Vec2 view_b = to_canvas(state, ImVec2(state.origin.x + state.size.x, state.origin.y + state.size.y));
  left = std::min(left, view_a.x), top = std::min(top, view_a.y);
  right = std::max(right, view_b.x), bottom = std::max(bottom, view_b.y);
  const double k = std::min(size.x / std::max(right - left, 1.0), size.y / std::max(bottom - top, 1.0));
  auto map = [&](double x, double y) {
    return ImVec2(a.x + static_cast<float>((x - left) * k), a.y + static_cast<float>((y - top) * k));
  };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(a, b, IM_COL32(20, 22, 27, 255), 4 * s);
  // Nodes smaller than a cell of the minimap's grid mark their cell, drawn
  // once: thousands of nodes cost one rectangle per occupied cell.
  const float cell = 2.0f * s;
  const int columns = std::max(1, static_cast<int>(size.x / cell));
  const int rows = std::max(1, static_cast<int>(size.y / cell));
  std::vector<ImU32>& cells = state.minimap_cells;
  cells.assign(static_cast<std::size_t>(columns * rows), 0);
  for (std::size_t i = 0; i < state.boxes.size(); ++i) {
    const NodeBox& box = state.boxes[i];
    const ImU32 colour =
        state.skills[i] ? node_type_colour(state.skills[i]->type) : IM_COL32(110, 110, 118, 255);
    ImVec2 p = map(box.x, box.y), q = map(box.x + box.w, box.y + box.h);
    if (q.x - p.x >= 2 * cell || q.y - p.y >= 2 * cell) {
      draw->AddRectFilled(p, q, colour);
      continue;
    }
    const int column = std::clamp(static_cast<int>(((p.x + q.x) / 2 - a.x) / cell), 0, columns - 1);
    const int row = std::clamp(static_cast<int>(((p.y + q.y) / 2 - a.y) / cell), 0, rows - 1);
    cells[static_cast<std::size_t>(row * columns + column)] = colour;
  }
  for (int row = 0; row < rows; ++row)
    for (int column = 0; column < columns; ++column)
      if (const ImU32 colour = cells[static_cast<std::size_t>(row * columns + column)]) {
        const ImVec2 p(a.x + column * cell, a.y + row * cell);
        draw->AddRectFilled(p, ImVec2(p.x + cell, p.y + cell), colour);
      }
  draw->AddRect(map(view_a.x, view_a.y), map(view_b.x, view_b.y), IM_COL32(255, 255, 255, 200));
  draw->AddRect(a, b, kNodeBorder, 4 * s);

  const ImGuiIO& io = ImGui::GetIO();
  const bool inside =
      io.MousePos.x >= a.x && io.MousePos.x <= b.x && io.MousePos.y >= a.y && io.MousePos.y <= b.y;
  if (inside && state.drag == CanvasDrag::none) mouse_taken = true;
  if (inside && state.drag == CanvasDrag::none && ImGui::IsMouseDown(ImGuiMouseButton_Left) &&
      ImGui::IsWindowHovered()) {
    // Centre the view on the clicked point.
    const Vec2 target{left + (io.MousePos.x - a.x) / k, top + (io.MousePos.y - a.y) / k};
    const float scale = scale_of(state);
    state.view.pan.x = static_cast<float>(target.x) - state.size.x / 2 / scale;
    state.view.pan.y = static_cast<float>(target.y) - state.size.y / 2 / scale;
  }
}

void handle_keys(CanvasState& state, EditorDocument& document) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
  const bool ctrl = io.KeyCtrl || io.KeySuper;
  if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z))) {
    if (io.KeyShift)
      document.redo();
    else
      document.undo();
  }
  if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y))) document.redo();
  if (ctrl && ImGui::IsKeyPressed('D', false)) duplicate_selection(state, document);
  if (ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A), false)) {
    state.selected.clear();
    for (const Node& node : document.graph().nodes) state.selected.insert(node.id);
  }
  if (!ctrl && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) ||
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace), false)))
    delete_selection(state, document);
  if (!ctrl && ImGui::IsKeyPressed('F', false)) frame_nodes(state, document, !state.selected.empty());
  if (!ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false) && ImGui::IsWindowHovered())
    open_quick_add(state, io.MousePos);
}

void handle_mouse(CanvasState& state, EditorDocument& document, bool mouse_taken) {
  const ImGuiIO& io = ImGui::GetIO();
  const Graph& graph = document.graph();
  const Vec2 mouse = to_canvas(state, io.MousePos);
  const bool in_region = io.MousePos.x >= state.origin.x && io.MousePos.y >= state.origin.y &&
                         io.MousePos.x < state.origin.x + state.size.x &&
                         io.MousePos.y < state.origin.y + state.size.y;
  const bool hovered = ImGui::IsWindowHovered() && in_region && !ImGui::IsAnyItemHovered() &&
                       !ImGui::IsAnyItemActive() && !mouse_taken;
  state.space_panning = ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_Space)) && !io.WantTextInput;

  // Wheel: zoom around the cursor; a horizontal wheel (trackpad) pans.
  if (ImGui::IsWindowHovered() && in_region && !mouse_taken && state.drag != CanvasDrag::link) {
    if (io.MouseWheelH != 0.0f) state.view.pan.x -= io.MouseWheelH * 40 / scale_of(state);
    if (io.MouseWheel != 0.0f) {
      if (io.KeyShift) {
        state.view.pan.y -= io.MouseWheel * 40 / scale_of(state);
      } else {
        zoom_by(state, std::pow(1.15f, io.MouseWheel), io.MousePos);
      }
    }
  }

  if (state.drag == CanvasDrag::none && hovered) {
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) || ImGui::IsMouseClicked(ImGuiMouseButton_Middle) ||
        (state.space_panning && ImGui::IsMouseClicked(ImGuiMouseButton_Left))) {
      state.drag = CanvasDrag::pan;
    } else if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      Hit hit = hit_test(state, mouse);
      if (!hit.node) {
        // On a link: a reroute point; elsewhere: quick-add.
        for (const Link& link : graph.links) {
          Vec2 from, to;
          if (!link_endpoints(state, document, link, from, to) || !document.reroutes_of(link.id).empty())
            continue;
          if (distance_to_link(from, to, mouse) * scale_of(state) < 6) {
            AddItems add;
            add.reroutes.push_back(Reroute{{}, link.id, mouse});
            document.apply(Command(std::move(add), "Add reroute"));
            return;
          }
        }
        open_quick_add(state, io.MousePos);
      } else if (hit.part.part == NodePart::header || hit.part.part == NodePart::body) {
        if (node_decorator().open_large_view) node_decorator().open_large_view(graph.nodes[*hit.node].id);
      }
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      state.drag_start_canvas = mouse;
      state.drag_start_screen = io.MousePos;
      Hit hit = hit_test(state, mouse);
      state.selected_reroute.reset();
      state.selected_frame.reset();
      if (hit.node) {
        const Node& node = graph.nodes[*hit.node];
        const NodePorts ports = ports_of(graph, node, state.skills[*hit.node]);
        switch (hit.part.part) {
          case NodePart::output:
          case NodePart::input: {
            const bool output = hit.part.part == NodePart::output;
            const auto& names = output ? ports.outputs : ports.inputs;
            if (hit.part.index < names.size()) {
              state.link_anchor = PortRef{node.id, names[hit.part.index]};
              state.link_from_output = output;
              // Dragging from a connected input picks its link up from the source end.
              if (!output && !io.KeyAlt) {
                if (const Link* existing = document.link_into(state.link_anchor)) {
                  const PortRef source = existing->source;
                  document.apply(Command(RemoveItems{{}, {existing->id}, {}, {}}, "Disconnect"));
                  state.link_anchor = source;
                  state.link_from_output = true;
                }
              }
              state.drag = CanvasDrag::link;
            }
            break;
          }
          case NodePart::collapse_toggle:
            document.apply(
                Command(SetCollapsed{node.id, !node.collapsed}, node.collapsed ? "Expand" : "Collapse"));
            break;
          case NodePart::header:
          case NodePart::body:
          case NodePart::none:
            if (io.KeyCtrl || io.KeyShift) {
              if (!state.selected.erase(node.id)) state.selected.insert(node.id);
            } else if (!state.selected.count(node.id)) {
              select_only(state, {node.id});
            }
            if (state.selected.count(node.id)) {
              state.drag = CanvasDrag::nodes;
              state.drag_nodes = positions_of_selection(state, graph);
              state.drag_frames.clear();
              state.drag_reroutes.clear();
              state.gesture = document.new_gesture();
            }
            break;
        }
        return;
      }
      // Reroute points.
      for (const Reroute& reroute : graph.reroutes) {
        const ImVec2 p = to_screen(state, reroute.pos);
        if (std::abs(p.x - io.MousePos.x) < 7 * state.ui_scale &&
            std::abs(p.y - io.MousePos.y) < 7 * state.ui_scale) {
          if (io.KeyAlt) {
            document.apply(Command(RemoveItems{{}, {}, {}, {reroute.id}}, "Remove reroute"));
            return;
          }
          state.selected_reroute = reroute.id;
          state.drag = CanvasDrag::reroute;
          state.drag_reroutes = {{reroute.id, reroute.pos}};
          state.gesture = document.new_gesture();
          return;
        }
      }
      // Alt+click on a link removes it.
      if (io.KeyAlt) {
        for (const Link& link : graph.links) {
          Vec2 from, to;
          if (!link_endpoints(state, document, link, from, to)) continue;
          if (distance_to_link(from, to, mouse) * scale_of(state) < 6) {
            document.apply(Command(RemoveItems{{}, {link.id}, {}, {}}, "Remove link"));
            return;
          }
        }
      }
      // A frame's title bar: select it and drag it with its nodes.
      for (std::size_t f = graph.frames.size(); f-- > 0;) {
        const Frame& frame = graph.frames[f];
        if (mouse.x >= frame.pos.x && mouse.x <= frame.pos.x + frame.size.x && mouse.y >= frame.pos.y &&
            mouse.y <= frame.pos.y + kHeaderHeight) {
          state.selected_frame = frame.id;
          state.drag = CanvasDrag::nodes;
          state.drag_nodes = nodes_in_frame(state, graph, frame);
          state.drag_frames = {{frame.id, frame.pos}};
          state.drag_reroutes.clear();
          state.gesture = document.new_gesture();
          return;
        }
      }
      if (!io.KeyCtrl && !io.KeyShift) state.selected.clear();
      state.drag = CanvasDrag::box;
    }
  }

  switch (state.drag) {
    case CanvasDrag::none:
      break;
    case CanvasDrag::pan:
      if (ImGui::IsMouseDown(ImGuiMouseButton_Right) || ImGui::IsMouseDown(ImGuiMouseButton_Middle) ||
          ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        state.view.pan.x -= io.MouseDelta.x / scale_of(state);
        state.view.pan.y -= io.MouseDelta.y / scale_of(state);
      } else {
        state.drag = CanvasDrag::none;
        // A right-click that did not pan: the context menu of what is under it.
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Right) &&
            io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Right] <
                io.MouseDragThreshold * io.MouseDragThreshold)
          open_context_menu(state, document, io.MousePos);
      }
      break;
    case CanvasDrag::nodes:
    case CanvasDrag::reroute:
      if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const Vec2 delta{mouse.x - state.drag_start_canvas.x, mouse.y - state.drag_start_canvas.y};
        if (delta.x == 0 && delta.y == 0) break;
        MoveItems move;
        for (const auto& [id, pos] : state.drag_nodes)
          move.nodes.emplace_back(id, Vec2{pos.x + delta.x, pos.y + delta.y});
        for (const auto& [id, pos] : state.drag_frames)
          move.frames.emplace_back(id, Vec2{pos.x + delta.x, pos.y + delta.y});
        for (const auto& [id, pos] : state.drag_reroutes)
          move.reroutes.emplace_back(id, Vec2{pos.x + delta.x, pos.y + delta.y});
        document.apply(Command(std::move(move), "Move", state.gesture));
      } else {
        document.end_gesture();
        state.drag = CanvasDrag::none;
      }
      break;
    case CanvasDrag::link: {
      const std::optional<PortRef> target = link_target_under(state, document, mouse);
      if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) break;
      state.drag = CanvasDrag::none;
      if (target) {
        if (!state.link_refusal.empty()) {
          state.last_refusal = state.link_refusal;
        } else {
          const PortRef source = state.link_from_output ? state.link_anchor : *target;
          const PortRef input = state.link_from_output ? *target : state.link_anchor;
          document.apply(Command(Connect{source, input}, "Connect"));
        }
      } else if (!hit_test(state, mouse).node) {
        // Dropped on empty canvas: quick-add, filtered to what this link fits.
        open_quick_add(state, io.MousePos);
        if (state.link_from_output)
          state.quick_add.from_output = state.link_anchor;
        else
          state.quick_add.from_input = state.link_anchor;
      }
      state.link_refusal.clear();
      break;
    }
    case CanvasDrag::box:
      if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        for (std::size_t i = 0; i < state.boxes.size(); ++i)
          if (box_overlaps(state.boxes[i], state.drag_start_canvas, mouse))
            state.selected.insert(graph.nodes[i].id);
        state.drag = CanvasDrag::none;
      }
      break;
  }
}

}  // namespace

// --- Geometry and lookups --------------------------------------------------

ImVec2 canvas_to_screen(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point) {
  const float scale = view.zoom * ui_scale;
  return ImVec2(origin.x + (point.x - view.pan.x) * scale, origin.y + (point.y - view.pan.y) * scale);
}

ImVec2 screen_to_canvas(const CanvasView& view, ImVec2 origin, float ui_scale, ImVec2 point) {
  const float scale = view.zoom * ui_scale;
  return ImVec2(view.pan.x + (point.x - origin.x) / scale, view.pan.y + (point.y - origin.y) / scale);
}

NodePorts ports_of(const Graph& graph, const Node& node, const Skill* skill) {
  NodePorts ports;
  if (skill) {
    for (const Port& port : skill->inputs) ports.inputs.push_back(port.name);
    for (const Port& port : skill->outputs) ports.outputs.push_back(port.name);
    return ports;
  }
  FilePorts file = file_ports(graph, node.id);
  ports.inputs = std::move(file.inputs);
  ports.outputs = std::move(file.outputs);
  return ports;
}

std::size_t input_count(const Graph& graph, const Node& node, const Skill* skill) {
  return skill ? skill->inputs.size() : file_ports(graph, node.id).inputs.size();
}

std::size_t output_count(const Graph& graph, const Node& node, const Skill* skill) {
  return skill ? skill->outputs.size() : file_ports(graph, node.id).outputs.size();
}

Vec2 view_centre(const CanvasState& state) {
  return to_canvas(state, ImVec2(state.origin.x + state.size.x / 2, state.origin.y + state.size.y / 2));
}

std::optional<ImVec2> pin_screen_position(const CanvasState& state, const EditorDocument& document,
                                          const NodeId& node, std::string_view port, bool output) {
  auto index = document.node_index(node);
  if (!index || *index >= state.boxes.size() || *index >= state.skills.size()) return std::nullopt;
  const Graph& graph = document.graph();
  auto pin = pin_index(graph, graph.nodes[*index], state.skills[*index], port, output);
  if (!pin) return std::nullopt;
  const NodeBox& box = state.boxes[*index];
  return to_screen(state, output ? output_pin(box, *pin) : input_pin(box, *pin));
}

std::optional<ImVec2> header_screen_position(const CanvasState& state, const EditorDocument& document,
                                             const NodeId& node) {
  auto index = document.node_index(node);
  if (!index || *index >= state.boxes.size()) return std::nullopt;
  const NodeBox& box = state.boxes[*index];
  return to_screen(state, Vec2{box.x + box.w * 0.5, box.y + kHeaderHeight * 0.5});
}

// --- Drawing ---------------------------------------------------------------

void draw_canvas(CanvasState& state, EditorDocument& document, const SkillLibrary& library, float ui_scale,
                 const Diagnostics& problems, std::uint64_t problems_serial) {
  state.origin = ImGui::GetCursorScreenPos();
  state.size = ImGui::GetContentRegionAvail();
  state.size.x = std::max(state.size.x, 1.0f);
  state.size.y = std::max(state.size.y, 1.0f);
  state.ui_scale = ui_scale;
  state.base_font_pixels = ImGui::GetFontSize();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(state.origin, ImVec2(state.origin.x + state.size.x, state.origin.y + state.size.y),
                     true);
  if (state.view.show_grid) draw_grid(draw, state);

  if (state.document_identity != document.identity()) {
    // Another workflow was opened: its own viewport, nothing selected.
    state.document_identity = document.identity();
    const Viewport& saved = document.graph().viewport;
    state.view.pan = ImVec2(static_cast<float>(saved.x), static_cast<float>(saved.y));
    state.view.zoom = std::clamp(static_cast<float>(saved.zoom > 0 ? saved.zoom : 1.0), kMinZoom, kMaxZoom);
    state.selected.clear();
    state.selected_frame.reset();
    state.selected_reroute.reset();
    state.drag = CanvasDrag::none;
    state.skills_revision = ~0ull;
    // A file without a viewport is framed to the window (the framed view is then saved with it).
    if (!document.graph().viewport_saved) state.fit_requested = state.fit_shown_only = true;
  }
  refresh_skills(state, document, library);
  refresh_draw_cache(state, document, library, problems, problems_serial);
  compute_boxes(state, document);
  // A workflow that came without positions is laid out by levels once.
  if (!nodes_without_position(document.graph()).empty()) {
    const auto missing = nodes_without_position(document.graph());
    double right = 0;
    bool any_placed = false;
    for (std::size_t i = 0; i < document.graph().nodes.size(); ++i)
      if (document.graph().nodes[i].has_position) {
        right = std::max(right, state.boxes[i].x + state.boxes[i].w + kLayoutColumnGap);
        any_placed = true;
      }
    MoveItems move = layout_by_levels(
        document.graph(), missing,
        [&](const Node& node) {
          auto index = document.node_index(node.id);
          const NodeBox& box = state.boxes[*index];
          return Vec2{box.w, box.h};
        },
        Vec2{any_placed ? right : 0.0, 0.0});
    document.apply(Command(std::move(move), "Layout"));
    compute_boxes(state, document);
    state.fit_requested = true;
    state.fit_shown_only = false;  // a new layout is framed whole
  }
  if (state.fit_requested) {
    state.fit_requested = false;
    if (state.fit_shown_only && !state.boxes.empty()) {
      // An opened file is shown at full size from its top-left corner: its
      // text and a run's previews (which grow the nodes down and right) stay
      // readable, where framing all of it could zoom either way; F frames all.
      double left = 1e300, top = 1e300;
      for (const NodeBox& box : state.boxes) left = std::min(left, box.x), top = std::min(top, box.y);
      state.view.zoom = 1.0f;
      state.view.pan = ImVec2(static_cast<float>(left) - 40, static_cast<float>(top) - 40);
      document.show_viewport(Viewport{state.view.pan.x, state.view.pan.y, state.view.zoom});
    } else {
      frame_nodes(state, document, false);
    }
    state.fit_shown_only = false;
  }

  const Graph& graph = document.graph();
  draw_frames(draw, state, graph);

  // Links under the nodes, from the cache; culled by the bounding box of
  // their end points (plus the curve's reach).
  const float link_thickness = std::max(1.0f, 2.5f * scale_of(state));
  const Vec2 view_a = to_canvas(state, state.origin);
  const Vec2 view_b = to_canvas(state, ImVec2(state.origin.x + state.size.x, state.origin.y + state.size.y));
  const NodeDecorator& decorator = node_decorator();
  const std::vector<NodeId> producing =
      decorator.producing_nodes ? decorator.producing_nodes() : std::vector<NodeId>{};
  state.pulsing_links = 0;
  state.pulse_points.clear();
  for (std::size_t l = 0; l < graph.links.size() && l < state.cache.links.size(); ++l) {
    const CanvasDrawCache::LinkEnds& ends = state.cache.links[l];
    if (!ends.valid) continue;
    const Link& link = graph.links[l];
    const Vec2 from = output_pin(state.boxes[ends.source], ends.out_pin);
    const Vec2 to = input_pin(state.boxes[ends.target], ends.in_pin);
    const bool pulsing = !producing.empty() &&
                         std::find(producing.begin(), producing.end(), link.source.node) != producing.end();
    if (ends.rerouted) {
      const auto reroutes = document.reroutes_of(link.id);
      draw_link_path(state, draw, from, to, reroutes, ends.colour, link_thickness);
      if (pulsing) draw_pulse(state, draw, from, to, reroutes, ends.colour);
      continue;
    }
    const double reach = 200;
    if (std::max(from.x, to.x) + reach < view_a.x || std::min(from.x, to.x) - reach > view_b.x ||
        std::max(from.y, to.y) < view_a.y || std::min(from.y, to.y) > view_b.y)
      continue;
    draw_bezier(draw, to_screen(state, from), to_screen(state, to), ends.colour, link_thickness,
                scale_of(state));
    if (pulsing) draw_pulse(state, draw, from, to, {}, ends.colour);
  }

  // Nodes, with their text and widgets in the baked font nearest the zoom.
  const float scale = scale_of(state);
  int drawn = 0;
  {
    const ScopedCanvasFont font(std::max(1.0f, node_text_pixels(state)));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4 * scale, 2 * scale));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4 * scale, 2 * scale));
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      if (!visible(state, state.boxes[i])) continue;
      draw_node(state, document, i);
      ++drawn;
      if (graph.nodes.size() != state.boxes.size()) break;  // a widget edit changed the graph's shape
    }
    ImGui::PopStyleVar(2);
  }
  state.visible_nodes = drawn;

  // The link being dragged, green over a pin that accepts it, red with the
  // validator's words over one that does not.
  const ImGuiIO& io = ImGui::GetIO();
  if (state.drag == CanvasDrag::link) {
    auto anchor = pin_screen_position(state, document, state.link_anchor.node, state.link_anchor.port,
                                      state.link_from_output);
    if (anchor) {
      const std::optional<PortRef> target = link_target_under(state, document, to_canvas(state, io.MousePos));
      const ImU32 colour = !target ? kLinkColour : state.link_refusal.empty() ? kAccepted : kRefused;
      if (state.link_from_output)
        draw_bezier(draw, *anchor, io.MousePos, colour, link_thickness, scale);
      else
        draw_bezier(draw, io.MousePos, *anchor, colour, link_thickness, scale);
      if (target && !state.link_refusal.empty())
        ImGui::SetTooltip("Cannot link: %s", state.link_refusal.c_str());
    }
  }
  if (state.drag == CanvasDrag::box) {
    const ImVec2 a = to_screen(state, state.drag_start_canvas);
    draw->AddRectFilled(a, io.MousePos, IM_COL32(255, 190, 70, 30));
    draw->AddRect(a, io.MousePos, IM_COL32(255, 190, 70, 200));
  }

  // Tooltip with the problems of the node under the cursor, or what the link under it carries.
  state.hovered_link.clear();
  if (state.drag == CanvasDrag::none && ImGui::IsWindowHovered() && !ImGui::IsAnyItemHovered()) {
    Hit hit = hit_test(state, to_canvas(state, io.MousePos));
    if (!hit.node && decorator.link_summary) {
      if (const Link* link = link_under(state, document, to_canvas(state, io.MousePos))) {
        state.hovered_link =
            link->source.node.value + "." + link->source.port + " -> " + link->target.node.value + "." +
            link->target.port + "\n" +
            decorator.link_summary(link->source.node, link->source.port, link_type(state, document, *link));
        ImGui::SetTooltip("%s", state.hovered_link.c_str());
      }
    }
    if (hit.node && (hit.part.part == NodePart::header || hit.part.part == NodePart::collapse_toggle)) {
      const Node& node = graph.nodes[*hit.node];
      if (!state.skills[*hit.node]) {
        ImGui::SetTooltip("Unknown skill '%s': kept as a placeholder with the ports its file uses",
                          node.skill_id.c_str());
      } else {
        std::string text;
        for (const Diagnostic& diagnostic : problems)
          if (diagnostic.where.node_id == node.id.value) text += diagnostic.message + "\n";
        if (!text.empty()) ImGui::SetTooltip("%s", text.c_str());
      }
    }
  }
  draw->PopClipRect();

  // Overlays: zoom controls and minimap (input they take is not the canvas's).
  draw_zoom_controls(state, document);
  bool mouse_taken = false;
  draw_minimap(state, document, mouse_taken);

  // Palette drops create a node where they land.
  if (ImGui::BeginDragDropTargetCustom(
          ImRect(state.origin, ImVec2(state.origin.x + state.size.x, state.origin.y + state.size.y)),
          ImGui::GetID("canvas_drop"))) {
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kSkillPayloadType)) {
      const std::string skill_id(static_cast<const char*>(payload->Data));
      if (const Skill* skill = library.find(skill_id))
        add_skill_node(state, document, *skill, to_canvas(state, io.MousePos));
    }
    ImGui::EndDragDropTarget();
  }

  handle_mouse(state, document, mouse_taken);
  handle_keys(state, document);
  draw_context_menu(state, document);
  draw_quick_add(state, document, library);
  // The viewport is saved with the workflow (not an undo step).
  if (state.drag != CanvasDrag::pan)
    document.set_viewport(Viewport{state.view.pan.x, state.view.pan.y, state.view.zoom});
}

// --- View commands -----------------------------------------------------------

void zoom_by(CanvasState& state, float factor, ImVec2 around_screen) {
  const ImVec2 anchor = screen_to_canvas(state.view, state.origin, state.ui_scale, around_screen);
  state.view.zoom = std::clamp(state.view.zoom * factor, kMinZoom, kMaxZoom);
  const float scale = scale_of(state);
  state.view.pan.x = anchor.x - (around_screen.x - state.origin.x) / scale;
  state.view.pan.y = anchor.y - (around_screen.y - state.origin.y) / scale;
}

void frame_nodes(CanvasState& state, const EditorDocument& document, bool selection_only) {
  const Graph& graph = document.graph();
  double left = 1e300, top = 1e300, right = -1e300, bottom = -1e300;
  for (std::size_t i = 0; i < graph.nodes.size() && i < state.boxes.size(); ++i) {
    if (selection_only && !state.selected.count(graph.nodes[i].id)) continue;
    const NodeBox& box = state.boxes[i];
    left = std::min(left, box.x), top = std::min(top, box.y);
    right = std::max(right, box.x + box.w), bottom = std::max(bottom, box.y + box.h);
  }
  if (left > right) return;
  const double margin = 40;
  const double width = right - left + 2 * margin, height = bottom - top + 2 * margin;
  const float zoom = static_cast<float>(
      std::min(state.size.x / state.ui_scale / width, state.size.y / state.ui_scale / height));
  state.view.zoom = std::clamp(std::min(zoom, 1.5f), kMinZoom, kMaxZoom);
  const float scale = scale_of(state);
  state.view.pan.x = static_cast<float>((left + right) / 2) - state.size.x / 2 / scale;
  state.view.pan.y = static_cast<float>((top + bottom) / 2) - state.size.y / 2 / scale;
}

void select_only(CanvasState& state, const std::vector<NodeId>& nodes) {
  state.selected.clear();
  state.selected.insert(nodes.begin(), nodes.end());
}

std::vector<NodeId> selected_in_order(const CanvasState& state, const Graph& graph) {
  std::vector<NodeId> ids;
  for (const Node& node : graph.nodes)
    if (state.selected.count(node.id)) ids.push_back(node.id);
  return ids;
}

// --- Edit commands -----------------------------------------------------------

void delete_selection(CanvasState& state, EditorDocument& document) {
  RemoveItems remove;
  remove.nodes = selected_in_order(state, document.graph());
  if (state.selected_reroute) remove.reroutes.push_back(*state.selected_reroute);
  if (state.selected_frame) remove.frames.push_back(*state.selected_frame);
  if (document.apply(Command(std::move(remove), "Delete"))) {
    state.selected.clear();
    state.selected_reroute.reset();
    state.selected_frame.reset();
  }
}

std::string copy_selection(CanvasState& state, EditorDocument& document, bool cut) {
  const auto ids = selected_in_order(state, document.graph());
  if (ids.empty()) return {};
  std::string text = copy_as_workflow_json(document.graph(), ids).dump(2);
  if (cut) delete_selection(state, document);
  return text;
}

bool paste_text(CanvasState& state, EditorDocument& document, std::string_view text) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool mouse_inside = io.MousePos.x >= state.origin.x && io.MousePos.y >= state.origin.y &&
                            io.MousePos.x < state.origin.x + state.size.x &&
                            io.MousePos.y < state.origin.y + state.size.y;
  const Vec2 at = mouse_inside ? to_canvas(state, io.MousePos) : view_centre(state);
  Diagnostics diagnostics;
  auto paste = paste_from_workflow_text(document, text, at, diagnostics);
  if (!paste || !document.apply(Command(std::move(paste->items), "Paste"))) return false;
  select_only(state, paste->new_nodes);
  return true;
}

void duplicate_selection(CanvasState& state, EditorDocument& document) {
  const auto ids = selected_in_order(state, document.graph());
  if (ids.empty()) return;
  const json copied = copy_as_workflow_json(document.graph(), ids);
  double left = 1e300, top = 1e300;
  for (const NodeId& id : ids) {
    const Node* node = document.find_node(id);
    left = std::min(left, node->pos.x), top = std::min(top, node->pos.y);
  }
  Diagnostics diagnostics;
  auto paste = paste_from_workflow_text(document, copied.dump(), Vec2{left + 40, top + 40}, diagnostics);
  if (paste && document.apply(Command(std::move(paste->items), "Duplicate")))
    select_only(state, paste->new_nodes);
}

void layout_selection(CanvasState& state, EditorDocument& document) {
  std::vector<NodeId> ids = selected_in_order(state, document.graph());
  if (ids.empty())
    for (const Node& node : document.graph().nodes) ids.push_back(node.id);
  if (ids.empty()) return;
  double left = 1e300, top = 1e300;
  for (const NodeId& id : ids) {
    const Node* node = document.find_node(id);
    left = std::min(left, node->pos.x), top = std::min(top, node->pos.y);
  }
  MoveItems move = layout_by_levels(
      document.graph(), ids,
      [&](const Node& node) {
        auto index = document.node_index(node.id);
        if (!index || *index >= state.boxes.size()) return Vec2{kNodeWidth, 120};
        return Vec2{state.boxes[*index].w, state.boxes[*index].h};
      },
      Vec2{left, top});
  document.apply(Command(std::move(move), "Layout"));
}

void add_frame_around_selection(CanvasState& state, EditorDocument& document) {
  const Graph& graph = document.graph();
  double left = 1e300, top = 1e300, right = -1e300, bottom = -1e300;
  for (std::size_t i = 0; i < graph.nodes.size() && i < state.boxes.size(); ++i) {
    if (!state.selected.count(graph.nodes[i].id)) continue;
    const NodeBox& box = state.boxes[i];
    left = std::min(left, box.x), top = std::min(top, box.y);
    right = std::max(right, box.x + box.w), bottom = std::max(bottom, box.y + box.h);
  }
  Frame frame;
  frame.title = "Frame";
  if (left > right) {
    const Vec2 centre = view_centre(state);
    frame.pos = {centre.x - 160, centre.y - 100};
  } else {
    frame.pos = {left - 20, top - 20 - kHeaderHeight};
    frame.size = {right - left + 40, bottom - top + 40 + kHeaderHeight};
  }
  AddItems add;
  add.frames.push_back(std::move(frame));
  document.apply(Command(std::move(add), "Add frame"));
}

std::optional<NodeId> add_skill_node(CanvasState& state, EditorDocument& document, const Skill& skill,
                                     Vec2 at) {
  Node node;
  node.id = document.unique_node_id(skill.skill_id);
  node.skill_id = skill.skill_id;
  node.pos = {at.x - kNodeWidth / 2, at.y - kHeaderHeight / 2};
  const NodeId id = node.id;
  AddItems add;
  add.nodes.push_back(std::move(node));
  if (!document.apply(Command(std::move(add), "Add " + skill.skill_id))) return std::nullopt;
  select_only(state, {id});
  return id;
}

}  // namespace llmos::editor
