#include "llmos/json_pointer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace llmos {
namespace {

// Walks JSON text once, recording the offset of every value whose pointer is
// wanted; it only descends into values some wanted pointer goes through.
class PointerWalker {
 public:
  PointerWalker(std::string_view text, const std::unordered_set<std::string>& wanted)
      : text_(text), wanted_(wanted) {}

  // False when the text ends early or is not JSON where it was read.
  bool walk() {
    skip_space();
    std::string path;
    return value(path, 0);
  }
  const std::unordered_map<std::string, std::size_t>& found() const { return found_; }

 private:
  static constexpr int kMaxDepth = 512;

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }
  bool peek(char c) const { return at_ < text_.size() && text_[at_] == c; }

  // Past the closing quote of the string starting at at_.
  bool skip_string() {
    for (++at_; at_ < text_.size(); ++at_) {
      if (text_[at_] == '\\') {
        ++at_;
      } else if (text_[at_] == '"') {
        ++at_;
        return true;
      }
    }
    return false;
  }

  // A key as its decoded text (escapes included), via nlohmann's own parser.
  std::optional<std::string> key() {
    const std::size_t start = at_;
    if (!peek('"') || !skip_string()) return std::nullopt;
    const auto decoded = nlohmann::json::parse(text_.substr(start, at_ - start), nullptr, false);
    if (!decoded.is_string()) return std::nullopt;
    return decoded.get<std::string>();
  }

  bool skip_value() {
    if (peek('"')) return skip_string();
    if (!peek('{') && !peek('[')) {
      const std::size_t start = at_;
      while (at_ < text_.size() && std::string_view(",]} \t\r\n").find(text_[at_]) == std::string_view::npos)
        ++at_;
      return at_ > start;
    }
    int depth = 0;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '"') {
        if (!skip_string()) return false;
        continue;
      }
      ++at_;
      if (c == '{' || c == '[') ++depth;
      if ((c == '}' || c == ']') && --depth == 0) return true;
    }
    return false;
  }

  // The value at at_, whose pointer is `path`.
  bool value(std::string& path, int depth) {
    const bool on_the_way = path.empty() || wanted_.count(path + '/') > 0;
    if (on_the_way || wanted_.count(path)) found_[path] = at_;
    if (!on_the_way || depth >= kMaxDepth || (!peek('{') && !peek('['))) return skip_value();
    const bool object = peek('{');
    const char close = object ? '}' : ']';
    ++at_;
    skip_space();
    if (peek(close)) {
      ++at_;
      return true;
    }
    const std::size_t base = path.size();
    for (std::size_t index = 0;; ++index) {
      path += '/';
      if (object) {
        const auto name = key();
        if (!name) return false;
        path += json_pointer_token(*name);
        skip_space();
        if (!peek(':')) return false;
        ++at_;
        skip_space();
      } else {
        path += std::to_string(index);
      }
      if (!value(path, depth + 1)) return false;
      path.resize(base);
      skip_space();
      if (peek(',')) {
        ++at_;
        skip_space();
        continue;
      }
      if (!peek(close)) return false;
      ++at_;
      return true;
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  // Every wanted pointer, plus each proper prefix of one with a '/' appended
  // ("/nodes/" for "/nodes/1/skillId"): the values to descend into.
  const std::unordered_set<std::string>& wanted_;
  std::unordered_map<std::string, std::size_t> found_;
};

// `pointers` and every proper prefix ("" excluded) marked with a trailing '/'.
std::unordered_set<std::string> wanted_set(const std::vector<std::string>& pointers) {
  std::unordered_set<std::string> wanted;
  for (const auto& pointer : pointers) {
    wanted.insert(pointer);
    for (std::size_t slash = pointer.find('/', 1); slash != std::string::npos;
         slash = pointer.find('/', slash + 1))
      wanted.insert(pointer.substr(0, slash) + '/');
  }
  return wanted;
}

// The offset of `pointer`, else of its deepest prefix that was found.
std::optional<std::size_t> deepest(const std::unordered_map<std::string, std::size_t>& found,
                                   std::string pointer) {
  while (true) {
    if (const auto hit = found.find(pointer); hit != found.end()) return hit->second;
    if (pointer.empty()) return std::nullopt;
    pointer.resize(pointer.rfind('/'));
  }
}

bool well_formed(std::string_view pointer) { return pointer.empty() || pointer.front() == '/'; }

// Where each line of `text` starts: one pass, then any number of lookups.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  return starts;
}

// 1-based line and column (in bytes) of `offset`, clamped to the text.
LineColumn position_in(const std::vector<std::size_t>& starts, std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto after = std::upper_bound(starts.begin(), starts.end(), offset);
  return LineColumn{static_cast<int>(after - starts.begin()), static_cast<int>(offset - *(after - 1)) + 1};
}

}  // namespace

std::string json_pointer_token(std::string_view key) {
  std::string token;
  token.reserve(key.size());
  for (const char c : key) {
    if (c == '~')
      token += "~0";
    else if (c == '/')
      token += "~1";
    else
      token += c;
  }
  return token;
}

std::optional<std::size_t> locate_json_pointer(std::string_view text, std::string_view pointer) {
  if (!well_formed(pointer)) return std::nullopt;
  const std::string wanted(pointer);
  const auto set = wanted_set({wanted});
  PointerWalker walker(text, set);
  if (!walker.walk()) return std::nullopt;
  return deepest(walker.found(), wanted);
}

void add_line_columns(Diagnostics& diagnostics, std::string_view text, std::string_view pointer_prefix) {
  const auto locatable = [](const Diagnostic& diagnostic) {
    const auto& where = diagnostic.where;
    return where.line == 0 && !where.json_pointer.empty() && well_formed(where.json_pointer);
  };
  std::vector<std::string> pointers;
  for (const auto& diagnostic : diagnostics)
    if (locatable(diagnostic))
      pointers.push_back(std::string(pointer_prefix) + diagnostic.where.json_pointer);
  if (pointers.empty()) return;
  const auto set = wanted_set(pointers);
  PointerWalker walker(text, set);
  if (!walker.walk()) return;
  const auto starts = line_starts(text);
  Diagnostics located;
  std::size_t next = 0;
  for (auto diagnostic : diagnostics) {
    if (locatable(diagnostic)) {
      if (const auto offset = deepest(walker.found(), pointers[next])) {
        const auto position = position_in(starts, text, *offset);
        diagnostic.where.line = position.line;
        diagnostic.where.column = position.column;
      }
      ++next;
    }
    located.add(std::move(diagnostic));
  }
  diagnostics = std::move(located);
}

LineColumn line_column_at(std::string_view text, std::size_t byte_offset) {
  return position_in(line_starts(text), text, byte_offset);
}

}  // namespace llmos
