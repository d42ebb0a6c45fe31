// The result cache's memory tier (src/core/lru_index.cpp): the table, the
// LRU order and the in-order shortcut, without budgets or a store.
#include "lru_index.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <set>

namespace llmos {
namespace {

SharedOutputs outputs_of(int value) { return std::make_shared<const json>(json{{"v", value}}); }

TEST(LruIndexTest, EvictsInLeastRecentlyUsedOrder) {
  LruIndex index;
  for (int key = 1; key <= 3; ++key) index.insert(static_cast<std::uint64_t>(key), outputs_of(key), 10);
  ASSERT_TRUE(index.get(1).outputs);  // order, oldest first: 2, 3, 1
  ASSERT_TRUE(index.evict_oldest());
  EXPECT_FALSE(index.contains(2));
  ASSERT_TRUE(index.evict_oldest());
  EXPECT_FALSE(index.contains(3));
  EXPECT_TRUE(index.contains(1));
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.bytes(), 10u);
  ASSERT_TRUE(index.evict_oldest());
  EXPECT_FALSE(index.evict_oldest());
  EXPECT_EQ(index.bytes(), 0u);
}

TEST(LruIndexTest, InsertReplacesAndEraseSaysWhetherItHeldTheKey) {
  LruIndex index;
  index.insert(7, outputs_of(1), 10);
  index.insert(7, outputs_of(2), 25);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.bytes(), 25u);
  EXPECT_EQ(index.get(7).outputs->at("v"), 2);
  EXPECT_TRUE(index.erase(7));
  EXPECT_FALSE(index.erase(7));
  EXPECT_FALSE(index.get(7).outputs);
  EXPECT_EQ(index.bytes(), 0u);
}

TEST(LruIndexTest, RepeatingTheLastOrderIsFoundWithoutTheTable) {
  LruIndex index;
  for (std::uint64_t key = 1; key <= 5; ++key) index.insert(key, outputs_of(static_cast<int>(key)), 1);
  // Oldest to newest is 1..5: asking in that order follows the LRU list once
  // two neighbours were hit in a row.
  std::vector<bool> in_order;
  for (std::uint64_t key = 1; key <= 5; ++key) {
    const auto found = index.get(key);
    ASSERT_TRUE(found.outputs);
    EXPECT_EQ(found.outputs->at("v"), static_cast<int>(key));
    in_order.push_back(found.in_order);
  }
  EXPECT_EQ(in_order, (std::vector<bool>{false, false, true, true, true}));
  EXPECT_FALSE(index.get(3).in_order);  // out of order: back to the table
}

TEST(LruIndexTest, ErasingKeepsEveryOtherKeyFindable) {
  // Backward-shift deletion over many keys and a growing table: whatever was
  // erased is gone, everything else is still found with its own outputs.
  LruIndex index;
  std::mt19937_64 random(17);
  std::set<std::uint64_t> kept;
  for (int round = 0; round < 2000; ++round) {
    const std::uint64_t key = random() % 512;
    if (random() % 3 == 0) {
      EXPECT_EQ(index.erase(key), kept.erase(key) == 1);
    } else {
      index.insert(key, outputs_of(static_cast<int>(key)), 1);
      kept.insert(key);
    }
  }
  EXPECT_EQ(index.size(), kept.size());
  EXPECT_EQ(index.bytes(), kept.size());
  for (std::uint64_t key = 0; key < 512; ++key) {
    EXPECT_EQ(index.contains(key), kept.contains(key)) << key;
    if (kept.contains(key)) {
      EXPECT_EQ(index.get(key).outputs->at("v"), static_cast<int>(key));
    }
  }
}

}  // namespace
}  // namespace llmos
