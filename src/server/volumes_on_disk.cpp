#include "volumes_on_disk.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

namespace llmos::server {
namespace {

std::atomic<unsigned long> temp_counter{0};

bool fsync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

DataDir::DataDir(const std::string& root) {
  std::error_code error;
  fs::create_directories(root, error);
  root_ = fs::weakly_canonical(fs::absolute(root), error);
}

fs::path DataDir::owner_dir(Owner owner, std::string_view id) const {
  return root_ / (owner == Owner::user ? "users" : "teams") / std::string(id);
}

std::optional<ApiError> DataDir::check_path(const fs::path& path) const {
  const auto relative = path.lexically_relative(root_);
  if (relative.empty() || *relative.begin() == "..")
    return forbidden("path.outside", "path is outside the data directory");
  fs::path walked = root_;
  for (const auto& part : relative) {
    if (part == ".." || part == ".") return forbidden("path.outside", "path is outside the data directory");
    walked /= part;
    struct stat info {};
    if (::lstat(walked.c_str(), &info) != 0) break;  // the rest does not exist yet
    if (S_ISLNK(info.st_mode))
      return forbidden("path.symlink", "refusing to follow a symlink in the data directory: " +
                                           walked.lexically_relative(root_).string());
  }
  return std::nullopt;
}

std::optional<std::string> read_file_no_follow(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  std::string out;
  out.resize(static_cast<std::size_t>(info.st_size));
  std::size_t filled = 0;
  for (;;) {
    if (filled == out.size()) out.resize(out.size() + 4096);
    const ssize_t got = ::read(fd, out.data() + filled, out.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    filled += static_cast<std::size_t>(got);
  }
  ::close(fd);
  out.resize(filled);
  return out;
}

std::optional<std::string> write_file_atomically(const fs::path& path, std::string_view content) {
  const fs::path directory = path.parent_path();
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) return "cannot create " + directory.string() + ": " + error.message();
  // Hidden and not *.md / *.json, so listings never pick a half-written file.
  std::string temp_name(1, '.');
  temp_name.append(path.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  temp_name.append(1, '-').append(std::to_string(temp_counter.fetch_add(1)));
  const fs::path temp = directory / temp_name;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + temp.string() + ": " + std::strerror(errno);
  const bool written = write_all(fd, content) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(written ? errno : saved_errno);
    ::unlink(temp.c_str());
    return "cannot write " + path.string() + ": " + reason;
  }
  fsync_directory(directory);
  return std::nullopt;
}

bool remove_file(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) return false;
  fsync_directory(path.parent_path());
  return true;
}

std::vector<fs::path> files_in(const fs::path& directory, std::string_view extension) {
  std::vector<fs::path> out;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const auto name = it->path().filename().string();
    if (name.empty() || name.front() == '.' || !name.ends_with(extension)) continue;
    if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
    out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace llmos::server
