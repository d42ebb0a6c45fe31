// The ready nodes of one run, handed out lowest file position first. A
// two-level bitset: insert and take cost O(1) amortized and a 100k-node run
// needs 13 KB. Taking the lowest position first makes the scheduler walk its
// per-node arrays front to back for workflows stored in topological order
// (what the editor writes), instead of hopping across memory. Private to
// the core (the scheduler's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace llmos {

class ReadySet {
 public:
  // Empties the set and makes room for nodes 0..node_count-1.
  void reset(std::size_t node_count);
  // Adding a node that is already in the set changes nothing.
  void insert(std::uint32_t node);
  bool contains(std::uint32_t node) const;
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // The lowest node, which stays in the set. The set must not be empty.
  std::uint32_t lowest() const;
  // Removes and returns the lowest node. The set must not be empty.
  std::uint32_t take_lowest();

 private:
  std::vector<std::uint64_t> words_;    // bit n % 64 of word n / 64: node n is ready
  std::vector<std::uint64_t> summary_;  // bit w % 64 of word w / 64: words_[w] != 0
  mutable std::size_t first_ = 0;       // no summary word below this one is non-zero
  std::size_t size_ = 0;
};

}  // namespace llmos
