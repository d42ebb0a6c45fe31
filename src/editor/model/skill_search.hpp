// Fuzzy search over skills for quick-add: the query's letters in order in
// the name or id (closer together and earlier scores higher), or the query
// inside a keyword or the description. Optional filter for a dropped link:
// only skills with a port that link may connect to.
#pragma once

#include "llmos/skill_library.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace llmos::editor {

// Score of one text for a query; nullopt = no match. Empty query matches all.
std::optional<int> fuzzy_score(std::string_view text, std::string_view query);

struct SkillFilter {
  std::optional<PortType> output_type;  // the new node needs an input accepting this
  std::optional<PortType> input_type;   // ... or an output this input accepts
};

// Executable skills matching the query, best first (ties by name).
std::vector<const Skill*> search_skills(const SkillLibrary& library, std::string_view query,
                                        const SkillFilter& filter = {}, std::size_t limit = 50);

// The first input of `skill` an output of `type` may connect to (the first
// output for input_type), or nullptr.
const Port* compatible_port(const Skill& skill, const SkillFilter& filter);

}  // namespace llmos::editor
