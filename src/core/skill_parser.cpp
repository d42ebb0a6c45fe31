// Skill file parser.
//
// Index:
//   [SECTION] Text helpers
//   [SECTION] YAML to JSON (plain scalars resolved like YAML 1.2's core schema)
//   [SECTION] Front matter and fenced code blocks
//   [SECTION] SkillFileParser: front-matter fields
//   [SECTION] SkillFileParser: ports
//   [SECTION] SkillFileParser: identity, code and templates
//   [SECTION] Public entry points
#include "llmos/skill_parser.hpp"

#include "ascii.hpp"
#include "llmos/json_pointer.hpp"
#include "llmos/node_types.hpp"
#include "utf8.hpp"
#include "yaml_guard.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

namespace llmos {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Text helpers
//-----------------------------------------------------------------------------

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Lines without their terminators; `\r\n` files give the same lines as `\n`.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void append_unique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

//-----------------------------------------------------------------------------
// [SECTION] YAML to JSON
//-----------------------------------------------------------------------------

// yaml-cpp leaves plain scalars untyped; resolve them the way YAML 1.2's core
// schema does so `default: 5` is an int and `default: "5"` a string.
json resolve_plain_scalar(const std::string& text) {
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex hex(R"(0x[0-9a-fA-F]+)");
  static const std::regex octal(R"(0o[0-7]+)");
  static const std::regex floating(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  const bool is_hex = std::regex_match(text, hex);
  const bool is_octal = std::regex_match(text, octal);
  if (std::regex_match(text, integer) || is_hex || is_octal) {
    errno = 0;
    const int base = is_hex ? 16 : is_octal ? 8 : 10;
    const long long value = std::strtoll(text.c_str() + (base == 10 ? 0 : 2), nullptr, base);
    if (errno == 0) return value;
    return std::strtod(text.c_str(), nullptr);  // too big for an int: keep magnitude
  }
  if (std::regex_match(text, floating)) return std::strtod(text.c_str(), nullptr);
  return text;
}

json yaml_to_json(const YAML::Node& node) {
  if (!node.IsDefined()) return nullptr;
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      const auto& tag = node.Tag();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();
      return resolve_plain_scalar(node.Scalar());
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& entry : node) {
        const auto key = entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first);
        out[key] = yaml_to_json(entry.second);
      }
      return out;
    }
    default:
      return nullptr;
  }
}

bool is_null(const YAML::Node& node) { return !node.IsDefined() || node.IsNull(); }

// A value as people wrote it: numbers bare, strings quoted, lists as JSON.
std::string show(const YAML::Node& node) {
  const auto value = yaml_to_json(node);
  if (value.is_string()) return "'" + value.get<std::string>() + "'";
  if (node.IsScalar()) return node.Scalar();
  return value.dump();
}

std::string_view shape_name(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  if (node.IsNull()) return "empty";
  return "a scalar";
}

