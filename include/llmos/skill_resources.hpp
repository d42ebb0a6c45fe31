// Agent Skills folders: a folder holding SKILL.md is one skill, and every
// other file under it (reference Markdown, scripts, assets, nested folders)
// is a resource of that skill, never a skill of its own. Resources are
// listed with the skill (for LLM context) and read one at a time by their
// path inside the folder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos {

struct SkillResource {
  std::string path;  // relative to the skill's folder, '/'-separated: "scripts/fill.py"
  std::uintmax_t size = 0;
  std::string media_type;  // media_type_of(path)
};

// More files than this in one skill folder are not listed (a checked-out
// node_modules must not become a megabyte listing); the library warns.
inline constexpr std::size_t kMaxSkillResources = 1000;
// Largest resource read_skill_resource returns.
inline constexpr std::uintmax_t kMaxSkillResourceBytes = 8u << 20;

// Whether `directory` is an Agent Skills folder (it holds a regular SKILL.md).
bool is_skill_folder(const std::string& directory);

// The resources beside an Agent Skills SKILL.md, sorted by path: regular
// files under its folder except SKILL.md itself; hidden files and folders
// and symlinks are left out. Empty when `skill_file` is not named SKILL.md.
// `truncated` (optional) is set when more than kMaxSkillResources were found.
std::vector<SkillResource> skill_resources(const std::string& skill_file, bool* truncated = nullptr);

// The nearest SKILL.md in a folder above `file` (not `file` itself), or
// nullopt: a file found there is that skill's resource, not a skill.
std::optional<std::string> owning_skill_file(const std::string& file);

// Whether a resource's bytes can be shown as text (and put in JSON): valid
// UTF-8 without NUL bytes.
bool is_utf8_text(std::string_view data);

// Reads one resource of the skill at `skill_file`. Only a path that is in
// `listed` is read, so "..", absolute paths, hidden files and symlinks (never
// listed) are refused, and the path is checked again for symlinks on disk.
// On failure returns nullopt and sets `error` (a sentence naming the path).
std::optional<std::string> read_skill_resource(const std::string& skill_file,
                                               const std::vector<SkillResource>& listed,
                                               std::string_view path, std::string& error);

}  // namespace llmos
