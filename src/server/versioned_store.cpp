#include "versioned_store.hpp"

namespace llmos::server {

VersionedStore::Repository& VersionedStore::repository(Owner owner, const std::string& id) {
  const std::string key = (owner == Owner::user ? "users/" : "teams/") + id;
  std::lock_guard lock(repositories_mutex_);
  auto& slot = repositories_[key];
  if (!slot) slot = std::make_unique<Repository>();
  return *slot;
}

std::optional<ApiError> VersionedStore::open_history(Owner owner, const std::string& id, Repository& repo,
                                                     bool create) {
  if (repo.history) return std::nullopt;
  const auto dir = data_.owner_dir(owner, id);
  if (auto problem = data_.check_path(dir / ".git")) return problem;
  std::error_code error;
  if (!create && !std::filesystem::exists(dir / ".git", error))
    return not_found("history.unknown_version", "there are no versions yet");
  auto opened = History::open(dir);
  if (!opened) return opened.error();
  repo.history.emplace(std::move(*opened));
  return std::nullopt;
}

Outcome<VersionedStore::Saved> VersionedStore::save(Owner owner, const std::string& id,
                                                    const std::string& relative_path,
                                                    const std::string& content, const std::string& author,
                                                    const std::string& message) {
  const auto path = data_.owner_dir(owner, id) / relative_path;
  if (auto problem = data_.check_path(path)) return *problem;
  auto& repo = repository(owner, id);
  std::lock_guard lock(repo.mutex);
  if (auto problem = open_history(owner, id, repo, true)) return *problem;
  std::error_code error;
  const bool existed = std::filesystem::exists(std::filesystem::symlink_status(path, error));
  if (auto failure = write_file_atomically(path, content)) return internal_error(*failure);
  auto commit = repo.history->commit_file(relative_path, author, message);
  if (!commit) return commit.error();
  return Saved{*commit, !existed};
}

Outcome<std::string> VersionedStore::remove(Owner owner, const std::string& id,
                                            const std::string& relative_path, const std::string& author,
                                            const std::string& message, const std::string& not_found_code) {
  const auto path = data_.owner_dir(owner, id) / relative_path;
  if (auto problem = data_.check_path(path)) return *problem;
  auto& repo = repository(owner, id);
  std::lock_guard lock(repo.mutex);
  if (auto problem = open_history(owner, id, repo, true)) return *problem;
  if (!remove_file(path)) return not_found(not_found_code, relative_path + " does not exist");
  return repo.history->commit_file(relative_path, author, message);
}

Outcome<std::optional<std::string>> VersionedStore::read(Owner owner, const std::string& id,
                                                         const std::string& relative_path) const {
  const auto path = data_.owner_dir(owner, id) / relative_path;
  if (auto problem = data_.check_path(path)) return *problem;
  return read_file_no_follow(path);
}

Outcome<std::vector<Version>> VersionedStore::versions(Owner owner, const std::string& id,
                                                       const std::string& relative_path) {
  auto& repo = repository(owner, id);
  std::lock_guard lock(repo.mutex);
  if (auto problem = open_history(owner, id, repo, false))
    return problem->status == 404 ? Outcome<std::vector<Version>>(std::vector<Version>{}) : *problem;
  return repo.history->versions(relative_path);
}

Outcome<std::optional<std::string>> VersionedStore::content_at(Owner owner, const std::string& id,
                                                               const std::string& commit,
                                                               const std::string& relative_path) {
  auto& repo = repository(owner, id);
  std::lock_guard lock(repo.mutex);
  if (auto problem = open_history(owner, id, repo, false)) return *problem;
  return repo.history->content_at(commit, relative_path);
}

Outcome<std::string> VersionedStore::diff(Owner owner, const std::string& id,
                                          const std::string& relative_path, const std::string& from,
                                          const std::string& to) {
  auto& repo = repository(owner, id);
  std::lock_guard lock(repo.mutex);
  if (auto problem = open_history(owner, id, repo, false)) return *problem;
  return repo.history->diff(relative_path, from, to);
}

}  // namespace llmos::server
