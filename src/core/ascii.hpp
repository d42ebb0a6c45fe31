// ASCII case folding for ids, keywords, file names and fence languages (they
// are compared without regard to case; other bytes, UTF-8 included, stay).
// Private to the core.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace llmos {

inline std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace llmos
