// The classifier and the extraction (preview.hpp).
//
// [SECTION] Small helpers (numbers, labels, hashes, image headers)
// [SECTION] Series and spice vectors
// [SECTION] One output -> one view
// [SECTION] The preview: views in order and the words

#include "preview.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <numbers>
#include <regex>

namespace llmos::preview {

// ---------------------------------------------------------------------------
// [SECTION] Small helpers
// ---------------------------------------------------------------------------

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::none:
      return "none";
    case Kind::number:
      return "number";
    case Kind::text:
      return "text";
    case Kind::table:
      return "table";
    case Kind::json:
      return "json";
    case Kind::plot:
      return "plot";
    case Kind::image:
      return "image";
    case Kind::waveform:
      return "waveform";
    case Kind::bode:
      return "bode";
    case Kind::scene:
      return "scene";
    case Kind::circuit:
      return "circuit";
    case Kind::bloch:
      return "bloch";
  }
  return "none";
}

std::size_t Plot::max_points() const {
  std::size_t most = 0;
  for (const Series& s : series) most = std::max(most, s.y.size());
  return most;
}

std::string_view source_export_label(const View& view) {
  if (view.export_name.ends_with(".qasm")) return "Export OpenQASM 2";
  if (view.export_name.ends_with(".cir")) return "Export netlist";
  return {};
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return value != value ? "NaN" : (value > 0 ? "inf" : "-inf");
  char buffer[32];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.7g", value);
  }
  return buffer;
}

std::string port_label(std::string_view name) {
  std::string label(name);
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = char(label[0] - 'a' + 'A');
  return label;
}

std::uint64_t content_hash(std::string_view bytes) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

namespace {

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// The first `count` bytes of base64 text (fewer when it is shorter or bad).
std::vector<unsigned char> base64_prefix(std::string_view text, std::size_t count) {
  std::vector<unsigned char> bytes;
  unsigned bits = 0;
  int held = 0;
  for (char c : text) {
    int digit = base64_digit(c);
    if (digit < 0) break;
    bits = (bits << 6) | unsigned(digit);
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes.push_back(static_cast<unsigned char>((bits >> held) & 0xff));
      if (bytes.size() == count) break;
    }
  }
  return bytes;
}

}  // namespace

std::pair<int, int> png_size(std::string_view base64) {
  auto bytes = base64_prefix(base64, 24);
  static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (bytes.size() < 24 || std::memcmp(bytes.data(), kSignature, 8) != 0 ||
      std::memcmp(bytes.data() + 12, "IHDR", 4) != 0) {
    return {0, 0};
  }
  auto be32 = [&](int at) {
    return int((unsigned(bytes[at]) << 24) | (unsigned(bytes[at + 1]) << 16) |
               (unsigned(bytes[at + 2]) << 8) | unsigned(bytes[at + 3]));
  };
  return {be32(16), be32(20)};
}

std::pair<int, int> svg_size(std::string_view svg) {
  std::size_t open = svg.find("<svg");
  if (open == std::string_view::npos) return {0, 0};
  std::size_t close = svg.find('>', open);
  std::string tag(svg.substr(open, close == std::string_view::npos ? std::string_view::npos : close - open));
  auto attribute = [&](const char* name) -> double {
    std::regex pattern(std::string("\\s") + name + "\\s*=\\s*[\"']\\s*([0-9.]+)");
    std::smatch match;
    return std::regex_search(tag, match, pattern) ? std::atof(match[1].str().c_str()) : 0.0;
  };
  double width = attribute("width"), height = attribute("height");
  if (width <= 0 || height <= 0) {
    std::smatch match;
    std::regex view_box("viewBox\\s*=\\s*[\"']\\s*[-0-9.]+[\\s,]+[-0-9.]+[\\s,]+([0-9.]+)[\\s,]+([0-9.]+)");
    if (std::regex_search(tag, match, view_box)) {
      width = std::atof(match[1].str().c_str());
      height = std::atof(match[2].str().c_str());
    }
  }
  return {int(std::lround(width)), int(std::lround(height))};
}

namespace {

bool is_number(const json& value) { return value.is_number(); }

bool is_numeric_array(const json& value) {
  if (!value.is_array()) return false;
  for (const json& item : value) {
    if (!item.is_number()) return false;
  }
  return true;
}

std::vector<double> to_doubles(const json& array) {
  std::vector<double> out;
  out.reserve(array.size());
  for (const json& item : array) out.push_back(item.get<double>());
  return out;
}

std::string string_or(const json& object, const char* key, std::string fallback = {}) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return true;
}

