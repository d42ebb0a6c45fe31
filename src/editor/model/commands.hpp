// Edits of the graph as data. EditorDocument::apply runs one, records its
// inverse for undo, and coalesces repeated commands of one gesture (a value
// drag, a node drag) into one undo step.
#pragma once

#include "graph.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace llmos::editor {

struct Command;

// Adds nodes, links, frames and reroutes (also paste and duplicate). Ids 0
// on links/frames/reroutes are given fresh ones; node ids must be new. The
// *_at lists (empty = append) give each item's index: undo of a removal
// puts items back exactly where they were.
struct AddItems {
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Frame> frames;
  std::vector<Reroute> reroutes;
  std::vector<std::size_t> node_at, link_at, frame_at, reroute_at;
};

// Removes items; a removed node takes its links, a removed link its reroutes.
struct RemoveItems {
  std::vector<NodeId> nodes;
  std::vector<LinkId> links;
  std::vector<FrameId> frames;
  std::vector<RerouteId> reroutes;
};

// Links an output to an input, replacing the link that fed the input before.
// Types are the caller's job (the canvas asks the core's check first).
struct Connect {
  PortRef source;
  PortRef target;
};

// Sets an input value (null clears it: the skill's default applies).
struct SetValue {
  NodeId node;
  std::string port;
  json value;
};

// New absolute positions.
struct MoveItems {
  std::vector<std::pair<NodeId, Vec2>> nodes;
  std::vector<std::pair<FrameId, Vec2>> frames;
  std::vector<std::pair<RerouteId, Vec2>> reroutes;
};

struct SetCollapsed {
  NodeId node;
  bool collapsed = false;
};

struct ResizeNode {
  NodeId node;
  Vec2 size;  // 0x0: automatic again
};

// Replaces the frame with the same id (title, rectangle, colour).
struct SetFrame {
  Frame frame;
};

// Points a node at another skill (an edited user copy of its skill).
struct SetSkill {
  NodeId node;
  std::string skill_id;
};

// Several commands as one undo step (cut, drop-link-and-create, layout...).
struct Batch {
  std::vector<Command> commands;
};

struct Command {
  std::variant<AddItems, RemoveItems, Connect, SetValue, MoveItems, SetCollapsed, ResizeNode, SetFrame,
               SetSkill, Batch>
      op;
  // Commands with the same non-zero gesture applied one after another merge
  // into one undo step (a parameter drag, a node drag).
  std::uint64_t gesture = 0;
  std::string label;  // for the Edit menu: "Undo Move"

  template <typename Op>
  requires(!std::is_same_v<std::decay_t<Op>, Command>)
      Command(Op o, std::string label_text = {}, std::uint64_t gesture_id = 0)
      : op(std::move(o)), gesture(gesture_id), label(std::move(label_text)) {}
};

}  // namespace llmos::editor
