#include "document.hpp"

#include <algorithm>
#include <cctype>
#include <type_traits>
#include <unordered_set>

namespace llmos::editor {

namespace {

// Older steps fall off the bottom; a session rarely needs more.
constexpr std::size_t kMaxUndoSteps = 1000;

template <typename Item>
void insert_at(std::vector<Item>& items, std::vector<std::pair<std::size_t, Item>> placed) {
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, item] : placed)
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(std::min(index, items.size())), std::move(item));
}

template <typename Item>
std::vector<std::pair<std::size_t, Item>> with_positions(const std::vector<Item>& items,
                                                         const std::vector<std::size_t>& at,
                                                         std::size_t append_from) {
  std::vector<std::pair<std::size_t, Item>> placed;
  placed.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    placed.emplace_back(at.size() == items.size() ? at[i] : append_from + i, items[i]);
  return placed;
}

// Removes the items whose `keep` is false; returns them with their indices.
template <typename Item, typename Pred>
void take_out(std::vector<Item>& items, Pred remove, std::vector<Item>& taken, std::vector<std::size_t>& at) {
  std::size_t write = 0;
  for (std::size_t read = 0; read < items.size(); ++read) {
    if (remove(items[read])) {
      at.push_back(read);
      taken.push_back(std::move(items[read]));
    } else {
      if (write != read) items[write] = std::move(items[read]);
      ++write;
    }
  }
  items.resize(write);
}

template <typename Id>
void merge_positions(std::vector<std::pair<Id, Vec2>>& into, const std::vector<std::pair<Id, Vec2>>& from,
                     bool overwrite) {
  for (const auto& item : from) {
    auto found =
        std::find_if(into.begin(), into.end(), [&](const auto& entry) { return entry.first == item.first; });
    if (found == into.end())
      into.push_back(item);
    else if (overwrite)
      found->second = item.second;
  }
}

}  // namespace

std::uint64_t EditorDocument::next_identity() {
  static std::uint64_t last = 0;
  return ++last;
}

EditorDocument::EditorDocument(Graph graph) : graph_(std::move(graph)) {
  for (const Link& link : graph_.links) next_serial_ = std::max(next_serial_, link.id.value + 1);
  for (const Frame& frame : graph_.frames) next_serial_ = std::max(next_serial_, frame.id.value + 1);
  for (const Reroute& reroute : graph_.reroutes) next_serial_ = std::max(next_serial_, reroute.id.value + 1);
  for (Link& link : graph_.links)
    if (!link.id.valid()) link.id.value = next_serial_++;
  for (Frame& frame : graph_.frames)
    if (!frame.id.valid()) frame.id.value = next_serial_++;
  for (Reroute& reroute : graph_.reroutes)
    if (!reroute.id.valid()) reroute.id.value = next_serial_++;
}

// --- History -------------------------------------------------------------

bool EditorDocument::apply(const Command& command) {
  std::optional<Step> step = execute(command);
  if (!step) return false;
  step->redo.label = step->undo.label = command.label;
  step->redo.gesture = step->undo.gesture = command.gesture;
  if (!merge_into_top(*step, command.gesture)) {
    undo_.push_back(std::move(*step));
    if (undo_.size() > kMaxUndoSteps) undo_.erase(undo_.begin());
  }
  redo_.clear();
  open_gesture_ = command.gesture;
  return true;
}

bool EditorDocument::undo() {
  if (undo_.empty()) return false;
  Step step = std::move(undo_.back());
  undo_.pop_back();
  execute(step.undo);
  redo_.push_back(std::move(step));
  open_gesture_ = 0;
  return true;
}

bool EditorDocument::redo() {
  if (redo_.empty()) return false;
  Step step = std::move(redo_.back());
  redo_.pop_back();
  execute(step.redo);
  undo_.push_back(std::move(step));
  open_gesture_ = 0;
  return true;
}