bool contains_word(std::string_view text, std::string_view word) {
  std::string lower(text);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(word) != std::string::npos;
}

// Bit strings as keys ("00", "101") and counts or probabilities as values.
bool is_outcome_map(const json& value) {
  if (!value.is_object() || value.empty()) return false;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& key = it.key();
    if (key.empty() || key.find_first_not_of("01") != std::string::npos || !it->is_number() ||
        it->get<double>() < 0) {
      return false;
    }
  }
  return true;
}

bool is_scalar(const json& value) {
  if (value.is_number() || value.is_boolean()) return true;
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return text.size() <= 48 && text.find('\n') == std::string::npos;
  }
  return false;
}

std::string scalar_text(const json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return format_number(value.get<double>());
  return value.get<std::string>();
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] Series and spice vectors
// ---------------------------------------------------------------------------

std::optional<Plot> series_plot(const json& value, std::string_view fallback_label) {
  if (!value.is_object()) return std::nullopt;
  auto x = value.find("x");
  auto y = value.find("y");
  if (x == value.end() || y == value.end() || !is_numeric_array(*x) || !is_numeric_array(*y) ||
      x->size() != y->size()) {
    return std::nullopt;
  }
  Plot plot;
  plot.title = string_or(value, "title");
  plot.x_label = string_or(value, "x_label");
  plot.y_label = string_or(value, "y_label");
  plot.x_log = string_or(value, "x_scale") == "log";
  Series main;
  main.label = string_or(value, "label", std::string(fallback_label));
  main.x = to_doubles(*x);
  main.y = to_doubles(*y);
  if (string_or(value, "kind") == "scatter") main.style = Series::Style::markers;
  if (string_or(value, "kind") == "bar") main.style = Series::Style::bars;
  plot.series.push_back(std::move(main));
  // Extra arrays of the same length are more traces over the same x
  // ("input_y" of the rectifier: the input sine next to the output).
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key() == "x" || it.key() == "y" || !is_numeric_array(*it) || it->size() != x->size()) continue;
    Series extra;
    std::string name = it.key();
    if (name.size() > 2 && name.ends_with("_y")) name.resize(name.size() - 2);
    extra.label = name;
    extra.x = plot.series.front().x;
    extra.y = to_doubles(*it);
    plot.series.push_back(std::move(extra));
  }
  auto exact = value.find("exact");
  if (exact != value.end() && exact->is_number()) {
    plot.reference_y = exact->get<double>();
    plot.reference_label = "exact";
  }
  return plot;
}

std::optional<double> minus_3db_frequency(const Series& magnitude_db) {
  if (magnitude_db.y.empty()) return std::nullopt;
  double peak = *std::max_element(magnitude_db.y.begin(), magnitude_db.y.end());
  double level = peak - 3.0103;
  std::size_t top =
      std::size_t(std::max_element(magnitude_db.y.begin(), magnitude_db.y.end()) - magnitude_db.y.begin());
  // The first fall below the level after the peak (low-pass), else before it (high-pass).
  for (std::size_t i = top + 1; i < magnitude_db.y.size(); ++i) {
    if (magnitude_db.y[i] <= level) {
      double y0 = magnitude_db.y[i - 1], y1 = magnitude_db.y[i];
      double t = y0 == y1 ? 0 : (y0 - level) / (y0 - y1);
      double l0 = std::log10(magnitude_db.x[i - 1]), l1 = std::log10(magnitude_db.x[i]);
      return std::pow(10.0, l0 + t * (l1 - l0));
    }
  }
  for (std::size_t i = top; i > 0; --i) {
    if (magnitude_db.y[i - 1] <= level) {
      double y0 = magnitude_db.y[i - 1], y1 = magnitude_db.y[i];
      double t = y0 == y1 ? 0 : (level - y0) / (y1 - y0);
      double l0 = std::log10(magnitude_db.x[i - 1]), l1 = std::log10(magnitude_db.x[i]);
      return std::pow(10.0, l0 + t * (l1 - l0));
    }
  }
  return std::nullopt;
}

