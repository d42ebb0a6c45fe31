// The problems panel: the core's validation diagnostics for the open
// workflow; a click selects the node a problem names and brings it into view.
#pragma once

#include "app.hpp"

namespace llmos::editor {

void draw_problems_panel(AppState& state);

}  // namespace llmos::editor
