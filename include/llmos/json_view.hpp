// The original design's JSON shapes (GET /workflows/skills/executable and
// friends), so the server, the wasm binding and the CLI all speak the same
// JSON. Keys that have no value are left out rather than sent as null.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"
#include "llmos/skill_library.hpp"

namespace llmos {

// {name, type, default, description, required, min, max, step, options, unit}
// with only the keys the port has (required only when true).
json port_to_json(const Port& port);

// {skill_id, name, description, category, node_type, execution_mode, inputs,
// outputs, estimated_time_ms?, keywords, version?, requires?} plus `code`
// (and `postprocess` for spice) when include_code.
json skill_to_json(const Skill& skill, bool include_code);

// skill_to_json plus where it came from: volume, source_path, shadows.
json library_entry_to_json(const LibraryEntry& entry, bool include_code);

// {"skills": [...]} for the entries matching `query`, sorted by id.
json library_to_json(const SkillLibrary& library, const SkillQuery& query = {}, bool include_code = false);

// {severity, code, message, file, line, column, pointer, node_id}; location
// keys only when known.
json diagnostic_to_json(const Diagnostic& diagnostic);
json diagnostics_to_json(const Diagnostics& diagnostics);

}  // namespace llmos
