// The classifier and extraction over the real outputs of every shipped skill
// (tests/data/previews, captured by tests/support/capture-preview-fixtures.mjs
// and capture_preview_fixtures.py from the skills run with their defaults).
#include "preview.hpp"

#include "llmos/skill_parser.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

namespace llmos::preview {
namespace {

const std::string kRoot = LLMOS_SOURCE_DIR;

struct Fixture {
  json outputs;
  std::vector<Port> ports;
  NodeType type = NodeType::standard;
};

// The skill's declared ports come from its file through the core's parser;
// synthetic fixtures (raw spice vectors) carry their own.
Fixture load(const std::string& id) {
  std::ifstream in(kRoot + "/tests/data/previews/" + id + ".json");
  EXPECT_TRUE(in.good()) << id;
  json doc = json::parse(in);
  Fixture fixture;
  fixture.outputs = doc["outputs"];
  const std::string skill_id = doc["skill_id"].get<std::string>();
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kRoot + "/skills")) {
    if (entry.path().filename() == skill_id + ".md") {
      Diagnostics diagnostics;
      Skill skill = parse_skill_file(entry.path().string(), diagnostics);
      fixture.ports = skill.outputs;
      fixture.type = skill.type;
      return fixture;
    }
  }
  for (const json& p : doc["output_ports"]) {
    Port port;
    port.name = p["name"].get<std::string>();
    port.type = *port_type_from_string(p["type"].get<std::string>());
    fixture.ports.push_back(port);
  }
  fixture.type = *node_type_from_string(doc["type"].get<std::string>());
  return fixture;
}

Preview preview_of(const std::string& id) {
  Fixture f = load(id);
  return make_preview(f.outputs, f.ports, f.type);
}

struct Expected {
  const char* skill;
  Kind kind;
  const char* text;
};

// Every skill in the system volume that runs, and what its node says.
const Expected kExpected[] = {
    {"bell-state-node", Kind::plot, "2 outcomes, 1024 shots, most likely 11"},
    {"bloch-sphere-node", Kind::scene, "3D scene, 9 objects"},
    {"circuit-bode-filter-node", Kind::bode, "Cutoff frequency: 1591.474 Hz"},
    {"circuit-diode-rectifier-node", Kind::waveform, "Peak output: 9.273829 V"},
    {"circuit-rc-node", Kind::waveform, "Time constant: 0.001000001 s"},
    {"circuit-rlc-resonance-node", Kind::bode, "Resonance frequency: 5029.957 Hz"},
    {"circuit-voltage-divider-node", Kind::plot, "Slope: 0.3197279"},
    {"csv-parse-node", Kind::plot, "Row count: 5"},
    {"csv-table-node", Kind::plot, "Row count: 4"},
    {"d3-chart-node", Kind::image, "Point count: 9"},
    {"fft-spectrum-node", Kind::plot, "Peak frequency: 12.5 Hz"},
    {"ghz-state-node", Kind::plot, "Correlation: 1"},
    {"grover-search-node", Kind::plot, "Success probability: 0.9453125"},
    {"json-transform-node", Kind::table, "Count: 3"},
    {"linear-regression-node", Kind::plot, "Slope: 1.977143"},
    {"math-expression-node", Kind::plot, "Value: 0"},
    {"moving-average-node", Kind::plot, "2 series, 10 points"},
    {"plot-data-node", Kind::image, "PNG image, 640x400"},
    {"qft-node", Kind::plot, "Max error: 9.327749e-16"},
    {"quantum-vqe-node", Kind::plot, "Eigenvalue: -1.137306 Ha (converged)"},
    {"signal-generator-node", Kind::plot, "Samples: 200"},
    {"statevector-inspector-node", Kind::plot, "4 outcomes, most likely 000"},
    {"statistics-summary-node", Kind::number, "Mean: 5"},
    {"threejs-cube-node", Kind::scene, "3D scene, 1 object"},
    {"threejs-point-cloud-node", Kind::scene, "Point count: 4000"},
    {"threejs-surface-node", Kind::scene, "Z min: -1"},
    {"unit-converter-node", Kind::number, "Result: 1.609344"},
};

