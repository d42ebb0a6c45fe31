#include "skill_search.hpp"

#include <algorithm>
#include <cctype>

namespace llmos::editor {

namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool contains(std::string_view text, std::string_view query) {
  return std::search(text.begin(), text.end(), query.begin(), query.end(),
                     [](char a, char b) { return lower(a) == lower(b); }) != text.end();
}
}  // namespace

std::optional<int> fuzzy_score(std::string_view text, std::string_view query) {
  if (query.empty()) return 0;
  int score = 0;
  std::size_t at = 0;
  std::size_t previous = std::string_view::npos;
  for (char wanted : query) {
    if (wanted == ' ') continue;
    while (at < text.size() && lower(text[at]) != lower(wanted)) ++at;
    if (at == text.size()) return std::nullopt;
    score += 10;
    if (previous != std::string_view::npos && at == previous + 1) score += 15;  // consecutive letters
    if (at == 0 || text[at - 1] == ' ' || text[at - 1] == '-' || text[at - 1] == '_')
      score += 10;  // word start
    previous = at++;
  }
  return score - static_cast<int>(text.size()) / 8;  // shorter names first
}

const Port* compatible_port(const Skill& skill, const SkillFilter& filter) {
  if (filter.output_type) {
    for (const Port& input : skill.inputs)
      if (is_assignable(*filter.output_type, input.type)) return &input;
    return nullptr;
  }
  if (filter.input_type) {
    for (const Port& output : skill.outputs)
      if (is_assignable(output.type, *filter.input_type)) return &output;
    return nullptr;
  }
  return nullptr;
}

std::vector<const Skill*> search_skills(const SkillLibrary& library, std::string_view query,
                                        const SkillFilter& filter, std::size_t limit) {
  std::vector<std::pair<int, const Skill*>> found;
  for (const LibraryEntry* entry : library.list()) {
    const Skill& skill = entry->skill;
    if (!skill.is_executable()) continue;
    if ((filter.output_type || filter.input_type) && !compatible_port(skill, filter)) continue;
    std::optional<int> score;
    for (std::string_view text : {std::string_view(skill.name), std::string_view(skill.skill_id)})
      if (auto s = fuzzy_score(text, query)) score = std::max(score.value_or(*s), *s);
    if (!score) {
      bool loose = contains(skill.description, query);
      for (const std::string& keyword : skill.keywords) loose = loose || contains(keyword, query);
      if (loose) score = -100;  // below every name match
    }
    if (score) found.emplace_back(*score, &skill);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second->name < b.second->name;
  });
  std::vector<const Skill*> result;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) result.push_back(found[i].second);
  return result;
}

}  // namespace llmos::editor
