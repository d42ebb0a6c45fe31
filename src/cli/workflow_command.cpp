// `llmos workflow validate|plan|dot FILE`: check a workflow against the
// skill library, print its topological levels, or draw it as Graphviz DOT.
#include "commands.hpp"
#include "skill_volumes.hpp"

#include "llmos/json_pointer.hpp"
#include "llmos/run_plan.hpp"
#include "llmos/validate.hpp"
#include "llmos/workflow.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llmos::cli {
namespace {

struct Options {
  std::string file;
  SkillVolumes volumes;
};

void print_diagnostics(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) std::cerr << format(diagnostic) << '\n';
}

struct Loaded {
  std::string text;  // for line:col of later diagnostics
  Workflow workflow;
};

// Loads the file; prints problems and returns nullopt when it is unusable.
std::optional<Loaded> load(const std::string& file) {
  Diagnostics diagnostics;
  Loaded loaded;
  auto workflow = Workflow::load_file(file, diagnostics, &loaded.text);
  print_diagnostics(diagnostics);
  if (!workflow || diagnostics.has_errors()) return std::nullopt;
  loaded.workflow = std::move(*workflow);
  return loaded;
}

int run_validate(const Options& options) {
  const auto loaded = load(options.file);
  if (!loaded) return 1;
  const Workflow* workflow = &loaded->workflow;
  Diagnostics library_problems;  // a broken skill file is not this workflow's problem
  const auto library = load_skill_volumes(options.volumes, library_problems);
  auto diagnostics = validate(*workflow, library);
  add_line_columns(diagnostics, loaded->text);
  print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) return 1;
  std::cout << options.file << ": ok (" << workflow->nodes().size() << " nodes, " << workflow->edges().size()
            << " edges)\n";
  return 0;
}

int run_plan(const Options& options) {
  const auto loaded = load(options.file);
  if (!loaded) return 1;
  const Workflow& workflow = loaded->workflow;
  const auto levels = plan_levels(workflow);
  std::size_t placed = 0;
  for (std::size_t level = 0; level < levels.size(); ++level) {
    std::cout << level << ':';
    for (const auto& node : levels[level]) std::cout << ' ' << node.value;
    std::cout << '\n';
    placed += levels[level].size();
  }
  if (placed == workflow.nodes().size()) return 0;
  for (const auto& cycle : plan_cycles(workflow)) {
    std::string path;
    for (const auto& node : cycle) path += node.value + " -> ";
    std::cerr << options.file << ": error[workflow.cycle]: cycle: " << path << cycle.front().value << '\n';
  }
  std::cerr << options.file << ": error[workflow.cycle]: " << workflow.nodes().size() - placed
            << " node(s) cannot be scheduled\n";
  return 1;
}

std::string dot_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string dot_quoted(const std::string& text) { return '"' + dot_escaped(text) + '"'; }

int run_dot(const Options& options) {
  const auto loaded = load(options.file);
  if (!loaded) return 1;
  const Workflow* workflow = &loaded->workflow;
  std::cout << "digraph workflow {\n  rankdir=LR;\n  node [shape=box];\n";
  for (const auto& node : workflow->nodes()) {
    // DOT's own \n escape makes the two-line label "id\nskill".
    std::cout << "  " << dot_quoted(node.id.value) << " [label=\"" << dot_escaped(node.id.value) << "\\n"
              << dot_escaped(node.skill_id) << "\"];\n";
  }
  for (const auto& edge : workflow->edges())
    std::cout << "  " << dot_quoted(edge.source.node.value) << " -> " << dot_quoted(edge.target.node.value)
              << " [label=" << dot_quoted(edge.source.port + " -> " + edge.target.port) << "];\n";
  std::cout << "}\n";
  return 0;
}

}  // namespace

void add_workflow_command(CLI::App& llmos, int& exit_code) {
  auto options = std::make_shared<Options>();
  auto* workflow = llmos.add_subcommand("workflow", "check and inspect workflow files");
  workflow->require_subcommand(1);
  auto add_action = [&](const char* name, const char* description, int (*action)(const Options&)) {
    auto* command = workflow->add_subcommand(name, description);
    // Not CLI::ExistingFile: an unreadable file gets the workflow.io diagnostic.
    command->add_option("file", options->file, "workflow JSON")->required();
    command->callback([options, action, &exit_code] { exit_code = action(*options); });
    return command;
  };
  auto* validate = add_action("validate",
                              "check a workflow against the skill library: every problem at once, with its "
                              "code, line:col and JSON pointer; exit 1 on any error",
                              run_validate);
  add_skill_volume_options(*validate, options->volumes);
  add_action("plan", "the nodes' topological levels, one line per level; exit 1 on a cycle", run_plan);
  add_action("dot", "the workflow as a Graphviz DOT graph", run_dot);
}

}  // namespace llmos::cli
