// One edge judged on its own, by the same rules and in the same words as
// validate(): the editor asks before it links two pins, so a refused link's
// tooltip says exactly what `llmos workflow validate` would.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/ids.hpp"
#include "llmos/skill.hpp"

#include <optional>
#include <string>

namespace llmos {

// "cannot connect 'a.out' (series) to 'b.title' (string)" (workflow.edge.type).
std::string edge_type_message(const PortRef& source, PortType from, const PortRef& target, PortType to);

// nullopt when the edge is allowed; otherwise the diagnostic validate()
// reports for it: workflow.edge.self_loop, workflow.port.unknown or
// workflow.edge.type. A null skill (unknown to this library) skips its
// port checks, as validate() does.
std::optional<Diagnostic> check_edge(const PortRef& source, const Skill* source_skill, const PortRef& target,
                                     const Skill* target_skill);

}  // namespace llmos
