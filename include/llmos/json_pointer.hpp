// JSON pointers (RFC 6901) as diagnostics use them: building one from keys,
// and finding where one points in the text a document was parsed from, so a
// diagnostic on "/edges/3/targetInput" can also say file:line:col.
#pragma once

#include "llmos/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace llmos {

// 1-based line and column of a byte offset in `text` (columns count bytes).
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(std::string_view text, std::size_t byte_offset);

// One reference token: "~" becomes "~0" and "/" becomes "~1".
std::string json_pointer_token(std::string_view key);

// The byte offset in `text` of the value `pointer` names. When part of the
// pointer does not exist (a missing input, an index past the end), the
// offset of the deepest value that does: the object or array it would be
// in. nullopt when `text` is not valid JSON up to that point or the pointer
// is malformed.
std::optional<std::size_t> locate_json_pointer(std::string_view text, std::string_view pointer);

// Sets line and column of every diagnostic that has a JSON pointer but no
// line, by locating `pointer_prefix` + its pointer in `text`.
void add_line_columns(Diagnostics& diagnostics, std::string_view text, std::string_view pointer_prefix = {});

}  // namespace llmos
