// Captured outputs of shipped skills (tests/data/previews) and their skill
// files, parsed by the core: the run board's tests use real results.
#pragma once

#include "llmos/skill_parser.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace llmos::run::testing {

inline const std::string kRoot = LLMOS_SOURCE_DIR;

inline json captured_outputs(const std::string& skill_id) {
  std::ifstream in(kRoot + "/tests/data/previews/" + skill_id + ".json");
  return json::parse(in)["outputs"];
}

// The shipped skills by id, parsed once.
inline const Skill* shipped_skill(std::string_view id) {
  static const std::map<std::string, Skill, std::less<>> skills = [] {
    std::map<std::string, Skill, std::less<>> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kRoot + "/skills")) {
      if (entry.path().extension() != ".md") continue;
      Diagnostics diagnostics;
      Skill skill = parse_skill_file(entry.path().string(), diagnostics);
      if (!skill.skill_id.empty()) out.emplace(skill.skill_id, std::move(skill));
    }
    return out;
  }();
  const auto found = skills.find(id);
  return found == skills.end() ? nullptr : &found->second;
}

}  // namespace llmos::run::testing