std::optional<View> spice_vectors_view(const json& vectors, std::string_view port) {
  if (!vectors.is_object()) return std::nullopt;
  std::string scale;
  for (const char* name : {"time", "frequency", "v-sweep", "i-sweep"}) {
    if (vectors.contains(name) && is_numeric_array(vectors[name])) {
      scale = name;
      break;
    }
  }
  auto is_vector_name = [](const std::string& name) {
    return name.starts_with("v(") || name.starts_with("i(") || name == "time" || name == "frequency" ||
           name.ends_with("-sweep");
  };
  for (auto it = vectors.begin(); it != vectors.end(); ++it) {
    if (!is_vector_name(it.key())) return std::nullopt;
  }
  View view;
  view.ports = {std::string(port)};
  view.title = std::string(port);
  if (scale.empty()) {  // .op: one value per vector
    view.kind = Kind::number;
    for (auto it = vectors.begin(); it != vectors.end(); ++it) {
      const json& v = *it;
      double value = is_numeric_array(v) && !v.empty() ? v.front().get<double>() : NAN;
      view.scalars.push_back(
          {it.key(), it.key(), format_number(value), it.key().starts_with("i(") ? "A" : "V", true});
    }
    return view;
  }
  std::vector<double> x = to_doubles(vectors[scale]);
  if (scale == "frequency") {
    Plot magnitude, phase;
    magnitude.x_log = phase.x_log = true;
    magnitude.x_label = phase.x_label = "frequency (Hz)";
    magnitude.y_label = "magnitude (dB)";
    phase.y_label = "phase (deg)";
    for (auto it = vectors.begin(); it != vectors.end(); ++it) {
      if (it.key() == scale) continue;
      const json& v = *it;
      if (!v.is_object() || !is_numeric_array(v.value("re", json())) ||
          !is_numeric_array(v.value("im", json())))
        continue;
      std::vector<double> re = to_doubles(v["re"]), im = to_doubles(v["im"]);
      if (re.size() != x.size() || im.size() != x.size()) continue;
      Series db, degrees;
      db.label = degrees.label = it.key();
      db.x = degrees.x = x;
      for (std::size_t i = 0; i < x.size(); ++i) {
        db.y.push_back(20.0 * std::log10(std::max(std::hypot(re[i], im[i]), 1e-300)));
        degrees.y.push_back(std::atan2(im[i], re[i]) * 180.0 / std::numbers::pi);
      }
      magnitude.series.push_back(std::move(db));
      phase.series.push_back(std::move(degrees));
    }
    if (magnitude.series.empty()) return std::nullopt;
    view.kind = Kind::bode;
    view.panes = {std::move(magnitude), std::move(phase)};
    return view;
  }
  Plot plot;
  plot.x_label = scale == "time" ? "time (s)" : scale;
  for (auto it = vectors.begin(); it != vectors.end(); ++it) {
    if (it.key() == scale || !is_numeric_array(*it) || it->size() != x.size()) continue;
    Series trace;
    trace.label = it.key();
    trace.x = x;
    trace.y = to_doubles(*it);
    plot.series.push_back(std::move(trace));
  }
  if (plot.series.empty()) return std::nullopt;
  view.kind = scale == "time" ? Kind::waveform : Kind::plot;
  view.panes = {std::move(plot)};
  return view;
}

