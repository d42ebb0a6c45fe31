// The original API's request/payload shapes around a workflow:
//   POST /workflows/execute  {user_id, team_id, workflow_id, nodes, edges}
//                            (or {user_id, team_id, workflow:{nodes, edges}})
//   payload                  {workflow:{...}, skills:{id:{code, inputs, outputs, ...}}}
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"
#include "llmos/skill_json.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/workflow.hpp"

#include <string>

namespace llmos {

struct ExecuteRequest {
  std::string user_id;
  std::string team_id;
  std::string workflow_id;
  Workflow workflow;  // the three ids above are not kept in workflow.extra
};
ExecuteRequest parse_execute_request(const json& request, Diagnostics& diagnostics);

struct ExecutionPayload {
  Workflow workflow;
  SkillLibrary skills;  // every skill of the payload, in the user volume
};
ExecutionPayload parse_execution_payload(const json& payload, Diagnostics& diagnostics);

// {workflow:{...}, skills:{id: skill_to_json(skill, true)}} with the skills
// the workflow's nodes use (unknown ones are left out; validate() names them).
json make_execution_payload(const Workflow& workflow, const SkillLibrary& library);

}  // namespace llmos
