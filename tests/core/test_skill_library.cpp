#include "llmos/skill_library.hpp"

#include "llmos/skill_parser.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

const std::string kVolumes = "tests/data/volumes/";

std::vector<std::string> ids_of(const std::vector<const LibraryEntry*>& entries) {
  std::vector<std::string> out;
  for (const auto* entry : entries) out.push_back(entry->skill.skill_id);
  return out;
}

std::vector<std::string> ids_of(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const auto& hit : hits) out.push_back(hit.entry->skill.skill_id);
  return out;
}

SkillQuery query(std::string type, std::string category = {}, std::string keyword = {},
                 bool executable = false) {
  SkillQuery out;
  out.type = std::move(type);
  out.category = std::move(category);
  out.keyword = std::move(keyword);
  out.executable_only = executable;
  return out;
}

// The three fixture volumes, loaded in the usual order.
class LayeredLibrary : public ::testing::Test {
 protected:
  void SetUp() override {
    library.load_directory(kVolumes + "system", Volume::system, diagnostics);
    library.load_directory(kVolumes + "team", Volume::team, diagnostics);
    library.load_directory(kVolumes + "user", Volume::user, diagnostics);
  }
  SkillLibrary library;
  Diagnostics diagnostics;
};

TEST_F(LayeredLibrary, LoadsEveryVolumeCleanly) {
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  EXPECT_EQ(library.ids(),
            (std::vector<std::string>{"add-numbers", "pdf-tools", "python-testing", "rc-filter",
                                      "scale-array", "shared-greeting", "sine-plot", "word-count"}));
  EXPECT_EQ(library.size(), 8u);
}

TEST_F(LayeredLibrary, UserBeatsTeamBeatsSystem) {
  const auto* greeting = library.find_entry("shared-greeting");
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(greeting->volume, Volume::user);
  EXPECT_EQ(greeting->skill.name, "Greeting (user)");
  EXPECT_EQ(greeting->shadows, (std::vector<std::string>{"tests/data/volumes/system/shared-greeting.md",
                                                         "tests/data/volumes/team/shared-greeting.md"}));
  const auto* add = library.find_entry("add-numbers");
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->volume, Volume::team);
  EXPECT_EQ(add->skill.inputs.at(0).type, PortType::int_);
  EXPECT_EQ(add->shadows, (std::vector<std::string>{"tests/data/volumes/system/math/add-numbers.md"}));
  const auto* scale = library.find_entry("scale-array");
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->volume, Volume::system);
  EXPECT_TRUE(scale->shadows.empty());
}

TEST_F(LayeredLibrary, FindReturnsTheWinningSkill) {
  const auto* skill = library.find("shared-greeting");
  ASSERT_NE(skill, nullptr);
  EXPECT_EQ(skill->source_path, "tests/data/volumes/user/shared-greeting.md");
  EXPECT_EQ(library.find("no-such-skill"), nullptr);
  EXPECT_EQ(library.find_entry("no-such-skill"), nullptr);
}

TEST_F(LayeredLibrary, SkipsReadmeAndNonMarkdownButTakesSkillMd) {
  const auto files = skill_files_under(kVolumes + "system");
  EXPECT_EQ(files, (std::vector<std::string>{
                       "tests/data/volumes/system/agent/pdf-tools/SKILL.md",
                       "tests/data/volumes/system/context/python-testing.md",
                       "tests/data/volumes/system/electronics/rc-filter.md",
                       "tests/data/volumes/system/math/add-numbers.md",
                       "tests/data/volumes/system/math/scale-array.md",
                       "tests/data/volumes/system/shared-greeting.md",
                   }));
  const auto* pdf = library.find("pdf-tools");
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->type, NodeType::standard);
}

TEST_F(LayeredLibrary, ListIsSortedAndFiltered) {
  EXPECT_EQ(ids_of(library.list()), library.ids());
  EXPECT_EQ(ids_of(library.list(query("python-wasm"))),
            (std::vector<std::string>{"add-numbers", "sine-plot", "word-count"}));
  EXPECT_EQ(ids_of(library.list(query("", "Math"))),
            (std::vector<std::string>{"add-numbers", "scale-array"}));
  EXPECT_EQ(ids_of(library.list(query("", "", "SINE"))), (std::vector<std::string>{"sine-plot"}));
  EXPECT_EQ(ids_of(library.list(query("", "", "", true))),
            (std::vector<std::string>{"add-numbers", "rc-filter", "scale-array", "shared-greeting",
                                      "sine-plot", "word-count"}));
  EXPECT_EQ(ids_of(library.list(query("spice", "electronics", "", true))),
            (std::vector<std::string>{"rc-filter"}));
  EXPECT_TRUE(library.list(query("qiskit")).empty());
}

TEST_F(LayeredLibrary, SearchRanksNameAndIdFirst) {
  const auto hits = library.search("add numbers");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().entry->skill.skill_id, "add-numbers");
  for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
}