// gtest prints a parameter in test names: print the skill id.
void PrintTo(const Expected& expected, std::ostream* out) { *out << expected.skill; }

class ShippedSkill : public ::testing::TestWithParam<Expected> {};

TEST_P(ShippedSkill, KindAndWords) {
  Preview preview = preview_of(GetParam().skill);
  EXPECT_EQ(to_string(preview.kind), to_string(GetParam().kind));
  EXPECT_EQ(preview.text, GetParam().text);
  ASSERT_FALSE(preview.views.empty());
  EXPECT_EQ(preview.views.front().kind, preview.kind);
}

std::string case_name(const ::testing::TestParamInfo<Expected>& info) {
  std::string name = info.param.skill;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}
INSTANTIATE_TEST_SUITE_P(Previews, ShippedSkill, ::testing::ValuesIn(kExpected), case_name);

// Every executable skill file has a fixture and an expectation, so a new
// skill cannot ship without a preview test.
TEST(Previews, EveryRunnableSkillIsCovered) {
  std::map<std::string, bool> covered;
  for (const Expected& e : kExpected) covered[e.skill] = true;
  int skills = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kRoot + "/skills")) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    Diagnostics diagnostics;
    Skill skill = parse_skill_file(entry.path().string(), diagnostics);
    if (skill.type == NodeType::standard || skill.type == NodeType::compound) continue;
    ++skills;
    EXPECT_TRUE(covered.count(skill.skill_id)) << skill.skill_id << " has no preview expectation";
  }
  EXPECT_EQ(skills, int(std::size(kExpected)));
}

TEST(Previews, VqeConvergencePlotCarriesTheExactEnergy) {
  Preview preview = preview_of("quantum-vqe-node");
  const View& plot = preview.views.front();
  ASSERT_EQ(plot.panes.size(), 1u);
  const Plot& pane = plot.panes.front();
  EXPECT_EQ(pane.x_label, "iteration");
  EXPECT_EQ(pane.y_label, "energy (Ha)");
  ASSERT_EQ(pane.series.size(), 1u);
  EXPECT_EQ(pane.series.front().y.size(), 101u);
  EXPECT_NEAR(pane.series.front().y.back(), -1.137306, 1e-6);
  ASSERT_TRUE(pane.reference_y.has_value());
  EXPECT_NEAR(*pane.reference_y, -1.1373060357534004, 1e-12);
  // The circuit diagram is one of the next views, monospaced, with the qubit rows.
  auto circuit = std::find_if(preview.views.begin(), preview.views.end(),
                              [](const View& v) { return v.kind == Kind::circuit; });
  ASSERT_NE(circuit, preview.views.end());
  EXPECT_NE(circuit->text.find("q_0"), std::string::npos);
}

std::vector<std::string> tabs_of(const Preview& preview) {
  std::vector<std::string> tabs;
  for (const View& view : preview.views) tabs.push_back(view.tab);
  return tabs;
}

const View& view_by_tab(const Preview& preview, const std::string& tab) {
  static const View none;
  for (const View& view : preview.views)
    if (view.tab == tab) return view;
  ADD_FAILURE() << "no tab " << tab;
  return none;
}

TEST(QuantumPreviews, VqeTellsTheRunInTabsLedByTheConvergence) {
  Preview preview = preview_of("quantum-vqe-node");
  EXPECT_TRUE(preview.tabs);
  EXPECT_EQ(tabs_of(preview), (std::vector<std::string>{"Convergence", "Histogram", "Amplitudes", "Bloch",
                                                        "Circuit", "QASM", "Values"}));
  // The histogram's bars are the sampled counts of the optimised state: they
  // add up to the shots and follow the statevector's probabilities.
  const Plot& histogram = view_by_tab(preview, "Histogram").panes.front();
  const Plot& amplitudes = view_by_tab(preview, "Amplitudes").panes.front();
  ASSERT_EQ(amplitudes.x_categories, (std::vector<std::string>{"00", "01", "10", "11"}));
  double shots = 0;
  for (double y : histogram.series.front().y) shots += y;
  EXPECT_EQ(shots, 1024);
  for (std::size_t i = 0; i < histogram.x_categories.size(); ++i) {
    std::size_t basis = std::stoul(histogram.x_categories[i], nullptr, 2);
    EXPECT_NEAR(histogram.series.front().y[i] / shots, amplitudes.series.front().y[basis], 0.05);
  }
  const View& bloch = view_by_tab(preview, "Bloch");
  ASSERT_EQ(bloch.bloch.size(), 2u);  // one sphere per qubit
  EXPECT_EQ(view_text(view_by_tab(preview, "QASM")), "OpenQASM 2.0, 2 qubits, 5 gates, 2 measurements");
  EXPECT_EQ(view_by_tab(preview, "QASM").export_name, "qasm.qasm");
  EXPECT_EQ(source_export_label(view_by_tab(preview, "QASM")), "Export OpenQASM 2");
  EXPECT_EQ(source_export_label(bloch), "");  // nothing to download as source
}

