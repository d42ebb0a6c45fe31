#include "static_files.hpp"

#include "volumes_on_disk.hpp"

#include "llmos/media_type.hpp"

#include <string_view>

namespace llmos::server {
namespace {

// Already compressed formats gain nothing from gzip.
bool worth_compressing(std::string_view mime) {
  return mime != "image/png" && mime != "application/zip" && mime != "font/woff2" && mime != "image/x-icon";
}

// "/a/b.js" -> "a/b.js"; nullopt for anything that could leave the root.
std::optional<std::string> safe_relative(const std::string& url_path) {
  if (url_path.empty() || url_path.front() != '/') return std::nullopt;
  std::string relative = url_path.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    const std::string_view segment(relative.data() + start, end - start);
    if (segment.empty() || segment.front() == '.') return std::nullopt;  // "", ".", "..", hidden files
    for (char c : segment)
      if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    start = end + 1;
  }
  return relative;
}

}  // namespace

std::string mime_type_for(const std::string& path) { return std::string(media_type_of(path)); }

std::optional<PreparedBody> StaticFiles::find(const std::string& url_path) {
  auto relative = safe_relative(url_path);
  if (!relative) return std::nullopt;
  std::filesystem::path path = root_ / *relative;
  std::error_code error;
  auto status = std::filesystem::status(path, error);
  if (!error && std::filesystem::is_directory(status)) {
    *relative += "/index.html";
    path /= "index.html";
    status = std::filesystem::status(path, error);
  }
  if (error || !std::filesystem::is_regular_file(status)) return std::nullopt;
  const auto mtime = std::filesystem::last_write_time(path, error);
  const auto size = std::filesystem::file_size(path, error);
  if (error) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    const auto found = entries_.find(*relative);
    if (found != entries_.end() && found->second->mtime == mtime && found->second->size == size)
      return found->second->body;
  }
  // Read and compress outside the lock; two first requests may both do it.
  auto content = read_file_no_follow(path);
  if (!content) return std::nullopt;
  const std::string mime = mime_type_for(path.filename().string());
  auto entry = std::make_shared<Entry>();
  entry->mtime = mtime;
  entry->size = size;
  entry->body = prepare_body(std::move(*content), mime, worth_compressing(mime));
  std::lock_guard lock(mutex_);
  entries_[*relative] = entry;
  return entry->body;
}

}  // namespace llmos::server
