// The one table of per-node-type facts: which language a type's code block
// is written in, which runtime runs it, how many of its workers run at once
// and how long a node may take before the core stops it. The parser, the
// scheduler, the wasm state and the JS runtime host (through
// llmos_node_types / core.nodeTypes()) all read this table; nobody keeps a
// copy.
#pragma once

#include "llmos/json.hpp"
#include "llmos/skill.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace llmos {

struct NodeTypeInfo {
  NodeType type;
  std::string_view name;      // as written in skill files: "python-wasm"
  std::string_view language;  // canonical fence language of the code block; "" = no code
  std::span<const std::string_view> fence_languages;  // every accepted fence spelling
  std::string_view runtime;  // runtime that runs it ("pyodide", "javascript", "ngspice"); "" = none
  std::size_t pool = 0;      // workers of that runtime; types sharing a runtime share its pool
  double deadline_ms = 0;    // default per-node deadline from dispatch; 0 = none
};

// Every node type, in NodeType order.
std::span<const NodeTypeInfo> node_type_table();
const NodeTypeInfo& node_type_info(NodeType type);
// Language of the type's code ("python", "javascript", "spice", "json"), "" for standard.
std::string_view language_of(NodeType type);

// [{type, language, runtime, pool, deadline_ms}] (deadline_ms null = none):
// what llmos_node_types() hands to JS.
json node_type_table_json();

}  // namespace llmos
