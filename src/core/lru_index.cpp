#include "lru_index.hpp"

#include <algorithm>

namespace llmos {
namespace {

// Spreads the (already hashed) key over the table's bits.
constexpr std::uint64_t kSpread = 0x9E3779B97F4A7C15ULL;

}  // namespace

std::size_t LruIndex::home_of(std::uint64_t key) const {
  return static_cast<std::size_t>((key * kSpread) >> 32) & (table_.size() - 1);
}

std::uint32_t LruIndex::find(std::uint64_t key) const {
  if (table_.empty()) return kNone;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t at = home_of(key);; at = (at + 1) & mask) {
    const std::uint32_t entry = table_[at];
    if (entry == kNone || entries_[entry].key == key) return entry;
  }
}

void LruIndex::unlink(std::uint32_t entry) {
  Entry& e = entries_[entry];
  (e.newer == kNone ? newest_ : entries_[e.newer].older) = e.older;
  (e.older == kNone ? oldest_ : entries_[e.older].newer) = e.newer;
  e.newer = e.older = kNone;
}

void LruIndex::link_newest(std::uint32_t entry) {
  Entry& e = entries_[entry];
  e.newer = kNone;
  e.older = newest_;
  if (newest_ != kNone) entries_[newest_].newer = entry;
  newest_ = entry;
  if (oldest_ == kNone) oldest_ = entry;
}

LruIndex::Found LruIndex::get(std::uint64_t key) {
  // Runs are deterministic: re-running a workflow asks for its keys in the
  // order the last run used or stored them, which is the LRU order. Once two
  // hits in a row were neighbours in that order, the entry after the last
  // hit is tried before the table (a random access); a miss stops that.
  Found found;
  std::uint32_t entry = kNone;
  if (in_sequence_ && expected_next_ != kNone && entries_[expected_next_].key == key) {
    entry = expected_next_;
    found.in_order = true;
  } else {
    entry = find(key);
    in_sequence_ = entry != kNone && entry == expected_next_;
  }
  if (entry == kNone) return found;
  expected_next_ = entries_[entry].newer;
  unlink(entry);
  link_newest(entry);
  found.outputs = entries_[entry].outputs;
  return found;
}

void LruIndex::insert(std::uint64_t key, SharedOutputs outputs, std::size_t bytes) {
  erase(key);
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

bool LruIndex::erase(std::uint64_t key) {
  const auto entry = find(key);
  if (entry == kNone) return false;
  erase_entry(entry);
  return true;
}

bool LruIndex::evict_oldest() {
  if (oldest_ == kNone) return false;
  erase_entry(oldest_);
  return true;
}

// Linear probing with backward-shift deletion: no tombstones, so lookups
// stay short however many entries come and go.
void LruIndex::erase_entry(std::uint32_t entry) {
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

void LruIndex::grow_table() {
  table_.assign(std::max<std::size_t>(16, table_.size() * 2), kNone);
  const std::size_t mask = table_.size() - 1;
  for (std::uint32_t entry = newest_; entry != kNone; entry = entries_[entry].older) {
    std::size_t at = home_of(entries_[entry].key);
    while (table_[at] != kNone) at = (at + 1) & mask;
    table_[at] = entry;
  }
}

void LruIndex::clear() {
  entries_.clear();
  free_.clear();
  table_.clear();
  newest_ = oldest_ = expected_next_ = kNone;
  in_sequence_ = false;
  bytes_ = 0;
}

}  // namespace llmos
