// The result cache (src/core/result_cache.cpp): LRU by byte budget and the
// directory-backed persistent store.
#include "llmos/result_cache.hpp"

#include "llmos/hash.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace llmos {
namespace {

// {"v":"xxxx"} with `payload` characters: dump size = payload + 8.
json entry_of_size(std::size_t payload) { return json{{"v", std::string(payload, 'x')}}; }

std::filesystem::path fresh_temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("llmos-test-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(ResultCacheTest, EvictsLeastRecentlyUsedByBytes) {
  ResultCache cache(100);
  cache.put(1, entry_of_size(32));  // 40 bytes
  cache.put(2, entry_of_size(32));
  EXPECT_EQ(cache.bytes(), 80u);
  ASSERT_TRUE(cache.get(1).has_value());  // 1 is now most recent
  cache.put(3, entry_of_size(32));        // needs 40 more: evicts 2
  EXPECT_TRUE(cache.contains(1));
  EXPECT_FALSE(cache.contains(2));
  EXPECT_TRUE(cache.contains(3));
  EXPECT_EQ(cache.bytes(), 80u);
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_FALSE(cache.get(2).has_value());
  EXPECT_EQ(cache.stats().misses, 1u);
  EXPECT_EQ(cache.stats().hits, 1u);
}

TEST(ResultCacheTest, ReplacingAnEntryUpdatesBytes) {
  ResultCache cache(1000);
  cache.put(7, entry_of_size(10));
  cache.put(7, entry_of_size(20));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), 28u);
  EXPECT_EQ(cache.get(7)->at("v").get<std::string>().size(), 20u);
}

TEST(ResultCacheTest, EntryLargerThanBudgetIsNotKeptInMemory) {
  ResultCache cache(16);
  cache.put(1, entry_of_size(4));
  cache.put(2, entry_of_size(64));
  EXPECT_TRUE(cache.contains(1));
  EXPECT_FALSE(cache.contains(2));
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(ResultCacheTest, DirectoryStoreRoundTripsThroughANewCache) {
  const auto dir = fresh_temp_dir("store");
  DirectoryStore store(dir);
  EXPECT_FALSE(store.get("0000000000000001").has_value());
  {
    ResultCache cache(1 << 20, &store);
    cache.put(0x1234, json{{"eigenvalue", -1.137}});
  }
  EXPECT_TRUE(std::filesystem::exists(dir / (to_hex(0x1234) + ".json")));
  ResultCache fresh(1 << 20, &store);
  const auto outputs = fresh.get(0x1234);
  ASSERT_TRUE(outputs.has_value());
  EXPECT_DOUBLE_EQ(outputs->at("eigenvalue").get<double>(), -1.137);
  EXPECT_EQ(fresh.stats().store_hits, 1u);
  EXPECT_TRUE(fresh.contains(0x1234));  // promoted to memory
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace llmos
