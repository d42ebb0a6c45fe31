// The editor's graph <-> the workflow file (docs/WORKFLOW.md): positions,
// sizes and collapse in each node's "ui"; viewport, frames and reroutes in
// the root "ui"; a format "version" with a migration for older files. What
// the editor does not know is kept and written back.
#pragma once

#include "graph.hpp"

#include "llmos/diagnostic.hpp"
#include "llmos/workflow.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace llmos::editor {

// Version 1: files without "version" (positions maybe as {x, y} objects or
// on the node itself). Version 2: the format documented in docs/WORKFLOW.md.
inline constexpr int kWorkflowFormatVersion = 2;

// Rewrites an older document into the current shape, in place; returns the
// version it had. A newer version is read as is with a warning.
int migrate_workflow_json(json& document, Diagnostics& diagnostics);

// nullopt only when the document is not a workflow at all (not an object,
// or not JSON). Shape problems are reported and what could be read is kept.
std::optional<Graph> graph_from_workflow_json(json document, Diagnostics& diagnostics,
                                              const std::string& file = {});
std::optional<Graph> graph_from_workflow_text(std::string_view text, Diagnostics& diagnostics,
                                              const std::string& file = {});

// The file the core and executeWorkflow read, nodes in a stable topological
// order (ties keep the document's order).
json graph_to_workflow_json(const Graph& graph);
// The same as the core's model, for validate() and runs.
Workflow graph_to_workflow(const Graph& graph);

}  // namespace llmos::editor
