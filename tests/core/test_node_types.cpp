// The node-type table (src/core/node_types.cpp): one row per type, the
// facts the parser, scheduler and JS host read, and its JSON export.
#include "llmos/node_types.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

TEST(NodeTypes, EveryTypeHasOneRowInEnumOrderNamedAsInSkillFiles) {
  const auto table = node_type_table();
  ASSERT_EQ(table.size(), node_type_names().size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(table[i].type), i);
    EXPECT_EQ(table[i].name, node_type_names()[i]);
    EXPECT_EQ(node_type_from_string(table[i].name), table[i].type);
    EXPECT_EQ(&node_type_info(table[i].type), &table[i]);
  }
}

TEST(NodeTypes, FactsOfTheRuntimes) {
  EXPECT_EQ(node_type_info(NodeType::javascript).deadline_ms, 5000);
  EXPECT_EQ(node_type_info(NodeType::threejs).deadline_ms, 5000);
  EXPECT_EQ(node_type_info(NodeType::python_wasm).runtime, "pyodide");
  EXPECT_EQ(node_type_info(NodeType::qiskit).runtime, "pyodide");
  EXPECT_EQ(node_type_info(NodeType::python_wasm).pool, 1u);
  EXPECT_EQ(node_type_info(NodeType::spice).runtime, "ngspice");
  EXPECT_EQ(language_of(NodeType::qiskit), "python");
  EXPECT_EQ(language_of(NodeType::threejs), "javascript");
  EXPECT_EQ(language_of(NodeType::standard), "");
  EXPECT_TRUE(node_type_info(NodeType::standard).runtime.empty());
  EXPECT_TRUE(node_type_info(NodeType::compound).runtime.empty());
}

TEST(NodeTypes, JsonExportHasTheContractFields) {
  const auto table = node_type_table_json();
  ASSERT_EQ(table.size(), node_type_table().size());
  const auto& javascript = table[static_cast<std::size_t>(NodeType::javascript)];
  EXPECT_EQ(javascript, (json{{"type", "javascript"},
                              {"language", "javascript"},
                              {"runtime", "javascript"},
                              {"pool", 2},
                              {"deadline_ms", 5000.0}}));
  EXPECT_TRUE(table[0]["deadline_ms"].is_null());  // standard: no deadline
}

}  // namespace
}  // namespace llmos
