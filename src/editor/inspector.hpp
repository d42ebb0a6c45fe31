// The inspector: the selected node's skill (description, ports with types,
// volume, code) and its id.
#pragma once

#include "app.hpp"

namespace llmos::editor {

void draw_inspector(AppState& state, const SkillLibrary& library);

}  // namespace llmos::editor
