#include "install_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace llmos::cli {
namespace {

std::filesystem::path executable_dir() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::current_path() : self.parent_path();
}

std::string from_env_or(const char* variable, const std::filesystem::path& fallback) {
  if (const char* value = std::getenv(variable); value && *value) return value;
  return fallback.lexically_normal().string();
}

}  // namespace

std::string default_skills_dir() {
  return from_env_or("LLMOS_SKILLS_DIR", executable_dir() / ".." / ".." / ".." / "skills");
}

std::string default_web_root() {
  return from_env_or("LLMOS_WEB_ROOT", executable_dir() / ".." / ".." / "web");
}

std::string default_data_dir() {
  return from_env_or("LLMOS_DATA_DIR", executable_dir() / ".." / ".." / "data");
}

std::string display_path(const std::string& path) {
  std::error_code error;
  const auto canonical = std::filesystem::weakly_canonical(path, error);
  if (error) return std::filesystem::path(path).generic_string();
  const auto relative = canonical.lexically_relative(std::filesystem::current_path(error));
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return canonical.generic_string();
}

}  // namespace llmos::cli
