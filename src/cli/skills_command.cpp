// `llmos skills list|show|check`: inspect the layered skill library and check
// skill files with the same diagnostics the editor and server report.
#include "commands.hpp"
#include "install_paths.hpp"

#include "llmos/json_view.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/skill_parser.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>

namespace llmos::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: llmos skills list  [--dir D]... [--team D] [--user D] [--type T] [--category C]\n"
    "                          [--keyword K] [--executable] [--search TEXT] [--json] [--code]\n"
    "       llmos skills show ID [--dir D]... [--team D] [--user D] [--json] [--code]\n"
    "                          [--resource PATH]\n"
    "       llmos skills check FILE|DIR...\n"
    "\n"
    "--dir adds a system volume (default: $LLMOS_SKILLS_DIR, else the repository's skills/),\n"
    "--team and --user add higher volumes whose skills override lower ones with the same id.\n"
    "check prints path:line:col: severity[code]: message on stderr; exit 1 on any error.\n"
    "A folder holding SKILL.md is one skill; its other files are resources, listed by show and\n"
    "printed by show ID --resource PATH.\n";

struct Options {
  std::vector<std::string> system_dirs;
  std::vector<std::string> team_dirs;
  std::vector<std::string> user_dirs;
  SkillQuery query;
  std::string search;
  std::string resource;  // show: print this resource of the skill
  bool json = false;
  bool code = false;
  std::vector<std::string> positional;
};

int usage_error(const std::string& message) {
  std::cerr << "llmos skills: " << message << "\n" << kUsage;
  return 2;
}

// Parses `--name value`, `--name=value` and flags; nullopt after reporting.
std::optional<Options> parse_options(const Args& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      inline_value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < args.size()) return args[++i];
      usage_error("option " + arg + " needs a value");
      return std::nullopt;
    };
    std::string* text_target = nullptr;
    std::vector<std::string>* list_target = nullptr;
    if (arg == "--dir") {
      list_target = &options.system_dirs;
    } else if (arg == "--team") {
      list_target = &options.team_dirs;
    } else if (arg == "--user") {
      list_target = &options.user_dirs;
    } else if (arg == "--type") {
      text_target = &options.query.type;
    } else if (arg == "--category") {
      text_target = &options.query.category;
    } else if (arg == "--keyword") {
      text_target = &options.query.keyword;
    } else if (arg == "--search") {
      text_target = &options.search;
    } else if (arg == "--resource") {
      text_target = &options.resource;
    } else if (arg == "--json") {
      options.json = true;
      continue;
    } else if (arg == "--code") {
      options.code = true;
      continue;
    } else if (arg == "--executable") {
      options.query.executable_only = true;
      continue;
    } else if (arg.starts_with("--")) {
      usage_error("unknown option " + arg);
      return std::nullopt;
    } else {
      options.positional.push_back(arg);
      continue;
    }
    const auto given = value();
    if (!given) return std::nullopt;
    if (text_target) *text_target = *given;
    if (list_target) list_target->push_back(*given);
  }
  return options;
}

// Paths under the working directory print relative, as people typed them.
std::string display_path(const fs::path& path) {
  std::error_code error;
  const auto canonical = fs::weakly_canonical(path, error);
  if (error) return path.generic_string();
  const auto relative = canonical.lexically_relative(fs::current_path(error));
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return canonical.generic_string();
}

SkillLibrary load_library(Options& options, Diagnostics& diagnostics) {
  if (options.system_dirs.empty()) options.system_dirs.push_back(display_path(default_skills_dir()));
  SkillLibrary library;
  for (const auto& dir : options.system_dirs) library.load_directory(dir, Volume::system, diagnostics);
  for (const auto& dir : options.team_dirs) library.load_directory(dir, Volume::team, diagnostics);
  for (const auto& dir : options.user_dirs) library.load_directory(dir, Volume::user, diagnostics);
  return library;
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

int list_skills(Options options) {
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

int show_skill(Options options) {
  if (options.positional.size() != 1) return usage_error("show needs exactly one skill id");
  const auto& id = options.positional.front();
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
  if (options.positional.empty()) return usage_error("check needs at least one file or directory");
  std::vector<std::string> files;
  for (const auto& target : options.positional) {
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

int run_skills_command(const Args& args) {
  if (args.empty() || args.front() == "help" || args.front() == "--help" || args.front() == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const auto& command = args.front();
  auto options = parse_options(Args(args.begin() + 1, args.end()));
  if (!options) return 2;
  if (command == "list") {
    if (!options->positional.empty()) return usage_error("list takes no positional arguments");
    return list_skills(std::move(*options));
  }
  if (command == "show") return show_skill(std::move(*options));
  if (command == "check") return check_skills(*options);
  return usage_error("unknown subcommand '" + command + "'");
}

}  // namespace llmos::cli
