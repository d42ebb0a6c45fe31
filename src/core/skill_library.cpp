#include "llmos/skill_library.hpp"

#include "llmos/skill_parser.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace llmos {
namespace {

// Lowercase alphanumeric runs: "Quantum VQE-node" -> quantum, vqe, node.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool is_subsequence(std::string_view needle, std::string_view haystack) {
  std::size_t next = 0;
  for (char c : haystack)
    if (next < needle.size() && needle[next] == c) ++next;
  return next == needle.size();
}

// How well one query token matches the best of `words`: exact beats prefix
// beats substring beats a small typo.
double token_score(const std::string& token, const std::vector<std::string>& words) {
  double best = 0;
  for (const auto& word : words) {
    if (word == token) return 1.0;
    if (word.starts_with(token)) {
      best = std::max(best, 0.8);
    } else if (token.size() >= 3 && word.find(token) != std::string::npos) {
      best = std::max(best, 0.6);
    } else if (token.size() >= 4) {
      const auto distance = edit_distance(token, word);
      const std::size_t allowed = token.size() >= 8 ? 2 : 1;
      if (distance <= allowed) best = std::max(best, 0.5 - 0.1 * static_cast<double>(distance));
    }
  }
  return best;
}

double search_score(const Skill& skill, const std::vector<std::string>& tokens) {
  struct Field {
    std::vector<std::string> words;
    double weight;
  };
  std::vector<std::string> keyword_words;
  for (const auto& keyword : skill.keywords)
    for (auto& word : words_of(keyword)) keyword_words.push_back(std::move(word));
  const Field fields[] = {{words_of(skill.skill_id), 3.0},
                          {words_of(skill.name), 3.0},
                          {std::move(keyword_words), 2.0},
                          {words_of(skill.category), 1.5},
                          {words_of(skill.description), 1.0}};
  const auto name = lowercase(skill.name);
  double total = 0;
  for (const auto& token : tokens) {
    double best = 0;
    for (const auto& field : fields) best = std::max(best, field.weight * token_score(token, field.words));
    if (best == 0 && token.size() >= 2 &&
        (is_subsequence(token, name) || is_subsequence(token, skill.skill_id)))
      best = 0.3;
    total += best;
  }
  // The whole query as written in the name or id ranks above scattered hits.
  std::string spaced, hyphenated;
  for (const auto& token : tokens) {
    spaced += (spaced.empty() ? "" : " ") + token;
    hyphenated += (hyphenated.empty() ? "" : "-") + token;
  }
  if (name.find(spaced) != std::string::npos || skill.skill_id.find(hyphenated) != std::string::npos)
    total += 2.0;
  return total;
}

}  // namespace

std::string_view to_string(Volume volume) {
  switch (volume) {
    case Volume::system:
      return "system";
    case Volume::team:
      return "team";
    case Volume::user:
      return "user";
  }
  return "system";
}

std::vector<std::string> skill_files_under(const std::string& directory) {
  namespace fs = std::filesystem;
  // A volume that is itself one Agent Skills folder.
  if (is_skill_folder(directory)) return {(fs::path(directory) / "SKILL.md").generic_string()};
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const auto& path = it->path();
    const auto name = path.filename().string();
    if (it->is_directory(error)) {
      if (name.starts_with(".")) {
        it.disable_recursion_pending();  // .git, editor folders
      } else if (is_skill_folder(path.string())) {
        // One skill; the rest of the folder is its resources.
        files.push_back((path / "SKILL.md").generic_string());
        it.disable_recursion_pending();
      }
      continue;
    }
    if (path.extension() != ".md" || lowercase(name) == "readme.md") continue;
    files.push_back(path.generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void SkillLibrary::add(Skill skill, Volume volume, Diagnostics& diagnostics) {
  auto& definitions = definitions_[skill.skill_id];
  for (const auto& earlier : definitions) {
    if (earlier.volume != volume) continue;
    SourceLocation where{skill.source_path, skill.skill_id_line, skill.skill_id_column, {}, {}};
    if (where.line == 0 && !where.file.empty()) where.line = where.column = 1;
    diagnostics.error("skill.id.duplicate",
                      "skill_id '" + skill.skill_id + "' is already defined in " + earlier.source_path +
                          " (" + std::string(to_string(volume)) + " volume)",
                      std::move(where));
    return;
  }
  definitions.push_back({volume, skill.source_path});

  const auto id = skill.skill_id;
  auto found = entries_.find(id);
  if (found == entries_.end()) {
    found = entries_.emplace(id, LibraryEntry{std::move(skill), volume, {}}).first;
  } else if (volume > found->second.volume) {
    found->second = LibraryEntry{std::move(skill), volume, {}};
  }

  // Shadows are listed lowest volume first, whatever order volumes loaded in.
  auto& winner = found->second;
  auto lower = definitions;
  std::stable_sort(lower.begin(), lower.end(),
                   [](const Definition& a, const Definition& b) { return a.volume < b.volume; });
  winner.shadows.clear();
  for (const auto& definition : lower)
    if (definition.volume < winner.volume) winner.shadows.push_back(definition.source_path);
}

void SkillLibrary::load_directory(const std::string& directory, Volume volume, Diagnostics& diagnostics) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    diagnostics.error("skill.volume.missing", "skill directory does not exist", {directory, 0, 0, {}, {}});
    return;
  }
  for (const auto& path : skill_files_under(directory)) {
    Diagnostics file_diagnostics;
    auto skill = parse_skill_file(path, file_diagnostics);
    diagnostics.append(file_diagnostics);
    // A file with errors stays out so nothing runs half-understood skills.
    if (file_diagnostics.has_errors() || skill.skill_id.empty()) continue;
    add(std::move(skill), volume, diagnostics);
  }
}

const Skill* SkillLibrary::find(std::string_view skill_id) const {
  const auto* entry = find_entry(skill_id);
  return entry ? &entry->skill : nullptr;
}

const LibraryEntry* SkillLibrary::find_entry(std::string_view skill_id) const {
  const auto found = entries_.find(skill_id);
  return found == entries_.end() ? nullptr : &found->second;
}

std::vector<const LibraryEntry*> SkillLibrary::list(const SkillQuery& query) const {
  std::vector<const LibraryEntry*> out;
  const auto keyword = lowercase(query.keyword);
  for (const auto& [id, entry] : entries_) {
    const auto& skill = entry.skill;
    if (!query.type.empty() && to_string(skill.type) != query.type) continue;
    if (!query.category.empty() && lowercase(skill.category) != lowercase(query.category)) continue;
    if (query.executable_only && !skill.is_executable()) continue;
    if (!keyword.empty() && std::none_of(skill.keywords.begin(), skill.keywords.end(),
                                         [&](const std::string& word) { return lowercase(word) == keyword; }))
      continue;
    out.push_back(&entry);
  }
  return out;
}

std::vector<SearchHit> SkillLibrary::search(std::string_view text, std::size_t limit) const {
  const auto tokens = words_of(text);
  std::vector<SearchHit> hits;
  for (const auto& [id, entry] : entries_) {
    const double score = tokens.empty() ? 0.0 : search_score(entry.skill, tokens);
    if (tokens.empty() || score > 0) hits.push_back({&entry, score});
  }
  // entries_ is ordered by id, so a stable sort keeps ties in id order.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

std::vector<std::string> SkillLibrary::ids() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [id, entry] : entries_) out.push_back(id);
  return out;
}

}  // namespace llmos