TEST(Previews, ANetlistOutputIsOfferedAsANetlistDownload) {
  const json outputs = {{"netlist", "* RC\nR1 in out 1k\nC1 out 0 1u\n.end\n"}};
  Port port;
  port.name = "netlist";
  port.type = PortType::netlist;
  const Preview preview = make_preview(outputs, {port}, NodeType::spice);
  ASSERT_EQ(preview.views.size(), 1u);
  EXPECT_EQ(preview.views.front().kind, Kind::circuit);
  EXPECT_EQ(preview.views.front().export_name, "netlist.cir");
  EXPECT_EQ(source_export_label(preview.views.front()), "Export netlist");
}

TEST(QuantumPreviews, BellStateBarsBlochAndQasm) {
  Preview preview = preview_of("bell-state-node");
  EXPECT_EQ(tabs_of(preview), (std::vector<std::string>{"Histogram", "Amplitudes", "Probabilities", "Bloch",
                                                        "Circuit", "QASM"}));
  const Series& amplitudes = view_by_tab(preview, "Amplitudes").panes.front().series.front();
  ASSERT_EQ(amplitudes.y.size(), 4u);
  EXPECT_NEAR(amplitudes.y[0], 0.5, 1e-9);
  EXPECT_NEAR(amplitudes.y[1], 0.0, 1e-12);
  EXPECT_NEAR(amplitudes.y[3], 0.5, 1e-9);
  EXPECT_EQ(amplitudes.bar_phase, (std::vector<double>{0, 0, 0, 0}));
  // Each half of a Bell pair alone is maximally mixed: the centre of its sphere.
  EXPECT_EQ(view_text(view_by_tab(preview, "Bloch")), "Bloch vectors: q0 (0, 0, 0), q1 (0, 0, 0)");
  EXPECT_EQ(view_text(view_by_tab(preview, "QASM")), "OpenQASM 2.0, 2 qubits, 2 gates, 2 measurements");
}

TEST(QuantumPreviews, BlochSphereNodeShowsItsSceneThenTheVectorDrawnFlat) {
  Preview preview = preview_of("bloch-sphere-node");
  ASSERT_GE(preview.views.size(), 2u);
  EXPECT_EQ(preview.views[0].kind, Kind::scene);
  EXPECT_EQ(preview.views[1].kind, Kind::bloch);
  // The default state: theta = pi/3, phi = pi/4.
  const auto& v = preview.views[1].bloch.at(0);
  EXPECT_NEAR(v[0], std::sin(M_PI / 3) * std::cos(M_PI / 4), 1e-9);
  EXPECT_NEAR(v[1], std::sin(M_PI / 3) * std::sin(M_PI / 4), 1e-9);
  EXPECT_NEAR(v[2], 0.5, 1e-9);
}

