// Placeholder until the workflow subcommands land.
#include "commands.hpp"

#include <cstdio>

namespace llmos::cli {
int run_workflow_command(const Args&) {
  std::fputs("llmos workflow: not built yet\n", stderr);
  return 2;
}
}  // namespace llmos::cli
