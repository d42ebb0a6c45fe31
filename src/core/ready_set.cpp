#include "ready_set.hpp"

#include <algorithm>

namespace llmos {
namespace {

constexpr std::uint64_t bit(std::size_t index) { return std::uint64_t{1} << (index & 63); }

// __builtin_ctzll rather than std::countr_zero: one spelling for GCC and
// Emscripten 3.1.6's clang. `word` is never 0 here.
std::size_t lowest_bit(std::uint64_t word) { return static_cast<std::size_t>(__builtin_ctzll(word)); }

}  // namespace

void ReadySet::reset(std::size_t node_count) {
  words_.assign((node_count + 63) / 64, 0);
  summary_.assign((words_.size() + 63) / 64, 0);
  first_ = summary_.size();
  size_ = 0;
}

void ReadySet::insert(std::uint32_t node) {
  const std::size_t word = node / 64;
  if (words_[word] & bit(node)) return;
  if (words_[word] == 0) {
    summary_[word / 64] |= bit(word);
    first_ = std::min(first_, word / 64);
  }
  words_[word] |= bit(node);
  ++size_;
}

bool ReadySet::contains(std::uint32_t node) const {
  const std::size_t word = node / 64;
  return word < words_.size() && (words_[word] & bit(node)) != 0;
}

std::uint32_t ReadySet::lowest() const {
  while (summary_[first_] == 0) ++first_;
  const std::size_t word = first_ * 64 + lowest_bit(summary_[first_]);
  return static_cast<std::uint32_t>(word * 64 + lowest_bit(words_[word]));
}

std::uint32_t ReadySet::take_lowest() {
  const std::uint32_t node = lowest();
  const std::size_t word = node / 64;
  words_[word] &= words_[word] - 1;  // clears the lowest bit
  if (words_[word] == 0) summary_[first_] &= summary_[first_] - 1;
  --size_;
  return node;
}

}  // namespace llmos
