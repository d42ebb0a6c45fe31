// `llmos serve`: the workbench page and its API from one process on :8000
// (the original design needed a Python API on :8000 plus a UI on :3000).
#include "commands.hpp"
#include "http_server.hpp"
#include "install_paths.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace llmos::cli {

void add_serve_command(CLI::App& llmos, int& exit_code) {
  auto options = std::make_shared<server::ServeOptions>();
  options->web_root = default_web_root();
  options->data_dir = default_data_dir();

  auto* app = llmos.add_subcommand(
      "serve",
      "Serve the workbench page and its HTTP API (skills, workflows, history, MCP at /mcp).\n"
      "There is no login: requests name their user and team (user_id, team_id; default 'local'),\n"
      "so keep the default --host 127.0.0.1 unless everyone who can reach the port may act as anyone.");
  app->add_option("--host", options->host, "address to listen on")->capture_default_str();
  app->add_option("--port", options->port, "port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app->add_option("--web", options->web_root, "built web output to serve (index.html, llmos.wasm, ...)")
      ->capture_default_str();
  // Team and user volumes are per request, from --data (teams/<team>/skills,
  // users/<user>/skills), so serve takes only the system volume.
  app->add_option("--skills,--dir", options->skill_dirs,
                  "system skill volume (repeatable; default: $LLMOS_SKILLS_DIR, else the repo's skills/)")
      ->check(CLI::ExistingDirectory);
  app->add_option("--data", options->data_dir,
                  "data directory: teams/<team>/skills, users/<user>/{skills,workflows}")
      ->capture_default_str();
  app->add_flag("--demo", options->demo,
                "add team 'engineering' and user 'alice' to the data directory first");
  app->add_option("--threads", options->threads, "worker threads (one per open connection)")
      ->check(CLI::Range(4, 1024))
      ->capture_default_str();
  app->callback([options, &exit_code] {
    if (options->skill_dirs.empty()) options->skill_dirs.push_back(default_skills_dir());
    options->on_listening = [options = options.get()](int port) {
      std::printf("LLMos-Lite Workbench at http://%s:%d/ (serving %s, data in %s)\n", options->host.c_str(),
                  port, options->web_root.c_str(), options->data_dir.c_str());
      std::fflush(stdout);
    };
    exit_code = server::serve(*options);
  });
}

}  // namespace llmos::cli
