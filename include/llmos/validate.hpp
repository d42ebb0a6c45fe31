// Static checks of a workflow against a skill library, all problems in one
// pass, before anything runs. Codes and the coercion table: docs/WORKFLOW.md.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/workflow.hpp"

namespace llmos {

// Every diagnostic carries where.json_pointer, where.node_id (when one node
// is at fault) and where.file (the workflow's source_file).
Diagnostics validate(const Workflow& workflow, const SkillLibrary& library);

}  // namespace llmos
