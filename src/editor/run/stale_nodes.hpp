// Which nodes an edit makes stale: the answer of the core's run planning
// (contract 3). Behind one function so the editor does not care who answers.
#pragma once

#include "llmos/workflow.hpp"

#include <string>
#include <vector>

namespace llmos::run {

// Ids of the nodes whose cache keys change when `edited`'s input values
// change: the node itself and every node downstream of it (a cache key
// hashes the upstream keys), in workflow order.
std::vector<std::string> nodes_whose_cache_keys_change(const Workflow& workflow, const NodeId& edited);

}  // namespace llmos::run