namespace {

// A series against frequency: Bode material.
bool is_frequency_plot(const Plot& plot) { return plot.x_log || starts_with_word(plot.x_label, "freq"); }

bool is_phase_plot(const Plot& plot) {
  return contains_word(plot.y_label, "phase") || contains_word(plot.y_label, "deg");
}

// A magnitude pane in dB: as is when the label says dB, else 20 log10 of a
// positive gain; nullopt when neither.
std::optional<Plot> as_decibels(const Plot& plot) {
  if (contains_word(plot.y_label, "db")) return plot;
  Plot db = plot;
  for (Series& s : db.series) {
    for (double& y : s.y) {
      if (!(y > 0)) return std::nullopt;
      y = 20.0 * std::log10(y);
    }
  }
  db.y_label = plot.y_label.empty() ? "gain (dB)" : plot.y_label + " (dB)";
  return db;
}

// ---------------------------------------------------------------------------
// [SECTION] One output -> one view
// ---------------------------------------------------------------------------

// The order views are shown in: the first is the node's preview.
int rank(Kind kind) {
  switch (kind) {
    case Kind::scene:
      return 0;
    case Kind::image:
      return 1;
    case Kind::bode:
      return 2;
    case Kind::waveform:
      return 3;
    case Kind::plot:
      return 4;
    case Kind::bloch:
      return 5;
    case Kind::table:
      return 6;
    case Kind::circuit:
      return 7;
    case Kind::number:
      return 8;
    case Kind::text:
      return 9;
    case Kind::json:
      return 10;
    case Kind::none:
      return 11;
  }
  return 11;
}

const Port* find_port(const std::vector<Port>& ports, const std::string& name) {
  for (const Port& port : ports) {
    if (port.name == name) return &port;
  }
  return nullptr;
}

// Records with at least one key each, all objects: a table.
std::optional<Table> records_table(const json& value) {
  if (!value.is_array() || value.empty()) return std::nullopt;
  Table table;
  for (const json& row : value) {
    if (!row.is_object() || row.empty()) return std::nullopt;
    for (auto it = row.begin(); it != row.end(); ++it) {
      if (std::find(table.columns.begin(), table.columns.end(), it.key()) == table.columns.end())
        table.columns.push_back(it.key());
    }
  }
  table.total_rows = value.size();
  for (const json& row : value) {
    if (table.rows.size() == kMaxTableRows) break;
    std::vector<std::string> cells;
    for (const std::string& column : table.columns) {
      auto cell = row.find(column);
      if (cell == row.end())
        cells.emplace_back();
      else if (is_scalar(*cell) || cell->is_string())
        cells.push_back(scalar_text(*cell));
      else if (cell->is_null())
        cells.emplace_back("null");
      else
        cells.push_back(cell->dump());
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

// Quantum amplitudes: records with basis and probability (re/im or phase).
std::optional<Plot> amplitude_bars(const json& value) {
  if (!value.is_array() || value.empty()) return std::nullopt;
  Plot plot;
  Series bars;
  bars.label = "probability";
  bars.style = Series::Style::bars;
  for (const json& row : value) {
    if (!row.is_object() || !row.contains("basis") || !row.contains("probability") ||
        !row["probability"].is_number())
      return std::nullopt;
    double phase = 0;
    if (row.contains("re") && row.contains("im") && row["re"].is_number() && row["im"].is_number())
      phase = std::atan2(row["im"].get<double>(), row["re"].get<double>());
    else if (row.contains("phase") && row["phase"].is_number())
      phase = row["phase"].get<double>();
    bars.x.push_back(double(bars.x.size()));
    bars.y.push_back(row["probability"].get<double>());
    bars.bar_phase.push_back(phase);
    plot.x_categories.push_back(scalar_text(row["basis"]));
  }
  plot.x_label = "basis state (colour: phase)";
  plot.y_label = "probability";
  plot.series.push_back(std::move(bars));
  return plot;
}

// A statevector as [[re, im], ...] (length 2^n): bars of probability by phase,
// labelled with basis states (qubit 0 rightmost). Long vectors keep only the
// states with weight, as an inspector would.
std::optional<Plot> statevector_bars(const json& value) {
  if (!value.is_array() || value.size() < 2 || (value.size() & (value.size() - 1)) != 0) return std::nullopt;
  for (const json& item : value) {
    if (!item.is_array() || item.size() != 2 || !item[0].is_number() || !item[1].is_number())
      return std::nullopt;
  }
  int qubits = 0;
  while ((std::size_t(1) << qubits) < value.size()) ++qubits;
  const bool all = value.size() <= 16;
  Plot plot;
  Series bars;
  bars.label = "probability";
  bars.style = Series::Style::bars;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const double re = value[i][0].get<double>(), im = value[i][1].get<double>();
    const double probability = re * re + im * im;
    if (!all && probability < 1e-12) continue;
    std::string basis(std::size_t(qubits), '0');
    for (int q = 0; q < qubits; ++q)
      if (i >> q & 1) basis[std::size_t(qubits - 1 - q)] = '1';
    bars.x.push_back(double(bars.x.size()));
    bars.y.push_back(probability);
    bars.bar_phase.push_back(probability > 1e-24 ? std::atan2(im, re) : 0.0);
    plot.x_categories.push_back(std::move(basis));
  }
  plot.x_label = "basis state (colour: phase)";
  plot.y_label = "probability";
  plot.series.push_back(std::move(bars));
  return plot;
}

// Bloch vectors: [x, y, z], or one per qubit, under a name that says "bloch".
std::optional<std::vector<std::array<double, 3>>> bloch_vectors(const std::string& name, const json& value) {
  if (!contains_word(name, "bloch") || !value.is_array() || value.empty()) return std::nullopt;
  auto one = [](const json& v) -> std::optional<std::array<double, 3>> {
    if (!is_numeric_array(v) || v.size() != 3) return std::nullopt;
    return std::array<double, 3>{v[0].get<double>(), v[1].get<double>(), v[2].get<double>()};
  };
  if (auto single = one(value)) return std::vector<std::array<double, 3>>{*single};
  std::vector<std::array<double, 3>> vectors;
  for (const json& item : value) {
    auto vector = one(item);
    if (!vector) return std::nullopt;
    vectors.push_back(*vector);
  }
  return vectors;
}

Plot outcome_bars(const json& value, bool counts) {
  Plot plot;
  Series bars;
  bars.label = counts ? "counts" : "probability";
  bars.style = Series::Style::bars;
  std::map<std::string, double> sorted;
  for (auto it = value.begin(); it != value.end(); ++it) sorted[it.key()] = it->get<double>();
  for (const auto& [outcome, amount] : sorted) {
    bars.x.push_back(double(bars.x.size()));
    bars.y.push_back(amount);
    plot.x_categories.push_back(outcome);
  }
  plot.x_label = "outcome";
  plot.y_label = counts ? "counts" : "probability";
  plot.series.push_back(std::move(bars));
  return plot;
}

// Every series in an array of series-like objects, or nullopt.
std::optional<Plot> series_array_plot(const json& value) {
  if (!value.is_array() || value.empty()) return std::nullopt;
  Plot combined;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto one = series_plot(value[i], "series " + std::to_string(i + 1));
    if (!one) return std::nullopt;
    if (combined.x_label.empty()) combined.x_label = one->x_label;
    if (combined.y_label.empty()) combined.y_label = one->y_label;
    combined.x_log = combined.x_log || one->x_log;
    for (Series& s : one->series) combined.series.push_back(std::move(s));
  }
  return combined;
}

struct Classified {
  std::vector<View> views;
  std::vector<Plot> frequency_plots;  // series against frequency, joined into one Bode view
  std::vector<std::string> frequency_ports;
  std::vector<Scalar> scalars;
  std::optional<bool> converged;  // a series said whether it converged
};

void classify_output(const std::string& name, const json& value, const Port* port, NodeType node_type,
                     Classified& out) {
  PortType type = port ? port->type : PortType::any;
  bool fits = !port || value_matches_type(value, type);
  View view;
  view.title = name;
  view.ports = {name};

  if (fits && (type == PortType::scene ||
               (value.is_object() && string_or(value, "type") == "scene" && value.contains("objects")))) {
    view.kind = Kind::scene;
    view.tree = value;
  } else if (bool png = fits && type == PortType::image && value.is_string();
             png || (value.is_string() &&
                     (type == PortType::svg || value.get_ref<const std::string&>().starts_with("<svg")))) {
    view.kind = Kind::image;
    view.image.format = png ? Image::Format::png : Image::Format::svg;
    view.image.data = value.get<std::string>();
    std::tie(view.image.width, view.image.height) =
        png ? png_size(view.image.data) : svg_size(view.image.data);
    view.image.hash = content_hash(view.image.data);
    view.export_name = name + (png ? ".png" : ".svg");
  } else if (auto vectors = bloch_vectors(name, value)) {
    view.kind = Kind::bloch;
    view.bloch = std::move(*vectors);
    view.tab = "Bloch";
  } else if (auto plot = series_plot(value, name)) {
    if (auto converged = value.find("converged"); converged != value.end() && converged->is_boolean()) {
      out.converged = converged->get<bool>();
      view.tab = "Convergence";
    }
    if (is_frequency_plot(*plot) && (plot->x_log || node_type == NodeType::spice)) {
      out.frequency_plots.push_back(std::move(*plot));
      out.frequency_ports.push_back(name);
      return;
    }
    bool transient = node_type == NodeType::spice && starts_with_word(plot->x_label, "time");
    view.kind = transient ? Kind::waveform : Kind::plot;
    view.panes.push_back(std::move(*plot));
    view.export_name = name + ".csv";
  } else if (auto spice = spice_vectors_view(value, name)) {
    view = std::move(*spice);
  } else if (auto several = series_array_plot(value)) {
    view.kind = Kind::plot;
    view.panes.push_back(std::move(*several));
    view.export_name = name + ".csv";
  } else if (is_outcome_map(value)) {
    bool counts =
        std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_number_integer(); });
    view.kind = Kind::plot;
    view.panes.push_back(outcome_bars(value, counts));
    view.title = counts ? name + " (histogram)" : name;
    view.tab = counts ? "Histogram" : "Probabilities";
    view.export_name = name + ".csv";
  } else if (auto bars = amplitude_bars(value)) {
    view.kind = Kind::plot;
    view.panes.push_back(std::move(*bars));
    view.tab = "Amplitudes";
    view.export_name = name + ".csv";
    out.views.push_back(view);  // the bars, and the numbers as a table
    view.panes.clear();
    view.kind = Kind::table;
    view.tab = "Table";
    view.export_name.clear();
    view.table = *records_table(value);
  } else if (auto state = statevector_bars(value)) {
    view.kind = Kind::plot;
    view.panes.push_back(std::move(*state));
    view.tab = "Amplitudes";
    view.export_name = name + ".csv";
  } else if (auto table = records_table(value)) {
    view.kind = Kind::table;
    view.table = std::move(*table);
  } else if (bool netlist = type == PortType::netlist || name == "netlist";
             value.is_string() &&
             (netlist ||
              ((name.find("circuit") != std::string::npos || name.find("diagram") != std::string::npos) &&
               value.get_ref<const std::string&>().find('\n') != std::string::npos))) {
    view.kind = Kind::circuit;  // a netlist, or a circuit drawn in text
    view.text = value.get<std::string>();
    view.export_name = name + (netlist ? ".cir" : ".txt");
    view.tab = netlist ? "Netlist" : "Circuit";
  } else if (value.is_string() && value.get_ref<const std::string&>().starts_with("OPENQASM")) {
    view.kind = Kind::text;
    view.text = value.get<std::string>();
    view.export_name = name + ".qasm";
    view.tab = "QASM";
  } else if (is_scalar(value)) {
    out.scalars.push_back(
        {name, port_label(name), scalar_text(value), port ? port->unit : "", is_number(value)});
    return;
  } else if (value.is_string()) {
    view.kind = Kind::text;
    view.text = value.get<std::string>();
    view.export_name = name + ".txt";
  } else if (value.is_null()) {
    return;
  } else {
    view.kind = Kind::json;
    view.tree = value;
  }
  out.views.push_back(std::move(view));
}