TEST_F(LayeredLibrary, SearchMatchesKeywordsAndDescription) {
  EXPECT_EQ(ids_of(library.search("chart")).front(), "sine-plot");        // keyword
  EXPECT_EQ(ids_of(library.search("pytest")).front(), "python-testing");  // description
  EXPECT_EQ(ids_of(library.search("electronics")).front(), "rc-filter");  // category
}

TEST_F(LayeredLibrary, SearchToleratesTyposAndSubsequences) {
  EXPECT_EQ(ids_of(library.search("greting")).front(), "shared-greeting");  // edit distance 1
  EXPECT_EQ(ids_of(library.search("wrdcnt")).front(), "word-count");        // subsequence of the name
  EXPECT_TRUE(library.search("zzzzqqq").empty());
}

TEST_F(LayeredLibrary, SearchTiesAreOrderedById) {
  // "math" is only the category of these two: equal scores, id order.
  EXPECT_EQ(ids_of(library.search("math")), (std::vector<std::string>{"add-numbers", "scale-array"}));
}

TEST_F(LayeredLibrary, SearchLimitAndEmptyQuery) {
  EXPECT_EQ(library.search("a", 2).size(), 2u);
  EXPECT_EQ(ids_of(library.search("")), library.ids());
}

TEST(SkillLibrary, VolumeOrderDoesNotMatter) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory(kVolumes + "user", Volume::user, diagnostics);
  library.load_directory(kVolumes + "system", Volume::system, diagnostics);
  library.load_directory(kVolumes + "team", Volume::team, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_text();
  const auto* greeting = library.find_entry("shared-greeting");
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(greeting->volume, Volume::user);
  EXPECT_EQ(greeting->shadows, (std::vector<std::string>{"tests/data/volumes/system/shared-greeting.md",
                                                         "tests/data/volumes/team/shared-greeting.md"}));
}

TEST(SkillLibrary, DuplicateIdInOneVolumePointsAtTheSecondFile) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory(kVolumes + "duplicate_ids", Volume::team, diagnostics);
  EXPECT_EQ(diagnostics.to_text(),
            "tests/data/volumes/duplicate_ids/nested/second.md:4:11: error[skill.id.duplicate]: skill_id "
            "'same-id' is "
            "already defined in tests/data/volumes/duplicate_ids/first.md (team volume)\n");
  ASSERT_NE(library.find("same-id"), nullptr);
  EXPECT_EQ(library.find("same-id")->name, "First definition");  // the first one stays
}

TEST(SkillLibrary, SameIdInAnotherVolumeIsNotADuplicate) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory(kVolumes + "duplicate_ids", Volume::system, diagnostics);
  Skill override_skill;
  override_skill.skill_id = "same-id";
  override_skill.name = "Override";
  override_skill.source_path = "mem/override.md";
  library.add(override_skill, Volume::user, diagnostics);
  EXPECT_EQ(diagnostics.size(), 1u);  // only the in-volume duplicate from the fixture
  EXPECT_EQ(library.find("same-id")->name, "Override");
  EXPECT_EQ(library.find_entry("same-id")->shadows,
            (std::vector<std::string>{"tests/data/volumes/duplicate_ids/first.md"}));
}

TEST(SkillLibrary, AddInMemorySkillWithDerivedIdDuplicate) {
  SkillLibrary library;
  Diagnostics diagnostics;
  Skill skill;
  skill.skill_id = "x";
  skill.source_path = "a.md";
  library.add(skill, Volume::system, diagnostics);
  skill.source_path = "b.md";
  library.add(skill, Volume::system, diagnostics);
  EXPECT_EQ(diagnostics.to_text(),
            "b.md:1:1: error[skill.id.duplicate]: skill_id 'x' is already defined in a.md (system volume)\n");
}

TEST(SkillLibrary, MissingDirectory) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory(kVolumes + "no-such-volume", Volume::user, diagnostics);
  EXPECT_EQ(
      diagnostics.to_text(),
      "tests/data/volumes/no-such-volume: error[skill.volume.missing]: skill directory does not exist\n");
  EXPECT_EQ(library.size(), 0u);
  EXPECT_TRUE(skill_files_under(kVolumes + "no-such-volume").empty());
}

TEST(SkillLibrary, FilesWithErrorsStayOutWarningsDoNot) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory("tests/data/bad_skills", Volume::system, diagnostics);
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_NE(library.find("misspelt-key"), nullptr);  // only a warning
  EXPECT_NE(library.find("unknown-port-key"), nullptr);
  EXPECT_EQ(library.find("misspelt-type"), nullptr);  // has an error
  EXPECT_EQ(library.find("many-problems"), nullptr);
}

TEST(VolumeNames, Spelling) {
  EXPECT_EQ(to_string(Volume::system), "system");
  EXPECT_EQ(to_string(Volume::team), "team");
  EXPECT_EQ(to_string(Volume::user), "user");
}

}  // namespace
}  // namespace llmos
