// `llmos skills list|show|check`: inspect the layered skill library and check
// skill files with the same diagnostics the editor and server report.
#include "commands.hpp"
#include "install_paths.hpp"
#include "skill_volumes.hpp"

#include "llmos/json_view.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/skill_parser.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>

namespace llmos::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
  SkillVolumes volumes;
  SkillQuery query;
  std::string search;
  std::string resource;  // show: print this resource of the skill
  bool json = false;
  bool code = false;
  std::string id;                  // show
  std::vector<std::string> paths;  // check
};

SkillLibrary load_library(const Options& options, Diagnostics& diagnostics) {
  return load_skill_volumes(options.volumes, diagnostics);
}

void print_diagnostics(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) std::cerr << format(diagnostic) << '\n';
}

std::string plural(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

void print_table(const std::vector<const LibraryEntry*>& entries) {
  const std::vector<std::string> headers{"ID", "TYPE", "CATEGORY", "VOLUME", "NAME"};
  std::vector<std::vector<std::string>> rows;
  for (const auto* entry : entries) {
    const auto& skill = entry->skill;
    rows.push_back({skill.skill_id, std::string(to_string(skill.type)),
                    skill.category.empty() ? "-" : skill.category, std::string(to_string(entry->volume)),
                    skill.name});
  }
  std::vector<std::size_t> widths;
  for (const auto& header : headers) widths.push_back(header.size());
  for (const auto& row : rows)
    for (std::size_t column = 0; column < row.size(); ++column)
      widths[column] = std::max(widths[column], row[column].size());
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t column = 0; column + 1 < row.size(); ++column)
      line += pad(row[column], widths[column] + 2);
    std::cout << line << row.back() << '\n';
  };
  print_row(headers);
  for (std::size_t index = 0; index < rows.size(); ++index) {
    print_row(rows[index]);
    const auto& shadows = entries[index]->shadows;
    for (const auto& shadowed : shadows) std::cout << "    overrides " << shadowed << '\n';
  }
}

int list_skills(const Options& options) {
  Diagnostics diagnostics;
  const auto library = load_library(options, diagnostics);
  print_diagnostics(diagnostics);
  auto entries = library.list(options.query);
  if (!options.search.empty()) {
    // Search order (best first), restricted to the entries the filters keep.
    const std::set<const LibraryEntry*> kept(entries.begin(), entries.end());
    entries.clear();
    for (const auto& hit : library.search(options.search, library.size()))
      if (kept.contains(hit.entry)) entries.push_back(hit.entry);
  }
  if (options.json) {
    json skills = json::array();
    for (const auto* entry : entries) skills.push_back(library_entry_to_json(*entry, options.code));
    json out = json::object();
    out["skills"] = std::move(skills);
    std::cout << out.dump(2) << '\n';
  } else {
    print_table(entries);
    std::cout << plural(entries.size(), "skill") << '\n';
  }
  return diagnostics.has_errors() ? 1 : 0;
}

std::string describe_port(const Port& port) {
  std::string text = port.name + ": " + std::string(to_string(port.type));
  if (port.has_default) text += " = " + port.default_value.dump();
  if (port.min || port.max) {
    text += " [" + (port.min ? json(*port.min).dump() : std::string{}) + ".." +
            (port.max ? json(*port.max).dump() : std::string{}) + "]";
  }
  if (!port.options.empty()) {
    text += " {";
    for (std::size_t i = 0; i < port.options.size(); ++i) text += (i ? ", " : "") + port.options[i];
    text += "}";
  }
  if (!port.unit.empty()) text += " " + port.unit;
  if (port.required) text += " (required)";
  if (!port.description.empty()) text += " - " + port.description;
  return text;
}

void print_skill(const LibraryEntry& entry, bool include_code) {
  const auto& skill = entry.skill;
  auto field = [](const std::string& label, const std::string& value) {
    if (!value.empty()) std::cout << "  " << pad(label + ":", 13) << value << '\n';
  };
  std::cout << skill.skill_id << " - " << skill.name << '\n';
  field("type", std::string(to_string(skill.type)) + " (" + skill.execution_mode + ")");
  field("category", skill.category);
  field("volume", std::string(to_string(entry.volume)) + " (" + skill.source_path + ")");
  for (const auto& shadowed : entry.shadows) field("overrides", shadowed);
  std::string keywords;
  for (const auto& word : skill.keywords) keywords += (keywords.empty() ? "" : ", ") + word;
  field("keywords", keywords);
  field("version", skill.version);
  field("description", skill.description);
  if (skill.estimated_time_ms) field("estimate", std::to_string(*skill.estimated_time_ms) + " ms");
  if (!skill.inputs.empty()) std::cout << "  inputs:\n";
  for (const auto& port : skill.inputs) std::cout << "    " << describe_port(port) << '\n';
  if (!skill.outputs.empty()) std::cout << "  outputs:\n";
  for (const auto& port : skill.outputs) std::cout << "    " << describe_port(port) << '\n';
  if (!skill.resources.empty()) std::cout << "  resources:\n";
  for (const auto& resource : skill.resources)
    std::cout << "    " << pad(resource.path, 24) << " " << resource.size << " bytes, " << resource.media_type
              << '\n';
  if (include_code && skill.code) {
    std::cout << "  code (" << skill.code->language << ", line " << skill.code->first_line << "):\n"
              << skill.code->code;
  }
  if (include_code && skill.postprocess) {
    std::cout << "  postprocess (" << skill.postprocess->language << ", line "
              << skill.postprocess->first_line << "):\n"
              << skill.postprocess->code;
  }
}

