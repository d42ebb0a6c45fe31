// The ready set (src/core/ready_set.cpp): lowest node first, across word
// and summary boundaries, with inserts below the current minimum.
#include "ready_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace llmos {
namespace {

TEST(ReadySetTest, TakesLowestFirstAcrossWordsAndSummaries) {
  ReadySet ready;
  ready.reset(10000);
  EXPECT_TRUE(ready.empty());
  for (std::uint32_t node : {9999u, 64u, 4096u, 63u, 0u, 4095u}) ready.insert(node);
  ready.insert(64);  // already there
  EXPECT_EQ(ready.size(), 6u);
  EXPECT_TRUE(ready.contains(4096));
  EXPECT_FALSE(ready.contains(65));
  std::vector<std::uint32_t> taken;
  while (!ready.empty()) taken.push_back(ready.take_lowest());
  EXPECT_EQ(taken, (std::vector<std::uint32_t>{0, 63, 64, 4095, 4096, 9999}));
}

TEST(ReadySetTest, InsertBelowTheLastTakenComesOutNext) {
  ReadySet ready;
  ready.reset(300000);
  ready.insert(250000);
  ready.insert(260000);
  EXPECT_EQ(ready.take_lowest(), 250000u);
  ready.insert(3);  // a node earlier in the file became ready
  EXPECT_EQ(ready.take_lowest(), 3u);
  EXPECT_EQ(ready.take_lowest(), 260000u);
  EXPECT_TRUE(ready.empty());
}

TEST(ReadySetTest, MatchesAnOrderedSetUnderRandomUse) {
  std::mt19937 random(7);
  ReadySet ready;
  ready.reset(5000);
  std::set<std::uint32_t> reference;
  for (int step = 0; step < 20000; ++step) {
    if (random() % 3 != 0 || reference.empty()) {
      const std::uint32_t node = random() % 5000;
      ready.insert(node);
      reference.insert(node);
    } else {
      ASSERT_EQ(ready.lowest(), *reference.begin());  // peeking takes nothing
      ASSERT_EQ(ready.size(), reference.size());
      ASSERT_EQ(ready.take_lowest(), *reference.begin());
      reference.erase(reference.begin());
    }
    ASSERT_EQ(ready.size(), reference.size());
  }
  ready.reset(10);
  EXPECT_TRUE(ready.empty());
}

}  // namespace
}  // namespace llmos
