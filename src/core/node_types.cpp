#include "llmos/node_types.hpp"

#include <array>

namespace llmos {
namespace {

constexpr std::array<std::string_view, 0> kNoFence{};
constexpr std::array<std::string_view, 2> kPythonFences{"python", "py"};
constexpr std::array<std::string_view, 2> kJavaScriptFences{"javascript", "js"};
constexpr std::array<std::string_view, 1> kSpiceFences{"spice"};
constexpr std::array<std::string_view, 1> kJsonFences{"json"};

// Pools: one Pyodide worker (about 90 MB and 2-3 s to start) shared by both
// Python types, two JS sandbox workers, one ngspice worker. Deadlines: the
// JavaScript 5 s wall limit of the original design; Python and SPICE get
// room for optimisation loops and long transients. Compound skills have no
// runtime yet (Evolution will build them).
const std::array<NodeTypeInfo, 7> kTable{{
    {NodeType::standard, "standard", "", kNoFence, "", 0, 0},
    {NodeType::python_wasm, "python-wasm", "python", kPythonFences, "pyodide", 1, 60'000},
    {NodeType::qiskit, "qiskit", "python", kPythonFences, "pyodide", 1, 120'000},
    {NodeType::javascript, "javascript", "javascript", kJavaScriptFences, "javascript", 2, 5'000},
    {NodeType::threejs, "threejs", "javascript", kJavaScriptFences, "javascript", 2, 5'000},
    {NodeType::spice, "spice", "spice", kSpiceFences, "ngspice", 1, 30'000},
    {NodeType::compound, "compound", "json", kJsonFences, "", 0, 0},
}};

}  // namespace

std::span<const NodeTypeInfo> node_type_table() { return kTable; }

const NodeTypeInfo& node_type_info(NodeType type) {
  for (const auto& info : kTable)
    if (info.type == type) return info;
  return kTable.front();
}

std::string_view language_of(NodeType type) { return node_type_info(type).language; }

json node_type_table_json() {
  json table = json::array();
  for (const auto& info : kTable) {
    table.push_back({{"type", info.name},
                     {"language", info.language},
                     {"runtime", info.runtime},
                     {"pool", info.pool},
                     {"deadline_ms", info.deadline_ms > 0 ? json(info.deadline_ms) : json(nullptr)}});
  }
  return table;
}

}  // namespace llmos