// The Bode view from the series against frequency: magnitude (dB) and phase panes.
void join_frequency_plots(Classified& out) {
  if (out.frequency_plots.empty()) return;
  std::optional<Plot> magnitude, phase;
  for (const Plot& plot : out.frequency_plots) {
    std::optional<Plot>& slot = is_phase_plot(plot) ? phase : magnitude;
    std::optional<Plot> pane = is_phase_plot(plot) ? std::optional<Plot>(plot) : as_decibels(plot);
    if (!pane) {  // not a gain: a plain log-x plot
      View log_plot;
      log_plot.kind = Kind::plot;
      log_plot.title = plot.series.front().label;
      log_plot.panes = {plot};
      out.views.push_back(std::move(log_plot));
      continue;
    }
    if (!slot)
      slot = std::move(pane);
    else
      for (Series& s : pane->series) slot->series.push_back(std::move(s));
  }
  View bode;
  bode.title = "Bode plot";
  bode.ports = out.frequency_ports;
  bode.export_name = "bode.csv";
  if (magnitude) {
    bode.kind = Kind::bode;
    bode.panes.push_back(std::move(*magnitude));
    if (phase) bode.panes.push_back(std::move(*phase));
  } else if (phase) {
    bode.kind = Kind::plot;
    bode.panes.push_back(std::move(*phase));
  } else {
    return;
  }
  out.views.push_back(std::move(bode));
}

