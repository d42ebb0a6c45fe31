#include "stale_nodes.hpp"

namespace llmos::run {

std::vector<std::string> stale_nodes(const Workflow& now, const SkillLibrary& library,
                                     const CacheKeys& keys_at_last_run) {
  std::vector<std::string> out;
  for (const NodeId& node : plan_changes(now, library, keys_at_last_run)) out.push_back(node.value);
  return out;
}

}  // namespace llmos::run
