#include "workflow_io.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <unordered_map>

namespace llmos::editor {

namespace {

// [x, y] from an array, {x, y} or {width, height}/{w, h} object; nullopt otherwise.
std::optional<Vec2> read_pair(const json& value) {
  if (value.is_array() && value.size() == 2 && value[0].is_number() && value[1].is_number())
    return Vec2{value[0].get<double>(), value[1].get<double>()};
  if (!value.is_object()) return std::nullopt;
  for (auto [a, b] : {std::pair{"x", "y"}, std::pair{"width", "height"}, std::pair{"w", "h"}})
    if (value.contains(a) && value.contains(b) && value[a].is_number() && value[b].is_number())
      return Vec2{value[a].get<double>(), value[b].get<double>()};
  return std::nullopt;
}

json pair_json(const Vec2& value) { return json::array({value.x, value.y}); }

// Version 1 -> 2: node-level "position"/"size"/"collapsed" move into the
// node's "ui"; object-shaped pairs become [x, y]; a root "viewport" moves
// into the root "ui".
void migrate_from_1(json& document) {
  if (document.contains("nodes") && document["nodes"].is_array()) {
    for (json& node : document["nodes"]) {
      if (!node.is_object()) continue;
      for (const char* key : {"position", "size", "collapsed"}) {
        if (!node.contains(key)) continue;
        json& ui = node["ui"];
        if (ui.is_null()) ui = json::object();
        if (ui.is_object() && !ui.contains(key)) ui[key] = node[key];
        node.erase(key);
      }
      if (!node.contains("ui") || !node["ui"].is_object()) continue;
      for (const char* key : {"position", "size"}) {
        json& ui = node["ui"];
        if (ui.contains(key) && !ui[key].is_array())
          if (auto pair = read_pair(ui[key])) ui[key] = pair_json(*pair);
      }
    }
  }
  if (document.contains("viewport")) {
    json& ui = document["ui"];
    if (ui.is_null()) ui = json::object();
    if (ui.is_object() && !ui.contains("viewport")) ui["viewport"] = document["viewport"];
    document.erase("viewport");
  }
}

Frame read_frame(const json& value) {
  Frame frame;
  frame.title = value.value("title", std::string());
  if (auto pos = read_pair(value.value("position", json()))) frame.pos = *pos;
  if (auto size = read_pair(value.value("size", json()))) frame.size = *size;
  if (value.contains("color") && value["color"].is_string()) frame.color = value["color"].get<std::string>();
  return frame;
}

}  // namespace

int migrate_workflow_json(json& document, Diagnostics& diagnostics) {
  if (!document.is_object()) return kWorkflowFormatVersion;
  int version = 1;
  if (document.contains("version")) {
    const json& value = document["version"];
    if (value.is_number_integer()) {
      version = value.get<int>();
    } else {
      diagnostics.warning("workflow.version", "'version' must be an integer; reading the file as version 1",
                          SourceLocation{{}, 0, 0, "/version", {}});
    }
  }
  if (version > kWorkflowFormatVersion)
    diagnostics.warning("workflow.version.newer",
                        "file format version " + std::to_string(version) + " is newer than this editor's (" +
                            std::to_string(kWorkflowFormatVersion) + "); unknown parts are kept as they are",
                        SourceLocation{{}, 0, 0, "/version", {}});
  if (version < 2) migrate_from_1(document);
  if (version <= kWorkflowFormatVersion) document["version"] = kWorkflowFormatVersion;
  return version;
}

std::optional<Graph> graph_from_workflow_json(json document, Diagnostics& diagnostics,
                                              const std::string& file) {
  if (!document.is_object()) {
    diagnostics.error("workflow.schema", "a workflow must be a JSON object",
                      SourceLocation{file, 0, 0, "", {}});
    return std::nullopt;
  }
  const int version = migrate_workflow_json(document, diagnostics);
  Workflow workflow = Workflow::from_json(document, diagnostics, file);

  Graph graph;
  graph.name = workflow.name;
  graph.description = workflow.description;
  graph.extra = workflow.extra;
  // A newer file keeps its own version; ours is written on save otherwise.
  if (graph.extra.is_object() && version <= kWorkflowFormatVersion) graph.extra.erase("version");
  if (graph.extra.is_object() && graph.extra.empty()) graph.extra = json();

  graph.nodes.reserve(workflow.nodes().size());
  for (const WorkflowNode& source : workflow.nodes()) {
    Node node;
    node.id = source.id;
    node.skill_id = source.skill_id;
    node.input_values = source.input_values;
    node.extra = source.extra;
    node.has_position = source.ui && source.ui->position;
    if (source.ui) {
      if (source.ui->position) node.pos = *source.ui->position;
      if (source.ui->size) node.size = *source.ui->size;
      node.collapsed = source.ui->collapsed.value_or(false);
      node.ui_extra = source.ui->extra;
    }
    graph.nodes.push_back(std::move(node));
  }

  std::uint64_t serial = 1;
  std::unordered_map<PortRef, LinkId, std::function<std::size_t(const PortRef&)>> link_into(
      0, [](const PortRef& ref) { return std::hash<std::string>{}(ref.node.value + '\n' + ref.port); });
  graph.links.reserve(workflow.edges().size());
  for (const WorkflowEdge& edge : workflow.edges()) {
    Link link{LinkId{serial++}, edge.source, edge.target, edge.extra};
    link_into.emplace(link.target, link.id);
    graph.links.push_back(std::move(link));
  }

  graph.viewport_saved = workflow.ui && workflow.ui->viewport;
  if (workflow.ui) {
    if (workflow.ui->viewport)
      graph.viewport =
          Viewport{workflow.ui->viewport->x, workflow.ui->viewport->y, workflow.ui->viewport->zoom};
    json ui_extra = workflow.ui->extra;
    if (ui_extra.is_object() && ui_extra.contains("frames")) {
      if (ui_extra["frames"].is_array()) {
        for (const json& value : ui_extra["frames"]) {
          if (!value.is_object()) continue;
          Frame frame = read_frame(value);
          frame.id = FrameId{serial++};
          graph.frames.push_back(std::move(frame));
        }
        ui_extra.erase("frames");
      } else {
        diagnostics.warning("workflow.ui.frames", "'ui.frames' must be an array; kept as it is",
                            SourceLocation{file, 0, 0, "/ui/frames", {}});
      }
    }
    if (ui_extra.is_object() && ui_extra.contains("reroutes") && ui_extra["reroutes"].is_array()) {
      const json reroutes = ui_extra["reroutes"];
      ui_extra.erase("reroutes");
      for (std::size_t i = 0; i < reroutes.size(); ++i) {
        const json& value = reroutes[i];
        auto pos = value.is_object() ? read_pair(value.value("position", json())) : std::nullopt;
        PortRef target;
        if (value.is_object() && value.value("target", json()).is_string() &&
            value.value("targetInput", json()).is_string())
          target =
              PortRef{NodeId(value["target"].get<std::string>()), value["targetInput"].get<std::string>()};
        auto link = link_into.find(target);
        if (!pos || link == link_into.end()) {
          diagnostics.warning("workflow.ui.reroute",
                              "reroute point is not on an edge of this workflow (needs target, targetInput "
                              "and position); dropped",
                              SourceLocation{file, 0, 0, "/ui/reroutes/" + std::to_string(i), {}});
          continue;
        }
        graph.reroutes.push_back(Reroute{RerouteId{serial++}, link->second, *pos});
      }
    }
    if (ui_extra.is_object() && ui_extra.empty()) ui_extra = json();
    graph.ui_extra = std::move(ui_extra);
  }
  return graph;
}

std::optional<Graph> graph_from_workflow_text(std::string_view text, Diagnostics& diagnostics,
                                              const std::string& file) {
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error&) {
    // Workflow::parse words the message with line and column.
    Workflow::parse(text, diagnostics, file);
    return std::nullopt;
  }
  return graph_from_workflow_json(std::move(document), diagnostics, file);
}

