// Node results keyed by content hash (skill id + code + input defaults and
// values + the upstream nodes' keys, see cache_keys in run_plan.hpp): an
// in-memory LRU bounded by bytes, optionally backed by a PersistentStore
// that outlives the process.
#pragma once

#include "llmos/json.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

class LruIndex;  // the memory tier's table and LRU order (src/core)

class ResultCache {
 public:
  // `byte_budget` bounds the memory tier (sum of the entries' JSON text
  // sizes). `store` (optional, not owned) is read on a memory miss and
  // written on every put.
  explicit ResultCache(std::size_t byte_budget = 64u << 20, PersistentStore* store = nullptr);
  ~ResultCache();
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  // Outputs stored under `key` (nullptr if none), most recently used afterwards.
  SharedOutputs get(std::uint64_t key);
  // Replaces an existing entry. Entries larger than the whole budget only go
  // to the store.
  void put(std::uint64_t key, SharedOutputs outputs);
  void put(std::uint64_t key, json outputs) { put(key, std::make_shared<const json>(std::move(outputs))); }
  bool contains(std::uint64_t key) const;
  // Removes the entry under `key` from memory and from the store, so the next
  // get() misses ("Clear cached result"); true if either held it.
  bool remove(std::uint64_t key);
  // A hint that get() or put() of `key` follows soon (the scheduler gives it
  // for the nodes it is about to handle).
  void prefetch(std::uint64_t key) const;
  void clear();

  std::size_t size() const;
  std::size_t bytes() const;
  std::size_t byte_budget() const { return byte_budget_; }
  const CacheStats& stats() const { return stats_; }

 private:
  void insert(std::uint64_t key, SharedOutputs outputs, std::size_t bytes);

  std::size_t byte_budget_;
  PersistentStore* store_;
  std::unique_ptr<LruIndex> index_;
  CacheStats stats_;
};

// The length of value.dump(), computed without building the text.
std::size_t json_text_size(const json& value);

}  // namespace llmos
