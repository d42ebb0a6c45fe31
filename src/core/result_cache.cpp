#include "llmos/result_cache.hpp"

#include "llmos/hash.hpp"

#include <algorithm>
#include <cmath>
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

bool DirectoryStore::erase(const std::string& key) {
  std::error_code error;
  return std::filesystem::remove(directory_ / (key + ".json"), error);
}

namespace {

// Spreads the (already hashed) key over the table's bits.
constexpr std::uint64_t kSpread = 0x9E3779B97F4A7C15ULL;

std::size_t quoted_size(std::string_view text) {
  std::size_t size = 2;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
      size += 2;
    else if (byte < 0x20)
      size += 6;  // \u00XX
    else
      size += 1;
  }
  return size;
}

std::size_t digits(std::uint64_t value) {
  std::size_t count = 1;
  while (value >= 10) {
    value /= 10;
    ++count;
  }
  return count;
}

}  // namespace

std::size_t json_text_size(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return 4;
    case json::value_t::boolean:
      return value.get<bool>() ? 4 : 5;
    case json::value_t::number_integer: {
      const auto number = value.get<std::int64_t>();
      return number < 0 ? 1 + digits(0 - static_cast<std::uint64_t>(number))
                        : digits(static_cast<std::uint64_t>(number));
    }
    case json::value_t::number_unsigned:
      return digits(value.get<std::uint64_t>());
    case json::value_t::number_float: {
      const double number = value.get<double>();
      if (!std::isfinite(number)) return 4;  // dump() writes null
      // The shortest round-trip spelling dump() itself uses.
      char buffer[64];
      return static_cast<std::size_t>(nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number) -
                                      buffer);
    }
    case json::value_t::string:
      return quoted_size(value.get_ref<const std::string&>());
    case json::value_t::array: {
      std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
      for (const auto& item : value) size += json_text_size(item);
      return size;
    }
    case json::value_t::object: {
      std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
      for (const auto& [key, item] : value.get_ref<const json::object_t&>())
        size += quoted_size(key) + 1 + json_text_size(item);
      return size;
    }
    case json::value_t::binary:
      return value.dump().size();
  }
  return 0;
}

ResultCache::ResultCache(std::size_t byte_budget, PersistentStore* store)
    : byte_budget_(byte_budget), store_(store) {}

std::size_t ResultCache::home_of(std::uint64_t key) const {
  return static_cast<std::size_t>((key * kSpread) >> 32) & (table_.size() - 1);
}

std::uint32_t ResultCache::find(std::uint64_t key) const {
  if (table_.empty()) return kNone;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t at = home_of(key);; at = (at + 1) & mask) {
    const std::uint32_t entry = table_[at];
    if (entry == kNone || entries_[entry].key == key) return entry;
  }
}

void ResultCache::unlink(std::uint32_t entry) {
  Entry& e = entries_[entry];
  (e.newer == kNone ? newest_ : entries_[e.newer].older) = e.older;
  (e.older == kNone ? oldest_ : entries_[e.older].newer) = e.newer;
  e.newer = e.older = kNone;
}

void ResultCache::link_newest(std::uint32_t entry) {
  Entry& e = entries_[entry];
  e.newer = kNone;
  e.older = newest_;
  if (newest_ != kNone) entries_[newest_].newer = entry;
  newest_ = entry;
  if (oldest_ == kNone) oldest_ = entry;
}

SharedOutputs ResultCache::get(std::uint64_t key) {
  // Runs are deterministic: re-running a workflow asks for its keys in the
  // order the last run used or stored them, which is the LRU order. Once two
  // hits in a row were neighbours in that order, the entry after the last
  // hit is tried before the table (a random access); a miss stops that.
  std::uint32_t entry = kNone;
  if (in_sequence_ && expected_next_ != kNone && entries_[expected_next_].key == key) {
    entry = expected_next_;
    ++stats_.in_order_hits;
  } else {
    entry = find(key);
    in_sequence_ = entry != kNone && entry == expected_next_;
  }
  if (entry != kNone) {
    expected_next_ = entries_[entry].newer;
    unlink(entry);
    link_newest(entry);
    ++stats_.hits;
    return entries_[entry].outputs;
  }
  if (store_) {
    if (auto text = store_->get(to_hex(key))) {
      json outputs = json::parse(*text, nullptr, /*allow_exceptions=*/false);
      if (!outputs.is_discarded()) {
        ++stats_.hits;
        ++stats_.store_hits;
        auto shared = std::make_shared<const json>(std::move(outputs));
        insert(key, shared, text->size());
        return shared;
      }
    }
  }
  ++stats_.misses;
  return nullptr;
}

