#include "plot_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace llmos::preview {

namespace {

void pad(Range& range, bool log_axis) {
  if (!(range.lo <= range.hi)) {
    range = log_axis ? Range{1, 10} : Range{0, 1};
    return;
  }
  if (range.hi == range.lo) {
    double delta = range.lo == 0 ? 1 : std::fabs(range.lo) * 0.1;
    if (log_axis) {
      range = {range.lo / 2, range.hi * 2};
    } else {
      range = {range.lo - delta, range.hi + delta};
    }
  }
}

}  // namespace

Bounds data_bounds(const Plot& plot) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Bounds bounds{{kInf, -kInf}, {kInf, -kInf}};
  bool bars = false;
  for (const Series& s : plot.series) {
    bars = bars || s.style == Series::Style::bars;
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      double x = s.x[i], y = s.y[i];
      if (!std::isfinite(x) || !std::isfinite(y) || (plot.x_log && x <= 0)) continue;
      bounds.x.lo = std::min(bounds.x.lo, x);
      bounds.x.hi = std::max(bounds.x.hi, x);
      bounds.y.lo = std::min(bounds.y.lo, y);
      bounds.y.hi = std::max(bounds.y.hi, y);
    }
  }
  if (plot.reference_y && std::isfinite(*plot.reference_y)) {
    bounds.y.lo = std::min(bounds.y.lo, *plot.reference_y);
    bounds.y.hi = std::max(bounds.y.hi, *plot.reference_y);
  }
  if (bars) {
    bounds.y.lo = std::min(bounds.y.lo, 0.0);
    bounds.x.lo -= 0.5;  // room for the first and last bar
    bounds.x.hi += 0.5;
  }
  pad(bounds.x, plot.x_log);
  pad(bounds.y, false);
  if (!bars) {  // a little air above and below the data
    double air = bounds.y.span() * 0.05;
    bounds.y.lo -= air;
    bounds.y.hi += air;
  }
  return bounds;
}

std::vector<double> nice_ticks(Range range, int max_ticks) {
  std::vector<double> ticks;
  if (!(range.hi > range.lo) || max_ticks < 2 || !std::isfinite(range.span())) return ticks;
  double raw = range.span() / double(max_ticks - 1);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw) break;
  }
  double first = std::ceil(range.lo / step - 1e-9) * step;
  for (double v = first; v <= range.hi + step * 1e-9; v += step) {
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    if (ticks.size() > std::size_t(max_ticks) * 2) break;
  }
  return ticks;
}

std::vector<double> log_ticks(Range range, int max_ticks) {
  std::vector<double> ticks;
  if (!(range.lo > 0) || !(range.hi > range.lo) || max_ticks < 2) return ticks;
  int first = int(std::ceil(std::log10(range.lo) - 1e-9));
  int last = int(std::floor(std::log10(range.hi) + 1e-9));
  int decades = last - first + 1;
  if (decades < 2) {  // 1-2-5 within the decade(s)
    for (int d = first - 1; d <= last; ++d) {
      for (double factor : {1.0, 2.0, 5.0}) {
        double v = factor * std::pow(10.0, d);
        if (v >= range.lo * (1 - 1e-9) && v <= range.hi * (1 + 1e-9)) ticks.push_back(v);
      }
    }
    return ticks;
  }
  int every = std::max(1, (decades + max_ticks - 1) / max_ticks);
  for (int d = first; d <= last; d += every) ticks.push_back(std::pow(10.0, d));
  return ticks;
}

std::string format_tick(double value, double step) {
  char buffer[32];
  double a = std::fabs(value);
  if (value != 0 && (a >= 1e6 || a < 1e-4)) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
  }
  int decimals = 0;
  if (step > 0 && step < 1) decimals = std::min(6, int(std::ceil(-std::log10(step) - 1e-9)));
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string format_si(double value, std::string_view unit) {
  static const struct {
    double scale;
    const char* prefix;
  } kPrefixes[] = {{1e9, "G"},  {1e6, "M"},  {1e3, "k"},  {1, ""},
                   {1e-3, "m"}, {1e-6, "u"}, {1e-9, "n"}, {1e-12, "p"}};
  char buffer[48];
  double a = std::fabs(value);
  for (const auto& p : kPrefixes) {
    if (a >= p.scale * 0.9995 || p.scale == 1e-12) {
      if (a == 0) {
        std::snprintf(buffer, sizeof buffer, "0 %.*s", int(unit.size()), unit.data());
      } else {
        std::snprintf(buffer, sizeof buffer, "%.3g %s%.*s", value / p.scale, p.prefix, int(unit.size()),
                      unit.data());
      }
      std::string text = buffer;
      while (!text.empty() && text.back() == ' ') text.pop_back();
      return text;
    }
  }
  return std::to_string(value);
}

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// The shortest of 15 or 17 significant digits that reads back as the same double.
std::string csv_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  if (std::strtod(buffer, nullptr) != value) std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

std::string plot_to_csv(const Plot& plot) {
  std::string csv;
  bool shared_x = !plot.series.empty();
  for (const Series& s : plot.series) shared_x = shared_x && s.x == plot.series.front().x;
  std::string x_name = plot.x_label.empty() ? "x" : plot.x_label;
  if (shared_x) {
    csv += csv_field(x_name);
    if (!plot.x_categories.empty()) csv += ",label";
    for (const Series& s : plot.series) {
      csv += ',';
      csv += csv_field(s.label.empty() ? "y" : s.label);
    }
    csv += "\n";
    const std::vector<double>& x = plot.series.front().x;
    for (std::size_t i = 0; i < x.size(); ++i) {
      csv += csv_number(x[i]);
      if (!plot.x_categories.empty()) {
        csv += ',';
        csv += csv_field(i < plot.x_categories.size() ? plot.x_categories[i] : "");
      }
      for (const Series& s : plot.series) {
        csv += ',';
        if (i < s.y.size()) csv += csv_number(s.y[i]);
      }
      csv += "\n";
    }
    return csv;
  }
  for (const std::string& cell : {std::string("series,"), csv_field(x_name), std::string(","),
                                  csv_field(plot.y_label.empty() ? "y" : plot.y_label), std::string("\n")})
    csv += cell;
  for (const Series& s : plot.series) {
    std::string label = csv_field(s.label);
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      csv += label;
      csv += ',';
      csv += csv_number(s.x[i]);
      csv += ',';
      csv += csv_number(s.y[i]);
      csv += '\n';
    }
  }
  return csv;
}

int nearest_point(const Series& series, double x) {
  std::size_t n = std::min(series.x.size(), series.y.size());
  if (n == 0) return -1;
  if (std::is_sorted(series.x.begin(), series.x.begin() + long(n))) {
    auto it = std::lower_bound(series.x.begin(), series.x.begin() + long(n), x);
    std::size_t i = std::size_t(it - series.x.begin());
    if (i == n) return int(n - 1);
    if (i > 0 && std::fabs(series.x[i - 1] - x) <= std::fabs(series.x[i] - x)) return int(i - 1);
    return int(i);
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (std::fabs(series.x[i] - x) < std::fabs(series.x[best] - x)) best = i;
  }
  return int(best);
}

}  // namespace llmos::preview
