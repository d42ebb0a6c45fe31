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

Port port_from_json(const json& view, Diagnostics& diagnostics, const std::string& pointer) {
  Port port;
  if (!view.is_object()) {
    diagnostics.error("payload.skill.port", "a port must be an object",
                      SourceLocation{{}, 0, 0, pointer, {}});
    return port;
  }
  port.name = string_field(view, "name");
  if (port.name.empty())
    diagnostics.error("payload.skill.port", "a port needs a name",
                      SourceLocation{{}, 0, 0, pointer + "/name", {}});
  const auto type_name = string_field(view, "type");
  if (!type_name.empty()) {
    if (const auto type = port_type_from_string(type_name))
      port.type = *type;
    else
      diagnostics.warning("payload.skill.port_type", "unknown port type '" + type_name + "', using any",
                          SourceLocation{{}, 0, 0, pointer + "/type", {}});
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
  if (view.contains("options") && view["options"].is_array())
    for (const auto& option : view["options"])
      if (option.is_string()) port.options.push_back(option.get<std::string>());
  port.unit = string_field(view, "unit");
  return port;
}

std::vector<Port> ports_from_json(const json& view, const char* key, Diagnostics& diagnostics,
                                  const std::string& pointer) {
  std::vector<Port> ports;
  const auto found = view.find(key);
  if (found == view.end()) return ports;
  if (!found->is_array()) {
    diagnostics.error("payload.skill.port", std::string("'") + key + "' must be an array",
                      SourceLocation{{}, 0, 0, pointer + "/" + key, {}});
    return ports;
  }
  for (std::size_t i = 0; i < found->size(); ++i)
    ports.push_back(port_from_json((*found)[i], diagnostics, pointer + "/" + key + "/" + std::to_string(i)));
  return ports;
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

Skill skill_from_json(const json& view, const std::string& id_hint, Diagnostics& diagnostics,
                      const std::string& pointer) {
  Skill skill;
  if (!view.is_object()) {
    diagnostics.error("payload.skill.shape", "a skill must be an object",
                      SourceLocation{{}, 0, 0, pointer, {}});
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
                      SourceLocation{{}, 0, 0, pointer + "/node_type", {}});
  }
  if (const auto estimate = view.find("estimated_time_ms"); estimate != view.end() && estimate->is_number())
    skill.estimated_time_ms = estimate->get<int>();
  skill.inputs = ports_from_json(view, "inputs", diagnostics, pointer);
  skill.outputs = ports_from_json(view, "outputs", diagnostics, pointer);
  if (const auto code = view.find("code"); code != view.end() && code->is_string())
    skill.code = CodeBlock{std::string(language_of(skill.type)), code->get<std::string>(), 0};
  if (const auto post = view.find("postprocess"); post != view.end() && post->is_string())
    skill.postprocess = CodeBlock{"javascript", post->get<std::string>(), 0};
  skill.source_path = "payload:" + skill.skill_id;
  return skill;
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
