#include "library_cache.hpp"

#include "llmos/json_view.hpp"
#include "llmos/skill_parser.hpp"
#include "llmos/skill_resources.hpp"

#include <algorithm>

namespace llmos::server {
namespace {

constexpr std::size_t kMaxViews = 512;  // bounded: ids come from requests

std::string volume_key(Owner owner, const std::string& id) {
  return (owner == Owner::user ? "users/" : "teams/") + id;
}

}  // namespace

ParsedVolume parse_volume_no_follow(const fs::path& directory) {
  ParsedVolume out;
  std::error_code error;
  std::vector<fs::path> files;
  // recursive_directory_iterator does not descend into directory symlinks by
  // default; file symlinks are skipped below.
  for (fs::recursive_directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const auto name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_symlink(error) && it->is_directory(error) && is_skill_folder(it->path().string())) {
      // Agent Skills folder: one skill, the rest is its resources.
      files.push_back(it->path() / "SKILL.md");
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
    if (!name.ends_with(".md") || name == "README.md") continue;
    files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto text = read_file_no_follow(file);
    if (!text) continue;
    out.skills.push_back(parse_skill(*text, file.string(), out.diagnostics));
  }
  return out;
}

json entry_json(const LibraryEntry& entry, bool include_code) {
  auto out = skill_to_json(entry.skill, include_code);
  out["volume"] = std::string(to_string(entry.volume));
  return out;
}

json categories_json(const SkillLibrary& library) {
  std::map<std::string, int> counts;
  for (const auto* entry : library.list()) {
    const auto& skill = entry->skill;
    if (skill.type != NodeType::standard && !skill.is_executable()) continue;
    ++counts[skill.category.empty() ? "uncategorized" : skill.category];
  }
  json categories = json::array();
  for (const auto& [name, count] : counts) categories.push_back({{"name", name}, {"count", count}});
  return {{"categories", std::move(categories)}};
}

LibraryCache::LibraryCache(std::vector<std::string> system_dirs, const DataDir& data)
    : system_dirs_(std::move(system_dirs)), data_(data) {
  // The system volume is trusted (it is the repo's skills/): the library's own loader.
  for (const auto& dir : system_dirs_)
    for (const auto& file : skill_files_under(dir))
      system_.skills.push_back(parse_skill_file(file, system_.diagnostics));
}

std::shared_ptr<const ParsedVolume> LibraryCache::volume(Owner owner, const std::string& id) {
  auto& slot = volumes_[volume_key(owner, id)];
  if (!slot) {
    const auto dir = data_.skills_dir(owner, id);
    if (data_.check_path(dir))
      slot = std::make_shared<const ParsedVolume>();  // a symlinked volume is not read at all
    else
      slot = std::make_shared<const ParsedVolume>(parse_volume_no_follow(dir));
  }
  return slot;
}

std::shared_ptr<const LibraryView> LibraryCache::view(const std::string& user, const std::string& team) {
  const std::string key = user + "\n" + team;
  std::lock_guard lock(mutex_);
  if (const auto found = views_.find(key); found != views_.end()) return found->second;

  auto view = std::make_shared<LibraryView>();
  view->user = user;
  view->team = team;
  auto add_volume = [&](const ParsedVolume& parsed, Volume volume) {
    view->diagnostics.append(parsed.diagnostics);
    for (const auto& skill : parsed.skills) view->library.add(skill, volume, view->diagnostics);
  };
  add_volume(system_, Volume::system);
  add_volume(*volume(Owner::team, team), Volume::team);
  add_volume(*volume(Owner::user, user), Volume::user);

  SkillQuery executable;
  executable.executable_only = true;
  json skills = json::array();
  for (const auto* entry : view->library.list(executable)) skills.push_back(entry_json(*entry, false));
  view->executable =
      prepare_body(json{{"skills", std::move(skills)}}.dump() + "\n", "application/json", true);
  view->categories = prepare_body(categories_json(view->library).dump() + "\n", "application/json", true);

  if (views_.size() >= kMaxViews) views_.clear();
  views_[key] = view;
  return view;
}

void LibraryCache::invalidate(Owner owner, const std::string& id) {
  std::lock_guard lock(mutex_);
  volumes_.erase(volume_key(owner, id));
  for (auto it = views_.begin(); it != views_.end();) {
    const auto& view = *it->second;
    const bool affected = owner == Owner::user ? view.user == id : view.team == id;
    it = affected ? views_.erase(it) : std::next(it);
  }
}

}  // namespace llmos::server
