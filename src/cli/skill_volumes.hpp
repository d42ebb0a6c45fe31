// The one vocabulary of every command that reads skills: --skills DIR
// (repeatable; --dir is an alias) for the system volume, --team DIR and
// --user DIR for the volumes above it.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill_library.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace llmos::cli {

struct SkillVolumes {
  std::vector<std::string> system;  // empty: default_skills_dir()
  std::vector<std::string> team;
  std::vector<std::string> user;
};

// Adds the three options to `command`. With `one_each`, --team and --user
// take one directory (a second one is an error naming the flag).
void add_skill_volume_options(CLI::App& command, SkillVolumes& volumes, bool one_each = false);

// The default system volume when none was given, as people would type it.
void fill_default_volume(SkillVolumes& volumes);

// The library of every volume, lowest first; problems in skill files go to
// `diagnostics`, good files are still loaded.
SkillLibrary load_skill_volumes(SkillVolumes volumes, Diagnostics& diagnostics);

}  // namespace llmos::cli