const std::string& EditorDocument::undo_label() const {
  static const std::string none;
  return undo_.empty() ? none : undo_.back().undo.label;
}

const std::string& EditorDocument::redo_label() const {
  static const std::string none;
  return redo_.empty() ? none : redo_.back().redo.label;
}

void EditorDocument::clear_history() {
  undo_.clear();
  redo_.clear();
  open_gesture_ = 0;
}

void EditorDocument::set_viewport(const Viewport& viewport) {
  if (graph_.viewport == viewport) return;
  graph_.viewport = viewport;
  graph_.viewport_saved = true;
  ++revision_;
}

void EditorDocument::show_viewport(const Viewport& viewport) { graph_.viewport = viewport; }

bool EditorDocument::merge_into_top(const Step& step, std::uint64_t gesture) {
  if (gesture == 0 || gesture != open_gesture_ || undo_.empty()) return false;
  Step& top = undo_.back();
  if (top.redo.op.index() != step.redo.op.index()) return false;
  if (auto* next = std::get_if<SetValue>(&step.redo.op)) {
    auto& previous = std::get<SetValue>(top.redo.op);
    if (previous.node != next->node || previous.port != next->port) return false;
    previous.value = next->value;
    return true;
  }
  if (auto* next = std::get_if<MoveItems>(&step.redo.op)) {
    auto& redo = std::get<MoveItems>(top.redo.op);
    auto& undo = std::get<MoveItems>(top.undo.op);
    const auto& first = std::get<MoveItems>(step.undo.op);
    merge_positions(redo.nodes, next->nodes, true);
    merge_positions(redo.frames, next->frames, true);
    merge_positions(redo.reroutes, next->reroutes, true);
    merge_positions(undo.nodes, first.nodes, false);
    merge_positions(undo.frames, first.frames, false);
    merge_positions(undo.reroutes, first.reroutes, false);
    return true;
  }
  if (auto* next = std::get_if<ResizeNode>(&step.redo.op)) {
    auto& previous = std::get<ResizeNode>(top.redo.op);
    if (previous.node != next->node) return false;
    previous.size = next->size;
    return true;
  }
  if (auto* next = std::get_if<SetFrame>(&step.redo.op)) {
    auto& previous = std::get<SetFrame>(top.redo.op);
    if (previous.frame.id != next->frame.id) return false;
    previous.frame = next->frame;
    return true;
  }
  return false;
}

void EditorDocument::touched(bool structure) {
  ++revision_;
  ++content_revision_;
  if (structure) {
    ++structure_revision_;
    index_valid_ = false;
  }
}

// --- Commands ------------------------------------------------------------

std::optional<EditorDocument::Step> EditorDocument::execute(const Command& command) {
  return std::visit(
      [&](const auto& op) -> std::optional<Step> {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<Op, AddItems>) {
          return execute_add(op);
        } else if constexpr (std::is_same_v<Op, RemoveItems>) {
          return execute_remove(op);
        } else if constexpr (std::is_same_v<Op, Connect>) {
          return execute_connect(op);
        } else if constexpr (std::is_same_v<Op, SetValue>) {
          return execute_set_value(op);
        } else if constexpr (std::is_same_v<Op, MoveItems>) {
          return execute_move(op);
        } else if constexpr (std::is_same_v<Op, Batch>) {
          return execute_batch(op);
        } else if constexpr (std::is_same_v<Op, SetCollapsed>) {
          auto index = node_index(op.node);
          if (!index || graph_.nodes[*index].collapsed == op.collapsed) return std::nullopt;
          graph_.nodes[*index].collapsed = op.collapsed;
          touched(false);
          return Step{Command(op), Command(SetCollapsed{op.node, !op.collapsed})};
        } else if constexpr (std::is_same_v<Op, ResizeNode>) {
          auto index = node_index(op.node);
          if (!index || graph_.nodes[*index].size == op.size) return std::nullopt;
          Vec2 before = graph_.nodes[*index].size;
          graph_.nodes[*index].size = op.size;
          touched(false);
          return Step{Command(op), Command(ResizeNode{op.node, before})};
        } else if constexpr (std::is_same_v<Op, SetFrame>) {
          auto found = std::find_if(graph_.frames.begin(), graph_.frames.end(),
                                    [&](const Frame& frame) { return frame.id == op.frame.id; });
          if (found == graph_.frames.end() || *found == op.frame) return std::nullopt;
          Frame before = *found;
          *found = op.frame;
          touched(false);
          return Step{Command(op), Command(SetFrame{before})};
        } else {
          static_assert(std::is_same_v<Op, SetSkill>);
          auto index = node_index(op.node);
          if (!index || op.skill_id.empty() || graph_.nodes[*index].skill_id == op.skill_id)
            return std::nullopt;
          std::string before = graph_.nodes[*index].skill_id;
          graph_.nodes[*index].skill_id = op.skill_id;
          touched(true);
          return Step{Command(op), Command(SetSkill{op.node, before})};
        }
      },
      command.op);
}

