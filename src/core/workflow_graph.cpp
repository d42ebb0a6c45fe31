#include "workflow_graph.hpp"

#include "llmos/hash.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace llmos {

namespace {

// The content hash's FNV-1a over the id's bytes, then a splitmix finalizer
// so both halves are usable: the same on every platform (std::hash is 32-bit
// in wasm).
std::uint64_t id_hash(std::string_view id) {
  std::uint64_t hash = Hasher{}.bytes(id.data(), id.size()).value();
  hash ^= hash >> 31;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 29;
  return hash;
}

}  // namespace

// Maps the low half of the hash onto [0, slots) without a division.
std::size_t WorkflowGraph::home_of(std::uint64_t hash) const {
  return static_cast<std::size_t>(
      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(hash)) * slots_.size()) >> 32);
}

WorkflowGraph::WorkflowGraph(const Workflow& workflow) {
  const auto& nodes = workflow.nodes();
  const auto& edges = workflow.edges();
  const std::size_t count = nodes.size();
  id_offsets_.reserve(count + 1);
  id_offsets_.push_back(0);
  for (const auto& node : nodes) {
    id_chars_ += node.id.value;
    id_offsets_.push_back(static_cast<Index>(id_chars_.size()));
  }
  slots_.resize(count + count / 3 + 8);  // load factor <= 3/4
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view id = id_at(static_cast<Index>(i));
    const std::uint64_t hash = id_hash(id);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t at = home_of(hash);; at = at + 1 == slots_.size() ? 0 : at + 1) {
      Slot& slot = slots_[at];
      if (slot.node == kEmpty) {
        slot = Slot{tag, static_cast<Index>(i)};
        break;
      }
      if (slot.tag == tag && id_at(slot.node) == id) {
        duplicates_.push_back(static_cast<Index>(i));
        break;
      }
    }
  }

  // Resolve each edge once; -1 marks an edge with a missing end.
  constexpr Index missing = static_cast<Index>(-1);
  std::vector<std::pair<Index, Index>> resolved(edges.size(), {missing, missing});
  successor_offsets_.assign(count + 1, 0);
  incoming_offsets_.assign(count + 1, 0);
  // Files list edges roughly in node order: an edge's end is often the node
  // the previous edge named on that side, or the next one. Those are checked
  // before hashing (not with duplicate ids, where the first one must win).
  Index source_hint = kEmpty, target_hint = kEmpty;
  auto resolve = [&](std::string_view id, Index& last) -> std::optional<Index> {
    if (duplicates_.empty() && last != kEmpty) {
      if (id_at(last) == id) return last;
      if (last + 1 < count && id_at(last + 1) == id) return ++last;
    }
    const auto found = index_of(id);
    if (found) last = *found;
    return found;
  };
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const auto source = resolve(edges[e].source.node.value, source_hint);
    const auto target = resolve(edges[e].target.node.value, target_hint);
    if (!source || !target) continue;
    resolved[e] = {*source, *target};
    ++successor_offsets_[*source + 1];
    ++incoming_offsets_[*target + 1];
  }
  for (std::size_t i = 0; i < count; ++i) {
    successor_offsets_[i + 1] += successor_offsets_[i];
    incoming_offsets_[i + 1] += incoming_offsets_[i];
  }
  successors_.resize(successor_offsets_[count]);
  outgoing_.resize(successor_offsets_[count]);
  incoming_edges_.resize(incoming_offsets_[count]);
  edge_sources_.resize(incoming_offsets_[count]);
  std::vector<Index> successor_fill(successor_offsets_.begin(), successor_offsets_.end() - 1);
  std::vector<Index> incoming_fill(incoming_offsets_.begin(), incoming_offsets_.end() - 1);
  incoming_ports_.resize(incoming_offsets_[count]);
  // Port names repeat a lot ("out", "a", ...) and a workflow uses few of
  // them: the first kScanned distinct names are found by a linear scan
  // (cheaper than hashing a short string), any further ones by a map.
  constexpr std::size_t kScanned = 16;
  std::unordered_map<std::string_view, Index> more_port_ids;
  auto intern = [&](const std::string& name) {
    const std::size_t scanned = std::min(port_names_.size(), kScanned);
    for (std::size_t i = 0; i < scanned; ++i)
      if (port_names_[i] == name) return static_cast<Index>(i);
    if (port_names_.size() < kScanned) {
      port_names_.push_back(name);
      return static_cast<Index>(port_names_.size() - 1);
    }
    const auto [found, added] = more_port_ids.try_emplace(name, static_cast<Index>(port_names_.size()));
    if (added) port_names_.push_back(name);
    return found->second;
  };
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const auto [source, target] = resolved[e];
    if (source == missing) continue;
    if (source >= target) edges_point_forward_ = false;
    const Index slot = incoming_fill[target]++;
    edge_sources_[slot] = source;
    incoming_edges_[slot] = static_cast<Index>(e);
    incoming_ports_[slot] = PortPair{intern(edges[e].source.port), intern(edges[e].target.port)};
    const Index out = successor_fill[source]++;
    successors_[out] = target;
    outgoing_[out] = OutgoingEdge{slot, incoming_ports_[slot].source_port};
  }
  // Successors in node (file) order: the scheduler's tie-break. Entries grow
  // with the target, so sorting by entry sorts by target, stably.
  const auto by_entry = [](const OutgoingEdge& a, const OutgoingEdge& b) { return a.entry < b.entry; };
  std::vector<std::pair<OutgoingEdge, Index>> both;
  for (std::size_t i = 0; i < count; ++i) {
    const auto first = successor_offsets_[i], last = successor_offsets_[i + 1];
    if (std::is_sorted(outgoing_.begin() + first, outgoing_.begin() + last, by_entry)) continue;
    both.clear();
    for (auto k = first; k < last; ++k) both.push_back({outgoing_[k], successors_[k]});
    std::sort(both.begin(), both.end(),
              [&](const auto& a, const auto& b) { return by_entry(a.first, b.first); });
    for (auto k = first; k < last; ++k) std::tie(outgoing_[k], successors_[k]) = both[k - first];
  }
  indegree_.resize(count);
  for (std::size_t i = 0; i < count; ++i) indegree_[i] = incoming_offsets_[i + 1] - incoming_offsets_[i];
}

