// The native HTTP server: serves the built web output (the wasm app, its JS
// runtimes and the skills) with the headers the browser needs, and the API.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace httplib {
class Server;
}

namespace llmos::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8000;                             // 0 = pick a free port
  std::string web_root;                        // directory with index.html, llmos.js, llmos.wasm, ...
  std::vector<std::string> skill_dirs;         // system volume first
  std::function<void(int port)> on_listening;  // called once bound (tests use the port)
};

// Content type for a file name, by extension ("application/wasm" for .wasm).
std::string mime_type_for(const std::string& path);

// Adds the static-file routes (GET/HEAD of web_root, gzip when the client
// accepts it, COOP/COEP so SharedArrayBuffer works) to `server`.
void mount_static_files(httplib::Server& server, const ServeOptions& options);

// Blocks serving until the process is stopped. Returns non-zero if it could
// not bind.
int serve(const ServeOptions& options);

}  // namespace llmos::server