std::optional<EditorDocument::Step> EditorDocument::execute_add(const AddItems& add) {
  if (add.nodes.empty() && add.links.empty() && add.frames.empty() && add.reroutes.empty())
    return std::nullopt;
  AddItems concrete = add;
  std::unordered_set<NodeId> new_nodes;
  for (const Node& node : concrete.nodes)
    if (node.id.empty() || find_node(node.id) || !new_nodes.insert(node.id).second) return std::nullopt;
  auto node_known = [&](const NodeId& id) { return new_nodes.count(id) > 0 || find_node(id) != nullptr; };
  std::unordered_set<LinkId> new_links;
  for (Link& link : concrete.links) {
    if (!node_known(link.source.node) || !node_known(link.target.node) ||
        link.source.node == link.target.node)
      return std::nullopt;
    if (link.id.valid() && find_link(link.id)) return std::nullopt;
  }
  for (const Reroute& reroute : concrete.reroutes) {
    bool in_add = std::any_of(concrete.links.begin(), concrete.links.end(),
                              [&](const Link& link) { return link.id.valid() && link.id == reroute.link; });
    if (!in_add && !find_link(reroute.link)) return std::nullopt;
  }
  for (const Frame& frame : concrete.frames)
    if (frame.id.valid() && find_frame(frame.id)) return std::nullopt;
  for (const Reroute& reroute : concrete.reroutes)
    if (reroute.id.valid() && find_reroute(reroute.id)) return std::nullopt;

  // Fresh ids, and serials past any id given (pasted or restored items).
  auto fresh = [&](auto& id) {
    if (!id.valid()) id.value = next_serial_++;
    next_serial_ = std::max(next_serial_, id.value + 1);
  };
  for (Link& link : concrete.links) fresh(link.id);
  for (Frame& frame : concrete.frames) fresh(frame.id);
  for (Reroute& reroute : concrete.reroutes) fresh(reroute.id);

  insert_at(graph_.nodes, with_positions(concrete.nodes, concrete.node_at, graph_.nodes.size()));
  insert_at(graph_.links, with_positions(concrete.links, concrete.link_at, graph_.links.size()));
  insert_at(graph_.frames, with_positions(concrete.frames, concrete.frame_at, graph_.frames.size()));
  insert_at(graph_.reroutes, with_positions(concrete.reroutes, concrete.reroute_at, graph_.reroutes.size()));
  touched(true);

  RemoveItems inverse;
  for (const Node& node : concrete.nodes) inverse.nodes.push_back(node.id);
  for (const Link& link : concrete.links) inverse.links.push_back(link.id);
  for (const Frame& frame : concrete.frames) inverse.frames.push_back(frame.id);
  for (const Reroute& reroute : concrete.reroutes) inverse.reroutes.push_back(reroute.id);
  return Step{Command(std::move(concrete)), Command(std::move(inverse))};
}

