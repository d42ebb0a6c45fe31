// `llmos serve`: the workbench page and its API from one process on :8000
// (the original design needed a Python API on :8000 plus a UI on :3000).
#include "commands.hpp"
#include "http_server.hpp"
#include "install_paths.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace llmos::cli {

int run_serve_command(const Args& args) {
  server::ServeOptions options;
  options.web_root = default_web_root();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--port" && has_value) {
      options.port = std::atoi(args[++i].c_str());
    } else if (arg == "--host" && has_value) {
      options.host = args[++i];
    } else if (arg == "--web" && has_value) {
      options.web_root = args[++i];
    } else if (arg == "--skills" && has_value) {
      options.skill_dirs.push_back(args[++i]);
    } else {
      std::fprintf(stderr,
                   "llmos serve: unknown option '%s'\n"
                   "usage: llmos serve [--port N] [--host H] [--web DIR] [--skills DIR]...\n",
                   arg.c_str());
      return 2;
    }
  }
  if (options.skill_dirs.empty()) options.skill_dirs.push_back(default_skills_dir());
  options.on_listening = [&options](int port) {
    std::printf("LLMos-Lite Workbench at http://%s:%d/ (serving %s)\n", options.host.c_str(), port,
                options.web_root.c_str());
    std::fflush(stdout);
  };
  return server::serve(options);
}

}  // namespace llmos::cli