// "OpenQASM 2.0, 2 qubits, 2 gates, 2 measurements": statements counted, not parsed.
std::string qasm_summary(const std::string& text) {
  int qubits = 0, gates = 0, measurements = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) break;
    std::string statement = text.substr(start, end - start);
    start = end + 1;
    auto trim = [&] {
      statement.erase(0, std::min(statement.size(), statement.find_first_not_of(" \t\r\n")));
    };
    for (trim(); statement.starts_with("//"); trim())  // comments before the statement
      statement.erase(0, std::min(statement.size(), statement.find('\n')));
    if (statement.starts_with("qreg")) {
      std::size_t open = statement.find('[');
      if (open != std::string::npos) qubits += std::atoi(statement.c_str() + open + 1);
    } else if (statement.starts_with("measure")) {
      ++measurements;
    } else if (!statement.empty() && !statement.starts_with("OPENQASM") &&
               !statement.starts_with("include") && !statement.starts_with("creg") &&
               !statement.starts_with("barrier")) {
      ++gates;
    }
  }
  return "OpenQASM 2.0, " + std::to_string(qubits) + (qubits == 1 ? " qubit, " : " qubits, ") +
         std::to_string(gates) + (gates == 1 ? " gate, " : " gates, ") + std::to_string(measurements) +
         (measurements == 1 ? " measurement" : " measurements");
}

