// The memory tier of ResultCache: entries live in one vector, linked into an
// LRU list by index, and are found through an open-addressing table of
// indices: no allocation per entry beyond the shared outputs, and a lookup
// touches two small arrays. Budgets, the store and statistics are
// ResultCache's. Private to the core.
#pragma once

#include "llmos/result_cache.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace llmos {

class LruIndex {
 public:
  struct Found {
    SharedOutputs outputs;  // nullptr: not here
    bool in_order = false;  // found by following the LRU order, without the table
  };
  // The outputs under `key`, most recently used afterwards.
  Found get(std::uint64_t key);
  bool contains(std::uint64_t key) const { return find(key) != kNone; }
  // Adds `outputs` as the most recently used entry, replacing one under `key`.
  void insert(std::uint64_t key, SharedOutputs outputs, std::size_t bytes);
  // Removes the entry under `key`; false if there was none.
  bool erase(std::uint64_t key);
  // Removes the least recently used entry; false when empty.
  bool evict_oldest();
  // Starts loading the table slot of `key` into the CPU caches.
  void prefetch(std::uint64_t key) const {
    if (!table_.empty()) __builtin_prefetch(&table_[home_of(key)]);
  }
  void clear();

  std::size_t size() const { return entries_.size() - free_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  static constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  struct Entry {
    std::uint64_t key = 0;
    SharedOutputs outputs;
    std::size_t bytes = 0;
    std::uint32_t newer = kNone;  // towards most recently used
    std::uint32_t older = kNone;
  };
  std::uint32_t find(std::uint64_t key) const;
  std::size_t home_of(std::uint64_t key) const;
  void erase_entry(std::uint32_t entry);
  void unlink(std::uint32_t entry);
  void link_newest(std::uint32_t entry);
  void grow_table();

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> free_;   // indices of unused entries
  std::vector<std::uint32_t> table_;  // entry index or kNone; size a power of two
  std::uint32_t newest_ = kNone;
  std::uint32_t oldest_ = kNone;
  std::uint32_t expected_next_ = kNone;  // the entry after the last hit, in LRU order
  bool in_sequence_ = false;             // hits are following the LRU order: try expected_next_ first
  std::size_t bytes_ = 0;
};

}  // namespace llmos
