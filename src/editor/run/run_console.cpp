#include "run_console.hpp"

#include <algorithm>
#include <cctype>

namespace llmos::run {
namespace {

bool contains_folded(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  const auto fold = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), fold) != haystack.end();
}

}  // namespace

void RunConsole::append(double run, std::string_view node, std::string_view stream, std::string_view text) {
  // A final newline ends the last line; it does not start an empty one.
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines_.push_back({run, std::string(node), std::string(stream), std::string(line)});
    ++appended_;
    start = end + 1;
  }
  while (lines_.size() > capacity_) lines_.pop_front();
}

std::vector<const LogLine*> RunConsole::filtered(std::string_view filter, std::string_view node) const {
  std::vector<const LogLine*> out;
  for (const auto& line : lines_) {
    if (!node.empty() && line.node != node) continue;
    if (contains_folded(line.text, filter) || contains_folded(line.node, filter) ||
        contains_folded(line.stream, filter))
      out.push_back(&line);
  }
  return out;
}

}  // namespace llmos::run
