// The original design's JSON shapes (GET /workflows/skills/executable and
// friends), so the server, the wasm binding and the CLI all speak the same
// JSON. Keys that have no value are left out rather than sent as null.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"
#include "llmos/skill_json.hpp"
#include "llmos/skill_library.hpp"

namespace llmos {

// skill_to_json plus where it came from: volume, source_path, shadows, and
// an Agent Skills folder's resources.
json library_entry_to_json(const LibraryEntry& entry, bool include_code);

// [{path, size, media_type}] in the skill's order.
json resources_to_json(const std::vector<SkillResource>& resources);

// {"skills": [...]} for the entries matching `query`, sorted by id.
json library_to_json(const SkillLibrary& library, const SkillQuery& query = {}, bool include_code = false);

// {severity, code, message, file, line, column, pointer, node_id}; location
// keys only when known.
json diagnostic_to_json(const Diagnostic& diagnostic);
json diagnostics_to_json(const Diagnostics& diagnostics);

}  // namespace llmos
