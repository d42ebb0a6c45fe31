// Which nodes an edit makes stale: the core's run planning (contract 3)
// answers, behind one function so the editor does not care how.
#pragma once

#include "llmos/run_plan.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/workflow.hpp"

#include <string>
#include <vector>

namespace llmos::run {

// Ids of the nodes of `now` whose cache keys differ from `keys_at_last_run`
// (taken when the shown results were computed), in workflow order: exactly
// the results the edits since then invalidate. Editing a value back makes
// its nodes fresh again.
std::vector<std::string> stale_nodes(const Workflow& now, const SkillLibrary& library,
                                     const CacheKeys& keys_at_last_run);

}  // namespace llmos::run