int show_skill(const Options& options) {
  const auto& id = options.id;
  Diagnostics diagnostics;
  const auto library = load_library(options, diagnostics);
  print_diagnostics(diagnostics);
  const auto* entry = library.find_entry(id);
  if (!entry) {
    const auto suggestion = closest_match(id, library.ids());
    std::cerr << "llmos skills show: no skill '" << id << "'"
              << (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") << '\n';
    return 1;
  }
  if (!options.resource.empty()) {
    std::string error;
    const auto data =
        read_skill_resource(entry->skill.source_path, entry->skill.resources, options.resource, error);
    if (!data) {
      std::cerr << "llmos skills show: " << id << ": " << error << '\n';
      return 1;
    }
    std::cout << *data;
    return 0;
  }
  if (options.json)
    std::cout << library_entry_to_json(*entry, options.code).dump(2) << '\n';
  else
    print_skill(*entry, options.code);
  return 0;
}

int check_skills(const Options& options) {
  std::vector<std::string> files;
  for (const auto& target : options.paths) {
    std::error_code error;
    if (fs::is_directory(target, error)) {
      const auto found = skill_files_under(target);
      files.insert(files.end(), found.begin(), found.end());
    } else if (const auto owner = owning_skill_file(target)) {
      // The library's rule: a file inside a SKILL.md folder is a resource.
      std::cerr << display_path(target) << ": note: a resource of the skill " << display_path(*owner)
                << ", not a skill\n";
    } else {
      files.push_back(target);
    }
  }
  // Overlapping arguments (skills/ and skills/quantum) must not look like duplicate ids.
  std::set<std::string> seen;
  std::erase_if(files, [&](const std::string& file) { return !seen.insert(display_path(file)).second; });
  // A library catches the same id defined twice among the checked files.
  SkillLibrary library;
  Diagnostics diagnostics;
  for (const auto& file : files) {
    Diagnostics file_diagnostics;
    auto skill = parse_skill_file(file, file_diagnostics);
    diagnostics.append(file_diagnostics);
    if (!file_diagnostics.has_errors() && !skill.skill_id.empty())
      library.add(std::move(skill), Volume::system, diagnostics);
  }
  print_diagnostics(diagnostics);
  std::cerr << "checked " << plural(files.size(), "file") << ": "
            << plural(diagnostics.error_count(), "error") << ", "
            << plural(diagnostics.warning_count(), "warning") << '\n';
  return diagnostics.has_errors() ? 1 : 0;
}

}  // namespace

void add_skills_command(CLI::App& llmos, int& exit_code) {
  auto options = std::make_shared<Options>();
  auto* skills = llmos.add_subcommand("skills", "list, show and check skill files");
  skills->require_subcommand(1);

  auto* list =
      skills->add_subcommand("list", "the winning skill of every id in the volumes, as a table or JSON");
  add_skill_volume_options(*list, options->volumes);
  list->add_option("--type", options->query.type,
                   "only this node type (python-wasm, javascript, spice, ...)");
  list->add_option("--category", options->query.category, "only this category (any case)");
  list->add_option("--keyword", options->query.keyword, "only skills with this keyword (any case)");
  list->add_flag("--executable", options->query.executable_only, "only skills with code to run");
  list->add_option("--search", options->search,
                   "fuzzy search over name, keywords and description, best first");
  list->add_flag("--json", options->json, R"(print {"skills":[...]} as the HTTP API does)");
  list->add_flag("--code", options->code, "with --json: include each skill's code");
  list->callback([options, &exit_code] { exit_code = list_skills(*options); });

  auto* show = skills->add_subcommand("show", "one skill: ports, volume, what it overrides");
  show->add_option("id", options->id, "skill id")->required();
  add_skill_volume_options(*show, options->volumes);
  show->add_flag("--json", options->json, "print the skill as the HTTP API does");
  show->add_flag("--code", options->code, "include the code and post-processing blocks");
  show->add_option("--resource", options->resource, "print this resource of the skill (a path show lists)");
  show->callback([options, &exit_code] { exit_code = show_skill(*options); });

  auto* check = skills->add_subcommand(
      "check",
      "check skill files with the diagnostics the editor and server report: path:line:col: severity[code]: "
      "message on stderr; exit 1 on any error");
  check->add_option("paths", options->paths, "skill files and directories (searched recursively)")
      ->required();
  check->callback([options, &exit_code] { exit_code = check_skills(*options); });
}

}  // namespace llmos::cli