std::optional<WorkflowGraph::Index> WorkflowGraph::index_of(std::string_view node_id) const {
  const std::uint64_t hash = id_hash(node_id);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t at = home_of(hash);; at = at + 1 == slots_.size() ? 0 : at + 1) {
    const Slot& slot = slots_[at];
    if (slot.node == kEmpty) return std::nullopt;
    if (slot.tag == tag && id_at(slot.node) == node_id) return slot.node;
  }
}

std::span<const WorkflowGraph::Index> WorkflowGraph::successors(Index node) const {
  return {successors_.data() + successor_offsets_[node],
          successor_offsets_[node + 1] - successor_offsets_[node]};
}

std::span<const WorkflowGraph::OutgoingEdge> WorkflowGraph::outgoing(Index node) const {
  return {outgoing_.data() + successor_offsets_[node],
          successor_offsets_[node + 1] - successor_offsets_[node]};
}

std::span<const WorkflowGraph::Index> WorkflowGraph::incoming_edges(Index node) const {
  return {incoming_edges_.data() + incoming_offsets_[node],
          incoming_offsets_[node + 1] - incoming_offsets_[node]};
}

std::span<const WorkflowGraph::PortPair> WorkflowGraph::incoming_ports(Index node) const {
  return {incoming_ports_.data() + incoming_offsets_[node],
          incoming_offsets_[node + 1] - incoming_offsets_[node]};
}

std::span<const WorkflowGraph::Index> WorkflowGraph::incoming_sources(Index node) const {
  return {edge_sources_.data() + incoming_offsets_[node],
          incoming_offsets_[node + 1] - incoming_offsets_[node]};
}

std::vector<std::vector<WorkflowGraph::Index>> WorkflowGraph::levels() const {
  std::vector<Index> remaining = indegree_;
  std::vector<Index> current;
  for (Index i = 0; i < node_count(); ++i)
    if (remaining[i] == 0) current.push_back(i);
  std::vector<std::vector<Index>> out;
  while (!current.empty()) {
    std::vector<Index> next;
    for (Index node : current)
      for (Index successor : successors(node))
        if (--remaining[successor] == 0) next.push_back(successor);
    std::sort(next.begin(), next.end());
    out.push_back(std::move(current));
    current = std::move(next);
  }
  return out;
}

std::vector<std::vector<WorkflowGraph::Index>> WorkflowGraph::cycles() const {
  // Iterative DFS (100k-node chains must not overflow a 1 MB wasm stack).
  enum Color : unsigned char { white, grey, black };
  std::vector<Color> color(node_count(), white);
  std::vector<Index> path;                           // grey nodes, root first
  std::vector<std::pair<Index, std::size_t>> stack;  // node, next successor slot
  std::vector<std::vector<Index>> found;
  for (Index root = 0; root < node_count(); ++root) {
    if (color[root] != white) continue;
    stack.push_back({root, 0});
    color[root] = grey;
    path.push_back(root);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      const auto successor_list = successors(node);
      if (next == successor_list.size()) {
        color[node] = black;
        path.pop_back();
        stack.pop_back();
        continue;
      }
      const Index successor = successor_list[next++];
      if (successor == node) continue;  // self-loop: reported separately
      if (color[successor] == grey) {
        const auto start = std::find(path.begin(), path.end(), successor);
        found.emplace_back(start, path.end());
      } else if (color[successor] == white) {
        color[successor] = grey;
        path.push_back(successor);
        stack.push_back({successor, 0});
      }
    }
  }
  return found;
}

namespace {

// Nodes reachable from `root` (root included), following the neighbours
// `for_each_neighbour(node, visit)` hands to `visit`.
template <typename ForEachNeighbour>
std::vector<bool> reachable(std::size_t node_count, WorkflowGraph::Index root,
                            ForEachNeighbour for_each_neighbour) {
  std::vector<bool> seen(node_count, false);
  std::vector<WorkflowGraph::Index> todo{root};
  seen[root] = true;
  while (!todo.empty()) {
    const WorkflowGraph::Index node = todo.back();
    todo.pop_back();
    for_each_neighbour(node, [&](WorkflowGraph::Index next) {
      if (seen[next]) return;
      seen[next] = true;
      todo.push_back(next);
    });
  }
  return seen;
}

}  // namespace

std::vector<bool> WorkflowGraph::descendants_of(Index root) const {
  return reachable(node_count(), root, [this](Index node, auto visit) {
    for (Index successor : successors(node)) visit(successor);
  });
}

std::vector<bool> WorkflowGraph::ancestors_of(Index root) const {
  return reachable(node_count(), root, [this](Index node, auto visit) {
    for (std::size_t slot = incoming_offsets_[node]; slot < incoming_offsets_[node + 1]; ++slot)
      visit(edge_sources_[slot]);
  });
}

}  // namespace llmos
