// `llmos run FILE`: runs a workflow headless. The runtimes are the browser's
// (Pyodide, the ses JavaScript sandbox, ngspice.wasm) and so is the core (the
// wasm module), so this command does not run anything itself: it checks the
// arguments, then replaces itself with Node on the web output's host script
// (`<web>/node/run.mjs`, from web/node/), which loads llmos.wasm and starts
// the runtime Workers as worker_threads. Replacing (exec) rather than
// spawning keeps Ctrl+C, exit codes and a caller's process-group kill direct.
#include "commands.hpp"
#include "install_paths.hpp"
#include "skill_volumes.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace llmos::cli {
namespace {

struct RunOptions {
  std::string file;
  SkillVolumes volumes;  // one team and one user volume: the host takes one each
  std::vector<std::string> sets;
  std::string out_dir;
  std::string web_root = default_web_root();
  std::string base_url;
  int node_timeout_ms = 0;
  bool json = false;
  bool events = false;
  bool no_cache = false;
  bool verbose = false;
};

// "node.input=value" with a non-empty node and input.
std::string check_set(const std::string& text) {
  const auto equals = text.find('=');
  const auto dot = text.find('.');
  if (equals == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 >= equals)
    return "expected NODE.INPUT=VALUE, got '" + text + "'";
  return {};
}

std::string node_executable() {
  if (const char* node = std::getenv("LLMOS_NODE"); node && *node) return node;
  return "node";
}

// The host's arguments: the same vocabulary, with the defaults filled in.
std::vector<std::string> host_arguments(const RunOptions& options, const std::string& script) {
  std::vector<std::string> argv = {node_executable(), script, options.file, "--web", options.web_root};
  for (const auto& dir : options.volumes.system) argv.insert(argv.end(), {"--skills", dir});
  for (const auto& dir : options.volumes.team) argv.insert(argv.end(), {"--team", dir});
  for (const auto& dir : options.volumes.user) argv.insert(argv.end(), {"--user", dir});
  for (const auto& set : options.sets) argv.insert(argv.end(), {"--set", set});
  if (!options.out_dir.empty()) argv.insert(argv.end(), {"--out", options.out_dir});
  if (options.node_timeout_ms > 0)
    argv.insert(argv.end(), {"--node-timeout", std::to_string(options.node_timeout_ms)});
  if (!options.base_url.empty()) argv.insert(argv.end(), {"--base-url", options.base_url});
  if (options.json) argv.push_back("--json");
  if (options.events) argv.push_back("--events");
  if (options.no_cache) argv.push_back("--no-cache");
  if (options.verbose) argv.push_back("--verbose");
  return argv;
}

// Replaces this process with the Node host (after checking it is there).
int exec_host(const RunOptions& options) {
  const auto script = (std::filesystem::path(options.web_root) / "node" / "run.mjs").string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(script, error)) {
    std::fprintf(stderr,
                 "llmos run: %s is missing: --web must name the built web output (make build writes "
                 "build/web)\n",
                 script.c_str());
    return 2;
  }
  const auto argv = host_arguments(options, script);
  std::vector<char*> pointers;
  for (const auto& arg : argv) pointers.push_back(const_cast<char*>(arg.c_str()));
  pointers.push_back(nullptr);
  std::fflush(stdout);
  ::execvp(pointers[0], pointers.data());
  std::fprintf(stderr, "llmos run: cannot start %s: %s (install Node 20, or set LLMOS_NODE)\n",
               argv[0].c_str(), std::strerror(errno));
  return 2;
}

}  // namespace

void add_run_command(CLI::App& llmos, int& exit_code) {
  auto options = std::make_shared<RunOptions>();
  auto* app = llmos.add_subcommand(
      "run",
      "Run a workflow headless with the workbench's own core (llmos.wasm) and runtimes (Pyodide, the\n"
      "JavaScript sandbox, ngspice.wasm) under Node: a line per node as it runs, outputs to --out\n"
      "(PNG, SVG, CSV, JSON) with results.json and trace.json. Exit status: 0 every node done,\n"
      "1 a node failed, 2 bad arguments or an invalid workflow, 130 interrupted (Ctrl+C cancels\n"
      "the run and keeps the outputs already written). Node is $LLMOS_NODE or `node` on PATH.");
  app->add_option("file", options->file, "workflow JSON (a bare workflow or a {workflow, skills} payload)")
      ->required()
      ->check(CLI::ExistingFile);
  add_skill_volume_options(*app, options->volumes, /*one_each=*/true);
  app->add_option("--set", options->sets,
                  "NODE.INPUT=VALUE: set a node's input (VALUE as JSON, else text; repeatable)")
      ->check(check_set);
  app->add_option("--out", options->out_dir, "directory for the outputs, results.json and trace.json");
  app->add_option(
         "--node-timeout", options->node_timeout_ms,
         "stop any node running longer than this many ms (default: the core's deadline per node type)")
      ->check(CLI::PositiveNumber);
  app->add_option("--base-url", options->base_url,
                  "URL that skills' relative URLs resolve against, as the page's address in the browser "
                  "(e.g. http://localhost:8000/); permissions.network still decides");
  app->add_flag("--json", options->json, "print one JSON document with every node's results on stdout");
  app->add_flag("--events", options->events,
                "the node lines as JSON on stderr, one per event (for programs following a run)");
  app->add_flag("--no-cache", options->no_cache, "do not reuse results within the run");
  app->add_flag("--verbose,-v", options->verbose, "also print the nodes' log lines and progress");
  app->add_option("--web", options->web_root,
                  "built web output (llmos.wasm, lib/, runtimes/, vendor/, node/)")
      ->capture_default_str();
  app->callback([options, &exit_code] {
    fill_default_volume(options->volumes);
    exit_code = exec_host(*options);
  });
}

}  // namespace llmos::cli
