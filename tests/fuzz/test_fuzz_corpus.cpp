// Replays every input `make fuzz` kept (tests/fuzz/corpus/<target>/) and
// every hand-made regression (tests/fuzz/regressions/<target>/) through the
// fuzz targets' own bodies, without libFuzzer: none may crash (ASan/UBSan in
// `make asan`), break an invariant, or (ctest TIMEOUT) hang. Each regression
// must get exactly the error codes tests/fuzz/regressions/expected.json
// lists for it: an alias bomb or 200,000-deep nesting is answered with a
// diagnostic, not by running out of time or memory.
#include "fuzz_entries.hpp"

#include "llmos/json.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace llmos::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(LLMOS_SOURCE_DIR) / "tests" / "fuzz";

struct Target {
  const char* name;
  Verdict (*run)(std::string_view);
};
const Target kTargets[] = {{"skill_parser", skill_parser}, {"workflow_loader", workflow_loader}};

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> files_in(const fs::path& directory) {
  std::vector<fs::path> out;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error))
    if (it->is_regular_file()) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

std::set<std::string> error_codes(const Diagnostics& diagnostics) {
  std::set<std::string> out;
  for (const auto& diagnostic : diagnostics)
    if (diagnostic.severity == Severity::error) out.insert(diagnostic.code);
  return out;
}

TEST(FuzzCorpus, EveryKeptInputKeepsTheInvariants) {
  for (const auto& target : kTargets) {
    const auto corpus = files_in(kRoot / "corpus" / target.name);
    // An empty corpus would make this test pass without testing anything.
    ASSERT_GE(corpus.size(), 10u) << "tests/fuzz/corpus/" << target.name
                                  << " is (nearly) empty: run make fuzz";
    for (const auto& file : corpus) {
      const auto verdict = target.run(file_text(file));
      EXPECT_EQ(verdict.broken, "") << file;
    }
  }
}

TEST(FuzzRegressions, EachGetsExactlyItsDiagnostics) {
  const auto expected = json::parse(file_text(kRoot / "regressions" / "expected.json"));
  std::size_t seen = 0;
  for (const auto& target : kTargets) {
    for (const auto& file : files_in(kRoot / "regressions" / target.name)) {
      const auto key = std::string(target.name) + "/" + file.filename().string();
      ASSERT_TRUE(expected.contains(key)) << key << " has no entry in tests/fuzz/regressions/expected.json";
      const auto verdict = target.run(file_text(file));
      EXPECT_EQ(verdict.broken, "") << key;
      EXPECT_EQ(error_codes(verdict.diagnostics), expected[key].get<std::set<std::string>>()) << key;
      ++seen;
    }
  }
  EXPECT_EQ(seen, expected.size()) << "expected.json lists a file that is not there";
}

}  // namespace
}  // namespace llmos::fuzz