std::optional<EditorDocument::Step> EditorDocument::execute_remove(const RemoveItems& remove) {
  std::unordered_set<NodeId> nodes;
  for (const NodeId& id : remove.nodes)
    if (find_node(id)) nodes.insert(id);
  std::unordered_set<LinkId> links;
  for (LinkId id : remove.links)
    if (find_link(id)) links.insert(id);
  for (const Link& link : graph_.links)
    if (nodes.count(link.source.node) || nodes.count(link.target.node)) links.insert(link.id);
  std::unordered_set<FrameId> frames(remove.frames.begin(), remove.frames.end());
  std::unordered_set<RerouteId> reroutes(remove.reroutes.begin(), remove.reroutes.end());
  for (const Reroute& reroute : graph_.reroutes)
    if (links.count(reroute.link)) reroutes.insert(reroute.id);

  AddItems inverse;
  take_out(
      graph_.nodes, [&](const Node& node) { return nodes.count(node.id) > 0; }, inverse.nodes,
      inverse.node_at);
  take_out(
      graph_.links, [&](const Link& link) { return links.count(link.id) > 0; }, inverse.links,
      inverse.link_at);
  take_out(
      graph_.frames, [&](const Frame& frame) { return frames.count(frame.id) > 0; }, inverse.frames,
      inverse.frame_at);
  take_out(
      graph_.reroutes, [&](const Reroute& reroute) { return reroutes.count(reroute.id) > 0; },
      inverse.reroutes, inverse.reroute_at);
  if (inverse.nodes.empty() && inverse.links.empty() && inverse.frames.empty() && inverse.reroutes.empty())
    return std::nullopt;
  touched(true);
  return Step{Command(remove), Command(std::move(inverse))};
}

std::optional<EditorDocument::Step> EditorDocument::execute_connect(const Connect& connect) {
  if (!find_node(connect.source.node) || !find_node(connect.target.node) ||
      connect.source.node == connect.target.node || connect.source.port.empty() ||
      connect.target.port.empty())
    return std::nullopt;
  const Link* existing = link_into(connect.target);
  if (existing && existing->source == connect.source) return std::nullopt;
  Batch batch;
  if (existing) batch.commands.emplace_back(RemoveItems{{}, {existing->id}, {}, {}});
  Link link;
  link.source = connect.source;
  link.target = connect.target;
  AddItems add;
  add.links.push_back(std::move(link));
  batch.commands.emplace_back(std::move(add));
  return execute_batch(batch);
}

std::optional<EditorDocument::Step> EditorDocument::execute_set_value(const SetValue& set) {
  auto index = node_index(set.node);
  if (!index || set.port.empty()) return std::nullopt;
  json& values = graph_.nodes[*index].input_values;
  if (!values.is_object()) values = json::object();
  json before = values.contains(set.port) ? values[set.port] : json();
  if (before == set.value) return std::nullopt;
  if (set.value.is_null())
    values.erase(set.port);
  else
    values[set.port] = set.value;
  touched(false);
  return Step{Command(set), Command(SetValue{set.node, set.port, std::move(before)})};
}

std::optional<EditorDocument::Step> EditorDocument::execute_move(const MoveItems& move) {
  MoveItems applied, inverse;
  for (const auto& [id, pos] : move.nodes) {
    auto index = node_index(id);
    if (!index) continue;
    Node& node = graph_.nodes[*index];
    if (node.pos == pos && node.has_position) continue;
    inverse.nodes.emplace_back(id, node.pos);
    applied.nodes.emplace_back(id, pos);
    node.pos = pos;
    node.has_position = true;
  }
  for (const auto& [frame_id, pos] : move.frames) {
    const FrameId id = frame_id;  // a copy: clang 14 lambdas cannot capture structured bindings
    auto found = std::find_if(graph_.frames.begin(), graph_.frames.end(),
                              [&](const Frame& frame) { return frame.id == id; });
    if (found == graph_.frames.end() || found->pos == pos) continue;
    inverse.frames.emplace_back(id, found->pos);
    applied.frames.emplace_back(id, pos);
    found->pos = pos;
  }
  for (const auto& [reroute_id, pos] : move.reroutes) {
    const RerouteId id = reroute_id;
    auto found = std::find_if(graph_.reroutes.begin(), graph_.reroutes.end(),
                              [&](const Reroute& reroute) { return reroute.id == id; });
    if (found == graph_.reroutes.end() || found->pos == pos) continue;
    inverse.reroutes.emplace_back(id, found->pos);
    applied.reroutes.emplace_back(id, pos);
    found->pos = pos;
  }
  if (applied.nodes.empty() && applied.frames.empty() && applied.reroutes.empty()) return std::nullopt;
  touched(false);
  return Step{Command(std::move(applied)), Command(std::move(inverse))};
}

