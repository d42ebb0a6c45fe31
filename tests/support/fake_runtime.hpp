// A scripted Runtime for tests and benchmarks (native and wasm): answers at
// once inside dispatch, after N ticks, at a clock time, fails, or hangs.
// Outputs are computed from the inputs (every output port = sum of the
// numeric inputs) so tests can check real data flow.
#pragma once

#include "llmos/runtime.hpp"
#include "llmos/scheduler.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llmos {

class FakeRuntime final : public Runtime {
 public:
  struct Behavior {
    enum class Kind { immediate, after_ticks, at_time, hang };
    Kind kind = Kind::immediate;
    int ticks = 0;                   // after_ticks
    double at_ms = 0;                // at_time: answer once the clock reaches it
    std::optional<NodeError> error;  // answer with fail() instead of complete()
    std::optional<json> outputs;     // fixed outputs instead of the computed ones
  };
  static Behavior immediate() { return {}; }
  static Behavior after_ticks(int ticks) { return {Behavior::Kind::after_ticks, ticks, 0, {}, {}}; }
  static Behavior at_time(double at_ms) { return {Behavior::Kind::at_time, 0, at_ms, {}, {}}; }
  static Behavior hang() { return {Behavior::Kind::hang, 0, 0, {}, {}}; }
  static Behavior failing(NodeError error, int ticks = 0) {
    return {
        ticks > 0 ? Behavior::Kind::after_ticks : Behavior::Kind::immediate, ticks, 0, std::move(error), {}};
  }

  // Answers go to `scheduler` (attach() may set it later); `clock` is only
  // needed for at_time behaviours.
  explicit FakeRuntime(Scheduler* scheduler = nullptr, Clock clock = {});
  void attach(Scheduler& scheduler) { scheduler_ = &scheduler; }

  void set_default(Behavior behavior) { default_ = std::move(behavior); }
  void set(const std::string& node_id, Behavior behavior) { behaviors_[node_id] = std::move(behavior); }
  // Replaces compute_outputs (e.g. arithmetic that cannot overflow).
  using Compute = std::function<json(const Skill&, const json& inputs)>;
  void set_compute(Compute compute) { compute_ = std::move(compute); }
  // Benchmarks turn off the bookkeeping below.
  void set_recording(bool record) { recording_ = record; }

  void dispatch(const DispatchRequest& request) override;
  void cancel(RunId run, const NodeId& node) override;
  // Advances one tick and sends every answer that became due, in dispatch order.
  void tick();

  std::size_t in_flight() const { return in_flight_; }
  std::size_t max_in_flight() const { return max_in_flight_; }
  std::size_t dispatch_count() const { return dispatch_count_; }
  const std::vector<std::string>& dispatched() const { return dispatched_; }  // node ids, in order
  const std::vector<std::string>& cancelled() const { return cancelled_; }
  const json* inputs_of(const std::string& node_id) const;  // last inputs seen

  // Every output port of `skill` (or "sum" when it has none) = the sum of
  // the numeric inputs.
  static json compute_outputs(const Skill& skill, const json& inputs);

 private:
  struct Pending {
    NodeTicket ticket;
    NodeId node;
    Behavior behavior;
    json outputs;
  };
  void answer(Pending& pending);

  Scheduler* scheduler_;
  Clock clock_;
  Compute compute_;
  Behavior default_;
  std::map<std::string, Behavior> behaviors_;
  std::vector<Pending> pending_;
  bool recording_ = true;
  std::size_t in_flight_ = 0;
  std::size_t max_in_flight_ = 0;
  std::size_t dispatch_count_ = 0;
  std::vector<std::string> dispatched_;
  std::vector<std::string> cancelled_;
  std::map<std::string, json> inputs_seen_;
};

}  // namespace llmos
