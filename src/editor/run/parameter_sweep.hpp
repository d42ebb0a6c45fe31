// A parameter sweep: one node input stepped over a range, one run per step
// (the runs share the result cache, so only what the input reaches re-runs),
// and the series one node produces overlaid in a single plot. Plain data: the
// run controller asks it for the next workflow and feeds it the events.
#pragma once

#include "preview.hpp"

#include "llmos/workflow.hpp"

#include <optional>
#include <string>
#include <vector>

namespace llmos::run {

struct SweepSpec {
  std::string node;   // the node whose input is swept
  std::string input;  // its input port
  double from = 0, to = 1;
  int steps = 10;
  bool logarithmic = false;  // geometric steps (resistances, frequencies)
  std::string output_node;   // whose series is overlaid
  std::string output_port;   // empty: the node's first series output
};

// The input values of the steps: `steps` values from `from` to `to` inclusive.
std::vector<double> sweep_values(const SweepSpec& spec);

// The series of one node's outputs (a `series` value or spice vectors) that a
// sweep overlays: `port`'s, or the first output that is one.
std::optional<preview::Series> sweep_series(const json& outputs, std::string_view port);

class SweepRun {
 public:
  SweepRun(SweepSpec spec, json workflow);

  const SweepSpec& spec() const { return spec_; }
  // The workflow of the next step (the input set to its value), or nullopt when all have run.
  std::optional<json> next_workflow();
  // Feeds an event of the current step's run; the output node's outputs become its series.
  void apply(const json& event);
  // The current step's run finished (with or without a series).
  void step_finished();
  bool finished() const { return finished_steps_ >= values_.size(); }
  std::size_t steps_finished() const { return finished_steps_; }
  std::size_t steps() const { return values_.size(); }

  // One series per step that produced one, labelled "input=value".
  preview::Plot overlay() const;

 private:
  SweepSpec spec_;
  json workflow_;
  std::vector<double> values_;
  std::vector<std::optional<preview::Series>> series_;
  std::size_t started_steps_ = 0;
  std::size_t finished_steps_ = 0;
};

}  // namespace llmos::run
