// The console: every node's stdout/stderr and ngspice messages (the core's
// `log` events), with the node id, a filter and a clear button. Plain data;
// run_panels.cpp draws it and the inspector shows one node's lines.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace llmos::run {

struct LogLine {
  double run = 0;
  std::string node;
  std::string stream;  // "stdout", "stderr", "ngspice", "error"
  std::string text;    // one line, without its newline
};

class RunConsole {
 public:
  explicit RunConsole(std::size_t capacity = 5000) : capacity_(capacity) {}

  // Appends a log event's text, one LogLine per line; the oldest lines go
  // when the console holds more than its capacity.
  void append(double run, std::string_view node, std::string_view stream, std::string_view text);
  void clear() { lines_.clear(); }

  const std::deque<LogLine>& lines() const { return lines_; }
  // Lines whose node id, stream or text contains `filter` (case-insensitive),
  // optionally only one node's.
  std::vector<const LogLine*> filtered(std::string_view filter, std::string_view node = {}) const;
  // Lines appended since the console was created (an auto-scroll trigger).
  std::size_t appended() const { return appended_; }

 private:
  std::deque<LogLine> lines_;
  std::size_t capacity_;
  std::size_t appended_ = 0;
};

}  // namespace llmos::run
