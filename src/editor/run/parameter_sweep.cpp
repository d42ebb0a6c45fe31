#include "parameter_sweep.hpp"

#include <cmath>

namespace llmos::run {

std::vector<double> sweep_values(const SweepSpec& spec) {
  std::vector<double> out;
  if (spec.steps <= 0) return out;
  if (spec.steps == 1) return {spec.from};
  const bool geometric = spec.logarithmic && spec.from > 0 && spec.to > 0;
  for (int i = 0; i < spec.steps; ++i) {
    const double t = static_cast<double>(i) / (spec.steps - 1);
    out.push_back(geometric ? spec.from * std::pow(spec.to / spec.from, t)
                            : spec.from + (spec.to - spec.from) * t);
  }
  out.back() = spec.to;  // exact end, whatever the rounding
  return out;
}

std::optional<preview::Series> sweep_series(const json& outputs, std::string_view port) {
  if (!outputs.is_object()) return std::nullopt;
  const auto from_value = [](const json& value, std::string_view name) -> std::optional<preview::Series> {
    if (auto plot = preview::series_plot(value, name); plot && !plot->series.empty())
      return plot->series.front();
    if (auto view = preview::spice_vectors_view(value, name);
        view && !view->panes.empty() && !view->panes.front().series.empty())
      return view->panes.front().series.back();  // the last vector: the circuit's output node
    return std::nullopt;
  };
  if (!port.empty()) {
    if (!outputs.contains(std::string(port))) return std::nullopt;
    return from_value(outputs[std::string(port)], port);
  }
  for (const auto& [name, value] : outputs.items())
    if (auto series = from_value(value, name)) return series;
  return std::nullopt;
}

SweepRun::SweepRun(SweepSpec spec, json workflow)
    : spec_(std::move(spec)), workflow_(std::move(workflow)), values_(sweep_values(spec_)) {
  series_.resize(values_.size());
}

std::optional<json> SweepRun::next_workflow() {
  if (started_steps_ >= values_.size()) return std::nullopt;
  json step = workflow_;
  for (auto& node : step["nodes"])
    if (node.value("nodeId", std::string()) == spec_.node)
      node["inputValues"][spec_.input] = values_[started_steps_];
  ++started_steps_;
  return step;
}

void SweepRun::apply(const json& event) {
  if (started_steps_ == 0 || finished_steps_ >= values_.size()) return;
  const std::string kind = event.value("kind", std::string());
  if ((kind != "done" && kind != "cached") || event.value("node", std::string()) != spec_.output_node) return;
  if (!event.contains("outputs")) return;
  auto series = sweep_series(event["outputs"], spec_.output_port);
  if (!series) return;
  series->label = spec_.input + "=" + preview::format_number(values_[started_steps_ - 1]);
  series_[started_steps_ - 1] = std::move(series);
}

void SweepRun::step_finished() {
  if (finished_steps_ < started_steps_) ++finished_steps_;
}

preview::Plot SweepRun::overlay() const {
  preview::Plot plot;
  plot.title = "Sweep of " + spec_.node + "." + spec_.input;
  plot.y_label = spec_.output_node;
  for (const auto& series : series_)
    if (series) plot.series.push_back(*series);
  return plot;
}

}  // namespace llmos::run
