// The skill model: what a parsed skill file is, independent of where it came
// from. Parsing lives in skill_parser.hpp, lookup in skill_library.hpp.
#pragma once

#include "llmos/json.hpp"
#include "llmos/skill_resources.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos {

// Port value types. `number` in files is an alias of float.
enum class PortType {
  float_,
  int_,
  bool_,
  string,
  enum_,
  color,
  array,
  object,
  series,  // {"x":[...], "y":[...]} (+ optional extra keys such as "converged")
  image,   // base64 PNG
  scene,   // 3D scene JSON
  svg,
  netlist,
  any,
};

// Spelling used in files and JSON ("float", "int", ..., "any").
std::string_view to_string(PortType type);
// Accepts the canonical names and aliases ("number" -> float, "integer" ->
// int, "boolean" -> bool, "str" -> string). nullopt if unknown.
std::optional<PortType> port_type_from_string(std::string_view name);
// Every canonical type name, for "did you mean" and docs.
const std::vector<std::string>& port_type_names();

// Whether a value of type `from` may flow into an input of type `to`. The
// coercion table (skills/README.md, "Edge compatibility"): same type;
// anything <-> any; int -> float; bool -> int/float; series -> array/object;
// scene -> object; enum/color/svg/netlist/image -> string; string ->
// enum/svg/netlist (the value is checked at run time).
bool is_assignable(PortType from, PortType to);

// Whether a JSON value fits a port's type (ints are accepted for float ports,
// a series is an object with numeric arrays "x" and "y", ...).
bool value_matches_type(const json& value, PortType type);

struct Port {
  std::string name;
  PortType type = PortType::any;
  json default_value;  // null when absent
  bool has_default = false;
  std::string description;
  bool required = false;  // an input with no default and required:true must be set or wired
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> step;
  std::vector<std::string> options;  // enum choices
  std::string unit;
  int line = 0;  // line of the port entry in the skill file (for diagnostics)
  json extra;    // unknown port keys, kept verbatim (reported as warnings)
};

enum class NodeType { standard, python_wasm, qiskit, javascript, threejs, spice, compound };

// "standard", "python-wasm", "qiskit", "javascript", "threejs", "spice", "compound".
std::string_view to_string(NodeType type);
std::optional<NodeType> node_type_from_string(std::string_view name);
const std::vector<std::string>& node_type_names();

// A fenced code block taken from the skill body.
struct CodeBlock {
  std::string language;  // as written after the fence: python, javascript, js, spice
  std::string code;      // without the fences
  int first_line = 0;    // 1-based line in the skill file of the first code line
};

struct Skill {
  std::string skill_id;  // kebab-case, unique per volume
  std::string name;
  std::string description;
  NodeType type = NodeType::standard;
  std::string execution_mode = "browser-wasm";
  std::string category;
  std::string version;
  std::string author;
  std::vector<std::string> keywords;  // keywords + tags merged
  std::optional<int> estimated_time_ms;
  std::optional<int> memory_mb;               // original format's memory hint
  std::vector<std::string> requires_modules;  // `requires`: helper modules
  std::vector<Port> inputs;
  std::vector<Port> outputs;
  std::vector<std::string> network_origins;  // permissions.network
  std::string license;                       // Agent Skills fields
  std::string compatibility;
  json metadata;                           // Agent Skills `metadata`
  std::vector<std::string> allowed_tools;  // Agent Skills `allowed-tools`
  json extra;                              // unknown front-matter keys, kept verbatim

  std::string body;                      // Markdown after the front matter (documentation)
  std::optional<CodeBlock> code;         // main code block (or SPICE netlist template)
  std::optional<CodeBlock> postprocess;  // spice only: optional second block

  // Agent Skills: the other files of a SKILL.md's folder (set by
  // parse_skill_file; a text parsed on its own has none).
  std::vector<SkillResource> resources;

  std::string source_path;  // file it was parsed from
  std::string source_text;  // whole file text (hashing, "show")
  int skill_id_line = 0;    // where `skill_id` is written (duplicate-id diagnostics); 0 = derived
  int skill_id_column = 0;

  bool is_executable() const { return type != NodeType::standard && code.has_value(); }
  const Port* find_input(std::string_view port_name) const;
  const Port* find_output(std::string_view port_name) const;
};

}  // namespace llmos
