#include "llmos/json_view.hpp"

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
  out["keywords"] = skill.keywords;
  if (!skill.version.empty()) out["version"] = skill.version;
  if (!skill.requires_modules.empty()) out["requires"] = skill.requires_modules;
  if (include_code && skill.code) out["code"] = skill.code->code;
  if (include_code && skill.postprocess) out["postprocess"] = skill.postprocess->code;
  return out;
}

json library_entry_to_json(const LibraryEntry& entry, bool include_code) {
  auto out = skill_to_json(entry.skill, include_code);
  out["volume"] = std::string(to_string(entry.volume));
  out["source_path"] = entry.skill.source_path;
  if (!entry.shadows.empty()) out["shadows"] = entry.shadows;
  return out;
}

json library_to_json(const SkillLibrary& library, const SkillQuery& query, bool include_code) {
  json skills = json::array();
  for (const auto* entry : library.list(query)) skills.push_back(skill_to_json(entry->skill, include_code));
  json out = json::object();
  out["skills"] = std::move(skills);
  return out;
}

json diagnostic_to_json(const Diagnostic& diagnostic) {
  const auto& where = diagnostic.where;
  json out = json::object();
  out["severity"] = std::string(to_string(diagnostic.severity));
  out["code"] = diagnostic.code;
  out["message"] = diagnostic.message;
  if (!where.file.empty()) out["file"] = where.file;
  if (where.line > 0) out["line"] = where.line;
  if (where.column > 0) out["column"] = where.column;
  if (!where.json_pointer.empty()) out["pointer"] = where.json_pointer;
  if (!where.node_id.empty()) out["node_id"] = where.node_id;
  return out;
}

json diagnostics_to_json(const Diagnostics& diagnostics) {
  json out = json::array();
  for (const auto& diagnostic : diagnostics) out.push_back(diagnostic_to_json(diagnostic));
  return out;
}

}  // namespace llmos
