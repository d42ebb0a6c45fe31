// The workflow's edges compiled to integer adjacency (CSR) for the
// scheduler, validation and the CLI: node indices are positions in
// Workflow::nodes(), so ties break by file order everywhere.
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
  // Open-addressing id -> index table (ids are views into the workflow):
  // one probe sequence over a flat array instead of a node-based map, since
  // this lookup runs for every edge and every answer.
  struct Slot {
    std::size_t hash = 0;
    Index node = kEmpty;
  };
  static constexpr Index kEmpty = static_cast<Index>(-1);
  std::vector<Slot> slots_;
  std::vector<std::string_view> ids_;
  std::vector<Index> duplicates_;
  std::vector<Index> successor_offsets_;
  std::vector<Index> successors_;
  std::vector<Index> incoming_offsets_;
  std::vector<Index> incoming_edges_;
  std::vector<Index> edge_sources_;  // per incoming_edges_ entry: source node index
  std::vector<Index> indegree_;
};

}  // namespace llmos
