// The layered skill library: system < team < user volumes. A skill in a
// higher volume overrides one with the same id in a lower volume; the library
// remembers which one won and what it shadows.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace llmos {

enum class Volume { system = 0, team = 1, user = 2 };
std::string_view to_string(Volume volume);

struct LibraryEntry {
  Skill skill;
  Volume volume = Volume::system;
  std::vector<std::string> shadows;  // source paths of lower-volume skills with the same id
};

// Skill files under `directory`, recursively, sorted: every *.md except
// README.md, but a folder holding SKILL.md gives only that file (the other
// files are the skill's resources, see skill_resources.hpp). Hidden folders
// are skipped. Missing directories give an empty list.
std::vector<std::string> skill_files_under(const std::string& directory);

struct SkillQuery {
  std::string type;      // node type name; empty = any
  std::string category;  // empty = any
  std::string keyword;   // exact keyword/tag; empty = any
  bool executable_only = false;
};

struct SearchHit {
  const LibraryEntry* entry = nullptr;
  double score = 0;  // higher is better
};

class SkillLibrary {
 public:
  // Adds an already-parsed skill. Within one volume a duplicate id is an
  // error (skill.id.duplicate) reported into `diagnostics`; across volumes the
  // higher volume wins and records the shadowed path.
  void add(Skill skill, Volume volume, Diagnostics& diagnostics);

  // Parses the skill files under `directory` (skill_files_under: every *.md,
  // one SKILL.md per Agent Skills folder, whose other files become the
  // skill's resources) into `volume`. Problems go into `diagnostics`; good
  // files are still added.
  void load_directory(const std::string& directory, Volume volume, Diagnostics& diagnostics);

  // The winning skill for an id, or nullptr.
  const Skill* find(std::string_view skill_id) const;
  const LibraryEntry* find_entry(std::string_view skill_id) const;

  // Winning entries sorted by skill id.
  std::vector<const LibraryEntry*> list(const SkillQuery& query = {}) const;

  // Fuzzy search over name, keywords and description, best first.
  std::vector<SearchHit> search(std::string_view text, std::size_t limit = 20) const;

  // All winning skill ids (for "did you mean").
  std::vector<std::string> ids() const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Definition {
    Volume volume;
    std::string source_path;
  };
  std::map<std::string, LibraryEntry, std::less<>> entries_;
  // Every accepted definition per id, in load order (shadows, duplicates).
  std::map<std::string, std::vector<Definition>, std::less<>> definitions_;
};

}  // namespace llmos
