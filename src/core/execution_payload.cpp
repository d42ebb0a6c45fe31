#include "llmos/execution_payload.hpp"

#include "llmos/json_pointer.hpp"
#include "llmos/json_view.hpp"
#include "llmos/node_types.hpp"

#include <set>

namespace llmos {
namespace {

std::string string_field(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

ExecuteRequest parse_execute_request(const json& request, Diagnostics& diagnostics) {
  ExecuteRequest out;
  if (!request.is_object()) {
    diagnostics.error("workflow.schema", "a request must be a JSON object", {});
    return out;
  }
  out.user_id = string_field(request, "user_id");
  out.team_id = string_field(request, "team_id");
  out.workflow_id = string_field(request, "workflow_id");
  if (const auto nested = request.find("workflow"); nested != request.end() && nested->is_object()) {
    out.workflow = Workflow::from_json(*nested, diagnostics);
    if (out.workflow_id.empty()) out.workflow_id = string_field(*nested, "workflow_id");
  } else {
    out.workflow = Workflow::from_json(request, diagnostics);
  }
  if (out.workflow.extra.is_object())
    for (const char* key : {"user_id", "team_id", "workflow_id"}) out.workflow.extra.erase(key);
  return out;
}

ExecutionPayload parse_execution_payload(const json& payload, Diagnostics& diagnostics) {
  ExecutionPayload out;
  if (!payload.is_object()) {
    diagnostics.error("workflow.schema", "a payload must be a JSON object", {});
    return out;
  }
  const auto workflow = payload.find("workflow");
  if (workflow == payload.end())
    diagnostics.error("workflow.schema", "missing required field 'workflow'", {});
  else
    out.workflow = Workflow::from_json(*workflow, diagnostics);
  const auto skills = payload.find("skills");
  if (skills == payload.end()) return out;
  if (!skills->is_object()) {
    diagnostics.error("workflow.schema", "'skills' must be an object keyed by skill id",
                      SourceLocation{{}, 0, 0, "/skills", {}});
    return out;
  }
  for (const auto& [id, view] : skills->items())
    out.skills.add(skill_from_json(view, id, diagnostics, "/skills/" + json_pointer_token(id)), Volume::user,
                   diagnostics);
  return out;
}

json make_execution_payload(const Workflow& workflow, const SkillLibrary& library) {
  json skills = json::object();
  for (const auto& node : workflow.nodes()) {
    if (skills.contains(node.skill_id)) continue;
    if (const Skill* skill = library.find(node.skill_id)) skills[node.skill_id] = skill_to_json(*skill, true);
  }
  return {{"workflow", workflow.to_json()}, {"skills", std::move(skills)}};
}

}  // namespace llmos
