// Node results keyed by content hash (skill id + code + canonical inputs +
// upstream result hashes, see Scheduler): an in-memory LRU bounded by bytes,
// optionally backed by a PersistentStore that outlives the process.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace llmos {

using json = nlohmann::ordered_json;

// Second-level storage by hex key (16 digits). Natively a directory; in the
// browser an IndexedDB store implemented in JS behind the same interface.
class PersistentStore {
 public:
  virtual ~PersistentStore() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  virtual void put(const std::string& key, std::string_view value) = 0;
};

// One file per key, named <hex key>.json, in `directory` (created on demand).
class DirectoryStore final : public PersistentStore {
 public:
  explicit DirectoryStore(std::filesystem::path directory);
  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, std::string_view value) override;
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
};

struct CacheStats {
  std::size_t hits = 0;
  std::size_t misses = 0;
  std::size_t store_hits = 0;  // misses in memory answered by the store
  std::size_t evictions = 0;
};

class ResultCache {
 public:
  // `byte_budget` bounds the memory tier (sum of the entries' JSON text
  // sizes). `store` (optional, not owned) is read on a memory miss and
  // written on every put.
  explicit ResultCache(std::size_t byte_budget = 64u << 20, PersistentStore* store = nullptr);

  // Outputs stored under `key`, most recently used afterwards.
  std::optional<json> get(std::uint64_t key);
  // Replaces an existing entry. Entries larger than the whole budget only go
  // to the store.
  void put(std::uint64_t key, const json& outputs);
  bool contains(std::uint64_t key) const { return index_.count(key) > 0; }
  void clear();

  std::size_t size() const { return index_.size(); }
  std::size_t bytes() const { return bytes_; }
  std::size_t byte_budget() const { return byte_budget_; }
  const CacheStats& stats() const { return stats_; }

 private:
  struct Entry {
    std::uint64_t key;
    json outputs;
    std::size_t bytes;
  };
  void insert(std::uint64_t key, json outputs, std::size_t bytes);
  void evict_to(std::size_t budget);

  std::size_t byte_budget_;
  PersistentStore* store_;
  std::list<Entry> lru_;  // front = most recently used
  std::unordered_map<std::uint64_t, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  CacheStats stats_;
};

}  // namespace llmos
