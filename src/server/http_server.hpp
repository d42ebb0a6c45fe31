// `llmos serve`: the built web output (the wasm app, its workers, Pyodide,
// the skills) and the HTTP API over the same core, from one process.
// cpp-httplib does the HTTP; this file sets it up for speed and safety:
// TCP_NODELAY, a thread pool wider than the connections a browser or a load
// test opens, long keep-alive, an 8 MiB body limit (413), COOP/COEP/CORP on
// every response, JSON errors with stable codes, and one router for all.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace llmos::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8000;                             // 0 = pick a free port
  std::string web_root;                        // directory with index.html, llmos.js, llmos.wasm, ...
  std::vector<std::string> skill_dirs;         // system volume(s)
  std::string data_dir;                        // users/ and teams/ volumes, history, traces
  bool demo = false;                           // fill data_dir with team 'engineering' and user 'alice' first
  std::string llmos_executable;                // `llmos run` for MCP runs; empty: this process's own binary
  int threads = 64;                            // cpp-httplib serves one connection per thread
  std::function<void(int port)> on_listening;  // called once bound (tests use the port)
};

inline constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;

// Blocks serving until the process is stopped. Returns non-zero if it could
// not bind.
int serve(const ServeOptions& options);

}  // namespace llmos::server