std::optional<PortType> infer_port_type(const json& value) {
  if (value.is_boolean()) return PortType::bool_;
  if (value.is_number_integer()) return PortType::int_;
  if (value.is_number_float()) return PortType::float_;
  if (value.is_string()) return PortType::string;
  if (value.is_array()) return PortType::array;
  if (value.is_object()) return PortType::object;
  return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Front matter and fenced code blocks
//-----------------------------------------------------------------------------

struct FrontMatter {
  bool opened = false;
  bool closed = false;
  std::string yaml;
  int yaml_first_line = 2;  // file line of the first YAML line
  std::string body;
  int body_first_line = 1;
};

bool is_delimiter(std::string_view line, bool closing) {
  const auto text = trim(line);
  return text == "---" || (closing && text == "...");
}

FrontMatter split_front_matter(std::string_view text) {
  FrontMatter result;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  std::size_t offset = 0;
  int line_number = 0;
  std::string yaml;
  while (offset < text.size()) {
    auto end = text.find('\n', offset);
    const auto next = end == std::string_view::npos ? text.size() : end + 1;
    const auto line = text.substr(offset, next - offset);
    ++line_number;
    if (line_number == 1) {
      if (!is_delimiter(line, false)) break;
      result.opened = true;
    } else if (is_delimiter(line, true)) {
      result.closed = true;
      result.yaml = std::move(yaml);
      result.body = std::string(text.substr(next));
      result.body_first_line = line_number + 1;
      return result;
    } else {
      yaml += line;
    }
    offset = next;
  }
  if (!result.opened) result.body = std::string(text);
  return result;
}

struct Fence {
  char marker = 0;
  std::size_t length = 0;
  std::string info;
};

std::optional<Fence> opening_fence(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3 || indent >= line.size()) return std::nullopt;
  const char marker = line[indent];
  if (marker != '`' && marker != '~') return std::nullopt;
  std::size_t end = indent;
  while (end < line.size() && line[end] == marker) ++end;
  if (end - indent < 3) return std::nullopt;
  auto info = trim(line.substr(end));
  if (marker == '`' && info.find('`') != std::string::npos) return std::nullopt;
  return Fence{marker, end - indent, std::move(info)};
}

bool closes_fence(std::string_view line, const Fence& fence) {
  const auto text = trim(line);
  if (text.size() < fence.length) return false;
  if (line.find_first_not_of(' ') > 3) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return c == fence.marker; });
}

//-----------------------------------------------------------------------------
// [SECTION] SkillFileParser: front-matter fields
//-----------------------------------------------------------------------------

const std::vector<std::string> kExecutionModes = {"browser-wasm", "server", "server-python", "hybrid"};

// Keeps the state of one file's parse so each check can report with the
// file's own line numbers and carry on.
class SkillFileParser {
 public:
  SkillFileParser(std::string_view text, const std::string& path, Diagnostics& out)
      : text_(text), path_(path), out_(out) {}

  Skill parse() {
    skill_.source_path = path_;
    if (const auto bad = first_invalid_utf8(text_)) {
      // Nothing of it is kept: every later use (JSON, hashing, the editor) needs UTF-8.
      const auto where = line_column_at(text_, *bad);
      char byte[8];
      std::snprintf(byte, sizeof(byte), "0x%02X", static_cast<unsigned char>(text_[*bad]));
      error("skill.encoding",
            "the file is not valid UTF-8 (byte " + std::string(byte) + "); save it as UTF-8",
            at_line(where.line, where.column));
      return std::move(skill_);
    }
    skill_.source_text = std::string(text_);
    skill_.extra = json::object();
    skill_.metadata = json::object();
    const auto front = split_front_matter(text_);
    skill_.body = front.body;
    body_first_line_ = front.body_first_line;
    yaml_first_line_ = front.yaml_first_line;
    if (!front.opened) {
      error("skill.frontmatter.missing", "expected '---' on the first line to open the YAML front matter",
            at_line(1));
      return std::move(skill_);
    }
    if (!front.closed) {
      error("skill.frontmatter.unterminated", "front matter opened here is never closed by a '---' line",
            at_line(1));
      return std::move(skill_);
    }
    if (const auto refusal = refuse_unsafe_yaml(front.yaml, kMaxNesting)) {
      error(refusal->code, refusal->message, at_line(refusal->line + yaml_first_line_, refusal->column + 1));
      return std::move(skill_);
    }
    try {
      const auto root = YAML::Load(front.yaml);
      if (!is_null(root) && !root.IsMap()) {
        error("skill.frontmatter.shape",
              "front matter must be a mapping of keys to values, not " + std::string(shape_name(root)),
              at(root));
        return std::move(skill_);
      }
      if (root.IsMap()) parse_root(root);
    } catch (const YAML::Exception& exception) {
      const auto& mark = exception.mark;
      const int line = mark.is_null() ? 1 : mark.line + yaml_first_line_;
      const int column = mark.is_null() ? 1 : mark.column + 1;
      error("skill.yaml.syntax", "invalid YAML: " + exception.msg, at_line(line, column));
      return std::move(skill_);
    }
    finish_identity();
    if (type_known_ && skill_.type != NodeType::standard) {
      extract_code();
      check_entry_point();
      if (skill_.type == NodeType::spice) check_template();
    }
    return std::move(skill_);
  }

