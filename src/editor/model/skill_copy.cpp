#include "skill_copy.hpp"

#include "llmos/skill_parser.hpp"

#include <vector>

namespace llmos::editor {

std::string unused_copy_id(const SkillLibrary& library, std::string_view skill_id) {
  const std::string base = std::string(skill_id) + "-copy";
  if (!library.find(base)) return base;
  for (int n = 2;; ++n) {
    std::string candidate = base + "-" + std::to_string(n);
    if (!library.find(candidate)) return candidate;
  }
}

std::string skill_copy_text(const Skill& skill, std::string_view new_id) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  const std::string& text = skill.source_text;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // The copy's display name says it is one, so the palette does not list two
  // skills of the same name (a double-quoted YAML string is a JSON string).
  if (!lines.empty() && lines.front().rfind("---", 0) == 0) {
    for (std::size_t i = 1; i < lines.size() && lines[i].rfind("---", 0) != 0; ++i) {
      std::string& line = lines[i];
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos || line.compare(0, colon, "name") != 0) continue;
      line = "name: " + json(skill.name + " (copy)").dump();
      break;
    }
  }
  const std::size_t id_line = static_cast<std::size_t>(skill.skill_id_line);
  if (id_line >= 1 && id_line <= lines.size()) {
    // Keep the key as written; the value is the rest of the line after ':'.
    std::string& line = lines[id_line - 1];
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) line = line.substr(0, colon + 1) + " " + std::string(new_id);
  } else {
    std::size_t fence = 0;
    while (fence < lines.size() && lines[fence].rfind("---", 0) != 0) ++fence;
    const std::size_t at = fence < lines.size() ? fence + 1 : 0;
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), "skill_id: " + std::string(new_id));
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

std::string user_skill_path(std::string_view skill_id) { return "user/" + std::string(skill_id) + ".md"; }

SkillCheck check_skill_copy(std::string_view text, const std::string& path, const SkillLibrary& library) {
  SkillCheck check;
  check.skill = parse_skill(text, path, check.diagnostics);
  if (!check.skill.skill_id.empty() && library.find(check.skill.skill_id)) {
    SourceLocation where{path, check.skill.skill_id_line, check.skill.skill_id_column, {}, {}};
    if (where.line == 0) where.line = where.column = 1;
    check.diagnostics.error("skill.id.taken",
                            "skill_id '" + check.skill.skill_id +
                                "' is already a skill of this page; a copy needs an id of its own",
                            std::move(where));
  }
  return check;
}

}  // namespace llmos::editor
