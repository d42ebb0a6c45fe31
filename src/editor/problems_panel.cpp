#include "problems_panel.hpp"

#include <imgui.h>

namespace llmos::editor {

void draw_problems_panel(AppState& state) {
  ImGui::TextDisabled("PROBLEMS (%zu errors, %zu warnings)", state.problems.error_count(),
                      state.problems.warning_count());
  int row = 0;
  for (const Diagnostic& diagnostic : state.problems) {
    ImGui::PushID(row++);
    const bool error = diagnostic.severity == Severity::error;
    ImGui::TextColored(error ? ImVec4(1, 0.45f, 0.45f, 1) : ImVec4(1, 0.8f, 0.4f, 1), "%s",
                       error ? "error" : "warning");
    ImGui::SameLine();
    const std::string text =
        diagnostic.message + "   [" + diagnostic.code + "]  " + diagnostic.where.json_pointer;
    if (ImGui::Selectable(text.c_str()) && !diagnostic.where.node_id.empty()) {
      const NodeId node(diagnostic.where.node_id);
      if (state.document.find_node(node)) {
        select_only(state.canvas, {node});
        frame_nodes(state.canvas, state.document, true);
      }
    }
    ImGui::PopID();
  }
}

}  // namespace llmos::editor