void ResultCache::put(std::uint64_t key, SharedOutputs outputs) {
  if (!outputs) outputs = std::make_shared<const json>();
  std::size_t bytes = 0;
  if (store_) {
    // Invalid UTF-8 in a string must not throw here: replace it.
    const std::string text = outputs->dump(-1, ' ', false, json::error_handler_t::replace);
    store_->put(to_hex(key), text);
    bytes = text.size();
  } else {
    bytes = json_text_size(*outputs);
  }
  insert(key, std::move(outputs), bytes);
}

bool ResultCache::remove(std::uint64_t key) {
  bool removed = false;
  if (const auto entry = find(key); entry != kNone) {
    erase(entry);
    removed = true;
  }
  in_sequence_ = false;
  if (store_ && store_->erase(to_hex(key))) removed = true;
  return removed;
}

void ResultCache::insert(std::uint64_t key, SharedOutputs outputs, std::size_t bytes) {
  if (const auto existing = find(key); existing != kNone) erase(existing);
  if (bytes > byte_budget_) return;
  evict_to(byte_budget_ - bytes);
  if ((size() + 1) * 2 > table_.size()) grow_table();
  std::uint32_t entry;
  if (free_.empty()) {
    entry = static_cast<std::uint32_t>(entries_.size());
    entries_.emplace_back();
  } else {
    entry = free_.back();
    free_.pop_back();
  }
  entries_[entry].key = key;
  entries_[entry].outputs = std::move(outputs);
  entries_[entry].bytes = bytes;
  link_newest(entry);
  const std::size_t mask = table_.size() - 1;
  std::size_t at = home_of(key);
  while (table_[at] != kNone) at = (at + 1) & mask;
  table_[at] = entry;
  bytes_ += bytes;
}

// Linear probing with backward-shift deletion: no tombstones, so lookups
// stay short however many entries come and go.
void ResultCache::erase(std::uint32_t entry) {
  const std::size_t mask = table_.size() - 1;
  std::size_t hole = home_of(entries_[entry].key);
  while (table_[hole] != entry) hole = (hole + 1) & mask;
  for (std::size_t next = (hole + 1) & mask; table_[next] != kNone; next = (next + 1) & mask) {
    const std::size_t home = home_of(entries_[table_[next]].key);
    if (((next - home) & mask) >= ((next - hole) & mask)) {
      table_[hole] = table_[next];
      hole = next;
    }
  }
  table_[hole] = kNone;
  if (expected_next_ == entry) expected_next_ = kNone;
  bytes_ -= entries_[entry].bytes;
  unlink(entry);
  entries_[entry].outputs.reset();
  free_.push_back(entry);
}

void ResultCache::grow_table() {
  table_.assign(std::max<std::size_t>(16, table_.size() * 2), kNone);
  const std::size_t mask = table_.size() - 1;
  for (std::uint32_t entry = newest_; entry != kNone; entry = entries_[entry].older) {
    std::size_t at = home_of(entries_[entry].key);
    while (table_[at] != kNone) at = (at + 1) & mask;
    table_[at] = entry;
  }
}

void ResultCache::evict_to(std::size_t budget) {
  while (bytes_ > budget && oldest_ != kNone) {
    erase(oldest_);
    ++stats_.evictions;
  }
}

void ResultCache::clear() {
  entries_.clear();
  free_.clear();
  table_.clear();
  newest_ = oldest_ = expected_next_ = kNone;
  in_sequence_ = false;
  bytes_ = 0;
}

}  // namespace llmos
