// Run planning as pure functions of a workflow and a skill library: the
// order nodes can run in, the cache key of every node (what the scheduler
// looks results up by) and the editor's question "which nodes' cached
// results does this edit invalidate?" (contract 3). The scheduler computes
// its keys with the same functions.
#pragma once

#include "llmos/ids.hpp"
#include "llmos/json.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/workflow.hpp"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace llmos {

// Kahn levels: level 0 has no inputs wired, level k depends on levels < k,
// file order within a level. Nodes on (or behind) a cycle are in no level.
std::vector<std::vector<NodeId>> plan_levels(const Workflow& workflow);
// Every cycle a depth-first search finds, as the node sequence a -> b -> ...
// (the first node not repeated). Self-loops are left out (validate()
// reports them on their own).
std::vector<std::vector<NodeId>> plan_cycles(const Workflow& workflow);

// Node id -> cache key. A key is 0 when it cannot be computed (the node is
// on or behind a cycle, or its id is a duplicate).
using CacheKeys = std::unordered_map<NodeId, std::uint64_t>;

// What a skill contributes to the keys of its nodes: id, code,
// post-processing code and input defaults (an unknown skill: its id only).
std::uint64_t skill_cache_key(std::string_view skill_id, const Skill* skill);

// The cache key of every node: its skill's key, its inputValues and, per
// incoming edge, the port names and the upstream node's key (keys chain
// upstream keys, not upstream results, so they are known before a run).
CacheKeys cache_keys(const Workflow& workflow, const SkillLibrary& library);

// The nodes of `workflow` (after an edit) whose key differs from
// `cache_keys_before` (keys taken before it), or that are new, in file
// order: the results an edit invalidates.
std::vector<NodeId> plan_changes(const Workflow& workflow, const SkillLibrary& library,
                                 const CacheKeys& cache_keys_before);

// The same question before editing: which nodes' keys change if `node`'s
// input `input` is set to `value` (the node and those of its descendants
// the value reaches; none when the value is unchanged). Empty if the node
// is unknown.
std::vector<NodeId> plan_input_change(const Workflow& workflow, const SkillLibrary& library,
                                      const NodeId& node, const std::string& input, const json& value);

}  // namespace llmos
