// Helpers that turn core results and exceptions into the JSON strings the
// exports hand to JS.
#pragma once

#include "llmos/skill.hpp"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

namespace llmos::wasm {

// A malloc'ed copy of `value.dump()`, for JS to free with llmos_free.
inline char* to_c_string(const json& value) {
  const std::string text = value.dump();
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

inline json error_result(const std::string& code, const std::string& message, const std::string& where = {}) {
  return json{{"ok", false}, {"error", {{"code", code}, {"message", message}, {"where", where}}}};
}

// Runs `body` (returning json) and converts any exception to an error result,
// so a bad input never takes the module down.
template <typename Body>
char* guarded(Body&& body) {
  try {
    return to_c_string(body());
  } catch (const std::exception& error) {
    return to_c_string(error_result("internal.exception", error.what()));
  } catch (...) {
    return to_c_string(error_result("internal.exception", "unknown exception"));
  }
}

}  // namespace llmos::wasm
