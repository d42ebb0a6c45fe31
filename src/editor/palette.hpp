// The skill palette: the library's executable skills grouped by category,
// with a filter box. Standard skills are listed separately as context only.
#pragma once

#include "llmos/skill_library.hpp"

#include <imgui.h>

#include <string>
#include <unordered_map>

namespace llmos::editor {

struct PaletteState {
  char filter[64] = "";
  bool show_guides = false;
  std::string hovered_skill;  // id under the mouse, for the status bar
  // Centre of each skill row drawn last frame, in screen pixels (the debug
  // API's paletteItemPosition; rows scrolled out of view are absent).
  std::unordered_map<std::string, ImVec2> item_centres;
  // A skill double-clicked in the palette: the app adds it at the view's centre.
  std::string activated_skill;
};

// Drag-and-drop payload type of a palette row (the skill id, NUL-terminated).
inline constexpr const char* kSkillPayloadType = "LLMOS_SKILL";

// Colour of a node type's chip (also used for node headers later).
unsigned int node_type_colour(NodeType type);

// Draws the palette into the current window region.
void draw_palette(PaletteState& state, const SkillLibrary& library, float ui_scale);

}  // namespace llmos::editor
