#include "palette.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace llmos::editor {
namespace {

bool contains_case_insensitive(const std::string& text, const char* needle) {
  const std::string wanted(needle);
  if (wanted.empty()) return true;
  auto lower = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
  return std::search(text.begin(), text.end(), wanted.begin(), wanted.end(), [&](char a, char b) {
           return lower(static_cast<unsigned char>(a)) == lower(static_cast<unsigned char>(b));
         }) != text.end();
}

bool matches(const Skill& skill, const char* filter) {
  if (contains_case_insensitive(skill.name, filter) || contains_case_insensitive(skill.skill_id, filter))
    return true;
  return std::any_of(skill.keywords.begin(), skill.keywords.end(),
                     [&](const std::string& keyword) { return contains_case_insensitive(keyword, filter); });
}

void draw_skill_row(PaletteState& state, const Skill& skill, float ui_scale) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float chip = 8.0f * ui_scale;
  const float line = ImGui::GetTextLineHeight();
  draw->AddRectFilled(ImVec2(at.x, at.y + (line - chip) / 2), ImVec2(at.x + chip, at.y + (line + chip) / 2),
                      node_type_colour(skill.type), 2.0f * ui_scale);
  ImGui::SetCursorScreenPos(ImVec2(at.x + chip * 1.8f, at.y));
  ImGui::Selectable(skill.name.empty() ? skill.skill_id.c_str() : skill.name.c_str(), false,
                    ImGuiSelectableFlags_AllowDoubleClick);
  if (ImGui::IsItemVisible()) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    state.item_centres[skill.skill_id] = ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2);
  }
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
    state.activated_skill = skill.skill_id;
  // Drag onto the canvas: the node is created where it drops.
  if (ImGui::BeginDragDropSource()) {
    ImGui::SetDragDropPayload(kSkillPayloadType, skill.skill_id.c_str(), skill.skill_id.size() + 1);
    ImGui::TextUnformatted(skill.name.empty() ? skill.skill_id.c_str() : skill.name.c_str());
    ImGui::EndDragDropSource();
  }
  if (ImGui::IsItemHovered()) {
    state.hovered_skill = skill.skill_id;
    ImGui::BeginTooltip();
    ImGui::Text("%s  (%s)", skill.skill_id.c_str(), std::string(to_string(skill.type)).c_str());
    ImGui::PushTextWrapPos(360.0f * ui_scale);
    ImGui::TextUnformatted(skill.description.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace

unsigned int node_type_colour(NodeType type) {
  switch (type) {
    case NodeType::python_wasm:
      return IM_COL32(66, 135, 245, 255);
    case NodeType::qiskit:
      return IM_COL32(165, 105, 245, 255);
    case NodeType::javascript:
      return IM_COL32(240, 200, 60, 255);
    case NodeType::threejs:
      return IM_COL32(60, 200, 160, 255);
    case NodeType::spice:
      return IM_COL32(245, 120, 60, 255);
    case NodeType::compound:
      return IM_COL32(220, 90, 150, 255);
    case NodeType::standard:
      break;
  }
  return IM_COL32(140, 140, 150, 255);
}

void draw_palette(PaletteState& state, const SkillLibrary& library, float ui_scale) {
  state.hovered_skill.clear();
  state.item_centres.clear();
  ImGui::TextDisabled("SKILLS (%zu)", library.size());
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##filter", "Filter by name or keyword", state.filter, sizeof state.filter);
  {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    state.item_centres["#filter"] = ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2);
  }

  std::map<std::string, std::vector<const Skill*>> by_category;
  std::vector<const Skill*> guides;
  for (const LibraryEntry* entry : library.list()) {
    const Skill& skill = entry->skill;
    if (!matches(skill, state.filter)) continue;
    if (skill.is_executable())
      by_category[skill.category.empty() ? "other" : skill.category].push_back(&skill);
    else
      guides.push_back(&skill);
  }
  ImGui::BeginChild("palette_list");
  for (const auto& [category, skills] : by_category) {
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::TreeNode(category.c_str(), "%s (%zu)", category.c_str(), skills.size())) {
      for (const Skill* skill : skills) draw_skill_row(state, *skill, ui_scale);
      ImGui::TreePop();
    }
  }
  if (!guides.empty() && ImGui::TreeNode("guides", "guides (%zu)", guides.size())) {
    for (const Skill* skill : guides) draw_skill_row(state, *skill, ui_scale);
    ImGui::TreePop();
  }
  if (by_category.empty() && guides.empty()) ImGui::TextDisabled("No skill matches '%s'", state.filter);
  ImGui::EndChild();
}

}  // namespace llmos::editor
