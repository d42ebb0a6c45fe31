#include "llmos/workflow.hpp"

#include "llmos/json_pointer.hpp"

#include <fstream>
#include <initializer_list>
#include <sstream>

namespace llmos {
namespace {

// Reads the JSON into the model; every shape problem becomes one
// workflow.schema diagnostic pointing at the offending value.
class WorkflowReader {
 public:
  WorkflowReader(Diagnostics& diagnostics, const std::string& file)
      : diagnostics_(diagnostics), file_(file) {}

  void problem(const std::string& pointer, const std::string& message, const std::string& node_id = {}) {
    diagnostics_.error("workflow.schema", message, SourceLocation{file_, 0, 0, pointer, node_id});
  }

  std::string read_string(const json& object, const char* key, const std::string& pointer, bool required,
                          const std::string& node_id = {}) {
    const auto found = object.find(key);
    if (found == object.end()) {
      if (required) problem(pointer, std::string("missing required field '") + key + "'", node_id);
      return {};
    }
    if (!found->is_string()) {
      problem(pointer + "/" + key, std::string("'") + key + "' must be a string", node_id);
      return {};
    }
    return found->get<std::string>();
  }

  std::optional<Vec2> read_pair(const json& value, const std::string& pointer) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number()) {
      problem(pointer, "expected [number, number]");
      return std::nullopt;
    }
    return Vec2{value[0].get<double>(), value[1].get<double>()};
  }

  NodeUi read_node_ui(const json& value, const std::string& pointer) {
    NodeUi ui;
    if (!value.is_object()) {
      problem(pointer, "'ui' must be an object");
      return ui;
    }
    for (const auto& [key, item] : value.items()) {
      if (key == "position") {
        ui.position = read_pair(item, pointer + "/position");
      } else if (key == "size") {
        ui.size = read_pair(item, pointer + "/size");
      } else if (key == "collapsed") {
        if (item.is_boolean())
          ui.collapsed = item.get<bool>();
        else
          problem(pointer + "/collapsed", "'collapsed' must be a boolean");
      } else {
        ui.extra[key] = item;
      }
    }
    return ui;
  }

  WorkflowUi read_workflow_ui(const json& value, const std::string& pointer) {
    WorkflowUi ui;
    if (!value.is_object()) {
      problem(pointer, "'ui' must be an object");
      return ui;
    }
    for (const auto& [key, item] : value.items()) {
      if (key != "viewport") {
        ui.extra[key] = item;
        continue;
      }
      Viewport viewport;
      const bool ok = item.is_object() && item.value("x", json(0)).is_number() &&
                      item.value("y", json(0)).is_number() && item.value("zoom", json(1)).is_number();
      if (!ok) {
        problem(pointer + "/viewport", "'viewport' must be {x:number, y:number, zoom:number}");
        continue;
      }
      viewport.x = item.value("x", 0.0);
      viewport.y = item.value("y", 0.0);
      viewport.zoom = item.value("zoom", 1.0);
      ui.viewport = viewport;
    }
    return ui;
  }

  WorkflowNode read_node(const json& value, const std::string& pointer) {
    WorkflowNode node;
    if (!value.is_object()) {
      problem(pointer, "a node must be an object");
      return node;
    }
    node.id = NodeId(read_string(value, "nodeId", pointer, true));
    node.skill_id = read_string(value, "skillId", pointer, true, node.id.value);
    for (const auto& [key, item] : value.items()) {
      if (key == "nodeId" || key == "skillId") continue;
      if (key == "inputValues") {
        if (item.is_object())
          node.input_values = item;
        else if (!item.is_null())
          problem(pointer + "/inputValues", "'inputValues' must be an object", node.id.value);
      } else if (key == "ui") {
        node.ui = read_node_ui(item, pointer + "/ui");
      } else {
        node.extra[key] = item;
      }
    }
    return node;
  }

  WorkflowEdge read_edge(const json& value, const std::string& pointer) {
    WorkflowEdge edge;
    if (!value.is_object()) {
      problem(pointer, "an edge must be an object");
      return edge;
    }
    edge.source.node = NodeId(read_string(value, "source", pointer, true));
    edge.source.port = read_string(value, "sourceOutput", pointer, true);
    edge.target.node = NodeId(read_string(value, "target", pointer, true));
    edge.target.port = read_string(value, "targetInput", pointer, true);
    for (const auto& [key, item] : value.items()) {
      static const std::initializer_list<std::string_view> known = {"source", "sourceOutput", "target",
                                                                    "targetInput"};
      bool is_known = false;
      for (auto name : known) is_known = is_known || key == name;
      if (!is_known) edge.extra[key] = item;
    }
    return edge;
  }

