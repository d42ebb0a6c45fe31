#include "skill_volumes.hpp"

#include "install_paths.hpp"

#include <CLI/CLI.hpp>

namespace llmos::cli {

void add_skill_volume_options(CLI::App& command, SkillVolumes& volumes, bool one_each) {
  command
      .add_option("--skills,--dir", volumes.system,
                  "system skill volume (repeatable; default: $LLMOS_SKILLS_DIR, else the repo's skills/)")
      ->check(CLI::ExistingDirectory);
  const std::string repeat = one_each ? "" : " (repeatable)";
  auto* team = command
                   .add_option("--team", volumes.team,
                               "team skill volume" + repeat + ": overrides system skills by id")
                   ->check(CLI::ExistingDirectory);
  auto* user = command
                   .add_option("--user", volumes.user,
                               "user skill volume" + repeat + ": overrides team and system skills")
                   ->check(CLI::ExistingDirectory);
  if (one_each) {
    team->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    user->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::Throw);
  }
}

void fill_default_volume(SkillVolumes& volumes) {
  if (volumes.system.empty()) volumes.system.push_back(display_path(default_skills_dir()));
}

SkillLibrary load_skill_volumes(SkillVolumes volumes, Diagnostics& diagnostics) {
  fill_default_volume(volumes);
  SkillLibrary library;
  for (const auto& dir : volumes.system) library.load_directory(dir, Volume::system, diagnostics);
  for (const auto& dir : volumes.team) library.load_directory(dir, Volume::team, diagnostics);
  for (const auto& dir : volumes.user) library.load_directory(dir, Volume::user, diagnostics);
  return library;
}

}  // namespace llmos::cli
