#include "llmos/json_view.hpp"

namespace llmos {

json library_entry_to_json(const LibraryEntry& entry, bool include_code) {
  auto out = skill_to_json(entry.skill, include_code);
  out["volume"] = std::string(to_string(entry.volume));
  out["source_path"] = entry.skill.source_path;
  if (!entry.shadows.empty()) out["shadows"] = entry.shadows;
  if (!entry.skill.resources.empty()) out["resources"] = resources_to_json(entry.skill.resources);
  return out;
}

json resources_to_json(const std::vector<SkillResource>& resources) {
  json out = json::array();
  for (const auto& resource : resources)
    out.push_back({{"path", resource.path}, {"size", resource.size}, {"media_type", resource.media_type}});
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
