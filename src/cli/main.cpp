// `llmos`: the native front door to the core. Subcommand groups live in their
// own files (see commands.hpp).
#include "commands.hpp"

#include <cstdio>
#include <string_view>

namespace {

void print_usage() {
  std::fputs(
      "usage: llmos <command> [options]\n"
      "\n"
      "commands:\n"
      "  skills list|show|check ...   inspect and check skill files\n"
      "  workflow validate|plan|dot   check and inspect workflow files\n"
      "  run FILE [--out DIR] [--json] run a workflow headless (the wasm core and runtimes under Node)\n"
      "  serve [--port N] [--web DIR] serve the workbench and its API\n"
      "  help                         this text\n",
      stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage();
    return 2;
  }
  const std::string_view group = argv[1];
  const llmos::cli::Args args(argv + 2, argv + argc);
  if (group == "skills") return llmos::cli::run_skills_command(args);
  if (group == "workflow") return llmos::cli::run_workflow_command(args);
  if (group == "serve") return llmos::cli::run_serve_command(args);
  if (group == "run") return llmos::cli::run_run_command(args);
  if (group == "help" || group == "--help" || group == "-h") {
    print_usage();
    return 0;
  }
  std::fprintf(stderr, "llmos: unknown command '%s' (try 'llmos help')\n", argv[1]);
  return 2;
}
