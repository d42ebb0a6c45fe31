#include "link_summary.hpp"

#include "preview.hpp"

#include <algorithm>
#include <string_view>

namespace llmos::run {
namespace {

std::string count_of(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string quoted_excerpt(const std::string& text) {
  constexpr std::size_t kShown = 24;
  std::string shown = text.substr(0, text.find('\n'));
  if (shown.size() > kShown) shown = shown.substr(0, kShown) + "...";
  return "\"" + shown + "\" (" + count_of(text.size(), "char", "chars") + ")";
}

// The type a value is named by: the declared one when it fits, else its shape.
PortType shape_of(PortType declared, const json& value) {
  if (declared != PortType::any && value_matches_type(value, declared)) return declared;
  if (value.is_boolean()) return PortType::bool_;
  if (value.is_number_integer()) return PortType::int_;
  if (value.is_number()) return PortType::float_;
  if (value.is_string()) return PortType::string;
  if (value.is_array()) return PortType::array;
  if (value.is_object() && value.value("type", std::string()) == "scene") return PortType::scene;
  if (preview::series_plot(value, "")) return PortType::series;
  return PortType::object;
}

}  // namespace

std::string link_value_summary(PortType declared, const json* value) {
  const std::string declared_name(to_string(declared));
  if (!value || value->is_null()) return declared_name + ": no value yet (run the workflow)";
  const json& v = *value;
  const PortType type = shape_of(declared, v);
  const std::string name(to_string(type));
  switch (type) {
    case PortType::float_:
    case PortType::int_:
      return name + " " + preview::format_number(v.get<double>());
    case PortType::bool_:
      return name + " " + (v.get<bool>() ? "true" : "false");
    case PortType::image: {
      const auto [width, height] = preview::png_size(v.get_ref<const std::string&>());
      if (width > 0) return "image " + std::to_string(width) + "x" + std::to_string(height) + " PNG";
      return "image (" + count_of(v.get_ref<const std::string&>().size(), "byte", "bytes") + " of base64)";
    }
    case PortType::svg: {
      const auto [width, height] = preview::svg_size(v.get_ref<const std::string&>());
      if (width > 0) return "svg " + std::to_string(width) + "x" + std::to_string(height);
      return "svg (" + count_of(v.get_ref<const std::string&>().size(), "char", "chars") + ")";
    }
    case PortType::netlist: {
      const auto& text = v.get_ref<const std::string&>();
      return "netlist " + count_of(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                                       (!text.empty() && text.back() != '\n'),
                                   "line", "lines");
    }
    case PortType::string:
    case PortType::enum_:
    case PortType::color:
      return name + " " + quoted_excerpt(v.get<std::string>());
    case PortType::scene: {
      const auto objects = v.find("objects");
      return "scene " +
             count_of(objects != v.end() && objects->is_array() ? objects->size() : 0, "object", "objects");
    }
    case PortType::series: {
      if (const auto plot = preview::series_plot(v, "")) {
        const std::string points = count_of(plot->max_points(), "point", "points");
        return plot->series.size() > 1 ? "series " + std::to_string(plot->series.size()) + " x " + points
                                       : "series " + points;
      }
      return "series " + count_of(v.size(), "item", "items");
    }
    case PortType::array:
      return "array " + count_of(v.size(), "item", "items");
    case PortType::object:
    case PortType::any:
      break;
  }
  return "object " + count_of(v.size(), "key", "keys");
}

}  // namespace llmos::run
