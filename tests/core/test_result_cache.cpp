// The result cache (src/core/result_cache.cpp): LRU by byte budget and the
// directory-backed persistent store.
#include "llmos/result_cache.hpp"

#include "llmos/hash.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <memory>

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
  ASSERT_TRUE(cache.get(1));        // 1 is now most recent
  cache.put(3, entry_of_size(32));  // needs 40 more: evicts 2
  EXPECT_TRUE(cache.contains(1));
  EXPECT_FALSE(cache.contains(2));
  EXPECT_TRUE(cache.contains(3));
  EXPECT_EQ(cache.bytes(), 80u);
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_FALSE(cache.get(2));
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
  ASSERT_TRUE(outputs);
  EXPECT_DOUBLE_EQ(outputs->at("eigenvalue").get<double>(), -1.137);
  EXPECT_EQ(fresh.stats().store_hits, 1u);
  EXPECT_TRUE(fresh.contains(0x1234));  // promoted to memory
  std::filesystem::remove_all(dir);
}

TEST(ResultCacheTest, RemoveForgetsAKeyInMemoryAndInTheStore) {
  const auto dir = fresh_temp_dir("remove");
  DirectoryStore store(dir);
  ResultCache cache(1 << 20, &store);
  cache.put(1, json{{"v", 1}});
  cache.put(2, json{{"v", 2}});
  const auto bytes_of_2 = cache.bytes() / 2;
  EXPECT_TRUE(cache.remove(1));
  EXPECT_FALSE(cache.contains(1));
  EXPECT_FALSE(std::filesystem::exists(dir / (to_hex(1) + ".json")));
  EXPECT_EQ(cache.get(1), nullptr);  // neither tier answers any more
  EXPECT_EQ(cache.stats().store_hits, 0u);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), bytes_of_2);
  EXPECT_EQ(cache.get(2)->at("v"), 2);  // the other key is untouched
  EXPECT_FALSE(cache.remove(1));        // nothing left to remove
  EXPECT_FALSE(cache.remove(3));
  // Only in the store (e.g. after a reload): still removed.
  ResultCache fresh(1 << 20, &store);
  EXPECT_TRUE(fresh.remove(2));
  EXPECT_FALSE(store.get(to_hex(2)).has_value());
  std::filesystem::remove_all(dir);
}

TEST(ResultCacheTest, HitsShareTheStoredOutputsInsteadOfCopying) {
  ResultCache cache(1 << 20);
  auto outputs = std::make_shared<const json>(json{{"image", std::string(4096, 'p')}});
  cache.put(5, outputs);
  const auto hit = cache.get(5);
  EXPECT_EQ(hit.get(), outputs.get());
  EXPECT_EQ(cache.bytes(), outputs->dump().size());
}

TEST(ResultCacheTest, ChurnKeepsEveryLiveEntryFindable) {
  // 64 entries of 40 bytes fit; 5000 puts evict in LRU order and reuse
  // slots, with every 7th key read back so it stays young.
  ResultCache cache(64 * 40);
  for (std::uint64_t key = 1; key <= 5000; ++key) {
    cache.put(key * 0x9E3779B97F4A7C15ULL, entry_of_size(32));
    if (key % 7 == 0) {
      ASSERT_TRUE(cache.get((key - 3) * 0x9E3779B97F4A7C15ULL)) << key - 3;
    }
  }
  EXPECT_EQ(cache.size(), 64u);
  EXPECT_EQ(cache.bytes(), 64u * 40u);
  for (std::uint64_t key = 5000 - 40; key <= 5000; ++key)
    EXPECT_TRUE(cache.contains(key * 0x9E3779B97F4A7C15ULL)) << key;
  EXPECT_FALSE(cache.contains(1 * 0x9E3779B97F4A7C15ULL));
  EXPECT_EQ(cache.stats().evictions, 5000u - 64u);
}

// A re-run asks for keys in the order they were stored: after two hits in
// that order the rest come without the table. Any other order, evictions
// and replacements in between still get the right entry.
TEST(ResultCacheTest, LookupsInStoredOrderFollowTheLruList) {
  ResultCache cache;
  const auto key = [](std::uint64_t i) { return i * 0x9E3779B97F4A7C15ULL; };
  const auto value_of = [&](std::uint64_t i) { return cache.get(key(i))->at("i").get<std::uint64_t>(); };
  for (std::uint64_t i = 0; i < 100; ++i) cache.put(key(i), json{{"i", i}});
  for (std::uint64_t i = 0; i < 100; ++i) ASSERT_EQ(value_of(i), i);
  EXPECT_EQ(cache.stats().hits, 100u);
  EXPECT_EQ(cache.stats().in_order_hits, 98u);  // the first two find the order
  // The same order again: the last hit of a pass leads to the first.
  for (std::uint64_t i = 0; i < 100; ++i) ASSERT_EQ(value_of(i), i);
  EXPECT_EQ(cache.stats().in_order_hits, 98u + 100u);
  // Backwards: every guess is wrong, every answer still right.
  const auto before = cache.stats().in_order_hits;
  for (std::uint64_t i = 100; i-- > 0;) ASSERT_EQ(value_of(i), i);
  EXPECT_EQ(cache.stats().in_order_hits, before);
  // The expected next entry is erased (replaced) between two lookups.
  for (std::uint64_t i = 0; i < 100; ++i) ASSERT_EQ(value_of(i), i);  // back in stored order
  ASSERT_EQ(value_of(0), 0u);
  ASSERT_EQ(value_of(1), 1u);
  cache.put(key(2), json{{"i", 202}});
  EXPECT_EQ(value_of(2), 202u);
  EXPECT_EQ(value_of(3), 3u);
  EXPECT_FALSE(cache.get(key(1000)));
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(ResultCacheTest, JsonTextSizeIsTheLengthOfDump) {
  const json values[] = {
      nullptr,
      true,
      false,
      0,
      -1,
      1234567890123LL,
      std::numeric_limits<std::uint64_t>::max(),
      0.1,
      -2.5e-300,
      1.0,
      1e21,
      -0.0,
      1e15,
      1e16,
      123456789012345.6,
      0.001,
      0.0001,
      1.5e-5,
      -1e-100,
      std::numeric_limits<double>::max(),
      std::numeric_limits<double>::denorm_min(),
      2.0 / 3.0,
      "plain",
      "quote \" backslash \\ tab \t newline \n bell \a nul-free",
      std::string("\x01\x1f control"),
      "ünïcödé ✓",
      json::array(),
      json::object(),
      json{{"eigenvalue", -1.1373060357533995}, {"series", {1, 2.5, "x", nullptr, {{"k", false}}}}},
  };
  for (const auto& value : values) EXPECT_EQ(json_text_size(value), value.dump().size()) << value.dump();
}

TEST(ResultCacheTest, InvalidUtf8DoesNotThrowOnTheWayToTheStore) {
  const auto dir = fresh_temp_dir("utf8");
  DirectoryStore store(dir);
  ResultCache cache(1 << 20, &store);
  EXPECT_NO_THROW(cache.put(9, json{{"text", std::string("bad \xff byte")}}));
  ResultCache fresh(1 << 20, &store);
  const auto outputs = fresh.get(9);
  ASSERT_TRUE(outputs);
  EXPECT_EQ(outputs->at("text").get<std::string>(), "bad \xef\xbf\xbd byte");  // U+FFFD
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace llmos