json graph_to_workflow_json(const Graph& graph) {
  // Stable topological order: Kahn's algorithm taking the earliest ready node
  // in document order; nodes on a cycle follow in document order.
  const std::size_t count = graph.nodes.size();
  std::unordered_map<NodeId, std::size_t> index;
  index.reserve(count);
  for (std::size_t i = 0; i < count; ++i) index.emplace(graph.nodes[i].id, i);
  std::vector<std::vector<std::size_t>> successors(count);
  std::vector<std::size_t> pending(count, 0);
  for (const Link& link : graph.links) {
    auto from = index.find(link.source.node);
    auto to = index.find(link.target.node);
    if (from == index.end() || to == index.end() || from->second == to->second) continue;
    successors[from->second].push_back(to->second);
    ++pending[to->second];
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < count; ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<std::size_t> order;
  std::vector<bool> placed(count, false);
  order.reserve(count);
  while (!ready.empty()) {
    std::size_t next = ready.top();
    ready.pop();
    order.push_back(next);
    placed[next] = true;
    for (std::size_t successor : successors[next])
      if (--pending[successor] == 0) ready.push(successor);
  }
  for (std::size_t i = 0; i < count; ++i)
    if (!placed[i]) order.push_back(i);

  json document = json::object();
  if (!graph.name.empty()) document["name"] = graph.name;
  if (!graph.description.empty()) document["description"] = graph.description;
  json nodes = json::array();
  for (std::size_t i : order) {
    const Node& node = graph.nodes[i];
    json out = {{"nodeId", node.id.value}, {"skillId", node.skill_id}, {"inputValues", node.input_values}};
    json ui = json::object();
    if (node.has_position) ui["position"] = pair_json(node.pos);
    if (node.size.x > 0 && node.size.y > 0) ui["size"] = pair_json(node.size);
    if (node.collapsed) ui["collapsed"] = true;
    if (node.ui_extra.is_object())
      for (const auto& [key, value] : node.ui_extra.items()) ui[key] = value;
    if (!ui.empty()) out["ui"] = std::move(ui);
    if (node.extra.is_object())
      for (const auto& [key, value] : node.extra.items()) out[key] = value;
    nodes.push_back(std::move(out));
  }
  document["nodes"] = std::move(nodes);

  json edges = json::array();
  for (const Link& link : graph.links) {
    json out = {{"source", link.source.node.value},
                {"sourceOutput", link.source.port},
                {"target", link.target.node.value},
                {"targetInput", link.target.port}};
    if (link.extra.is_object())
      for (const auto& [key, value] : link.extra.items()) out[key] = value;
    edges.push_back(std::move(out));
  }
  document["edges"] = std::move(edges);

  json ui = json::object();
  if (graph.viewport_saved)
    ui["viewport"] = {{"x", graph.viewport.x}, {"y", graph.viewport.y}, {"zoom", graph.viewport.zoom}};
  if (!graph.frames.empty()) {
    json frames = json::array();
    for (const Frame& frame : graph.frames)
      frames.push_back({{"title", frame.title},
                        {"position", pair_json(frame.pos)},
                        {"size", pair_json(frame.size)},
                        {"color", frame.color}});
    ui["frames"] = std::move(frames);
  }
  if (!graph.reroutes.empty()) {
    json reroutes = json::array();
    // Grouped by edge in file order, each edge's points in drawing order.
    for (const Link& link : graph.links)
      for (const Reroute& reroute : graph.reroutes)
        if (reroute.link == link.id)
          reroutes.push_back({{"target", link.target.node.value},
                              {"targetInput", link.target.port},
                              {"position", pair_json(reroute.pos)}});
    ui["reroutes"] = std::move(reroutes);
  }
  if (graph.ui_extra.is_object())
    for (const auto& [key, value] : graph.ui_extra.items()) ui[key] = value;
  document["ui"] = std::move(ui);
  if (graph.extra.is_object())
    for (const auto& [key, value] : graph.extra.items()) document[key] = value;
  if (!document.contains("version")) document["version"] = kWorkflowFormatVersion;
  return document;
}

Workflow graph_to_workflow(const Graph& graph) {
  Diagnostics ignored;  // a graph always writes a well-formed document
  return Workflow::from_json(graph_to_workflow_json(graph), ignored);
}

}  // namespace llmos::editor
