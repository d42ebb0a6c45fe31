#include "node_widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace llmos::editor {
namespace {

// "#rrggbb" / "#rgb" -> 0..1 floats; false if not a colour.
bool parse_colour(const std::string& text, float rgb[3]) {
  unsigned r = 0, g = 0, b = 0;
  if (text.size() == 7 && std::sscanf(text.c_str(), "#%02x%02x%02x", &r, &g, &b) == 3) {
  } else if (text.size() == 4 && std::sscanf(text.c_str(), "#%1x%1x%1x", &r, &g, &b) == 3) {
    r *= 17, g *= 17, b *= 17;
  } else {
    return false;
  }
  rgb[0] = r / 255.0f, rgb[1] = g / 255.0f, rgb[2] = b / 255.0f;
  return true;
}

std::string format_colour(const float rgb[3]) {
  char text[8];
  auto byte = [](float v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
  std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(rgb[0]), byte(rgb[1]), byte(rgb[2]));
  return text;
}

void track(WidgetEdit& edit) {
  edit.activated = edit.activated || ImGui::IsItemActivated();
  edit.deactivated = edit.deactivated || ImGui::IsItemDeactivated();
}

// The JSON editor popup for structured values: edits text, applies when it parses.
// The button gets the widget's width: a button ignores SetNextItemWidth, and
// -1 would stretch it to the canvas window's edge, across other nodes.
void json_editor(const json& shown, WidgetEdit& edit, float width) {
  static char buffer[16384];
  static std::string parse_error;
  if (ImGui::Button(value_summary(shown).c_str(), ImVec2(width, 0))) {
    std::snprintf(buffer, sizeof buffer, "%s", shown.dump(2).c_str());
    parse_error.clear();
    ImGui::OpenPopup("json_editor");
  }
  if (ImGui::BeginPopup("json_editor")) {
    const float line = ImGui::GetTextLineHeight();
    ImGui::InputTextMultiline("##json", buffer, sizeof buffer, ImVec2(line * 24, line * 12));
    if (ImGui::Button("Apply")) {
      json parsed = json::parse(buffer, nullptr, false);
      if (parsed.is_discarded()) {
        parse_error = "not JSON";
      } else {
        edit.changed = true;
        edit.value = std::move(parsed);
        edit.activated = edit.deactivated = true;
        ImGui::CloseCurrentPopup();
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    if (!parse_error.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", parse_error.c_str());
    }
    ImGui::EndPopup();
  }
}

}  // namespace

bool has_value_widget(const Port& port) {
  return port.type != PortType::image && port.type != PortType::scene;
}

std::string value_summary(const json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) return "[" + std::to_string(value.size()) + " items]";
  if (value.is_object()) return value.contains("x") && value.contains("y") ? "{series}" : "{...}";
  std::string text = value.dump();
  return text.size() > 24 ? text.substr(0, 24) + "..." : text;
}

WidgetEdit draw_value_widget(const Port& port, const json& current, float width) {
  WidgetEdit edit;
  const json& shown = current.is_null() ? port.default_value : current;
  ImGui::SetNextItemWidth(width);
  switch (port.type) {
    case PortType::int_: {
      long long value = shown.is_number() ? shown.get<long long>() : 0;
      const long long low = port.min ? static_cast<long long>(*port.min) : 0;
      const long long high = port.max ? static_cast<long long>(*port.max) : 0;
      const float speed = port.step ? static_cast<float>(*port.step) * 0.25f : 0.25f;
      if (ImGui::DragScalar("##v", ImGuiDataType_S64, &value, speed, port.min ? &low : nullptr,
                            port.max ? &high : nullptr, "%lld", ImGuiSliderFlags_AlwaysClamp)) {
        edit.changed = true;
        edit.value = value;
      }
      break;
    }
    case PortType::float_: {
      double value = shown.is_number() ? shown.get<double>() : 0.0;
      const double low = port.min.value_or(0), high = port.max.value_or(0);
      float speed = port.step ? static_cast<float>(*port.step) * 0.25f : 0.0f;
      if (speed == 0)
        speed = port.min && port.max ? static_cast<float>((high - low) / 400)
                                     : static_cast<float>(std::max(std::abs(value) * 0.005, 0.001));
      if (ImGui::DragScalar("##v", ImGuiDataType_Double, &value, speed, port.min ? &low : nullptr,
                            port.max ? &high : nullptr, "%.4g", ImGuiSliderFlags_AlwaysClamp)) {
        if (port.step && *port.step > 0) value = std::round(value / *port.step) * *port.step;
        edit.changed = true;
        edit.value = value;
      }
      break;
    }
    case PortType::bool_: {
      bool value = shown.is_boolean() && shown.get<bool>();
      if (ImGui::Checkbox("##v", &value)) {
        edit.changed = true;
        edit.value = value;
      }
      break;
    }
    case PortType::enum_: {
      const std::string value = shown.is_string() ? shown.get<std::string>() : std::string();
      if (ImGui::BeginCombo("##v", value.c_str())) {
        for (const std::string& option : port.options)
          if (ImGui::Selectable(option.c_str(), option == value)) {
            edit.changed = option != value;
            edit.value = option;
          }
        ImGui::EndCombo();
      }
      break;
    }
    case PortType::color: {
      float rgb[3] = {0.5f, 0.5f, 0.5f};
      if (shown.is_string()) parse_colour(shown.get<std::string>(), rgb);
      if (ImGui::ColorEdit3("##v", rgb, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel)) {
        edit.changed = true;
        edit.value = format_colour(rgb);
      }
      ImGui::SameLine();
      ImGui::TextUnformatted(shown.is_string() ? shown.get<std::string>().c_str() : "");
      break;
    }
    case PortType::string:
    case PortType::svg:
    case PortType::netlist: {
      char buffer[512];
      std::snprintf(buffer, sizeof buffer, "%s", shown.is_string() ? shown.get<std::string>().c_str() : "");
      if (ImGui::InputText("##v", buffer, sizeof buffer)) {
        edit.changed = true;
        edit.value = std::string(buffer);
      }
      break;
    }
    case PortType::image:
    case PortType::scene:
      ImGui::TextDisabled("connect an input");
      return edit;
    case PortType::array:
    case PortType::object:
    case PortType::series:
    case PortType::any:
      json_editor(shown, edit, width);
      break;
  }
  track(edit);
  if (ImGui::BeginPopupContextItem("value_menu")) {
    if (ImGui::MenuItem("Reset to default", nullptr, false, !current.is_null())) {
      edit.changed = true;
      edit.value = json();
      edit.activated = edit.deactivated = true;
    }
    ImGui::EndPopup();
  }
  return edit;
}

}  // namespace llmos::editor
