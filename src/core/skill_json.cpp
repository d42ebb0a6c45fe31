#include "llmos/skill_json.hpp"

#include "llmos/node_types.hpp"

#include <cmath>
#include <limits>

namespace llmos {
namespace {

// 1.0 reads better as 1 in the API; only non-integral bounds keep a fraction.
json number_to_json(double value) {
  const bool integral = std::isfinite(value) && std::floor(value) == value &&
                        std::fabs(value) < static_cast<double>(std::numeric_limits<long long>::max());
  if (integral) return static_cast<long long>(value);
  return value;
}

json ports_to_json(const std::vector<Port>& ports) {
  json out = json::array();
  for (const auto& port : ports) out.push_back(port_to_json(port));
  return out;
}

SourceLocation at(const std::string& pointer) { return SourceLocation{{}, 0, 0, pointer, {}}; }

std::string string_field(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::vector<std::string> string_list(const json& object, const char* key) {
  std::vector<std::string> out;
  const auto found = object.find(key);
  if (found == object.end() || !found->is_array()) return out;
  for (const auto& item : *found)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

std::optional<int> int_field(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<int>();
}

std::vector<Port> ports_from_json(const json& view, const char* key, Diagnostics& diagnostics,
                                  const std::string& pointer) {
  std::vector<Port> ports;
  const auto found = view.find(key);
  if (found == view.end()) return ports;
  if (!found->is_array()) {
    diagnostics.error("payload.skill.port", std::string("'") + key + "' must be an array",
                      at(pointer + "/" + key));
    return ports;
  }
  for (std::size_t i = 0; i < found->size(); ++i)
    ports.push_back(port_from_json((*found)[i], diagnostics, pointer + "/" + key + "/" + std::to_string(i)));
  return ports;
}

}  // namespace

json port_to_json(const Port& port) {
  json out = json::object();
  out["name"] = port.name;
  out["type"] = std::string(to_string(port.type));
  if (port.has_default) out["default"] = port.default_value;
  if (!port.description.empty()) out["description"] = port.description;
  if (port.required) out["required"] = true;
  if (port.min) out["min"] = number_to_json(*port.min);
  if (port.max) out["max"] = number_to_json(*port.max);
  if (port.step) out["step"] = number_to_json(*port.step);
  if (!port.options.empty()) out["options"] = port.options;
  if (!port.unit.empty()) out["unit"] = port.unit;
  return out;
}

Port port_from_json(const json& view, Diagnostics& diagnostics, const std::string& pointer) {
  Port port;
  if (!view.is_object()) {
    diagnostics.error("payload.skill.port", "a port must be an object", at(pointer));
    return port;
  }
  port.name = string_field(view, "name");
  if (port.name.empty())
    diagnostics.error("payload.skill.port", "a port needs a name", at(pointer + "/name"));
  const auto type_name = string_field(view, "type");
  if (!type_name.empty()) {
    if (const auto type = port_type_from_string(type_name))
      port.type = *type;
    else
      diagnostics.warning("payload.skill.port_type", "unknown port type '" + type_name + "', using any",
                          at(pointer + "/type"));
  }
  if (view.contains("default")) {
    port.default_value = view["default"];
    port.has_default = true;
  }
  port.description = string_field(view, "description");
  port.required = view.value("required", false);
  if (view.contains("min") && view["min"].is_number()) port.min = view["min"].get<double>();
  if (view.contains("max") && view["max"].is_number()) port.max = view["max"].get<double>();
  if (view.contains("step") && view["step"].is_number()) port.step = view["step"].get<double>();
  port.options = string_list(view, "options");
  port.unit = string_field(view, "unit");
  return port;
}

json skill_to_json(const Skill& skill, bool include_code) {
  json out = json::object();
  out["skill_id"] = skill.skill_id;
  out["name"] = skill.name;
  out["description"] = skill.description;
  out["category"] = skill.category;
  out["node_type"] = std::string(to_string(skill.type));
  out["execution_mode"] = skill.execution_mode;
  out["inputs"] = ports_to_json(skill.inputs);
  out["outputs"] = ports_to_json(skill.outputs);
  if (skill.estimated_time_ms) out["estimated_time_ms"] = *skill.estimated_time_ms;
  if (skill.memory_mb) out["memory_mb"] = *skill.memory_mb;
  out["keywords"] = skill.keywords;
  if (!skill.version.empty()) out["version"] = skill.version;
  if (!skill.author.empty()) out["author"] = skill.author;
  if (!skill.requires_modules.empty()) out["requires"] = skill.requires_modules;
  if (!skill.network_origins.empty()) out["permissions"] = {{"network", skill.network_origins}};
  if (!skill.license.empty()) out["license"] = skill.license;
  if (!skill.compatibility.empty()) out["compatibility"] = skill.compatibility;
  if (skill.metadata.is_object() && !skill.metadata.empty()) out["metadata"] = skill.metadata;
  if (!skill.allowed_tools.empty()) out["allowed_tools"] = skill.allowed_tools;
  if (include_code && skill.code) out["code"] = skill.code->code;
  if (include_code && skill.postprocess) out["postprocess"] = skill.postprocess->code;
  return out;
}

Skill skill_from_json(const json& view, const std::string& id_hint, Diagnostics& diagnostics,
                      const std::string& pointer) {
  Skill skill;
  if (!view.is_object()) {
    diagnostics.error("payload.skill.shape", "a skill must be an object", at(pointer));
    skill.skill_id = id_hint;
    return skill;
  }
  skill.skill_id = string_field(view, "skill_id");
  if (skill.skill_id.empty()) skill.skill_id = id_hint;
  skill.name = string_field(view, "name");
  if (skill.name.empty()) skill.name = skill.skill_id;
  skill.description = string_field(view, "description");
  skill.category = string_field(view, "category");
  if (const auto mode = string_field(view, "execution_mode"); !mode.empty()) skill.execution_mode = mode;
  auto type_name = string_field(view, "node_type");
  if (type_name.empty()) type_name = string_field(view, "type");
  if (const auto type = node_type_from_string(type_name)) {
    skill.type = *type;
  } else {
    diagnostics.error("payload.skill.type",
                      "skill '" + skill.skill_id + "' has unknown node type '" + type_name + "'",
                      at(pointer + "/node_type"));
  }
  skill.estimated_time_ms = int_field(view, "estimated_time_ms");
  skill.memory_mb = int_field(view, "memory_mb");
  skill.inputs = ports_from_json(view, "inputs", diagnostics, pointer);
  skill.outputs = ports_from_json(view, "outputs", diagnostics, pointer);
  skill.keywords = string_list(view, "keywords");
  skill.version = string_field(view, "version");
  skill.author = string_field(view, "author");
  skill.requires_modules = string_list(view, "requires");
  if (const auto permissions = view.find("permissions");
      permissions != view.end() && permissions->is_object())
    skill.network_origins = string_list(*permissions, "network");
  skill.license = string_field(view, "license");
  skill.compatibility = string_field(view, "compatibility");
  const auto metadata = view.find("metadata");
  skill.metadata = metadata != view.end() && metadata->is_object() ? *metadata : json::object();
  skill.allowed_tools = string_list(view, "allowed_tools");
  if (const auto code = view.find("code"); code != view.end() && code->is_string())
    skill.code = CodeBlock{std::string(language_of(skill.type)), code->get<std::string>(), 0};
  if (const auto post = view.find("postprocess"); post != view.end() && post->is_string())
    skill.postprocess = CodeBlock{"javascript", post->get<std::string>(), 0};
  skill.source_path = "payload:" + skill.skill_id;
  return skill;
}

}  // namespace llmos