 private:
  SourceLocation at_line(int line, int column = 1) const { return {path_, line, column, {}, {}}; }

  SourceLocation at(const YAML::Node& node) const {
    const auto mark = node.Mark();
    if (mark.is_null()) return at_line(yaml_first_line_ - 1);
    return at_line(mark.line + yaml_first_line_, mark.column + 1);
  }

  void error(std::string code, std::string message, SourceLocation where) {
    out_.error(std::move(code), std::move(message), std::move(where));
  }
  void warning(std::string code, std::string message, SourceLocation where) {
    out_.warning(std::move(code), std::move(message), std::move(where));
  }

  // Reports a key seen twice in one mapping; yaml-cpp keeps both silently.
  bool is_duplicate_key(std::map<std::string, int>& seen, const std::string& key,
                        const YAML::Node& key_node) {
    const auto where = at(key_node);
    const auto [it, inserted] = seen.emplace(key, where.line);
    if (inserted) return false;
    error("skill.key.duplicate",
          "duplicate key '" + key + "' (first on line " + std::to_string(it->second) + ")", where);
    return true;
  }

  void parse_root(const YAML::Node& root) {
    std::map<std::string, int> seen;
    for (const auto& entry : root) {
      const auto key = entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first);
      if (is_duplicate_key(seen, key, entry.first)) continue;
      parse_field(key, entry.first, entry.second);
    }
  }

  void parse_field(const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
    if (key == "skill_id") {
      parse_skill_id(value);
    } else if (key == "name") {
      if (auto text = expect_string(key, value)) skill_.name = *text;
    } else if (key == "description") {
      if (auto text = expect_string(key, value)) skill_.description = *text;
    } else if (key == "type") {
      parse_type(value);
    } else if (key == "execution_mode") {
      parse_execution_mode(value);
    } else if (key == "category") {
      if (auto text = expect_string(key, value)) skill_.category = *text;
    } else if (key == "version") {
      if (auto text = expect_string(key, value)) skill_.version = *text;
    } else if (key == "author") {
      if (auto text = expect_string(key, value)) skill_.author = *text;
    } else if (key == "keywords" || key == "tags") {
      for (auto& word : expect_string_list(key, value, ",")) append_unique(skill_.keywords, std::move(word));
    } else if (key == "estimated_time_ms") {
      skill_.estimated_time_ms = expect_non_negative_int(key, value);
    } else if (key == "memory_mb") {
      skill_.memory_mb = expect_non_negative_int(key, value);
    } else if (key == "requires") {
      parse_requires(value);
    } else if (key == "inputs") {
      skill_.inputs = parse_ports(key, value, "input");
    } else if (key == "outputs") {
      skill_.outputs = parse_ports(key, value, "output");
    } else if (key == "permissions") {
      parse_permissions(value);
    } else if (key == "license") {
      if (auto text = expect_string(key, value)) skill_.license = *text;
    } else if (key == "compatibility") {
      if (auto text = expect_string(key, value)) skill_.compatibility = *text;
    } else if (key == "metadata") {
      if (value.IsMap() || is_null(value))
        skill_.metadata = value.IsMap() ? yaml_to_json(value) : json::object();
      else
        wrong_shape(key, value, "a mapping");
    } else if (key == "allowed-tools") {
      skill_.allowed_tools = expect_string_list(key, value, " ,");
    } else {
      warning("skill.key.unknown", "unknown key '" + key + "'" + did_you_mean(key, known_skill_keys()),
              at(key_node));
      skill_.extra[key] = yaml_to_json(value);
    }
  }

  void wrong_shape(const std::string& key, const YAML::Node& value, std::string_view expected) {
    error("skill.field.type",
          "'" + key + "' must be " + std::string(expected) + ", not " + std::string(shape_name(value)),
          at(value));
  }

  std::optional<std::string> expect_string(const std::string& key, const YAML::Node& value) {
    if (value.IsScalar()) return value.Scalar();
    if (is_null(value)) return std::string{};
    wrong_shape(key, value, "a string");
    return std::nullopt;
  }

  // A list of strings, or one string split at `separators` (Agent Skills
  // write `allowed-tools: Read Write`).
  std::vector<std::string> expect_string_list(const std::string& key, const YAML::Node& value,
                                              std::string_view separators) {
    std::vector<std::string> out;
    if (is_null(value)) return out;
    if (value.IsScalar()) {
      std::string item;
      for (char c : value.Scalar() + std::string(1, separators[0])) {
        if (separators.find(c) == std::string_view::npos) {
          item += c;
          continue;
        }
        if (auto word = trim(item); !word.empty()) out.push_back(word);
        item.clear();
      }
      return out;
    }
    if (!value.IsSequence()) {
      wrong_shape(key, value, "a list of strings");
      return out;
    }
    for (const auto& item : value) {
      if (item.IsScalar())
        out.push_back(item.Scalar());
      else
        wrong_shape(key + "' item '" + std::to_string(out.size() + 1), item, "a string");
    }
    return out;
  }

  std::optional<int> expect_non_negative_int(const std::string& key, const YAML::Node& value) {
    const auto number = yaml_to_json(value);
    if (value.IsScalar() && number.is_number_integer() && number.get<long long>() >= 0 &&
        number.get<long long>() <= INT_MAX)
      return static_cast<int>(number.get<long long>());
    error("skill.field.value", "'" + key + "' must be a non-negative integer, got " + show(value), at(value));
    return std::nullopt;
  }

  void parse_skill_id(const YAML::Node& value) {
    auto text = expect_string("skill_id", value);
    if (!text) return;
    has_skill_id_ = !text->empty();
    skill_.skill_id = *text;
    const auto where = at(value);
    skill_.skill_id_line = where.line;
    skill_.skill_id_column = where.column;
    if (!has_skill_id_) return;
    if (!is_kebab_case(*text)) {
      error("skill.id.format",
            "skill_id '" + *text + "' is not kebab-case (lowercase letters, digits, single hyphens; try '" +
                to_kebab_case(*text) + "')",
            where);
    }
  }

  void parse_type(const YAML::Node& value) {
    type_where_ = at(value);
    auto text = expect_string("type", value);
    if (!text) {
      type_known_ = false;
      return;
    }
    if (auto type = node_type_from_string(*text)) {
      skill_.type = *type;
      return;
    }
    type_known_ = false;
    error("skill.type.unknown",
          "unknown skill type '" + *text + "'" + did_you_mean(*text, node_type_names()) +
              "; expected one of " + join(node_type_names(), ", "),
          type_where_);
  }

  void parse_execution_mode(const YAML::Node& value) {
    auto text = expect_string("execution_mode", value);
    if (!text) return;
    skill_.execution_mode = *text;
    if (std::find(kExecutionModes.begin(), kExecutionModes.end(), *text) != kExecutionModes.end()) return;
    warning("skill.execution_mode.unknown",
            "unknown execution_mode '" + *text + "'" + did_you_mean(*text, kExecutionModes) +
                "; known modes are browser-wasm, server, hybrid",
            at(value));
  }

  void parse_requires(const YAML::Node& value) {
    static const std::regex module_name(R"([A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*)");
    if (value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) {
          wrong_shape("requires' item '" + show(item), item, "a module name");
          continue;
        }
        if (!std::regex_match(item.Scalar(), module_name)) {
          error("skill.requires.name",
                "'" + item.Scalar() + "' is not a module name (e.g. 'numpy' or 'pkg.module')", at(item));
          continue;
        }
        skill_.requires_modules.push_back(item.Scalar());
      }
      return;
    }
    skill_.requires_modules = expect_string_list("requires", value, ", ");
  }

  void parse_permissions(const YAML::Node& value) {
    if (is_null(value)) return;
    if (!value.IsMap()) {
      wrong_shape("permissions", value, "a mapping (e.g. network: [https://example.org])");
      return;
    }
    static const std::regex origin(R"([a-z][a-z0-9+.-]*://(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?/?)");
    static const std::vector<std::string> kPermissionKeys = {"network"};
    for (const auto& entry : value) {
      const auto key = entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first);
      if (key != "network") {
        warning("skill.key.unknown", "unknown permission '" + key + "'" + did_you_mean(key, kPermissionKeys),
                at(entry.first));
        skill_.extra["permissions"][key] = yaml_to_json(entry.second);
        continue;
      }
      const auto& list = entry.second;
      if (is_null(list)) continue;
      if (!list.IsSequence() && !list.IsScalar()) {
        wrong_shape("permissions.network", list, "a list of origins");
        continue;
      }
      std::vector<YAML::Node> items;
      if (list.IsScalar())
        items.push_back(list);
      else
        for (const auto& item : list) items.push_back(item);
      for (const auto& item : items) {
        const auto text = item.IsScalar() ? item.Scalar() : show(item);
        if (!item.IsScalar() || !std::regex_match(text, origin)) {
          error(
              "skill.permissions.network",
              "network origin '" + text + "' must look like scheme://host[:port] (e.g. https://example.org)",
              at(item));
          continue;
        }
        skill_.network_origins.push_back(text);
      }
    }
  }

  //---------------------------------------------------------------------------
  // [SECTION] SkillFileParser: ports
  //---------------------------------------------------------------------------

  std::vector<Port> parse_ports(const std::string& key, const YAML::Node& value,
                                const std::string& direction) {
    std::vector<Port> ports;
    if (is_null(value)) return ports;
    if (!value.IsSequence()) {
      wrong_shape(key, value, "a list of ports");
      return ports;
    }
    int index = 0;
    for (const auto& item : value) {
      ++index;
      if (!item.IsMap()) {
        error("skill.field.type",
              direction + " #" + std::to_string(index) + " must be a mapping (name: ..., type: ...), not " +
                  std::string(shape_name(item)),
              at(item));
        continue;
      }
      ports.push_back(parse_port(item, index, direction, ports));
    }
    return ports;
  }

  std::optional<double> port_number(const YAML::Node& node, const std::string& key, const std::string& code) {
    if (is_null(node)) return std::nullopt;
    const auto value = yaml_to_json(node);
    if (value.is_number()) return value.get<double>();
    error(code, "'" + key + "' must be a number, got " + show(node), at(node));
    return std::nullopt;
  }

  Port parse_port(const YAML::Node& item, int index, const std::string& direction,
                  const std::vector<Port>& earlier) {
    const std::string code = "skill." + direction;
    Port port;
    port.line = at(item).line;
    port.extra = json::object();
    const YAML::Node name_node = item["name"];
    std::string label = direction + " #" + std::to_string(index);

    if (is_null(name_node)) {
      error(code + ".name", label + " has no 'name'", at(item));
    } else if (auto name = expect_string("name", name_node)) {
      port.name = *name;
      label = direction + " '" + port.name + "'";
      if (!is_identifier(port.name)) {
        error(code + ".name",
              direction + " name '" + port.name +
                  "' is not an identifier (letters, digits and '_', not starting with a digit)",
              at(name_node));
      }
      for (const auto& other : earlier) {
        if (other.name != port.name) continue;
        error(code + ".duplicate",
              "duplicate " + label + " (first declared on line " + std::to_string(other.line) + ")",
              at(name_node));
        break;
      }
    }

    YAML::Node type_node, default_node, options_node, min_node, max_node, step_node;
    std::map<std::string, int> seen;
    for (const auto& entry : item) {
      const auto key = entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first);
      if (is_duplicate_key(seen, key, entry.first)) continue;
      const auto& value = entry.second;
      if (key == "name") {
        continue;
      } else if (key == "type") {
        type_node = value;
      } else if (key == "default") {
        default_node = value;
      } else if (key == "options") {
        options_node = value;
      } else if (key == "min") {
        min_node = value;
      } else if (key == "max") {
        max_node = value;
      } else if (key == "step") {
        step_node = value;
      } else if (key == "description") {
        if (auto text = expect_string(key, value)) port.description = *text;
      } else if (key == "unit") {
        if (auto text = expect_string(key, value)) port.unit = *text;
      } else if (key == "required") {
        const auto flag = yaml_to_json(value);
        if (flag.is_boolean())
          port.required = flag.get<bool>();
        else
          error("skill.field.value", "'required' must be true or false, got " + show(value), at(value));
      } else {
        warning("skill.key.unknown",
                "unknown key '" + key + "' in " + label + did_you_mean(key, known_port_keys()),
                at(entry.first));
        port.extra[key] = yaml_to_json(value);
      }
    }

    if (!is_null(options_node)) {
      if (options_node.IsSequence()) {
        for (const auto& option : options_node) {
          if (option.IsScalar())
            port.options.push_back(option.Scalar());
          else
            wrong_shape("options' item '" + std::to_string(port.options.size() + 1), option, "a string");
        }
      } else {
        wrong_shape("options", options_node, "a list");
      }
    }
    port.min = port_number(min_node, "min", code + ".range");
    port.max = port_number(max_node, "max", code + ".range");
    port.step = port_number(step_node, "step", code + ".range");
    if (!is_null(default_node)) {
      port.default_value = yaml_to_json(default_node);
      port.has_default = true;
    }

    bool type_known = true;
    if (!is_null(type_node)) {
      if (auto text = expect_string("type", type_node)) {
        if (auto type = port_type_from_string(*text)) {
          port.type = *type;
        } else {
          type_known = false;
          error(code + ".type", "unknown type '" + *text + "'" + did_you_mean(*text, port_type_names()),
                at(type_node));
        }
      } else {
        type_known = false;
      }
    } else if (port.has_default) {
      port.type = infer_port_type(port.default_value).value_or(PortType::any);
    } else if (!port.options.empty()) {
      port.type = PortType::enum_;
    }

    if (type_known && port.type == PortType::enum_ && port.options.empty()) {
      error(code + ".options", "enum " + label + " needs a non-empty 'options' list",
            is_null(type_node) ? at(item) : at(type_node));
    }
    if (port.min && port.max && *port.min > *port.max) {
      error(code + ".range", "min " + show(min_node) + " is greater than max " + show(max_node),
            at(min_node));
    }
    if (port.step && *port.step <= 0) {
      error(code + ".range", "step must be positive, got " + show(step_node), at(step_node));
    }
    if (port.has_default && type_known) check_default(port, {default_node, min_node, max_node}, code, label);
    return port;
  }

  struct BoundNodes {
    YAML::Node default_node, min_node, max_node;
  };

  void check_default(const Port& port, const BoundNodes& nodes, const std::string& code,
                     const std::string& label) {
    const auto& default_node = nodes.default_node;
    const auto& value = port.default_value;
    const auto where = at(default_node);
    if (!value_matches_type(value, port.type)) {
      error(code + ".default",
            "default " + show(default_node) + " of " + label + " does not match its type '" +
                std::string(to_string(port.type)) + "'",
            where);
      return;
    }
    if (port.type == PortType::enum_ && !port.options.empty()) {
      const auto& choice = value.get_ref<const std::string&>();
      if (std::find(port.options.begin(), port.options.end(), choice) == port.options.end()) {
        error(code + ".default",
              "default " + show(default_node) + " of " + label + " is not one of its options (" +
                  join(port.options, ", ") + ")" + did_you_mean(choice, port.options),
              where);
      }
      return;
    }
    if (!value.is_number()) return;
    const double number = value.get<double>();
    if (port.min && number < *port.min) {
      error(code + ".range",
            "default " + show(default_node) + " of " + label + " is below its min " + show(nodes.min_node),
            where);
    } else if (port.max && number > *port.max) {
      error(code + ".range",
            "default " + show(default_node) + " of " + label + " is above its max " + show(nodes.max_node),
            where);
    }
  }

  //---------------------------------------------------------------------------
  // [SECTION] SkillFileParser: identity, code and templates
  //---------------------------------------------------------------------------

  void finish_identity() {
    const std::filesystem::path file(path_);
    const bool agent_skill = file.filename() == "SKILL.md";
    const bool standard = skill_.type == NodeType::standard && type_known_;
    if (!has_skill_id_) {
      if (!standard && !agent_skill) {
        error("skill.id.missing",
              "missing 'skill_id' (executable skills need a kebab-case id, e.g. 'rc-filter')", at_line(1));
      }
      skill_.skill_id = to_kebab_case(skill_.name);
      if (skill_.skill_id.empty()) {
        const auto fallback = agent_skill ? file.parent_path().filename() : file.stem();
        skill_.skill_id = to_kebab_case(fallback.string());
      }
      skill_.skill_id_line = 0;
      skill_.skill_id_column = 0;
    }
    if (!skill_.name.empty()) return;
    if (standard) {
      error("skill.name.missing", "missing 'name' (standard skills need a name)", at_line(1));
    } else {
      warning("skill.name.missing", "missing 'name'; using the skill_id '" + skill_.skill_id + "'",
              at_line(1));
    }
    skill_.name = skill_.skill_id;
  }

  static bool has_language(const CodeBlock& block, std::span<const std::string_view> languages) {
    const auto language = lowercase(block.language);
    return std::find(languages.begin(), languages.end(), language) != languages.end();
  }

  void extract_code() {
    const auto languages = node_type_info(skill_.type).fence_languages;
    const auto blocks = fenced_code_blocks(skill_.body, body_first_line_);
    auto found = std::find_if(blocks.begin(), blocks.end(),
                              [&](const FencedBlock& block) { return has_language(block.block, languages); });
    if (found == blocks.end()) {
      error("skill.code.missing",
            "type '" + std::string(to_string(skill_.type)) + "' needs a ```" +
                std::string(languages.front()) + " code block in the body",
            type_where_);
      return;
    }
    if (!found->terminated) {
      error("skill.code.unterminated", "```" + found->block.language + " block is never closed",
            at_line(found->fence_line));
    }
    skill_.code = found->block;
    code_fence_line_ = found->fence_line;
    if (skill_.type != NodeType::spice) return;
    const auto post = std::find_if(found + 1, blocks.end(), [](const FencedBlock& block) {
      return has_language(block.block, node_type_info(NodeType::javascript).fence_languages);
    });
    if (post != blocks.end()) skill_.postprocess = post->block;
  }

  void check_entry_point() {
    if (!skill_.code) return;
    static const std::regex python_entry(R"(^\s*(async\s+)?def\s+execute\s*\()");
    static const std::regex js_entry(R"((^|[^\w$.])(function\s*\*?\s*execute\s*\(|execute\s*=))");
    const bool python = skill_.type == NodeType::python_wasm || skill_.type == NodeType::qiskit;
    const bool javascript = skill_.type == NodeType::javascript || skill_.type == NodeType::threejs;
    if (!python && !javascript) return;
    for (const auto line : split_lines(skill_.code->code)) {
      const std::string text(line);
      if (std::regex_search(text, python ? python_entry : js_entry)) return;
    }
    error("skill.code.entrypoint",
          python ? "python code defines no 'def execute(inputs):' entry point"
                 : "javascript code defines no 'function execute(inputs)' entry point",
          at_line(code_fence_line_));
  }

  // `{{name}}` placeholders in a SPICE template must each name an input.
  void check_template() {
    if (!skill_.code) return;
    std::vector<std::string> input_names;
    for (const auto& port : skill_.inputs) input_names.push_back(port.name);
    int line_number = skill_.code->first_line;
    for (const auto line : split_lines(skill_.code->code)) {
      std::size_t position = line.find("{{");
      while (position != std::string_view::npos) {
        const auto where = at_line(line_number, static_cast<int>(position) + 1);
        const auto close = line.find("}}", position + 2);
        if (close == std::string_view::npos) {
          error("skill.template.syntax", "'{{' is never closed by '}}'", where);
          break;
        }
        const auto name = trim(line.substr(position + 2, close - position - 2));
        if (!is_identifier(name)) {
          error("skill.template.syntax",
                "placeholder '" + std::string(line.substr(position, close + 2 - position)) +
                    "' must name an input",
                where);
        } else if (!skill_.find_input(name)) {
          error("skill.template.unknown_input",
                "placeholder '{{" + name + "}}' names no input" + did_you_mean(name, input_names), where);
        }
        position = line.find("{{", close + 2);
      }
      ++line_number;
    }
  }

  std::string_view text_;
  const std::string& path_;
  Diagnostics& out_;
  Skill skill_;
  int yaml_first_line_ = 2;
  int body_first_line_ = 1;
  int code_fence_line_ = 0;
  bool has_skill_id_ = false;
  bool type_known_ = true;
  SourceLocation type_where_;
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public entry points
//-----------------------------------------------------------------------------

