#include "llmos/json.hpp"

namespace llmos {

std::optional<std::size_t> json_nesting_exceeded_at(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;  // the escaped character cannot end the string
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

ParsedJson parse_json(std::string_view text, int max_depth) {
  ParsedJson out;
  if (const auto at = json_nesting_exceeded_at(text, max_depth)) {
    out.error = "nesting deeper than " + std::to_string(max_depth) + " levels";
    out.byte = *at;
    out.too_deep = true;
    out.value = json(json::value_t::discarded);
    return out;
  }
  try {
    out.value = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    out.error = error.what();
    // nlohmann reports the byte count read so far; the offending byte is the last one.
    out.byte = error.byte > 0 ? error.byte - 1 : 0;
    out.value = json(json::value_t::discarded);
  } catch (const json::out_of_range& error) {
    // A number beyond a double (61e308) throws this even from parse (found
    // by make fuzz). The message quotes the literal; its first occurrence
    // is the culprit, or that one would have thrown first.
    std::string message = error.what();
    if (const auto close = message.find("] "); close != std::string::npos) message.erase(0, close + 2);
    const auto open = message.find('\'');
    const auto close = message.rfind('\'');
    const auto at =
        open < close ? text.find(message.substr(open + 1, close - open - 1)) : std::string_view::npos;
    out.error = std::move(message);
    out.byte = at == std::string_view::npos ? 0 : at;
    out.value = json(json::value_t::discarded);
  }
  return out;
}

}  // namespace llmos
