#include "fake_runtime.hpp"

namespace llmos {

FakeRuntime::FakeRuntime(Scheduler* scheduler, Clock clock)
    : scheduler_(scheduler), clock_(std::move(clock)) {}

json FakeRuntime::compute_outputs(const Skill& skill, const json& inputs) {
  double sum = 0;
  for (const auto& [name, value] : inputs.items())
    if (value.is_number()) sum += value.get<double>();
  json outputs = json::object();
  if (skill.outputs.empty()) outputs["sum"] = sum;
  for (const auto& port : skill.outputs) outputs[port.name] = sum;
  return outputs;
}

void FakeRuntime::dispatch(const DispatchRequest& request) {
  ++dispatch_count_;
  ++in_flight_;
  max_in_flight_ = std::max(max_in_flight_, in_flight_);
  if (recording_) {
    dispatched_.push_back(request.node.value);
    inputs_seen_[request.node.value] = request.inputs;
  }
  const auto found = behaviors_.empty() ? behaviors_.end() : behaviors_.find(request.node.value);
  const Behavior& behavior = found == behaviors_.end() ? default_ : found->second;
  json outputs = behavior.outputs ? *behavior.outputs
                 : compute_       ? compute_(request.skill, request.inputs)
                                  : compute_outputs(request.skill, request.inputs);
  if (behavior.kind != Behavior::Kind::immediate) {
    pending_.push_back(Pending{request.ticket, request.node, behavior, std::move(outputs)});
    return;
  }
  // Answered inside dispatch (re-entrant: the scheduler must cope).
  --in_flight_;
  if (!scheduler_) return;
  if (behavior.error)
    scheduler_->fail(request.ticket, *behavior.error);
  else
    scheduler_->complete(request.ticket, std::move(outputs));
}

void FakeRuntime::answer(Pending& pending) {
  if (in_flight_ > 0) --in_flight_;
  if (!scheduler_) return;
  // By id, as hosts that only kept the node id answer.
  if (pending.behavior.error)
    scheduler_->fail(pending.ticket.run, pending.node, *pending.behavior.error);
  else
    scheduler_->complete(pending.ticket.run, pending.node, std::move(pending.outputs));
}

void FakeRuntime::cancel(RunId run, const NodeId& node) {
  if (recording_) cancelled_.push_back(node.value);
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->ticket.run == run && it->node == node) {
      pending_.erase(it);
      if (in_flight_ > 0) --in_flight_;
      return;
    }
  }
}

void FakeRuntime::tick() {
  const double now = clock_ ? clock_() : 0;
  std::vector<Pending> due;
  std::vector<Pending> still;
  for (auto& pending : pending_) {
    auto& behavior = pending.behavior;
    bool ready = false;
    if (behavior.kind == Behavior::Kind::after_ticks) ready = --behavior.ticks <= 0;
    if (behavior.kind == Behavior::Kind::at_time) ready = now >= behavior.at_ms;
    (ready ? due : still).push_back(std::move(pending));
  }
  pending_ = std::move(still);
  // Answers may dispatch new nodes into pending_; those wait for the next tick.
  for (auto& pending : due) answer(pending);
}

const json* FakeRuntime::inputs_of(const std::string& node_id) const {
  const auto found = inputs_seen_.find(node_id);
  return found == inputs_seen_.end() ? nullptr : &found->second;
}

}  // namespace llmos
