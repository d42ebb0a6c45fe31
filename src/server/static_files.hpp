// The built web output (index.html, llmos.wasm, the workers, Pyodide, ...)
// served from memory: each file is read, hashed for its ETag and gzipped
// once, then sent as is until it changes on disk (checked by size and mtime
// on every request, so a rebuild is picked up without a restart).
#pragma once

#include "http_reply.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace llmos::server {

// Content type for a file name, by extension ("application/wasm" for .wasm).
std::string mime_type_for(const std::string& path);

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // The prepared body for a URL path ("/" is index.html), or nullopt when no
  // such file: paths with "..", ".", empty segments, backslashes or NUL never
  // reach the disk, and neither do hidden files.
  std::optional<PreparedBody> find(const std::string& url_path);

  const std::filesystem::path& root() const { return root_; }

 private:
  struct Entry {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    PreparedBody body;
  };
  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Entry>> entries_;
};

}  // namespace llmos::server
