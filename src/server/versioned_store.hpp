// Saving files into a user's or team's volume with history: the file is
// written atomically, then committed, both under that repository's lock, so
// concurrent saves are serialised and every repository's history is linear.
#pragma once

#include "api_error.hpp"
#include "history.hpp"
#include "volumes_on_disk.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace llmos::server {

class VersionedStore {
 public:
  explicit VersionedStore(const DataDir& data) : data_(data) {}

  struct Saved {
    std::string commit;
    bool created = false;  // the file did not exist before
  };

  // `relative_path` is inside the owner's directory ("skills/x.md").
  Outcome<Saved> save(Owner owner, const std::string& id, const std::string& relative_path,
                      const std::string& content, const std::string& author, const std::string& message);
  // 404 (code `not_found_code`) when the file does not exist.
  Outcome<std::string> remove(Owner owner, const std::string& id, const std::string& relative_path,
                              const std::string& author, const std::string& message,
                              const std::string& not_found_code);
  // The file as it is now; nullopt when absent. Errors: symlinks.
  Outcome<std::optional<std::string>> read(Owner owner, const std::string& id,
                                           const std::string& relative_path) const;

  Outcome<std::vector<Version>> versions(Owner owner, const std::string& id,
                                         const std::string& relative_path);
  Outcome<std::optional<std::string>> content_at(Owner owner, const std::string& id,
                                                 const std::string& commit, const std::string& relative_path);
  Outcome<std::string> diff(Owner owner, const std::string& id, const std::string& relative_path,
                            const std::string& from, const std::string& to);

  const DataDir& data() const { return data_; }

 private:
  struct Repository {
    std::mutex mutex;  // held for a whole save (write + commit) or read of the history
    std::optional<History> history;
  };
  // The repository's lock and (opened on first use) history.
  Repository& repository(Owner owner, const std::string& id);
  // Opens the history under `repo.mutex` (creating it only when `create`:
  // reads never write); errors when .git is a symlink or, for reads, absent.
  std::optional<ApiError> open_history(Owner owner, const std::string& id, Repository& repo, bool create);

  const DataDir& data_;
  std::mutex repositories_mutex_;
  std::map<std::string, std::unique_ptr<Repository>> repositories_;
};

}  // namespace llmos::server
