// Skill files: Markdown with YAML front matter between `---` lines. The parser
// reports every problem of a file in one pass (file:line:col, stable
// `skill.*` codes, see docs/DIAGNOSTICS.md) and still returns its best guess
// of the skill so editors can show something.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace llmos {

// Parses the text of one skill file. `path` is only used for diagnostics,
// Skill::source_path and, for Agent Skills `SKILL.md` files, to derive an id
// from the directory name.
Skill parse_skill(std::string_view text, const std::string& path, Diagnostics& out);

// Reads and parses a file; an unreadable file is `skill.file.unreadable`.
Skill parse_skill_file(const std::string& path, Diagnostics& out);

// Every front-matter key the parser understands (for "did you mean" and docs).
const std::vector<std::string>& known_skill_keys();
// Every key a port entry may have.
const std::vector<std::string>& known_port_keys();

// "Quantum VQE_node" -> "quantum-vqe-node": lowercase, runs of other
// characters become one hyphen, no leading/trailing hyphen.
std::string to_kebab_case(std::string_view text);
// Lowercase letters and digits separated by single hyphens.
bool is_kebab_case(std::string_view text);

// The fenced code blocks (``` or ~~~) of a Markdown text whose first line is
// line `first_line` of its file, in order. Unterminated blocks run to the end
// and have `terminated == false`.
struct FencedBlock {
  CodeBlock block;
  int fence_line = 0;  // line of the opening fence
  bool terminated = true;
};
std::vector<FencedBlock> fenced_code_blocks(std::string_view markdown, int first_line);

}  // namespace llmos