TEST(QuantumPreviews, PlusStateAndStatevectorsOfAnySize) {
  std::vector<Port> ports;
  Preview plus = make_preview(json{{"bloch_vector", {1.0, 0.0, 0.0}}}, ports, NodeType::qiskit);
  EXPECT_EQ(plus.kind, Kind::bloch);
  EXPECT_EQ(plus.text, "Bloch vector: q0 (1, 0, 0)");
  EXPECT_FALSE(plus.tabs);  // one view: nothing to switch
  // |-> i|1> ... a 3-qubit vector: bars labelled little-endian, phase kept.
  json state = json::array();
  for (int i = 0; i < 8; ++i) state.push_back(i == 6 ? json{0.0, 1.0} : json{0.0, 0.0});
  Preview one = make_preview(json{{"statevector", state}}, ports, NodeType::qiskit);
  const Plot& bars = one.views.front().panes.front();
  EXPECT_EQ(bars.x_categories[6], "110");
  EXPECT_EQ(bars.series.front().y[6], 1.0);
  EXPECT_NEAR(bars.series.front().bar_phase[6], M_PI / 2, 1e-12);
  // Not a statevector: not a power of two, or not pairs.
  EXPECT_NE(make_preview(json{{"v", {{1, 0}, {0, 0}, {0, 0}}}}, ports, NodeType::qiskit).views.front().tab,
            "Amplitudes");
  // Vectors of a node that is not quantum get no tabs.
  EXPECT_FALSE(make_preview(json{{"a", 1}, {"b", "x\ny"}}, ports, NodeType::python_wasm).tabs);
}

TEST(QuantumPreviews, ViewDataIsWhatIsDrawn) {
  Preview preview = preview_of("bell-state-node");
  json histogram = view_data(preview.views.front());
  EXPECT_EQ(histogram["kind"], "plot");
  EXPECT_EQ(histogram["tab"], "Histogram");
  EXPECT_EQ(histogram["text"], "2 outcomes, 1024 shots, most likely 11");
  EXPECT_EQ(histogram["panes"][0]["categories"], (json{"00", "11"}));
  EXPECT_EQ(histogram["panes"][0]["series"][0]["y"][0].get<double>() +
                histogram["panes"][0]["series"][0]["y"][1].get<double>(),
            1024);
  json qasm = view_data(view_by_tab(preview, "QASM"));
  EXPECT_EQ(qasm["textBody"].get<std::string>().rfind("OPENQASM 2.0;\ninclude \"qelib1.inc\";", 0), 0u);
  EXPECT_EQ(view_data(view_by_tab(preview, "Bloch"))["vectors"], (json{{0, 0, 0}, {0, 0, 0}}));
}

TEST(Previews, RectifierWaveformShowsInputNextToOutput) {
  Preview preview = preview_of("circuit-diode-rectifier-node");
  const Plot& pane = preview.views.front().panes.front();
  ASSERT_EQ(pane.series.size(), 2u);
  EXPECT_EQ(pane.series[0].label, "rectified output v(out)");
  EXPECT_EQ(pane.series[1].label, "input");
  EXPECT_EQ(pane.series[1].x, pane.series[0].x);
  double input_peak = *std::max_element(pane.series[1].y.begin(), pane.series[1].y.end());
  EXPECT_NEAR(input_peak, 10.0, 0.05);  // the 10 V sine
}

TEST(Previews, BodeFilterHasMagnitudeAndPhasePanesOnLogFrequency) {
  Preview preview = preview_of("circuit-bode-filter-node");
  const View& bode = preview.views.front();
  ASSERT_EQ(bode.panes.size(), 2u);
  EXPECT_TRUE(bode.panes[0].x_log);
  EXPECT_EQ(bode.panes[0].y_label, "gain (dB)");
  EXPECT_EQ(bode.panes[1].y_label, "phase (deg)");
  // The -3 dB point read from the plotted data is the skill's own cutoff.
  auto cutoff = minus_3db_frequency(bode.panes[0].series.front());
  ASSERT_TRUE(cutoff.has_value());
  EXPECT_NEAR(*cutoff, 1591.47, 1591.47 * 0.005);
}

TEST(Previews, RlcGainBecomesDecibels) {
  Preview preview = preview_of("circuit-rlc-resonance-node");
  const Plot& magnitude = preview.views.front().panes.front();
  const Series& s = magnitude.series.front();
  auto peak = std::max_element(s.y.begin(), s.y.end());
  // The sampled peak is a little under the skill's interpolated 0.9821
  // (-0.157 dB), at about 5.03 kHz; far from it the gain is tens of dB down.
  EXPECT_NEAR(*peak, 20 * std::log10(0.9821006318513668), 0.2);
  EXPECT_LT(s.y.front(), -30);
  EXPECT_NEAR(s.x[std::size_t(peak - s.y.begin())], 5030, 60);
  EXPECT_EQ(preview.views.front().panes.size(), 1u);  // no phase series in this skill
}

