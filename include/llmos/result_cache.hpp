// Node results keyed by content hash (skill id + code + canonical inputs +
// upstream result hashes, see Scheduler): an in-memory LRU bounded by bytes,
// optionally backed by a PersistentStore that outlives the process.
#pragma once

#include "llmos/json.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos {

// Second-level storage by hex key (16 digits). Natively a directory; in the
// browser an IndexedDB store implemented in JS behind the same interface.
class PersistentStore {
 public:
  virtual ~PersistentStore() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  virtual void put(const std::string& key, std::string_view value) = 0;
  // Deletes the value under `key`; true if there was one.
  virtual bool erase(const std::string& key) = 0;
};

// One file per key, named <hex key>.json, in `directory` (created on demand).
class DirectoryStore final : public PersistentStore {
 public:
  explicit DirectoryStore(std::filesystem::path directory);
  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, std::string_view value) override;
  bool erase(const std::string& key) override;
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
};

struct CacheStats {
  std::size_t hits = 0;
  std::size_t misses = 0;
  std::size_t store_hits = 0;  // misses in memory answered by the store
  std::size_t evictions = 0;
  std::size_t in_order_hits = 0;  // hits found by following the LRU order, without the table
};

// A node's outputs, shared (never copied) between the run that made them,
// the cache and the runs that hit it: images and long series stay put.
using SharedOutputs = std::shared_ptr<const json>;

class ResultCache {
 public:
  // `byte_budget` bounds the memory tier (sum of the entries' JSON text
  // sizes). `store` (optional, not owned) is read on a memory miss and
  // written on every put.
  explicit ResultCache(std::size_t byte_budget = 64u << 20, PersistentStore* store = nullptr);

  // Outputs stored under `key` (nullptr if none), most recently used afterwards.
  SharedOutputs get(std::uint64_t key);
  // Replaces an existing entry. Entries larger than the whole budget only go
  // to the store.
  void put(std::uint64_t key, SharedOutputs outputs);
  void put(std::uint64_t key, json outputs) { put(key, std::make_shared<const json>(std::move(outputs))); }
  bool contains(std::uint64_t key) const { return find(key) != kNone; }
  // Removes the entry under `key` from memory and from the store, so the next
  // get() misses ("Clear cached result"); true if either held it.
  bool remove(std::uint64_t key);
  // Starts loading the table slot `key` hashes to into the CPU caches, for a
  // get() or put() of it a little later.
  void prefetch(std::uint64_t key) const {
    if (!table_.empty()) __builtin_prefetch(&table_[home_of(key)]);
  }
  void clear();

  std::size_t size() const { return entries_.size() - free_.size(); }
  std::size_t bytes() const { return bytes_; }
  std::size_t byte_budget() const { return byte_budget_; }
  const CacheStats& stats() const { return stats_; }

 private:
  // Entries live in one vector, linked into an LRU list by index, and are
  // found through an open-addressing table of indices: no allocation per
  // entry beyond the shared outputs, and a lookup touches two small arrays.
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
  void insert(std::uint64_t key, SharedOutputs outputs, std::size_t bytes);
  void erase(std::uint32_t entry);
  void unlink(std::uint32_t entry);
  void link_newest(std::uint32_t entry);
  void grow_table();
  void evict_to(std::size_t budget);

  std::size_t byte_budget_;
  PersistentStore* store_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> free_;   // indices of unused entries
  std::vector<std::uint32_t> table_;  // entry index or kNone; size a power of two
  std::uint32_t newest_ = kNone;
  std::uint32_t oldest_ = kNone;
  std::uint32_t expected_next_ = kNone;  // the entry after the last hit, in LRU order
  bool in_sequence_ = false;             // hits are following the LRU order: try expected_next_ first
  std::size_t bytes_ = 0;
  CacheStats stats_;
};

// The length of value.dump(), computed without building the text.
std::size_t json_text_size(const json& value);

}  // namespace llmos
