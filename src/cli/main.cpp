// `llmos`: the native front door to the core. One CLI11 app; each command
// adds itself (commands.hpp), so every command and subcommand has --help and
// argument errors name the flag.
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  CLI::App app{"LLMos-Lite Workbench: skills, workflows, headless runs and the workbench server.", "llmos"};
  app.require_subcommand(1);
  int exit_code = 0;
  llmos::cli::add_skills_command(app, exit_code);
  llmos::cli::add_workflow_command(app, exit_code);
  llmos::cli::add_run_command(app, exit_code);
  llmos::cli::add_serve_command(app, exit_code);
  app.add_subcommand("help", "this text (same as --help)")->callback([&app] {
    // app.help() would describe the selected subcommand, this one.
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 says "A subcommand is required" for a misspelt one: name it.
    CLI::App* selected = &app;
    while (!selected->get_subcommands().empty()) selected = selected->get_subcommands().front();
    const auto commands = selected->get_subcommands([](CLI::App*) { return true; });
    const bool missing = dynamic_cast<const CLI::RequiredError*>(&error) != nullptr;
    if (const auto rest = selected->remaining(); missing && !rest.empty() && !commands.empty()) {
      std::string known;
      for (const auto* command : commands) known += (known.empty() ? "" : ", ") + command->get_name();
      std::cerr << "unknown command '" << rest.front() << "' (commands: " << known << ")\n"
                << "Run with --help for more information.\n";
      return 2;
    }
    const int code = app.exit(error);  // prints the help asked for, or the error naming the flag
    return code == 0 ? 0 : 2;          // one exit status for bad arguments
  }
  return exit_code;
}
