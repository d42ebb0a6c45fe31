#include "parameter_sweep.hpp"

#include "fixtures.hpp"

#include <gtest/gtest.h>

namespace llmos::run {
namespace {

SweepSpec spec(double from, double to, int steps, bool logarithmic = false) {
  return {"n", "x", from, to, steps, logarithmic, "n", ""};
}

TEST(ParameterSweep, ValuesCoverTheRangeLinearlyOrGeometrically) {
  EXPECT_EQ(sweep_values(spec(0, 1, 5)), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  const auto geometric = sweep_values(spec(100, 10000, 3, true));
  ASSERT_EQ(geometric.size(), 3u);
  EXPECT_NEAR(geometric[1], 1000, 1e-9);
  EXPECT_EQ(sweep_values(spec(3, 9, 1)), (std::vector<double>{3}));
  EXPECT_TRUE(sweep_values(spec(3, 9, 0)).empty());
}

TEST(ParameterSweep, SeriesFromASeriesOutputOrSpiceVectors) {
  const auto rc = sweep_series(testing::captured_outputs("circuit-rc-node"), "voltage_data");
  ASSERT_TRUE(rc);
  EXPECT_GT(rc->y.size(), 10u);
  EXPECT_EQ(rc->x.size(), rc->y.size());
  EXPECT_TRUE(sweep_series(testing::captured_outputs("quantum-vqe-node"), ""));  // convergence_data
  EXPECT_FALSE(sweep_series(testing::captured_outputs("unit-converter-node"), ""));
}

TEST(ParameterSweep, TwentyStepsGiveTwentyLabelledSeriesInOnePlot) {
  const json workflow = json::parse(
      R"({"nodes":[{"nodeId":"rc","skillId":"circuit-rc-node","inputValues":{"capacitance":1e-6}}],"edges":[]})");
  SweepRun sweep({"rc", "resistance", 100, 2000, 20, false, "rc", "voltage_data"}, workflow);
  const json outputs = testing::captured_outputs("circuit-rc-node");
  int runs = 0;
  while (auto step = sweep.next_workflow()) {
    const double r = (*step)["nodes"][0]["inputValues"]["resistance"].get<double>();
    EXPECT_EQ((*step)["nodes"][0]["inputValues"]["capacitance"], 1e-6) << "other inputs are kept";
    EXPECT_DOUBLE_EQ(r, sweep_values(sweep.spec())[runs]);
    sweep.apply(
        {{"run", runs + 1}, {"kind", runs == 0 ? "done" : "cached"}, {"node", "rc"}, {"outputs", outputs}});
    sweep.step_finished();
    ++runs;
  }
  EXPECT_EQ(runs, 20);
  EXPECT_TRUE(sweep.finished());
  const preview::Plot plot = sweep.overlay();
  ASSERT_EQ(plot.series.size(), 20u);
  EXPECT_EQ(plot.series.front().label, "resistance=100");
  EXPECT_EQ(plot.series.back().label, "resistance=2000");
}

TEST(ParameterSweep, AStepWithoutASeriesLeavesAGapNotAWrongLabel) {
  const json workflow = json::parse(R"({"nodes":[{"nodeId":"rc","skillId":"circuit-rc-node"}],"edges":[]})");
  SweepRun sweep({"rc", "resistance", 1, 3, 3, false, "rc", "voltage_data"}, workflow);
  const json outputs = testing::captured_outputs("circuit-rc-node");
  for (int i = 0; i < 3; ++i) {
    sweep.next_workflow();
    if (i != 1) sweep.apply({{"kind", "done"}, {"node", "rc"}, {"outputs", outputs}});
    sweep.step_finished();
  }
  const auto plot = sweep.overlay();
  ASSERT_EQ(plot.series.size(), 2u);
  EXPECT_EQ(plot.series[1].label, "resistance=3");
}

}  // namespace
}  // namespace llmos::run
