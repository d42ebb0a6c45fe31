// The JSON type of the whole API (insertion-ordered, so files and answers
// keep the order people wrote them in) and the one way untrusted JSON text
// is read: with a nesting limit, so a document of 200,000 brackets gets a
// diagnostic instead of exhausting the stack of whatever walks it later.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace llmos {

using json = nlohmann::ordered_json;

// Deepest nesting of arrays/objects any reader of workflows, skills or API
// bodies accepts.
inline constexpr int kMaxNesting = 128;

// Byte offset of the bracket that opens level max_depth + 1 (outside
// strings), or nullopt when the text stays within the limit. Linear, no
// allocation; the text need not be valid JSON.
std::optional<std::size_t> json_nesting_exceeded_at(std::string_view text, int max_depth = kMaxNesting);

// json::parse with the nesting limit. On failure the value is discarded and
// `error` says why: "nesting deeper than 128 levels" or nlohmann's message;
// `byte` is the offset of the problem.
struct ParsedJson {
  json value;
  std::string error;
  std::size_t byte = 0;
  bool too_deep = false;
  bool ok() const { return error.empty(); }
};
ParsedJson parse_json(std::string_view text, int max_depth = kMaxNesting);

}  // namespace llmos
