#include "llmos/skill_resources.hpp"

#include "llmos/media_type.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace llmos {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSkillFileName = "SKILL.md";

bool is_regular_not_link(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(fs::symlink_status(path, error)) && !error;
}

}  // namespace

bool is_skill_folder(const std::string& directory) {
  return is_regular_not_link(fs::path(directory) / kSkillFileName);
}

std::vector<SkillResource> skill_resources(const std::string& skill_file, bool* truncated) {
  std::vector<SkillResource> out;
  if (truncated) *truncated = false;
  const fs::path file(skill_file);
  if (file.filename() != kSkillFileName) return out;
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  std::error_code error;
  // Directory symlinks are not followed (the iterator's default); file
  // symlinks are skipped below, so nothing outside the folder is listed.
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    const auto name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
    const auto relative = it->path().lexically_relative(folder).generic_string();
    if (relative == kSkillFileName) continue;
    if (out.size() == kMaxSkillResources) {
      if (truncated) *truncated = true;
      break;
    }
    const auto size = it->file_size(error);
    out.push_back({relative, error ? 0 : size, std::string(media_type_of(name))});
    error.clear();
  }
  std::sort(out.begin(), out.end(),
            [](const SkillResource& a, const SkillResource& b) { return a.path < b.path; });
  return out;
}

bool is_utf8_text(std::string_view data) {
  return data.find('\0') == std::string_view::npos && !first_invalid_utf8(data);
}

std::optional<std::string> owning_skill_file(const std::string& file) {
  std::error_code error;
  auto folder = fs::absolute(fs::path(file), error).lexically_normal().parent_path();
  if (error) return std::nullopt;
  const auto own_name = fs::path(file).filename();
  for (bool first = true; !folder.empty(); first = false) {
    // SKILL.md itself is the skill, not a resource of its own folder.
    if (!(first && own_name == kSkillFileName) && is_skill_folder(folder.string()))
      return (folder / kSkillFileName).string();
    if (folder == folder.root_path()) break;
    folder = folder.parent_path();
  }
  return std::nullopt;
}

std::optional<std::string> read_skill_resource(const std::string& skill_file,
                                               const std::vector<SkillResource>& listed,
                                               std::string_view path, std::string& error) {
  const auto found = std::find_if(listed.begin(), listed.end(),
                                  [&](const SkillResource& resource) { return resource.path == path; });
  if (found == listed.end()) {
    // (append, not operator+: GCC 12 reports a false -Wrestrict on "'" + string)
    error = std::string("'").append(path).append("' is not a resource of this skill");
    return std::nullopt;
  }
  if (found->size > kMaxSkillResourceBytes) {
    error = "resource '" + found->path + "' is " + std::to_string(found->size) + " bytes, over the " +
            std::to_string(kMaxSkillResourceBytes) + "-byte limit";
    return std::nullopt;
  }
  // Listed once, but the folder may have changed since: no component of the
  // path may have become a symlink.
  fs::path walked = fs::path(skill_file).parent_path();
  for (const auto& part : fs::path(found->path)) {
    walked /= part;
    std::error_code status_error;
    if (fs::is_symlink(fs::symlink_status(walked, status_error))) {
      error = "resource '" + found->path + "' is now behind a symlink; refusing to follow it";
      return std::nullopt;
    }
  }
  std::ifstream in(walked, std::ios::binary);
  if (!in || !is_regular_not_link(walked)) {
    error = "cannot read resource '" + found->path + "'";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto data = text.str();
  if (data.size() > kMaxSkillResourceBytes) {
    error = "resource '" + found->path + "' grew over the " + std::to_string(kMaxSkillResourceBytes) +
            "-byte limit";
    return std::nullopt;
  }
  return data;
}

}  // namespace llmos
