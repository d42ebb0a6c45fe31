// What each (user, team) sees: the system volume (parsed once at start-up),
// the team's volume and the user's volume, layered with shadowing, plus the
// replies built from them (the executable skills list, the categories), kept
// in memory until a save through the API changes one of those volumes.
// Reads are a map lookup; nothing is parsed per request.
#pragma once

#include "http_reply.hpp"
#include "volumes_on_disk.hpp"

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"
#include "llmos/skill_library.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace llmos::server {

// One volume's skills as parsed from disk.
struct ParsedVolume {
  std::vector<Skill> skills;
  Diagnostics diagnostics;
};

// Skill files (*.md, recursively) of a user or team volume, read without
// following symlinks (a planted link must not read another user's files).
ParsedVolume parse_volume_no_follow(const fs::path& directory);

struct LibraryView {
  std::string user;
  std::string team;
  SkillLibrary library;
  Diagnostics diagnostics;  // problems of the three volumes' files
  PreparedBody executable;  // {"skills":[...]} of GET /workflows/skills/executable
  PreparedBody categories;  // {"categories":[{name,count}]}
};

class LibraryCache {
 public:
  LibraryCache(std::vector<std::string> system_dirs, const DataDir& data);

  // The view for a user and team (ids already checked).
  std::shared_ptr<const LibraryView> view(const std::string& user, const std::string& team);

  // A save or delete in that volume happened: later views re-read it.
  void invalidate(Owner owner, const std::string& id);

  const std::vector<std::string>& system_dirs() const { return system_dirs_; }
  std::size_t system_skill_count() const { return system_.skills.size(); }

 private:
  std::shared_ptr<const ParsedVolume> volume(Owner owner, const std::string& id);  // under mutex_

  std::vector<std::string> system_dirs_;
  const DataDir& data_;
  ParsedVolume system_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const ParsedVolume>> volumes_;  // "users/x", "teams/y"
  std::map<std::string, std::shared_ptr<const LibraryView>> views_;     // "user\nteam"
};

// A library entry as the API lists it: the original shape (skill_id, name,
// description, category, node_type, execution_mode, inputs, outputs,
// estimated_time_ms, ...) plus the volume it comes from.
json entry_json(const LibraryEntry& entry, bool include_code);

// {"categories":[{"name","count"}]} over the executable and standard skills
// a library shows, sorted by name.
json categories_json(const SkillLibrary& library);

}  // namespace llmos::server
