// The data directory (`llmos serve --data DIR`) and the only code that turns
// ids into paths in it:
//   teams/<team>/skills/<skill_id>.md          a team's skills (a git repository per team)
//   users/<user>/skills/<skill_id>.md          a user's skills  } a git repository
//   users/<user>/workflows/<workflow_id>.json  saved workflows  } per user
//   users/<user>/traces/<trace_id>.json        run traces (not versioned)
// Callers pass ids already checked by request_ids.hpp. Files are read and
// written without following symlinks, and every path is refused when a
// component below the data directory is a symlink (one planted there could
// otherwise lead into another user's volume or out of the data directory).
#pragma once

#include "api_error.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos::server {

namespace fs = std::filesystem;

enum class Owner { user, team };

class DataDir {
 public:
  // Creates `root` if needed; keeps its canonical path.
  explicit DataDir(const std::string& root);

  const fs::path& root() const { return root_; }
  // users/<id> or teams/<id>: the git repository of that owner.
  fs::path owner_dir(Owner owner, std::string_view id) const;
  fs::path skills_dir(Owner owner, std::string_view id) const { return owner_dir(owner, id) / "skills"; }
  fs::path workflows_dir(std::string_view user) const { return owner_dir(Owner::user, user) / "workflows"; }
  fs::path traces_dir(std::string_view user) const { return owner_dir(Owner::user, user) / "traces"; }

  // A forbidden ApiError (code path.symlink) when any existing component of
  // `path` below the root is a symlink, or `path` is not below the root.
  std::optional<ApiError> check_path(const fs::path& path) const;

 private:
  fs::path root_;
};

// Reads a regular file without following a symlink at its last component.
// nullopt when it does not exist (or is not a regular file).
std::optional<std::string> read_file_no_follow(const fs::path& path);

// Writes `content` to a temporary file next to `path`, flushes it to disk,
// renames it over `path` and flushes the directory: readers see the old file
// or the new one, never a mix, even after a crash. Creates parent
// directories. Returns an error sentence on failure.
std::optional<std::string> write_file_atomically(const fs::path& path, std::string_view content);

// Removes a file (not following symlinks) and flushes its directory. False
// when it did not exist.
bool remove_file(const fs::path& path);

// Regular files directly in `directory` whose names end with `extension`,
// sorted; symlinks and hidden files are skipped.
std::vector<fs::path> files_in(const fs::path& directory, std::string_view extension);

}  // namespace llmos::server