// A tab's name when the classifier gave none.
std::string default_tab(Kind kind) {
  switch (kind) {
    case Kind::scene:
      return "3D";
    case Kind::image:
      return "Image";
    case Kind::bode:
      return "Bode";
    case Kind::waveform:
      return "Waveform";
    case Kind::plot:
      return "Plot";
    case Kind::bloch:
      return "Bloch";
    case Kind::table:
      return "Table";
    case Kind::circuit:
      return "Circuit";
    case Kind::number:
      return "Values";
    case Kind::text:
      return "Text";
    case Kind::json:
      return "JSON";
    case Kind::none:
      break;
  }
  return {};
}

// Quantum nodes: the story of a run in order, whatever the output order.
int quantum_order(const View& view) {
  static const char* const kOrder[] = {"3D",    "Convergence", "Histogram", "Amplitudes", "Probabilities",
                                       "Bloch", "Circuit",     "QASM",      "Values",     "Plot"};
  for (std::size_t i = 0; i < std::size(kOrder); ++i)
    if (view.tab == kOrder[i]) return int(i);
  return int(std::size(kOrder)) + rank(view.kind);
}

std::string with_unit(const std::string& value, const std::string& unit) {
  return unit.empty() ? value : value + " " + unit;
}

// The preview in words when no scalar output says it better.
std::string describe(const View& view) {
  switch (view.kind) {
    case Kind::plot:
    case Kind::waveform: {
      const Plot& plot = view.panes.front();
      if (!plot.x_categories.empty()) {
        const Series& bars = plot.series.front();
        double total = 0;
        std::size_t top = 0;
        for (std::size_t i = 0; i < bars.y.size(); ++i) {
          total += bars.y[i];
          if (bars.y[i] > bars.y[top]) top = i;
        }
        std::string text = std::to_string(bars.y.size()) + " outcomes";
        if (plot.y_label == "counts") text += ", " + format_number(total) + " shots";
        return text + ", most likely " + plot.x_categories[top];
      }
      std::size_t n = plot.series.size();
      return std::to_string(n) + (n == 1 ? " series, " : " series, ") + std::to_string(plot.max_points()) +
             " points";
    }
    case Kind::bode: {
      const Plot& magnitude = view.panes.front();
      std::string text = "Bode plot, " + std::to_string(magnitude.max_points()) + " points";
      for (const Series& s : magnitude.series) {  // the first trace that falls off (v(in) is flat)
        if (auto f = minus_3db_frequency(s)) {
          text += ", -3 dB at " + format_number(*f) + " Hz";
          break;
        }
      }
      return text;
    }
    case Kind::image: {
      std::string text = view.image.format == Image::Format::png ? "PNG image" : "SVG image";
      if (view.image.width > 0)
        text += ", " + std::to_string(view.image.width) + "x" + std::to_string(view.image.height);
      return text;
    }
    case Kind::table:
      return std::to_string(view.table.total_rows) + " rows, " + std::to_string(view.table.columns.size()) +
             " columns";
    case Kind::scene: {
      std::size_t objects = view.tree.contains("objects") ? view.tree["objects"].size() : 0;
      return "3D scene, " + std::to_string(objects) + (objects == 1 ? " object" : " objects");
    }
    case Kind::bloch: {
      std::string text = view.bloch.size() == 1 ? "Bloch vector" : "Bloch vectors";
      for (std::size_t q = 0; q < view.bloch.size(); ++q) {
        const auto& v = view.bloch[q];
        text += (q ? ", q" : ": q") + std::to_string(q) + " (" +
                format_number(std::round(v[0] * 1e6) / 1e6 + 0.0) + ", " +
                format_number(std::round(v[1] * 1e6) / 1e6 + 0.0) + ", " +
                format_number(std::round(v[2] * 1e6) / 1e6 + 0.0) + ")";
      }
      return text;
    }
    case Kind::circuit:
    case Kind::text: {
      if (view.text.starts_with("OPENQASM")) return qasm_summary(view.text);
      std::string first = view.text.substr(0, view.text.find('\n'));
      if (first.size() > 60) {  // cut on a UTF-8 boundary (box-drawing circuits): JSON needs valid text
        std::size_t cut = 57;
        while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xC0) == 0x80) --cut;
        first = first.substr(0, cut) + "...";
      }
      std::size_t lines = std::count(view.text.begin(), view.text.end(), '\n') + 1;
      return first + " (" + std::to_string(lines) + (lines == 1 ? " line)" : " lines)");
    }
    case Kind::json:
      if (view.tree.is_object()) return "Object, " + std::to_string(view.tree.size()) + " keys";
      return "Array, " + std::to_string(view.tree.size()) + " items";
    case Kind::number:
      if (!view.scalars.empty()) {
        const Scalar& s = view.scalars.front();
        return s.label + ": " + with_unit(s.value, s.unit);
      }
      return {};
    case Kind::none:
      return {};
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] The preview
// ---------------------------------------------------------------------------

