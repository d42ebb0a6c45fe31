// The fuzz targets' bodies, shared by the libFuzzer binaries (`make fuzz`)
// and the corpus replay test (tests/fuzz, part of `make test`), so the test
// runs every kept input through exactly what the fuzzer ran.
#pragma once

#include "llmos/diagnostic.hpp"

#include <string>
#include <string_view>

namespace llmos::fuzz {

struct Verdict {
  Diagnostics diagnostics;  // what the product reported for the input
  std::string broken;       // an invariant the product broke; empty when fine
};

// Markdown + YAML front matter -> Skill: parse_skill, then the invariants
// every input must keep (diagnostics name the file and carry skill.* codes;
// an error-free skill has a kebab-case id and survives skill_to_json ->
// skill_from_json -> skill_to_json unchanged).
Verdict skill_parser(std::string_view text);

// JSON -> Workflow -> validate against the shipped skills (skills/ of the
// source tree): Workflow::parse, validate, add_line_columns; a workflow read
// without errors survives to_json -> from_json -> to_json unchanged.
Verdict workflow_loader(std::string_view text);

}  // namespace llmos::fuzz