 private:
  Diagnostics& diagnostics_;
  const std::string& file_;
};

json vec2_to_json(const Vec2& value) { return json::array({value.x, value.y}); }

}  // namespace

Workflow Workflow::from_json(const json& document, Diagnostics& diagnostics, const std::string& file) {
  Workflow workflow;
  workflow.source_file = file;
  WorkflowReader reader(diagnostics, file);
  if (!document.is_object()) {
    reader.problem("", "a workflow must be a JSON object");
    return workflow;
  }
  if (!document.contains("nodes")) reader.problem("", "missing required field 'nodes'");
  for (const auto& [key, value] : document.items()) {
    if (key == "nodes") {
      if (!value.is_array()) {
        reader.problem("/nodes", "'nodes' must be an array");
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i)
        workflow.nodes_.push_back(reader.read_node(value[i], "/nodes/" + std::to_string(i)));
    } else if (key == "edges") {
      if (!value.is_array()) {
        reader.problem("/edges", "'edges' must be an array");
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i)
        workflow.edges_.push_back(reader.read_edge(value[i], "/edges/" + std::to_string(i)));
    } else if (key == "name" && value.is_string()) {
      workflow.name = value.get<std::string>();
    } else if (key == "description" && value.is_string()) {
      workflow.description = value.get<std::string>();
    } else if (key == "ui") {
      workflow.ui = reader.read_workflow_ui(value, "/ui");
    } else {
      workflow.extra[key] = value;
    }
  }
  return workflow;
}

std::optional<Workflow> Workflow::parse(std::string_view text, Diagnostics& diagnostics,
                                        const std::string& file) {
  auto parsed = parse_json(text);
  if (!parsed.ok()) {
    const auto at = line_column_at(text, parsed.byte);
    if (parsed.too_deep) {
      diagnostics.error("workflow.parse.depth",
                        "invalid JSON: " + parsed.error + " (arrays and objects nest at most " +
                            std::to_string(kMaxNesting) + " deep)",
                        SourceLocation{file, at.line, at.column, {}, {}});
      return std::nullopt;
    }
    // Drop nlohmann's "[json.exception...] parse error at line L, column C: "; the location is in `where`.
    std::string message = parsed.error;
    if (const auto cut = message.find(", column "); cut != std::string::npos) {
      if (const auto colon = message.find(": ", cut); colon != std::string::npos)
        message = message.substr(colon + 2);
    }
    diagnostics.error("workflow.parse", "invalid JSON: " + message,
                      SourceLocation{file, at.line, at.column, {}, {}});
    return std::nullopt;
  }
  const json& document = parsed.value;
  // Shape problems also get the line and column their pointer leads to.
  Diagnostics shape;
  auto workflow = from_json(document, shape, file);
  add_line_columns(shape, text);
  diagnostics.append(shape);
  return workflow;
}

std::optional<Workflow> Workflow::load_file(const std::string& path, Diagnostics& diagnostics,
                                            std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error("workflow.io", "cannot read file", SourceLocation{path, 0, 0, {}, {}});
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  std::string read = contents.str();
  auto workflow = parse(read, diagnostics, path);
  if (text) *text = std::move(read);
  return workflow;
}

