// `llmos workflow validate|plan|dot FILE`: check a workflow against the
// skill library, print its topological levels, or draw it as Graphviz DOT.
#include "commands.hpp"
#include "install_paths.hpp"

#include "llmos/json_pointer.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/validate.hpp"
#include "llmos/workflow.hpp"
#include "llmos/workflow_graph.hpp"

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace llmos::cli {
namespace {

constexpr const char* kUsage =
    "usage: llmos workflow validate FILE [--skills DIR]...\n"
    "       llmos workflow plan FILE\n"
    "       llmos workflow dot FILE\n"
    "  --skills DIR  skill directory (repeatable: system, team, user volume);\n"
    "                default $LLMOS_SKILLS_DIR or the repo's skills/\n";

struct Options {
  std::string action;
  std::string file;
  std::vector<std::string> skill_dirs;
};

std::optional<Options> parse_options(const Args& args) {
  if (args.empty()) return std::nullopt;
  Options options;
  options.action = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--skills" && i + 1 < args.size()) {
      options.skill_dirs.push_back(args[++i]);
    } else if (args[i].rfind("--skills=", 0) == 0) {
      options.skill_dirs.push_back(args[i].substr(9));
    } else if (options.file.empty() && args[i].rfind("--", 0) != 0) {
      options.file = args[i];
    } else {
      std::fprintf(stderr, "llmos workflow: unexpected argument '%s'\n", args[i].c_str());
      return std::nullopt;
    }
  }
  if (options.file.empty()) return std::nullopt;
  return options;
}

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
  SkillLibrary library;
  Diagnostics library_problems;  // a broken skill file is not this workflow's problem
  auto dirs = options.skill_dirs;
  if (dirs.empty()) dirs.push_back(default_skills_dir());
  for (std::size_t i = 0; i < dirs.size(); ++i)
    library.load_directory(dirs[i], static_cast<Volume>(std::min<std::size_t>(i, 2)), library_problems);
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
  const Workflow* workflow = &loaded->workflow;
  const WorkflowGraph graph(*workflow);
  const auto levels = graph.levels();
  std::size_t placed = 0;
  for (std::size_t level = 0; level < levels.size(); ++level) {
    std::cout << level << ':';
    for (auto index : levels[level]) std::cout << ' ' << workflow->nodes()[index].id.value;
    std::cout << '\n';
    placed += levels[level].size();
  }
  if (placed == workflow->nodes().size()) return 0;
  for (const auto& cycle : graph.cycles()) {
    std::string path;
    for (auto index : cycle) path += workflow->nodes()[index].id.value + " -> ";
    std::cerr << options.file << ": error[workflow.cycle]: cycle: " << path
              << workflow->nodes()[cycle.front()].id.value << '\n';
  }
  std::cerr << options.file << ": error[workflow.cycle]: " << workflow->nodes().size() - placed
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

int run_workflow_command(const Args& args) {
  const auto options = parse_options(args);
  if (!options) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (options->action == "validate") return run_validate(*options);
  if (options->action == "plan") return run_plan(*options);
  if (options->action == "dot") return run_dot(*options);
  std::fprintf(stderr, "llmos workflow: unknown action '%s'\n", options->action.c_str());
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace llmos::cli
