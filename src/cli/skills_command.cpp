// Placeholder until the skills subcommands land.
#include "commands.hpp"

#include <cstdio>

namespace llmos::cli {
int run_skills_command(const Args&) {
  std::fputs("llmos skills: not built yet\n", stderr);
  return 2;
}
}  // namespace llmos::cli
