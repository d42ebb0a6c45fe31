#include "llmos/media_type.hpp"

#include <array>
#include <utility>

namespace llmos {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kMediaTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".wasm", "application/wasm"},
    {".json", "application/json"},
    {".css", "text/css; charset=utf-8"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".svg", "image/svg+xml"},
    {".pdf", "application/pdf"},
    {".ttf", "font/ttf"},
    {".woff2", "font/woff2"},
    {".md", "text/markdown; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".py", "text/x-python; charset=utf-8"},
    {".sh", "text/x-shellscript; charset=utf-8"},
    {".yaml", "application/yaml"},
    {".yml", "application/yaml"},
    {".csv", "text/csv; charset=utf-8"},
    {".xml", "application/xml"},
    {".xsd", "application/xml"},
    {".zip", "application/zip"},
    {".data", "application/octet-stream"},
    {".map", "application/json"},
    {".ico", "image/x-icon"},
    {".whl", "application/zip"},
    {".tar", "application/x-tar"},
    {".d.ts", "text/plain; charset=utf-8"},
    {".cir", "text/plain; charset=utf-8"},
}};

}  // namespace

std::string_view media_type_of(std::string_view file_name) {
  for (const auto& [extension, type] : kMediaTypes)
    if (file_name.ends_with(extension)) return type;
  return "application/octet-stream";
}

}  // namespace llmos
