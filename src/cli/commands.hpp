// Subcommand groups of the `llmos` CLI; one .cpp per group.
#pragma once

#include <string>
#include <vector>

namespace llmos::cli {

using Args = std::vector<std::string>;  // arguments after the group name

int run_skills_command(const Args& args);    // skills_command.cpp
int run_workflow_command(const Args& args);  // workflow_command.cpp
int run_serve_command(const Args& args);     // serve_command.cpp
int run_run_command(const Args& args);       // run_command.cpp

}  // namespace llmos::cli
