#include "llmos/result_cache.hpp"

#include "llmos/hash.hpp"

#include <fstream>
#include <sstream>

namespace llmos {

DirectoryStore::DirectoryStore(std::filesystem::path directory) : directory_(std::move(directory)) {}

std::optional<std::string> DirectoryStore::get(const std::string& key) {
  std::ifstream in(directory_ / (key + ".json"), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void DirectoryStore::put(const std::string& key, std::string_view value) {
  std::error_code error;
  std::filesystem::create_directories(directory_, error);
  // Write then rename, so a reader never sees half a file.
  const auto final_path = directory_ / (key + ".json");
  const auto temporary = directory_ / (key + ".json.tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(value.data(), static_cast<std::streamsize>(value.size()));
    if (!out) return;
  }
  std::filesystem::rename(temporary, final_path, error);
}

ResultCache::ResultCache(std::size_t byte_budget, PersistentStore* store)
    : byte_budget_(byte_budget), store_(store) {}

std::optional<json> ResultCache::get(std::uint64_t key) {
  if (const auto found = index_.find(key); found != index_.end()) {
    lru_.splice(lru_.begin(), lru_, found->second);
    ++stats_.hits;
    return found->second->outputs;
  }
  if (store_) {
    if (auto text = store_->get(to_hex(key))) {
      json outputs = json::parse(*text, nullptr, /*allow_exceptions=*/false);
      if (!outputs.is_discarded()) {
        ++stats_.hits;
        ++stats_.store_hits;
        insert(key, outputs, text->size());
        return outputs;
      }
    }
  }
  ++stats_.misses;
  return std::nullopt;
}

void ResultCache::put(std::uint64_t key, const json& outputs) {
  std::string text = outputs.dump();
  if (store_) store_->put(to_hex(key), text);
  insert(key, outputs, text.size());
}

void ResultCache::insert(std::uint64_t key, json outputs, std::size_t bytes) {
  if (const auto found = index_.find(key); found != index_.end()) {
    bytes_ -= found->second->bytes;
    lru_.erase(found->second);
    index_.erase(found);
  }
  if (bytes > byte_budget_) return;
  evict_to(byte_budget_ - bytes);
  lru_.push_front(Entry{key, std::move(outputs), bytes});
  index_[key] = lru_.begin();
  bytes_ += bytes;
}

void ResultCache::evict_to(std::size_t budget) {
  while (bytes_ > budget && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    index_.erase(lru_.back().key);
    lru_.pop_back();
    ++stats_.evictions;
  }
}

void ResultCache::clear() {
  lru_.clear();
  index_.clear();
  bytes_ = 0;
}

}  // namespace llmos
