// Quick-add search: fuzzy over names and ids, loose over keywords and
// descriptions, filtered to skills a dropped link fits.
#include "skill_search.hpp"

#include <gtest/gtest.h>

namespace llmos::editor {
namespace {

TEST(SkillSearch, FuzzyScoresLettersInOrderAndPrefersWordStarts) {
  EXPECT_TRUE(fuzzy_score("Plot Data", "pd"));
  EXPECT_FALSE(fuzzy_score("Plot Data", "dp"));
  EXPECT_GT(*fuzzy_score("Plot Data", "plot"), *fuzzy_score("Spline of a tree", "plot"));
  EXPECT_EQ(fuzzy_score("anything", ""), 0);
}

TEST(SkillSearch, ShippedSkillsByNameKeywordAndCompatibility) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory(std::string(LLMOS_SOURCE_DIR) + "/skills", Volume::system, diagnostics);
  auto found = search_skills(library, "plot");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->skill_id, "plot-data-node");

  // Only skills with an input a series output may feed.
  SkillFilter filter;
  filter.output_type = PortType::series;
  auto compatible = search_skills(library, "", filter, 100);
  ASSERT_FALSE(compatible.empty());
  for (const Skill* skill : compatible) {
    const Port* port = compatible_port(*skill, filter);
    ASSERT_NE(port, nullptr) << skill->skill_id;
    EXPECT_TRUE(is_assignable(PortType::series, port->type));
  }
  EXPECT_LT(compatible.size(), search_skills(library, "", {}, 100).size());
}

}  // namespace
}  // namespace llmos::editor
