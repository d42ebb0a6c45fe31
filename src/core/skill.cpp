#include "llmos/skill.hpp"

#include "llmos/node_types.hpp"

#include <array>
#include <utility>

namespace llmos {
namespace {

constexpr std::array<std::pair<PortType, std::string_view>, 14> kPortTypeNames{{
    {PortType::float_, "float"},
    {PortType::int_, "int"},
    {PortType::bool_, "bool"},
    {PortType::string, "string"},
    {PortType::enum_, "enum"},
    {PortType::color, "color"},
    {PortType::array, "array"},
    {PortType::object, "object"},
    {PortType::series, "series"},
    {PortType::image, "image"},
    {PortType::scene, "scene"},
    {PortType::svg, "svg"},
    {PortType::netlist, "netlist"},
    {PortType::any, "any"},
}};

constexpr std::array<std::pair<PortType, std::string_view>, 5> kPortTypeAliases{{
    {PortType::float_, "number"},
    {PortType::int_, "integer"},
    {PortType::bool_, "boolean"},
    {PortType::string, "str"},
    {PortType::float_, "double"},
}};

bool is_number_array(const json& value) {
  if (!value.is_array()) return false;
  for (const auto& item : value)
    if (!item.is_number()) return false;
  return true;
}

bool is_hex_color(const std::string& text) {
  if (text.size() != 7 && text.size() != 4) return false;
  if (text[0] != '#') return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(PortType type) {
  for (const auto& [value, name] : kPortTypeNames)
    if (value == type) return name;
  return "any";
}

std::optional<PortType> port_type_from_string(std::string_view name) {
  for (const auto& [value, spelling] : kPortTypeNames)
    if (spelling == name) return value;
  for (const auto& [value, spelling] : kPortTypeAliases)
    if (spelling == name) return value;
  return std::nullopt;
}

const std::vector<std::string>& port_type_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& entry : kPortTypeNames) out.emplace_back(entry.second);
    for (const auto& entry : kPortTypeAliases) out.emplace_back(entry.second);
    return out;
  }();
  return names;
}

bool is_assignable(PortType from, PortType to) {
  if (from == to || from == PortType::any || to == PortType::any) return true;
  switch (to) {
    case PortType::float_:
      return from == PortType::int_ || from == PortType::bool_;
    case PortType::int_:
      return from == PortType::bool_;
    case PortType::array:
      return from == PortType::series;
    case PortType::object:
      return from == PortType::series || from == PortType::scene;
    case PortType::string:
      return from == PortType::enum_ || from == PortType::color || from == PortType::svg ||
             from == PortType::netlist || from == PortType::image;
    case PortType::enum_:
      return from == PortType::string;
    case PortType::netlist:
    case PortType::svg:
      return from == PortType::string;
    default:
      return false;
  }
}

bool value_matches_type(const json& value, PortType type) {
  switch (type) {
    case PortType::any:
      return true;
    case PortType::float_:
      return value.is_number();
    case PortType::int_:
      return value.is_number_integer() ||
             (value.is_number_float() && value.get<double>() == static_cast<double>(value.get<long long>()));
    case PortType::bool_:
      return value.is_boolean();
    case PortType::string:
    case PortType::enum_:
    case PortType::image:
    case PortType::svg:
    case PortType::netlist:
      return value.is_string();
    case PortType::color:
      return value.is_string() && is_hex_color(value.get<std::string>());
    case PortType::array:
      return value.is_array();
    case PortType::object:
    case PortType::scene:
      return value.is_object();
    case PortType::series:
      return value.is_object() && value.contains("x") && value.contains("y") && is_number_array(value["x"]) &&
             is_number_array(value["y"]);
  }
  return false;
}

std::string_view to_string(NodeType type) { return node_type_info(type).name; }

std::optional<NodeType> node_type_from_string(std::string_view name) {
  for (const auto& info : node_type_table())
    if (info.name == name) return info.type;
  return std::nullopt;
}

const std::vector<std::string>& node_type_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& info : node_type_table()) out.emplace_back(info.name);
    return out;
  }();
  return names;
}

const Port* Skill::find_input(std::string_view port_name) const {
  for (const auto& port : inputs)
    if (port.name == port_name) return &port;
  return nullptr;
}

const Port* Skill::find_output(std::string_view port_name) const {
  for (const auto& port : outputs)
    if (port.name == port_name) return &port;
  return nullptr;
}

}  // namespace llmos
