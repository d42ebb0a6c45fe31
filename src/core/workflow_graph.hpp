// The workflow's edges compiled to integer adjacency (CSR) for the
// scheduler, validation and run planning: node indices are positions in
// Workflow::nodes(), so ties break by file order everywhere. Private to the
// core; the API's view of it is plan_levels/plan_cycles (run_plan.hpp).
#pragma once

#include "llmos/workflow.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace llmos {

class WorkflowGraph {
 public:
  using Index = std::uint32_t;

  // Duplicate node ids: the first one wins. Edges naming a missing node are
  // left out (validate() reports them).
  explicit WorkflowGraph(const Workflow& workflow);

  std::size_t node_count() const { return indegree_.size(); }
  std::optional<Index> index_of(std::string_view node_id) const;
  // Positions of nodes whose id repeats an earlier node's id.
  const std::vector<Index>& duplicates() const { return duplicates_; }
  // Targets of the node's outgoing edges (one entry per edge), in node order.
  std::span<const Index> successors(Index node) const;
  // Indices into Workflow::edges() of the edges ending at `node`, in file order.
  std::span<const Index> incoming_edges(Index node) const;
  // Source node of each entry of incoming_edges(node), same order.
  std::span<const Index> incoming_sources(Index node) const;
  // Position of the node's first entry in the flat list of all incoming
  // entries (node 0's first, ..., node_count() gives the total), for side
  // tables kept in the same order.
  Index incoming_offset(Index node) const { return incoming_offsets_[node]; }
  // The ports of each entry of incoming_edges(node), same order, as ids of
  // port_name(): resolving inputs never has to read the workflow's edges.
  struct PortPair {
    Index source_port;  // the upstream node's output
    Index target_port;  // this node's input
  };
  std::span<const PortPair> incoming_ports(Index node) const;
  // The source node and ports of one entry of the flat incoming list.
  Index incoming_source_at(Index entry) const { return edge_sources_[entry]; }
  const PortPair& incoming_port_at(Index entry) const { return incoming_ports_[entry]; }
  // Each entry of successors(node), same order, as seen from the target:
  // its position in the flat incoming list and the source port. A finished
  // node hands its outputs to its successors' entries with this.
  struct OutgoingEdge {
    Index entry;
    Index source_port;
  };
  std::span<const OutgoingEdge> outgoing(Index node) const;
  const std::string& port_name(Index port) const { return port_names_[port]; }
  // True when every edge goes from a node to a later one in the file: no
  // cycle is possible, so checks for one can be skipped.
  bool edges_point_forward() const { return edges_point_forward_; }
  // Number of incoming edges (what Kahn counts down).
  Index indegree(Index node) const { return indegree_[node]; }

  // Kahn levels: level 0 has no inputs wired, level k depends on level < k.
  // Nodes on (or behind) a cycle are in no level.
  std::vector<std::vector<Index>> levels() const;
  // Every node on a cycle found by a depth-first search, each cycle as the
  // node sequence a -> b -> ... (the first node is not repeated). Self-loops
  // are not included (validate() reports them on their own).
  std::vector<std::vector<Index>> cycles() const;
  // `root` plus everything downstream / upstream of it.
  std::vector<bool> descendants_of(Index root) const;
  std::vector<bool> ancestors_of(Index root) const;

 private:
  // Open-addressing id -> index table over a private copy of the ids, so a
  // lookup touches three compact arrays (about 20 bytes per node) instead of
  // the workflow's nodes: it runs for every edge and every answer.
  struct Slot {
    std::uint32_t tag = 0;  // high half of the id's hash
    Index node = kEmpty;
  };
  static constexpr Index kEmpty = static_cast<Index>(-1);
  std::size_t home_of(std::uint64_t hash) const;
  std::string_view id_at(Index node) const {
    return std::string_view(id_chars_).substr(id_offsets_[node], id_offsets_[node + 1] - id_offsets_[node]);
  }
  std::vector<Slot> slots_;
  std::string id_chars_;           // every node id, back to back
  std::vector<Index> id_offsets_;  // node i's id is [id_offsets_[i], id_offsets_[i + 1])
  std::vector<Index> duplicates_;
  std::vector<Index> successor_offsets_;
  std::vector<Index> successors_;
  std::vector<OutgoingEdge> outgoing_;  // per successors_ entry
  std::vector<Index> incoming_offsets_;
  std::vector<Index> incoming_edges_;
  std::vector<Index> edge_sources_;  // per incoming_edges_ entry: source node index
  std::vector<Index> indegree_;
  std::vector<PortPair> incoming_ports_;  // per incoming_edges_ entry
  std::vector<std::string> port_names_;
  bool edges_point_forward_ = true;
};

}  // namespace llmos
