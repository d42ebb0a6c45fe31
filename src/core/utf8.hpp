// UTF-8 validity. Skill files are UTF-8; a stray byte (a Latin-1 file, a
// truncated upload) would reach JSON output, where nlohmann's dump() throws
// on it (found by make fuzz). Private to the core.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace llmos {

// Byte offset of the first byte that does not start or continue a valid
// UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF
// are invalid too), or nullopt when all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace llmos