std::optional<EditorDocument::Step> EditorDocument::execute_batch(const Batch& batch) {
  Batch redo, undo;
  for (const Command& command : batch.commands) {
    std::optional<Step> step = execute(command);
    if (!step) continue;  // a part that changes nothing is left out
    redo.commands.push_back(std::move(step->redo));
    undo.commands.insert(undo.commands.begin(), std::move(step->undo));
  }
  if (redo.commands.empty()) return std::nullopt;
  return Step{Command(std::move(redo)), Command(std::move(undo))};
}

// --- Reading -------------------------------------------------------------

void EditorDocument::rebuild_index() const {
  node_index_.clear();
  link_index_.clear();
  node_index_.reserve(graph_.nodes.size());
  link_index_.reserve(graph_.links.size());
  for (std::size_t i = 0; i < graph_.nodes.size(); ++i) node_index_.emplace(graph_.nodes[i].id, i);
  for (std::size_t i = 0; i < graph_.links.size(); ++i) link_index_.emplace(graph_.links[i].id, i);
  index_valid_ = true;
}

std::optional<std::size_t> EditorDocument::node_index(const NodeId& id) const {
  if (!index_valid_) rebuild_index();
  auto found = node_index_.find(id);
  if (found == node_index_.end()) return std::nullopt;
  return found->second;
}

const Node* EditorDocument::find_node(const NodeId& id) const {
  auto index = node_index(id);
  return index ? &graph_.nodes[*index] : nullptr;
}

const Link* EditorDocument::find_link(LinkId id) const {
  if (!index_valid_) rebuild_index();
  auto found = link_index_.find(id);
  return found == link_index_.end() ? nullptr : &graph_.links[found->second];
}

const Frame* EditorDocument::find_frame(FrameId id) const {
  for (const Frame& frame : graph_.frames)
    if (frame.id == id) return &frame;
  return nullptr;
}

const Reroute* EditorDocument::find_reroute(RerouteId id) const {
  for (const Reroute& reroute : graph_.reroutes)
    if (reroute.id == id) return &reroute;
  return nullptr;
}

const Link* EditorDocument::link_into(const PortRef& input) const {
  for (const Link& link : graph_.links)
    if (link.target == input) return &link;
  return nullptr;
}

std::vector<const Reroute*> EditorDocument::reroutes_of(LinkId link) const {
  std::vector<const Reroute*> result;
  for (const Reroute& reroute : graph_.reroutes)
    if (reroute.link == link) result.push_back(&reroute);
  return result;
}

NodeId EditorDocument::unique_node_id(std::string_view skill_id) const {
  std::string base(skill_id);
  constexpr std::string_view suffix = "-node";
  if (base.size() > suffix.size() && base.ends_with(suffix)) base.resize(base.size() - suffix.size());
  for (char& c : base)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  if (base.empty()) base = "node";
  if (!find_node(NodeId(base))) return NodeId(base);
  for (int n = 2;; ++n) {
    NodeId candidate(base + "_" + std::to_string(n));
    if (!find_node(candidate)) return candidate;
  }
}

}  // namespace llmos::editor
