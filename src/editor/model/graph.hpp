// The editor's graph as plain data: what the canvas draws and the workflow
// file stores. Edited only through EditorDocument::apply (document.hpp).
#pragma once

#include "ids.hpp"

#include "llmos/workflow.hpp"

#include <string>
#include <vector>

namespace llmos::editor {

using llmos::json;
using llmos::Vec2;

// One skill instance. `size` 0x0 means "as the canvas lays it out".
struct Node {
  NodeId id;
  std::string skill_id;
  Vec2 pos;
  Vec2 size;
  json input_values = json::object();  // port -> value; absent = default
  bool collapsed = false;
  bool has_position = true;  // false: the file gave none (auto layout places it)
  json extra;                // unknown node keys, written back (null = none)
  json ui_extra;             // unknown keys of the node's "ui" (null = none)
};

// output port -> input port ("edges" in the file).
struct Link {
  LinkId id;
  PortRef source;
  PortRef target;
  json extra;  // unknown edge keys (null = none)
};

// A comment frame; the nodes inside its rectangle move with it.
struct Frame {
  FrameId id;
  std::string title;
  Vec2 pos;
  Vec2 size{320, 200};
  std::string color = "#4a5a78";
  friend bool operator==(const Frame&, const Frame&) = default;
};

// A bend point on a link; a link's reroutes are drawn in the order they
// appear in Graph::reroutes.
struct Reroute {
  RerouteId id;
  LinkId link;
  Vec2 pos;
};

struct Viewport {
  double x = 0;  // canvas point at the top-left of the canvas region
  double y = 0;
  double zoom = 1;
  friend bool operator==(const Viewport&, const Viewport&) = default;
};

struct Graph {
  std::string name;
  std::string description;
  std::vector<Node> nodes;  // file order
  std::vector<Link> links;  // file order ("edges")
  std::vector<Frame> frames;
  std::vector<Reroute> reroutes;
  Viewport viewport;
  // False when the file came without ui.viewport (examples, API, agents):
  // the canvas then frames all its nodes in whatever window shows it.
  bool viewport_saved = true;
  json extra;     // unknown root keys (null = none)
  json ui_extra;  // unknown keys of the root "ui" (null = none)
};

// Port names a node uses in the file itself (its input values and links),
// for placeholder nodes whose skill this page does not have.
struct FilePorts {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};
FilePorts file_ports(const Graph& graph, const NodeId& node);

}  // namespace llmos::editor