TEST(Previews, RawTransientVectorsAreAWaveform) {
  Preview preview = preview_of("spice-vectors-tran");
  ASSERT_EQ(preview.kind, Kind::waveform);
  const Plot& pane = preview.views.front().panes.front();
  EXPECT_EQ(pane.x_label, "time (s)");
  ASSERT_EQ(pane.series.size(), 3u);  // v(in), v(out), i(v1)
  EXPECT_EQ(pane.series[1].label, "v(out)");
  EXPECT_NEAR(pane.series[1].y.back(), 5.0, 0.01);
  EXPECT_EQ(preview.text, "3 series, 1027 points");
}

TEST(Previews, RawAcVectorsAreABodePlotInDecibelsAndDegrees) {
  Preview preview = preview_of("spice-vectors-ac");
  ASSERT_EQ(preview.kind, Kind::bode);
  const View& bode = preview.views.front();
  ASSERT_EQ(bode.panes.size(), 2u);
  const Plot& magnitude = bode.panes[0];
  const Plot& phase = bode.panes[1];
  EXPECT_TRUE(magnitude.x_log);
  auto low_pass = std::find_if(magnitude.series.begin(), magnitude.series.end(),
                               [](const Series& s) { return s.label == "v(out_lp)"; });
  ASSERT_NE(low_pass, magnitude.series.end());
  EXPECT_NEAR(low_pass->y.front(), 0.0, 0.01);  // flat pass band
  auto cutoff = minus_3db_frequency(*low_pass);
  ASSERT_TRUE(cutoff.has_value());
  EXPECT_NEAR(*cutoff, 1591.5, 10);  // 1 / (2 pi R C)
  std::size_t at = std::size_t(low_pass - magnitude.series.begin());
  EXPECT_NEAR(phase.series[at].y.front(), 0.0, 1.0);
  EXPECT_NEAR(phase.series[at].y.back(), -90.0, 1.0);
  EXPECT_EQ(preview.text.rfind("Bode plot, 251 points, -3 dB at 1591", 0), 0u) << preview.text;
}

TEST(Previews, CountsBecomeAHistogramSortedByOutcome) {
  Preview preview = preview_of("grover-search-node");
  const Plot& bars = preview.views.front().panes.front();
  ASSERT_EQ(bars.x_categories.size(), 8u);
  EXPECT_EQ(bars.x_categories.front(), "000");
  EXPECT_EQ(bars.x_categories[5], "101");
  EXPECT_EQ(bars.series.front().y[5], 969);
  EXPECT_EQ(bars.series.front().style, Series::Style::bars);
  EXPECT_EQ(bars.y_label, "counts");
}

TEST(Previews, AmplitudesAreBarsColouredByPhaseAndATable) {
  Preview preview = preview_of("qft-node");
  const View& bars = preview.views.front();
  EXPECT_EQ(bars.title, "amplitudes");
  const Series& s = bars.panes.front().series.front();
  ASSERT_EQ(s.y.size(), 8u);
  ASSERT_EQ(s.bar_phase.size(), 8u);
  for (double p : s.y) EXPECT_NEAR(p, 0.125, 1e-9);  // QFT of a basis state: uniform
  auto table = std::find_if(preview.views.begin(), preview.views.end(),
                            [](const View& v) { return v.kind == Kind::table; });
  ASSERT_NE(table, preview.views.end());
  EXPECT_EQ(table->table.columns.front(), "basis");
  EXPECT_EQ(table->table.rows.size(), 8u);
  auto qasm = std::find_if(preview.views.begin(), preview.views.end(),
                           [](const View& v) { return v.title == "qasm"; });
  ASSERT_NE(qasm, preview.views.end());
  EXPECT_EQ(qasm->export_name, "qasm.qasm");
  EXPECT_EQ(qasm->text.rfind("OPENQASM 2.0;", 0), 0u);
}

