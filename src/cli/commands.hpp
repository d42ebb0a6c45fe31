// Subcommands of the `llmos` CLI (CLI11), one .cpp each. Each adds itself to
// the root app; its callback runs after a clean parse and sets `exit_code`.
#pragma once

namespace CLI {
class App;
}

namespace llmos::cli {

void add_skills_command(CLI::App& llmos, int& exit_code);    // skills_command.cpp
void add_workflow_command(CLI::App& llmos, int& exit_code);  // workflow_command.cpp
void add_serve_command(CLI::App& llmos, int& exit_code);     // serve_command.cpp
void add_run_command(CLI::App& llmos, int& exit_code);       // run_command.cpp

}  // namespace llmos::cli
