// The skill palette: the library's executable skills grouped by category,
// with a filter box. Standard skills are listed separately as context only.
#pragma once

#include "llmos/skill_library.hpp"

#include <string>

namespace llmos::editor {

struct PaletteState {
  char filter[64] = "";
  bool show_guides = false;
  std::string hovered_skill;  // id under the mouse, for the status bar
};

// Colour of a node type's chip (also used for node headers later).
unsigned int node_type_colour(NodeType type);

// Draws the palette into the current window region.
void draw_palette(PaletteState& state, const SkillLibrary& library, float ui_scale);

}  // namespace llmos::editor
