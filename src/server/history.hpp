// Version history of a volume: one git repository per user and per team
// (libgit2), where every save through the API is one commit on `main`.
// A History object is not thread-safe; VersionedStore serialises access per
// repository, so each repository's history stays linear.
#pragma once

#include "api_error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace llmos::server {

struct Version {
  std::string commit;   // 40 hex digits
  std::string message;  // first line
  std::string author;
  std::int64_t time = 0;  // seconds since the epoch
  std::string change;     // "added", "modified" or "deleted" (for the file asked about)
  json to_json() const;
};

class History {
 public:
  // Opens the repository in `workdir`, creating it (with no commits) if needed.
  static Outcome<History> open(const std::filesystem::path& workdir);
  History(History&&) noexcept;
  History& operator=(History&&) noexcept;
  ~History();

  // Records `relative_path` as it is on disk now (its removal when it no
  // longer exists) in a new commit on top of HEAD. The commit id, or an error.
  Outcome<std::string> commit_file(const std::string& relative_path, const std::string& author,
                                   const std::string& message);

  // Commits that changed `relative_path`, newest first (at most `limit`).
  Outcome<std::vector<Version>> versions(const std::string& relative_path, std::size_t limit = 200);

  // The file's content at `commit` (full or abbreviated id); nullopt when the
  // file does not exist in that commit. Errors: unknown commit.
  Outcome<std::optional<std::string>> content_at(const std::string& commit, const std::string& relative_path);

  // A unified diff of `relative_path` between two commits; `to` empty means
  // the file as committed at HEAD, `from` empty means the parent of `to`.
  Outcome<std::string> diff(const std::string& relative_path, const std::string& from, const std::string& to);

  // Full id of a commit given in full or abbreviated.
  Outcome<std::string> resolve(const std::string& commit);

 private:
  struct Impl;
  explicit History(Impl* impl);
  Impl* impl_ = nullptr;
};

}  // namespace llmos::server
