#include "http_server.hpp"

#include <httplib.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

namespace llmos::server {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kMimeTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".wasm", "application/wasm"},
    {".json", "application/json"},
    {".css", "text/css; charset=utf-8"},
    {".png", "image/png"},
    {".svg", "image/svg+xml"},
    {".ttf", "font/ttf"},
    {".woff2", "font/woff2"},
    {".md", "text/markdown; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".py", "text/x-python; charset=utf-8"},
    {".zip", "application/zip"},
    {".data", "application/octet-stream"},
    {".map", "application/json"},
    {".ico", "image/x-icon"},
    {".whl", "application/zip"},
}};

// cpp-httplib already compresses text, JSON and SVG itself (gzip or brotli);
// it leaves wasm alone, and wasm is the biggest file we serve.
bool needs_our_compression(std::string_view mime) { return mime == "application/wasm"; }

std::string gzip(const std::string& data) {
  z_stream stream{};
  // 15 + 16: zlib window with a gzip header, as browsers expect for Content-Encoding: gzip.
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return status == Z_STREAM_END ? out : std::string{};
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = std::move(buffer).str();
  return true;
}

// Resolves a URL path inside root; rejects anything escaping it.
bool resolve_inside(const fs::path& root, const std::string& url_path, fs::path& out) {
  if (url_path.find("..") != std::string::npos) return false;
  fs::path candidate = root / fs::path(url_path).relative_path();
  std::error_code error;
  if (fs::is_directory(candidate, error)) candidate /= "index.html";
  if (!fs::is_regular_file(candidate, error)) return false;
  out = candidate;
  return true;
}

}  // namespace

std::string mime_type_for(const std::string& path) {
  const std::string extension = fs::path(path).extension().string();
  for (const auto& [ext, mime] : kMimeTypes)
    if (ext == extension) return std::string(mime);
  return "application/octet-stream";
}

void mount_static_files(httplib::Server& server, const ServeOptions& options) {
  const fs::path root = options.web_root;
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
    // Cross-origin isolation: Pyodide interrupts need SharedArrayBuffer.
    response.set_header("Cross-Origin-Opener-Policy", "same-origin");
    response.set_header("Cross-Origin-Embedder-Policy", "require-corp");
    response.set_header("Cross-Origin-Resource-Policy", "same-origin");
  });
  server.Get(R"(/.*)", [root](const httplib::Request& request, httplib::Response& response) {
    fs::path file;
    if (!resolve_inside(root, request.path, file)) {
      response.status = 404;
      response.set_content("not found: " + request.path + "\n", "text/plain; charset=utf-8");
      return;
    }
    std::string body;
    if (!read_file(file, body)) {
      response.status = 500;
      response.set_content("cannot read " + request.path + "\n", "text/plain; charset=utf-8");
      return;
    }
    const std::string mime = mime_type_for(file.string());
    response.set_header("Cache-Control", "no-cache");
    if (needs_our_compression(mime) &&
        request.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
      std::string compressed = gzip(body);
      if (!compressed.empty()) {
        response.set_header("Content-Encoding", "gzip");
        response.set_header("Vary", "Accept-Encoding");
        body = std::move(compressed);
      }
    }
    response.set_content(std::move(body), mime);
  });
}

int serve(const ServeOptions& options) {
  httplib::Server server;
  mount_static_files(server, options);
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) return 1;
  } else if (!server.bind_to_port(options.host, port)) {
    std::fprintf(stderr, "llmos serve: cannot listen on %s:%d\n", options.host.c_str(), port);
    return 1;
  }
  if (options.on_listening) options.on_listening(port);
  return server.listen_after_bind() ? 0 : 1;
}

}  // namespace llmos::server
