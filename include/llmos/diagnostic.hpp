// Diagnostics: every problem the core reports carries a stable code, a
// severity and a location (file:line:col for skill files, a JSON pointer and
// node id for workflows) so people and the editor can act on it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmos {

enum class Severity { error, warning, note };

// "error" / "warning" / "note".
std::string_view to_string(Severity severity);

// Where a problem is. Any field may be empty/zero when not applicable.
struct SourceLocation {
  std::string file;          // path as given by the caller
  int line = 0;              // 1-based; 0 = unknown
  int column = 0;            // 1-based; 0 = unknown
  std::string json_pointer;  // e.g. "/edges/3/targetInput" (workflows)
  std::string node_id;       // workflow node the problem belongs to
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable id, e.g. "skill.input.type"
  std::string message;  // one sentence for people, may end with "(did you mean 'x'?)"
  SourceLocation where;
};

// "path:line:col: error[code]: message"; parts of the location that are
// unknown are left out ("path: error[...]" or "error[...]" alone). Workflow
// diagnostics add " at /json/pointer" when a pointer is known.
std::string format(const Diagnostic& diagnostic);

// An ordered list of diagnostics collected in one pass.
class Diagnostics {
 public:
  void add(Diagnostic diagnostic);
  void error(std::string code, std::string message, SourceLocation where = {});
  void warning(std::string code, std::string message, SourceLocation where = {});
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  // One formatted diagnostic per line, in order.
  std::string to_text() const;

 private:
  std::vector<Diagnostic> items_;
};

// 'text' in single quotes, as diagnostics name ids, ports and types.
std::string in_quotes(std::string_view text);

// Levenshtein distance, used for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible
// typo (distance <= max(2, len/3)); empty string otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" for closest_match's answer, to append to a message;
// empty when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace llmos
