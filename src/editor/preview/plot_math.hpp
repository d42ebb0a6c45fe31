// The arithmetic of plots, apart from drawing: data bounds, nice tick values
// (linear and logarithmic axes), tick labels, and a plot as CSV.
#pragma once

#include "preview.hpp"

#include <string>
#include <vector>

namespace llmos::preview {

// A closed interval of one axis.
struct Range {
  double lo = 0, hi = 1;
  double span() const { return hi - lo; }
};

// x and y ranges of every finite point (x > 0 only on a log x axis), padded
// so a flat line is not drawn on the frame; bars always include y = 0.
struct Bounds {
  Range x, y;
};
Bounds data_bounds(const Plot& plot);

// Ticks at 1, 2, 2.5 or 5 times a power of ten, at most `max_ticks` of them, all
// inside [lo, hi].
std::vector<double> nice_ticks(Range range, int max_ticks);
// Ticks of a log axis: each decade, or 1-2-5 within decades when the range is
// under two decades, or every k-th decade when too many.
std::vector<double> log_ticks(Range range, int max_ticks);
// A tick's label, with as many decimals as the tick step needs: 0.25, 1e+06.
std::string format_tick(double value, double step);
// With an SI prefix: 1591.47, "Hz" -> "1.59 kHz"; 0.001 "s" -> "1 ms".
std::string format_si(double value, std::string_view unit);

// The plot as CSV: one x column and one column per series when every series
// has the same x values, else long form (series,x,y). Labels are quoted when
// they need it; numbers read back exactly.
std::string plot_to_csv(const Plot& plot);

// Index of the point of `series` whose x is closest to `x` (binary search on
// sorted x, linear otherwise); -1 when empty.
int nearest_point(const Series& series, double x);

}  // namespace llmos::preview
