#include "inspector.hpp"

#include "run_view.hpp"

#include "node_widgets.hpp"
#include "preview_draw.hpp"

#include <imgui.h>

namespace llmos::editor {
namespace {

void port_table(const char* id, const std::vector<Port>& ports, const json* values) {
  if (ports.empty()) return;
  if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  for (const Port& port : ports) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(port.name.c_str());
    if (port.required) {
      ImGui::SameLine();
      ImGui::TextDisabled("*");
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", std::string(to_string(port.type)).c_str());
    ImGui::TableNextColumn();
    if (values && values->contains(port.name))
      ImGui::TextUnformatted(value_summary((*values)[port.name]).c_str());
    else if (!port.default_value.is_null())
      ImGui::TextDisabled("%s", value_summary(port.default_value).c_str());
    if (!port.description.empty() && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", port.description.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void draw_inspector(AppState& state, const SkillLibrary& library) {
  const auto selected = selected_in_order(state.canvas, state.document.graph());
  if (selected.size() != 1) {
    ImGui::TextDisabled(selected.empty() ? "Select a node to inspect it." : "%zu nodes selected.",
                        selected.size());
    return;
  }
  const Node* node = state.document.find_node(selected[0]);
  if (!node) return;
  ImGui::Text("Node  %s", node->id.value.c_str());
  const LibraryEntry* entry = library.find_entry(node->skill_id);
  if (!entry) {
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "Unknown skill '%s'", node->skill_id.c_str());
    ImGui::TextWrapped(
        "This page has no such skill. The node is kept, with the ports its file uses, and saved as it was.");
    return;
  }
  const Skill& skill = entry->skill;
  ImGui::TextWrapped("%s", skill.name.c_str());
  ImGui::TextDisabled("%s  |  %s  |  %s volume", skill.skill_id.c_str(),
                      std::string(to_string(skill.type)).c_str(),
                      std::string(to_string(entry->volume)).c_str());
  if (!skill.description.empty()) ImGui::TextWrapped("%s", skill.description.c_str());
  state.skill_editor.open_button = ImVec2(0, 0);
  if (!skill.source_text.empty()) {
    if (ImGui::Button("Edit a copy")) open_skill_copy(state.skill_editor, node->id, skill, library);
    state.skill_editor.open_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                                            (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Opens this skill's file as a new user skill: edit it, save, and this node uses it.");
  }
  ImGui::Separator();
  ImGui::TextDisabled("INPUTS");
  port_table("inputs", skill.inputs, &node->input_values);
  ImGui::TextDisabled("OUTPUTS");
  port_table("outputs", skill.outputs, nullptr);
  ImGui::Separator();
  ImGui::TextDisabled("RUN");
  run::draw_node_run_menu_items(node->id.value);
  if (ImGui::CollapsingHeader("Log")) run::draw_node_log(node->id.value, 140 * state.ui_scale);
  if (skill.code && ImGui::CollapsingHeader("Code")) {
    if (ImFont* mono = preview::monospace_font()) ImGui::PushFont(mono);
    ImGui::TextUnformatted(skill.code->code.c_str());
    if (preview::monospace_font()) ImGui::PopFont();
  }
}

}  // namespace llmos::editor