Preview make_preview(const json& outputs, const std::vector<Port>& ports, NodeType node_type) {
  Preview preview;
  if (!outputs.is_object() || outputs.empty()) return preview;
  Classified classified;
  // Declared ports first, in the skill's order; then undeclared keys.
  for (const Port& port : ports) {
    auto value = outputs.find(port.name);
    if (value != outputs.end()) classify_output(port.name, *value, &port, node_type, classified);
  }
  for (auto it = outputs.begin(); it != outputs.end(); ++it) {
    if (!find_port(ports, it.key())) classify_output(it.key(), *it, nullptr, node_type, classified);
  }
  join_frequency_plots(classified);
  if (!classified.scalars.empty()) {
    View numbers;
    numbers.kind = Kind::number;
    numbers.title = "values";
    for (const Scalar& s : classified.scalars) numbers.ports.push_back(s.port);
    numbers.scalars = classified.scalars;
    classified.views.push_back(std::move(numbers));
  }
  for (View& view : classified.views)
    if (view.tab.empty()) view.tab = default_tab(view.kind);
  // Among plots: quantum nodes lead with their bars (histogram, amplitudes),
  // others with the plot holding most series (data and fit together).
  auto plot_order = [&](const View& view) {
    if (view.kind != Kind::plot) return 0;
    bool bars = view.panes.front().series.front().style == Series::Style::bars;
    if (node_type == NodeType::qiskit) return bars ? 0 : 1;
    return -int(view.panes.front().series.size());
  };
  std::stable_sort(classified.views.begin(), classified.views.end(), [&](const View& a, const View& b) {
    if (node_type == NodeType::qiskit && quantum_order(a) != quantum_order(b))
      return quantum_order(a) < quantum_order(b);
    if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
    return plot_order(a) < plot_order(b);
  });
  preview.views = std::move(classified.views);
  if (preview.views.empty()) return preview;
  preview.kind = preview.views.front().kind;
  preview.tabs = node_type == NodeType::qiskit && preview.views.size() > 1;

  // Words: the first numeric output with its unit says most ("Eigenvalue:
  // -1.137306 Ha"); without one, what the main view shows.
  const Scalar* headline = nullptr;
  for (const Scalar& s : classified.scalars) {
    if (s.numeric) {
      headline = &s;
      break;
    }
  }
  if (headline) {
    preview.text = headline->label + ": " + with_unit(headline->value, headline->unit);
  } else {
    preview.text = describe(preview.views.front());
  }
  if (classified.converged) preview.text += *classified.converged ? " (converged)" : " (not converged)";
  return preview;
}

std::string view_text(const View& view) { return describe(view); }

json view_data(const View& view) {
  json data{{"kind", std::string(to_string(view.kind))},
            {"tab", view.tab},
            {"title", view.title},
            {"text", describe(view)},
            {"ports", view.ports}};
  if (!view.export_name.empty()) data["export"] = view.export_name;
  switch (view.kind) {
    case Kind::plot:
    case Kind::waveform:
    case Kind::bode: {
      json panes = json::array();
      for (const Plot& pane : view.panes) {
        json series = json::array();
        for (const Series& s : pane.series) {
          json one{{"label", s.label}, {"x", s.x}, {"y", s.y}};
          if (s.style == Series::Style::bars) one["bars"] = true;
          if (!s.bar_phase.empty()) one["phase"] = s.bar_phase;
          series.push_back(std::move(one));
        }
        json p{{"series", series}, {"xLabel", pane.x_label}, {"yLabel", pane.y_label}};
        if (!pane.x_categories.empty()) p["categories"] = pane.x_categories;
        if (pane.reference_y) p["reference"] = *pane.reference_y;
        panes.push_back(std::move(p));
      }
      data["panes"] = std::move(panes);
      break;
    }
    case Kind::bloch:
      data["vectors"] = view.bloch;
      break;
    case Kind::text:
    case Kind::circuit:
      data["textBody"] = view.text;
      break;
    case Kind::number: {
      json values = json::array();
      for (const Scalar& s : view.scalars)
        values.push_back({{"port", s.port}, {"label", s.label}, {"value", s.value}, {"unit", s.unit}});
      data["values"] = std::move(values);
      break;
    }
    case Kind::table:
      data["columns"] = view.table.columns;
      data["rows"] = view.table.total_rows;
      break;
    default:
      break;
  }
  return data;
}

}  // namespace llmos::preview
