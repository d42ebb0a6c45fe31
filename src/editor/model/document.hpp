// EditorDocument: the open workflow's graph plus its undo history. Every
// edit goes through apply(); readers (canvas, inspector, run view, debug
// API) read graph() and look nodes up by id.
#pragma once

#include "commands.hpp"
#include "graph.hpp"

#include "llmos/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace llmos::editor {

class EditorDocument {
 public:
  EditorDocument() = default;
  explicit EditorDocument(Graph graph);

  // --- Editing. False (and nothing recorded) when the command makes no
  // sense: unknown ids, a duplicate node id, a link to itself, no change.
  bool apply(const Command& command);
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  bool undo();
  bool redo();
  // Label of the step undo()/redo() would take ("" if none).
  const std::string& undo_label() const;
  const std::string& redo_label() const;
  // Ends merging: the next command with the same gesture starts a new step.
  void end_gesture() { open_gesture_ = 0; }
  // A fresh gesture id for a drag that is starting.
  std::uint64_t new_gesture() { return ++last_gesture_; }
  void clear_history();
  // Ids for items built before they are added (a paste whose reroutes name
  // its new links).
  LinkId new_link_id() { return LinkId{next_serial_++}; }
  FrameId new_frame_id() { return FrameId{next_serial_++}; }
  RerouteId new_reroute_id() { return RerouteId{next_serial_++}; }

  // View state: saved with the file but not an undoable edit.
  void set_viewport(const Viewport& viewport);
  // A view the editor chose for a file without one (framed to the window
  // that opened it): shown, but neither an edit nor saved, so the file
  // still has no viewport and is framed again wherever it is reopened.
  void show_viewport(const Viewport& viewport);

  // --- Reading.
  const Graph& graph() const { return graph_; }
  const Node* find_node(const NodeId& id) const;
  const Link* find_link(LinkId id) const;
  const Frame* find_frame(FrameId id) const;
  const Reroute* find_reroute(RerouteId id) const;
  // Position in graph().nodes.
  std::optional<std::size_t> node_index(const NodeId& id) const;
  // The link feeding an input, if any.
  const Link* link_into(const PortRef& input) const;
  // Reroutes of one link, in drawing order (source to target).
  std::vector<const Reroute*> reroutes_of(LinkId link) const;
  // An id for a new node of `skill_id` that no node has ("plot_data", "plot_data_2").
  NodeId unique_node_id(std::string_view skill_id) const;

  // Different for every document constructed in this process (also copies
  // made by loading): views notice that another workflow was opened.
  std::uint64_t identity() const { return identity_; }
  // Bumped on every change (edits, undo, redo, viewport): autosave and
  // cached layouts compare it.
  std::uint64_t revision() const { return revision_; }
  // Bumped on every edit, undo and redo but not on viewport changes: what
  // validation and stale markers compare (panning and zooming change nothing
  // they read).
  std::uint64_t content_revision() const { return content_revision_; }
  // Bumped when nodes or links are added or removed (not on moves/values).
  std::uint64_t structure_revision() const { return structure_revision_; }

 private:
  struct Step {
    Command redo;
    Command undo;
  };
  // Applies without touching the history; returns the concrete command that
  // was applied (fresh ids filled in) and its inverse.
  std::optional<Step> execute(const Command& command);
  std::optional<Step> execute_add(const AddItems& add);
  std::optional<Step> execute_remove(const RemoveItems& remove);
  std::optional<Step> execute_connect(const Connect& connect);
  std::optional<Step> execute_set_value(const SetValue& set);
  std::optional<Step> execute_move(const MoveItems& move);
  std::optional<Step> execute_batch(const Batch& batch);
  bool merge_into_top(const Step& step, std::uint64_t gesture);
  void touched(bool structure);
  void rebuild_index() const;

  Graph graph_;
  std::vector<Step> undo_;
  std::vector<Step> redo_;
  std::uint64_t open_gesture_ = 0;
  std::uint64_t last_gesture_ = 0;
  std::uint64_t next_serial_ = 1;
  std::uint64_t revision_ = 0;
  std::uint64_t identity_ = next_identity();
  static std::uint64_t next_identity();
  std::uint64_t content_revision_ = 0;
  std::uint64_t structure_revision_ = 0;
  mutable std::unordered_map<NodeId, std::size_t> node_index_;
  mutable std::unordered_map<LinkId, std::size_t> link_index_;
  mutable bool index_valid_ = false;
};

}  // namespace llmos::editor