TEST(Previews, RecordsBecomeATable) {
  Preview preview = preview_of("json-transform-node");
  const Table& table = preview.views.front().table;
  EXPECT_EQ(table.columns, (std::vector<std::string>{"name", "price", "qty"}));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0][0], "resistor");
  EXPECT_EQ(table.rows[0][1], "0.1");
  EXPECT_EQ(table.total_rows, 3u);
}

TEST(Previews, VqePlotExamplePngIsAnImage) {
  Preview preview = preview_of("vqe-plot-image");
  ASSERT_EQ(preview.kind, Kind::image);
  EXPECT_EQ(preview.text, "PNG image, 640x400");
  EXPECT_EQ(preview.views.front().export_name, "plot_image.png");
  EXPECT_NE(preview.views.front().image.hash, preview_of("plot-data-node").views.front().image.hash);
}

TEST(Previews, PngAndSvgSizesAndHashes) {
  Preview png = preview_of("plot-data-node");
  EXPECT_EQ(png.views.front().image.width, 640);
  EXPECT_EQ(png.views.front().image.height, 400);
  EXPECT_NE(png.views.front().image.hash, 0u);
  Preview svg = preview_of("d3-chart-node");
  const Image& image = svg.views.front().image;
  EXPECT_EQ(image.format, Image::Format::svg);
  EXPECT_GT(image.width, 0);
  EXPECT_GT(image.height, 0);
  EXPECT_NE(image.hash, png.views.front().image.hash);
}

TEST(Previews, ScalarRowsKeepTheirUnits) {
  Preview preview = preview_of("circuit-rc-node");
  auto numbers = std::find_if(preview.views.begin(), preview.views.end(),
                              [](const View& v) { return v.kind == Kind::number; });
  ASSERT_NE(numbers, preview.views.end());
  ASSERT_EQ(numbers->scalars.size(), 2u);
  EXPECT_EQ(numbers->scalars[1].label, "Steady state voltage");
  EXPECT_EQ(numbers->scalars[1].value, "4.999773");
  EXPECT_EQ(numbers->scalars[1].unit, "V");
}

TEST(Previews, NothingToShow) {
  EXPECT_EQ(make_preview(json::object(), {}, NodeType::javascript).kind, Kind::none);
  EXPECT_EQ(make_preview(json(), {}, NodeType::javascript).kind, Kind::none);
  EXPECT_EQ(make_preview(json::parse(R"({"a": null})"), {}, NodeType::javascript).kind, Kind::none);
}

TEST(Previews, AValueThatDoesNotFitItsPortIsShownAsJson) {
  Port port;
  port.name = "plot_image";
  port.type = PortType::image;
  Preview preview =
      make_preview(json::parse(R"({"plot_image": {"oops": 1}})"), {port}, NodeType::python_wasm);
  EXPECT_EQ(preview.kind, Kind::json);
  EXPECT_EQ(preview.text, "Object, 1 keys");
}

TEST(Previews, LongTextIsText) {
  Preview preview =
      make_preview(json::parse(R"({"log": "line one\nline two\nline three"})"), {}, NodeType::javascript);
  EXPECT_EQ(preview.kind, Kind::text);
  EXPECT_EQ(preview.text, "line one (3 lines)");
}

TEST(PreviewPieces, FormatNumber) {
  EXPECT_EQ(format_number(-1.1373060305716454), "-1.137306");
  EXPECT_EQ(format_number(4000), "4000");
  EXPECT_EQ(format_number(0.0010000013115677487), "0.001000001");
  EXPECT_EQ(format_number(1e-20), "1e-20");
  EXPECT_EQ(port_label("time_constant"), "Time constant");
}

TEST(PreviewPieces, PngSizeRefusesWhatIsNotPng) {
  EXPECT_EQ(png_size("bm90IGEgcG5nIGF0IGFsbCwgbm90IGF0IGFsbA=="), (std::pair<int, int>{0, 0}));
  EXPECT_EQ(png_size(""), (std::pair<int, int>{0, 0}));
  EXPECT_EQ(svg_size(R"(<svg viewBox="0 0 300 150"></svg>)"), (std::pair<int, int>{300, 150}));
  EXPECT_EQ(svg_size(R"(<svg width="120" height='80'>)"), (std::pair<int, int>{120, 80}));
}

}  // namespace
}  // namespace llmos::preview
