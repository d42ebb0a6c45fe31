// Previews of a node's outputs: what to show (the classifier) and the data to
// show it with (the extraction), as plain values. No ImGui, no Emscripten:
// tests/editor/preview checks it natively and as wasm over the real outputs of
// every shipped skill (tests/data/previews). preview_draw.hpp draws it.
//
// A node's outputs become a list of views, most telling first: a 3D scene, an
// image, a Bode plot, a waveform, a line plot or histogram, a table, a circuit
// diagram, the scalar values, long text, a JSON tree. The node shows the first
// view inside its rectangle; the larger view (double-click) shows them all.
#pragma once

#include "llmos/skill.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos::preview {

// What a node's preview is, in the words window.llmos.debug.state() reports.
enum class Kind { none, number, text, table, json, plot, image, waveform, bode, scene, circuit, bloch };

// "none", "number", "text", "table", "json", "plot", "image", "waveform", "bode", "scene", "circuit",
// "bloch".
std::string_view to_string(Kind kind);

// One line (or bars, or markers) of a plot.
struct Series {
  enum class Style { line, markers, bars };
  std::string label;
  std::vector<double> x, y;
  Style style = Style::line;
  std::vector<double> bar_phase;  // bars of quantum amplitudes: phase in radians per bar (hue), else empty
};

// One plot pane: series sharing axes.
struct Plot {
  std::vector<Series> series;
  std::string title, x_label, y_label;
  bool x_log = false;
  std::vector<std::string> x_categories;  // bar charts: the label of bar i (x = i), e.g. "011"
  std::optional<double> reference_y;      // a known answer drawn dashed (VQE's exact energy)
  std::string reference_label;
  // The largest number of points in any series.
  std::size_t max_points() const;
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // cells as shown, rows.size() <= kMaxTableRows
  std::size_t total_rows = 0;                  // before the cap
};
inline constexpr std::size_t kMaxTableRows = 2000;

// A PNG (base64, as `image` outputs carry it) or an SVG document.
struct Image {
  enum class Format { png, svg };
  Format format = Format::png;
  std::string data;           // base64 PNG without a data: prefix, or the SVG text
  int width = 0, height = 0;  // from the PNG header or the SVG's width/height (0 when unknown)
  std::uint64_t hash = 0;     // content hash: the texture cache's key
};

// One scalar output as a row: "Time constant  0.001000001 s".
struct Scalar {
  std::string port;
  std::string label;  // "Time constant"
  std::string value;  // "0.001000001", "true", "length"
  std::string unit;   // the port's declared unit, may be empty
  bool numeric = false;
};

// What one view shows. Only the members of its kind are filled.
struct View {
  Kind kind = Kind::none;
  std::string title;               // the output's port name, or a name for a group ("Bode plot")
  std::vector<std::string> ports;  // the outputs it shows
  std::vector<Plot> panes;         // plot, waveform (1 pane), bode (magnitude, then phase when known)
  Table table;                     // table
  std::vector<Scalar> scalars;     // number
  std::string text;                // text, circuit (monospaced)
  std::vector<std::array<double, 3>> bloch;  // bloch: [<X>, <Y>, <Z>] per qubit, qubit 0 first
  json tree;                                 // json, scene (the value itself)
  Image image;                               // image
  std::string export_name;  // text worth a download: "circuit.qasm", "netlist.cir"; else empty
  std::string tab;          // a short name for a tab: "Histogram", "Bloch", "QASM", "Plot"
};

struct Preview {
  Kind kind = Kind::none;  // views.front().kind, or none
  std::string text;        // the preview in words: "Eigenvalue: -1.137306 Ha (converged)"
  std::vector<View> views;
  bool tabs = false;  // the node shows a tab per view (quantum nodes: histogram, amplitudes, Bloch, ...)
};

// Builds the preview of `outputs` (a node's outputs object) for a skill's
// declared output ports and node type. Outputs the skill does not declare are
// shown by their value's shape; a value that does not fit its port's type is
// shown as JSON rather than dropped.
Preview make_preview(const json& outputs, const std::vector<Port>& ports, NodeType node_type);
inline Preview make_preview(const json& outputs, const Skill& skill) {
  return make_preview(outputs, skill.outputs, skill.type);
}

// --- Pieces, public for the renderers and tests ---------------------------

// One view in words: "2 outcomes, 1024 shots, most likely 11",
// "Bloch vector q0: (1, 0, 0)", "OpenQASM 2.0, 2 qubits, 6 operations".
std::string view_text(const View& view);
// What a view shows as data ({kind, tab, title, text} and its series, bars,
// Bloch vectors, text or values): the debug API's answer, so tests check the
// numbers drawn rather than the numbers sent.
json view_data(const View& view);

// The download of a view's source text by its kind: "Export OpenQASM 2" (the
// circuit a quantum node ran), "Export netlist" (what a spice node
// simulated); empty for any other view. The preview window and the node's
// context menu both offer these.
std::string_view source_export_label(const View& view);

// A number as previews print it: up to 7 significant digits, integers whole.
std::string format_number(double value);
// "time_constant" -> "Time constant".
std::string port_label(std::string_view name);
// Series from a `series` value: {x, y} plus extra keys; extra numeric arrays of
// the same length (e.g. input_y) become more series. nullopt when not a series.
std::optional<Plot> series_plot(const json& value, std::string_view fallback_label);
// ngspice vectors ({time|frequency|v-sweep: [...], "v(out)": [...] or {re, im}})
// as a waveform, Bode or sweep view; nullopt when the object is not vectors.
std::optional<View> spice_vectors_view(const json& vectors, std::string_view port);
// The frequency at which a magnitude (dB) first falls 3.01 dB below its
// maximum, interpolated in log f; nullopt when it never does.
std::optional<double> minus_3db_frequency(const Series& magnitude_db);
// Width and height from a base64 PNG's IHDR chunk; {0, 0} when it is not a PNG.
std::pair<int, int> png_size(std::string_view base64);
// Width and height from an <svg> element's width/height (or viewBox).
std::pair<int, int> svg_size(std::string_view svg);
// 64-bit FNV-1a of the bytes.
std::uint64_t content_hash(std::string_view bytes);

}  // namespace llmos::preview
