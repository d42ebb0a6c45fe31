// A skill as JSON and back: the shape of GET /workflows/skills/{id}, of the
// skills in an execution payload and of `llmos skills show --json`. The two
// functions are a pair: skill_from_json(skill_to_json(s, true)) gives back
// every field a run or a listing uses (tests/core/test_skill_json.cpp checks
// it over every shipped skill). Keys without a value are left out.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/json.hpp"
#include "llmos/skill.hpp"

#include <string>

namespace llmos {

// {name, type, default, description, required, min, max, step, options, unit}
// with only the keys the port has (required only when true).
json port_to_json(const Port& port);
// The inverse; problems are payload.skill.* diagnostics at `pointer`.
Port port_from_json(const json& view, Diagnostics& diagnostics, const std::string& pointer);

// {skill_id, name, description, category, node_type, execution_mode, inputs,
// outputs, estimated_time_ms?, memory_mb?, keywords, version?, author?,
// requires?, permissions?: {network}, license?, compatibility?, metadata?,
// allowed_tools?} plus `code` (and `postprocess`, JavaScript, for spice) when
// include_code.
json skill_to_json(const Skill& skill, bool include_code);

// The inverse: skill_id (else `id_hint`), node_type (or `type`), ... The
// code block's language comes from the node-type table; a spice skill's
// postprocess is JavaScript. Problems are payload.skill.* diagnostics at
// `pointer`.
Skill skill_from_json(const json& view, const std::string& id_hint, Diagnostics& diagnostics,
                      const std::string& pointer = {});

}  // namespace llmos
