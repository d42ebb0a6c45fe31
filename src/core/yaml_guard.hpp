// Front matter is untrusted text (pasted into the editor, uploaded to the
// server). Before yaml-cpp builds a document from it, one streaming pass
// refuses what skills/README.md rules out and what could blow up: anchors
// and aliases (a nine-level alias bomb under 1 KB expands to gigabytes) and
// nesting deeper than kMaxNesting (deep recursion). Private to the core.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace llmos {

struct YamlRefusal {
  std::string code;  // skill.yaml.anchor | skill.yaml.alias | skill.yaml.depth
  std::string message;
  int line = 0;  // 0-based within the YAML text
  int column = 0;
};

// The first refused construct, or nullopt (syntax errors are left to the
// real parse, which reports them with its own message).
std::optional<YamlRefusal> refuse_unsafe_yaml(std::string_view yaml, int max_depth);

}  // namespace llmos
