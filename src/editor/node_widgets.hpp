// Parameter widgets for an unconnected input, chosen by the port's declared
// type: int/float drags honouring min/max/step, bool, string, enum combo,
// colour, and a JSON editor for arrays, objects and series. A right click
// offers "Reset to default".
#pragma once

#include "llmos/skill.hpp"

#include <imgui.h>

namespace llmos::editor {

struct WidgetEdit {
  bool changed = false;      // `value` holds the new value (null = reset to default)
  bool activated = false;    // a drag or edit started this frame
  bool deactivated = false;  // ... and ended
  json value;
};

// Draws the widget for `port` showing `current` (null = the default) in
// `width` screen pixels at the cursor. ImGui ids must be pushed by the caller.
WidgetEdit draw_value_widget(const Port& port, const json& current, float width);

// The value shown as text (level of detail when zoomed out, inspector).
std::string value_summary(const json& value);

// Whether a port's type has an inline widget (image and scene inputs need a link).
bool has_value_widget(const Port& port);

}  // namespace llmos::editor