json Workflow::to_json() const {
  json document = json::object();
  if (!name.empty()) document["name"] = name;
  if (!description.empty()) document["description"] = description;
  json nodes = json::array();
  for (const auto& node : nodes_) {
    json out = {{"nodeId", node.id.value}, {"skillId", node.skill_id}, {"inputValues", node.input_values}};
    if (node.ui) {
      json layout = json::object();
      if (node.ui->position) layout["position"] = vec2_to_json(*node.ui->position);
      if (node.ui->size) layout["size"] = vec2_to_json(*node.ui->size);
      if (node.ui->collapsed) layout["collapsed"] = *node.ui->collapsed;
      for (const auto& [key, value] : node.ui->extra.items()) layout[key] = value;
      out["ui"] = std::move(layout);
    }
    for (const auto& [key, value] : node.extra.items()) out[key] = value;
    nodes.push_back(std::move(out));
  }
  document["nodes"] = std::move(nodes);
  json edges = json::array();
  for (const auto& edge : edges_) {
    json out = {{"source", edge.source.node.value},
                {"sourceOutput", edge.source.port},
                {"target", edge.target.node.value},
                {"targetInput", edge.target.port}};
    for (const auto& [key, value] : edge.extra.items()) out[key] = value;
    edges.push_back(std::move(out));
  }
  document["edges"] = std::move(edges);
  if (ui) {
    json out = json::object();
    if (ui->viewport)
      out["viewport"] = {{"x", ui->viewport->x}, {"y", ui->viewport->y}, {"zoom", ui->viewport->zoom}};
    for (const auto& [key, value] : ui->extra.items()) out[key] = value;
    document["ui"] = std::move(out);
  }
  for (const auto& [key, value] : extra.items()) document[key] = value;
  return document;
}

std::string Workflow::dump(int indent) const { return to_json().dump(indent); }

bool Workflow::save_file(const std::string& path, Diagnostics& diagnostics) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << dump() << '\n';
  if (!out) {
    diagnostics.error("workflow.io", "cannot write file", SourceLocation{path, 0, 0, {}, {}});
    return false;
  }
  return true;
}

const Workflow::NodeIndex& Workflow::index() const {
  if (!index_.valid) {
    index_.positions.clear();
    index_.positions.reserve(nodes_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i) index_.positions.try_emplace(nodes_[i].id.value, i);
    index_.valid = true;
  }
  return index_;
}

std::optional<std::size_t> Workflow::node_index(const NodeId& id) const {
  const auto& positions = index().positions;
  const auto found = positions.find(id.value);
  if (found == positions.end()) return std::nullopt;
  return found->second;
}

const WorkflowNode* Workflow::find_node(const NodeId& id) const {
  const auto position = node_index(id);
  return position ? &nodes_[*position] : nullptr;
}

WorkflowNode* Workflow::find_node(const NodeId& id) {
  const auto position = node_index(id);
  return position ? &nodes_[*position] : nullptr;
}

std::vector<EdgeId> Workflow::edges_into(const PortRef& input) const {
  std::vector<EdgeId> found;
  for (std::size_t i = 0; i < edges_.size(); ++i)
    if (edges_[i].target == input) found.push_back(EdgeId{i});
  return found;
}

bool Workflow::add_node(WorkflowNode node) {
  if (node.id.empty() || find_node(node.id)) return false;
  if (!node.input_values.is_object()) node.input_values = json::object();
  if (index_.valid) index_.positions.emplace(node.id.value, nodes_.size());
  nodes_.push_back(std::move(node));
  return true;
}

bool Workflow::add_node(NodeId id, std::string skill_id, json input_values) {
  WorkflowNode node;
  node.id = std::move(id);
  node.skill_id = std::move(skill_id);
  node.input_values = std::move(input_values);
  return add_node(std::move(node));
}

bool Workflow::remove_node(const NodeId& id) {
  const auto index = node_index(id);
  if (!index) return false;
  nodes_.erase(nodes_.begin() + static_cast<std::ptrdiff_t>(*index));
  index_.clear();
  std::erase_if(edges_,
                [&](const WorkflowEdge& edge) { return edge.source.node == id || edge.target.node == id; });
  return true;
}

std::optional<EdgeId> Workflow::connect(PortRef source, PortRef target) {
  if (!find_node(source.node) || !find_node(target.node) || source.port.empty() || target.port.empty())
    return std::nullopt;
  edges_.push_back(WorkflowEdge{std::move(source), std::move(target), json()});
  return EdgeId{edges_.size() - 1};
}

bool Workflow::disconnect(EdgeId edge) {
  if (edge.index >= edges_.size()) return false;
  edges_.erase(edges_.begin() + static_cast<std::ptrdiff_t>(edge.index));
  return true;
}

bool Workflow::set_input_value(const NodeId& node, const std::string& port, json value) {
  auto* found = find_node(node);
  if (!found || port.empty()) return false;
  found->input_values[port] = std::move(value);
  return true;
}

bool Workflow::clear_input_value(const NodeId& node, const std::string& port) {
  auto* found = find_node(node);
  return found && found->input_values.erase(port) > 0;
}

}  // namespace llmos
