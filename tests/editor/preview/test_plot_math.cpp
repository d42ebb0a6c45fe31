#include "plot_math.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace llmos::preview {
namespace {

TEST(PlotMath, NiceTicksAreRoundAndInside) {
  auto ticks = nice_ticks({-1.2, 0.1}, 8);
  ASSERT_EQ(ticks.size(), 7u);  // -1.2 to 0 by 0.2
  EXPECT_NEAR(ticks.front(), -1.2, 1e-12);
  EXPECT_EQ(ticks.back(), 0.0);
  EXPECT_EQ(nice_ticks({-1.2, 0.1}, 6), (std::vector<double>{-1.0, -0.5, 0.0}));
  ticks = nice_ticks({0, 100}, 6);
  EXPECT_EQ(ticks, (std::vector<double>{0, 20, 40, 60, 80, 100}));
  ticks = nice_ticks({0.001, 0.0093}, 5);  // steps of 2.5e-3
  ASSERT_EQ(ticks.size(), 3u);
  EXPECT_NEAR(ticks.front(), 0.0025, 1e-15);
  EXPECT_NEAR(ticks.back(), 0.0075, 1e-15);
  EXPECT_TRUE(nice_ticks({1, 1}, 5).empty());
}

TEST(PlotMath, LogTicksAreDecades) {
  auto ticks = log_ticks({10, 1e6}, 8);
  EXPECT_EQ(ticks.size(), 6u);
  EXPECT_DOUBLE_EQ(ticks.front(), 10);
  EXPECT_DOUBLE_EQ(ticks.back(), 1e6);
  ticks = log_ticks({10, 1e6}, 3);  // every second decade
  EXPECT_EQ(ticks.size(), 3u);
  ticks = log_ticks({3, 40}, 8);  // under two decades: 1-2-5
  EXPECT_EQ(ticks, (std::vector<double>{5, 10, 20}));
}

TEST(PlotMath, TickAndSiLabels) {
  EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(format_tick(40, 20), "40");
  EXPECT_EQ(format_tick(1e6, 1e6), "1e+06");
  EXPECT_EQ(format_si(1591.47, "Hz"), "1.59 kHz");
  EXPECT_EQ(format_si(0.001, "s"), "1 ms");
  EXPECT_EQ(format_si(0, "V"), "0 V");
  EXPECT_EQ(format_si(-2.2e-6, "F"), "-2.2 uF");
}

TEST(PlotMath, BoundsPadFlatDataAndIncludeZeroForBars) {
  Plot flat;
  Series s;
  s.x = {0, 1, 2};
  s.y = {3, 3, 3};
  flat.series.push_back(s);
  Bounds b = data_bounds(flat);
  EXPECT_LT(b.y.lo, 3);
  EXPECT_GT(b.y.hi, 3);
  Plot bars = flat;
  bars.series[0].style = Series::Style::bars;
  EXPECT_EQ(data_bounds(bars).y.lo, 0);
  EXPECT_EQ(data_bounds(bars).x.lo, -0.5);
  Plot log_plot = flat;
  log_plot.x_log = true;
  log_plot.series[0].x = {0, 10, 100};  // x = 0 has no place on a log axis
  EXPECT_EQ(data_bounds(log_plot).x.lo, 10);
}

TEST(PlotMath, CsvWideWhenXIsShared) {
  Plot plot;
  plot.x_label = "time (s)";
  Series a, b;
  a.label = "v(in)";
  b.label = "v(out), filtered";
  a.x = b.x = {0, 0.5};
  a.y = {1, 2};
  b.y = {0.25, 1e-20};
  plot.series = {a, b};
  EXPECT_EQ(plot_to_csv(plot), "time (s),v(in),\"v(out), filtered\"\n0,1,0.25\n0.5,2,1e-20\n");
  plot.series[1].x = {0, 1};
  EXPECT_EQ(plot_to_csv(plot),
            "series,time (s),y\nv(in),0,1\nv(in),0.5,2\n\"v(out), filtered\",0,0.25\n"
            "\"v(out), filtered\",1,1e-20\n");
}

TEST(PlotMath, NearestPoint) {
  Series s;
  s.x = {0, 1, 2, 4};
  s.y = {0, 0, 0, 0};
  EXPECT_EQ(nearest_point(s, 2.9), 2);
  EXPECT_EQ(nearest_point(s, 3.1), 3);
  EXPECT_EQ(nearest_point(s, -5), 0);
  EXPECT_EQ(nearest_point(s, 99), 3);
  s.x = {4, 0, 2};
  s.y = {0, 0, 0};
  EXPECT_EQ(nearest_point(s, 1.8), 2);
  EXPECT_EQ(nearest_point(Series{}, 1), -1);
}

}  // namespace
}  // namespace llmos::preview
