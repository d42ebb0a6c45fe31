#include "link_summary.hpp"

#include "fixtures.hpp"
#include "preview.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace llmos::run {
namespace {

using testing::captured_outputs;

std::string summary(PortType type, const json& value) { return link_value_summary(type, &value); }

TEST(LinkSummary, NamesTheTypeAndSizeOfRealOutputs) {
  const json vqe = captured_outputs("quantum-vqe-node");
  EXPECT_EQ(summary(PortType::float_, vqe["eigenvalue"]), "float -1.137306");
  EXPECT_EQ(summary(PortType::series, vqe["convergence_data"]), "series 101 points");
  const json plot = captured_outputs("plot-data-node");
  const auto [width, height] = preview::png_size(plot["plot_image"].get<std::string>());
  ASSERT_GT(width, 0);
  EXPECT_EQ(summary(PortType::image, plot["plot_image"]),
            "image " + std::to_string(width) + "x" + std::to_string(height) + " PNG");
  EXPECT_EQ(summary(PortType::scene, captured_outputs("threejs-cube-node")["scene_data"]), "scene 1 object");
  const json rc = captured_outputs("circuit-rc-node");
  EXPECT_EQ(summary(PortType::series, rc["voltage_data"]), "series 1027 points");
  const std::string netlist = rc["netlist"].get<std::string>();
  const auto lines = std::count(netlist.begin(), netlist.end(), '\n') + (netlist.back() == '\n' ? 0 : 1);
  EXPECT_EQ(summary(PortType::netlist, rc["netlist"]), "netlist " + std::to_string(lines) + " lines");
}

TEST(LinkSummary, ScalarsTextAndCollections) {
  EXPECT_EQ(summary(PortType::float_, 3.14), "float 3.14");
  EXPECT_EQ(summary(PortType::int_, 42), "int 42");
  EXPECT_EQ(summary(PortType::bool_, true), "bool true");
  EXPECT_EQ(summary(PortType::string, "hello"), "string \"hello\" (5 chars)");
  EXPECT_EQ(summary(PortType::string, std::string(40, 'a') + "\nmore"),
            "string \"" + std::string(24, 'a') + "...\" (45 chars)");
  EXPECT_EQ(summary(PortType::array, json::array({1, 2, 3})), "array 3 items");
  EXPECT_EQ(summary(PortType::object, json{{"a", 1}, {"b", 2}}), "object 2 keys");
  EXPECT_EQ(summary(PortType::scene, json{{"type", "scene"}, {"objects", json::array({{}, {}, {}})}}),
            "scene 3 objects");
  json two{{"x", {0, 1, 2}}, {"y", {1, 2, 3}}, {"input_y", {3, 2, 1}}};
  EXPECT_EQ(summary(PortType::series, two), "series 2 x 3 points");
}

TEST(LinkSummary, NoValueYetAndValuesThatDoNotFitTheirPort) {
  EXPECT_EQ(link_value_summary(PortType::series, nullptr), "series: no value yet (run the workflow)");
  const json null_value;
  EXPECT_EQ(link_value_summary(PortType::float_, &null_value), "float: no value yet (run the workflow)");
  // Named by its shape when it does not fit the declared type (or none is declared).
  EXPECT_EQ(summary(PortType::float_, "not a number"), "string \"not a number\" (12 chars)");
  EXPECT_EQ(summary(PortType::any, 2.5), "float 2.5");
  EXPECT_EQ(summary(PortType::any, json{{"x", {0, 1}}, {"y", {2, 3}}}), "series 2 points");
  EXPECT_EQ(summary(PortType::image, "not base64 png"), "image (14 bytes of base64)");
}

}  // namespace
}  // namespace llmos::run