Skill parse_skill(std::string_view text, const std::string& path, Diagnostics& out) {
  return SkillFileParser(text, path, out).parse();
}

Skill parse_skill_file(const std::string& path, Diagnostics& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file || std::filesystem::is_directory(path)) {
    out.error("skill.file.unreadable", "cannot read the skill file", {path, 0, 0, {}, {}});
    Skill skill;
    skill.source_path = path;
    return skill;
  }
  std::ostringstream text;
  text << file.rdbuf();
  auto skill = parse_skill(text.str(), path, out);
  bool truncated = false;
  skill.resources = skill_resources(path, &truncated);
  if (truncated)
    out.warning("skill.resources.truncated",
                "the skill's folder has more than " + std::to_string(kMaxSkillResources) +
                    " files; only the first are listed as its resources",
                {path, 1, 1, {}, {}});
  return skill;
}

const std::vector<std::string>& known_skill_keys() {
  static const std::vector<std::string> keys = {
      "skill_id",          "name",      "description",   "type",     "execution_mode",
      "category",          "version",   "author",        "keywords", "tags",
      "estimated_time_ms", "memory_mb", "requires",      "inputs",   "outputs",
      "permissions",       "license",   "compatibility", "metadata", "allowed-tools"};
  return keys;
}

const std::vector<std::string>& known_port_keys() {
  static const std::vector<std::string> keys = {"name", "type", "default", "description", "required",
                                                "min",  "max",  "step",    "options",     "unit"};
  return keys;
}

std::string to_kebab_case(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool is_kebab_case(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  if (text.find("--") != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::vector<FencedBlock> fenced_code_blocks(std::string_view markdown, int first_line) {
  std::vector<FencedBlock> blocks;
  const auto lines = split_lines(markdown);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const auto fence = opening_fence(lines[index]);
    if (!fence) continue;
    FencedBlock found;
    found.fence_line = first_line + static_cast<int>(index);
    found.block.first_line = found.fence_line + 1;
    found.block.language = fence->info.substr(0, fence->info.find_first_of(" \t{"));
    found.terminated = false;
    std::size_t end = index + 1;
    for (; end < lines.size(); ++end) {
      if (closes_fence(lines[end], *fence)) {
        found.terminated = true;
        break;
      }
      found.block.code += lines[end];
      found.block.code += '\n';
    }
    blocks.push_back(std::move(found));
    index = end;
  }
  return blocks;
}

}  // namespace llmos
