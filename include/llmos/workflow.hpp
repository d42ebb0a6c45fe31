// The workflow model: nodes (skill instances with input values), edges
// (output port -> input port) and optional editor layout. One JSON format
// serves the editor, the runner and the HTTP API; fields this model does not
// know are kept and written back unchanged.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/ids.hpp"

#include "llmos/json.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace llmos {

struct Vec2 {
  double x = 0;
  double y = 0;
  friend bool operator==(const Vec2&, const Vec2&) = default;
};

// Editor layout of one node: {"position":[x,y], "size":[w,h], "collapsed":b}.
struct NodeUi {
  std::optional<Vec2> position;
  std::optional<Vec2> size;
  std::optional<bool> collapsed;
  json extra;  // unknown ui keys, kept verbatim (null = none)
};

struct Viewport {
  double x = 0;
  double y = 0;
  double zoom = 1;
};

// Editor state of the whole workflow: {"viewport":{x,y,zoom}}.
struct WorkflowUi {
  std::optional<Viewport> viewport;
  json extra;  // null = none
};

struct WorkflowNode {
  NodeId id;                           // "nodeId"
  std::string skill_id;                // "skillId"
  json input_values = json::object();  // "inputValues": port name -> value
  std::optional<NodeUi> ui;
  json extra;  // unknown node keys (null = none: no allocation per node)
};

struct WorkflowEdge {
  PortRef source;  // "source" + "sourceOutput"
  PortRef target;  // "target" + "targetInput"
  json extra;      // unknown edge keys (null = none)
};

class Workflow {
 public:
  // --- Loading. Problems go into `diagnostics` (codes workflow.parse for
  // JSON syntax with line:col, workflow.schema for wrong shapes, with JSON
  // pointers); what could be read is still returned so pointers stay aligned.
  static Workflow from_json(const json& document, Diagnostics& diagnostics, const std::string& file = {});
  // nullopt only when the text is not JSON at all.
  static std::optional<Workflow> parse(std::string_view text, Diagnostics& diagnostics,
                                       const std::string& file = {});
  // `text` (optional) receives the file's contents, to locate diagnostics
  // found later (validation) with add_line_columns().
  static std::optional<Workflow> load_file(const std::string& path, Diagnostics& diagnostics,
                                           std::string* text = nullptr);

  // --- Saving: known fields first, then the unknown ones as they were.
  json to_json() const;
  std::string dump(int indent = 2) const;
  bool save_file(const std::string& path, Diagnostics& diagnostics) const;

  // --- Reading.
  const std::vector<WorkflowNode>& nodes() const { return nodes_; }
  const std::vector<WorkflowEdge>& edges() const { return edges_; }
  const WorkflowNode* find_node(const NodeId& id) const;
  // For editing values and layout; change a node's id by remove + add.
  WorkflowNode* find_node(const NodeId& id);
  // Position in nodes() (the /nodes/<index> pointer), or nullopt.
  std::optional<std::size_t> node_index(const NodeId& id) const;
  const WorkflowEdge& edge(EdgeId id) const { return edges_.at(id.index); }
  // Edges whose target is `input` (more than one is a validation error).
  std::vector<EdgeId> edges_into(const PortRef& input) const;

  // --- Editing. Each returns false (or nullopt) and changes nothing when
  // the edit does not make sense (duplicate id, unknown node, ...); type
  // checks are validate()'s job.
  bool add_node(WorkflowNode node);
  bool add_node(NodeId id, std::string skill_id, json input_values = json::object());
  // Also removes every edge touching the node.
  bool remove_node(const NodeId& id);
  // Both nodes must exist; types, duplicates and cycles are validate()'s job.
  std::optional<EdgeId> connect(PortRef source, PortRef target);
  bool disconnect(EdgeId edge);
  bool set_input_value(const NodeId& node, const std::string& port, json value);
  bool clear_input_value(const NodeId& node, const std::string& port);

  // --- Workflow-level fields.
  std::string name;
  std::string description;
  std::optional<WorkflowUi> ui;
  json extra;               // unknown root keys (e.g. user_id of an API request); null = none
  std::string source_file;  // where it was loaded from; diagnostics name it

 private:
  // Node id -> position, built on first lookup so edits stay O(1) amortized.
  // Copies start empty: a copied workflow rebuilds it only if it is asked.
  struct NodeIndex {
    NodeIndex() = default;
    NodeIndex(const NodeIndex&) {}
    NodeIndex& operator=(const NodeIndex&) {
      clear();
      return *this;
    }
    NodeIndex(NodeIndex&&) = default;
    NodeIndex& operator=(NodeIndex&&) = default;
    void clear() {
      positions.clear();
      valid = false;
    }
    std::unordered_map<std::string, std::size_t> positions;
    bool valid = false;
  };
  const NodeIndex& index() const;

  std::vector<WorkflowNode> nodes_;
  std::vector<WorkflowEdge> edges_;
  mutable NodeIndex index_;
};

}  // namespace llmos
