// `llmos run FILE`: runs a workflow headless. The runtimes are the browser's
// (Pyodide, the ses JavaScript sandbox, ngspice.wasm) and so is the core (the
// wasm module), so this command does not run anything itself: it checks the
// arguments, then replaces itself with Node on the web output's host script
// (`<web>/node/run.mjs`, from web/node/), which loads llmos.wasm and starts
// the runtime Workers as worker_threads. Replacing (exec) rather than
// spawning keeps Ctrl+C, exit codes and a caller's process-group kill direct.
#include "commands.hpp"
#include "install_paths.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace llmos::cli {
namespace {

struct RunOptions {
  std::string file;
  std::vector<std::string> skill_dirs;
  std::string team_dir;
  std::string user_dir;
  std::vector<std::string> sets;
  std::string out_dir;
  std::string web_root = default_web_root();
  std::string base_url;
  int node_timeout_ms = 0;
  bool json = false;
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
  for (const auto& dir : options.skill_dirs) argv.insert(argv.end(), {"--skills", dir});
  if (!options.team_dir.empty()) argv.insert(argv.end(), {"--team", options.team_dir});
  if (!options.user_dir.empty()) argv.insert(argv.end(), {"--user", options.user_dir});
  for (const auto& set : options.sets) argv.insert(argv.end(), {"--set", set});
  if (!options.out_dir.empty()) argv.insert(argv.end(), {"--out", options.out_dir});
  if (options.node_timeout_ms > 0)
    argv.insert(argv.end(), {"--node-timeout", std::to_string(options.node_timeout_ms)});
  if (!options.base_url.empty()) argv.insert(argv.end(), {"--base-url", options.base_url});
  if (options.json) argv.push_back("--json");
  if (options.no_cache) argv.push_back("--no-cache");
  if (options.verbose) argv.push_back("--verbose");
  return argv;
}

}  // namespace

int run_run_command(const Args& args) {
  RunOptions options;
  CLI::App app{
      "Run a workflow headless with the workbench's own core (llmos.wasm) and runtimes (Pyodide, the\n"
      "JavaScript sandbox, ngspice.wasm) under Node: a line per node as it runs, outputs to --out\n"
      "(PNG, SVG, CSV, JSON) with results.json and trace.json. Exit status: 0 every node done,\n"
      "1 a node failed, 2 bad arguments or an invalid workflow, 130 interrupted (Ctrl+C cancels\n"
      "the run and keeps the outputs already written). Node is $LLMOS_NODE or `node` on PATH.",
      "llmos run"};
  app.add_option("file", options.file, "workflow JSON (a bare workflow or a {workflow, skills} payload)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--skills,--dir", options.skill_dirs,
                 "system skill volume (repeatable; default: the repo's skills/)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--team", options.team_dir, "team skill volume")->check(CLI::ExistingDirectory);
  app.add_option("--user", options.user_dir, "user skill volume")->check(CLI::ExistingDirectory);
  app.add_option("--set", options.sets,
                 "NODE.INPUT=VALUE: set a node's input (VALUE as JSON, else text; repeatable)")
      ->check(check_set);
  app.add_option("--out", options.out_dir, "directory for the outputs, results.json and trace.json");
  app.add_option(
         "--node-timeout", options.node_timeout_ms,
         "stop any node running longer than this many ms (default: the core's deadline per node type)")
      ->check(CLI::PositiveNumber);
  app.add_option("--base-url", options.base_url,
                 "URL that skills' relative URLs resolve against, as the page's address in the browser "
                 "(e.g. http://localhost:8000/); permissions.network still decides");
  app.add_flag("--json", options.json, "print one JSON document with every node's results on stdout");
  app.add_flag("--no-cache", options.no_cache, "do not reuse results within the run");
  app.add_flag("--verbose,-v", options.verbose, "also print the nodes' log lines and progress");
  app.add_option("--web", options.web_root, "built web output (llmos.wasm, lib/, runtimes/, vendor/, node/)")
      ->capture_default_str();
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints help, or the error naming the flag
    return code == 0 ? 0 : 2;          // one exit status for bad arguments, as the host's
  }
  if (options.skill_dirs.empty()) options.skill_dirs.push_back(default_skills_dir());

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

}  // namespace llmos::cli
