// Dispatch from the core to JS: the Runtime the wasm scheduler uses for every
// node type calls Module.llmosHost.dispatch(request) (web/lib/core.js), and
// scheduler events go to Module.llmosHost.event(event). The JS bridges answer
// through llmos_run_complete / llmos_run_fail.
#pragma once

#include "llmos/run_events.hpp"
#include "llmos/runtime.hpp"
#include "llmos/scheduler.hpp"

namespace llmos::wasm {

class JsRuntime final : public Runtime {
 public:
  void dispatch(const DispatchRequest& request) override;
  void cancel(RunId run, const NodeId& node) override;
};

// Forwards scheduler events to JS, with the node's outputs on done/cached
// and its error on error/skipped/cancelled.
class JsEventForwarder final : public RunObserver {
 public:
  void on_node_event(const NodeEvent& event) override;
  void on_run_finished(RunId run, double time_ms) override;
};

// The dispatch request as JS sees it: {run, node, skill:{skill_id,
// node_type, code, code_first_line, source_path, postprocess,
// postprocess_first_line, requires, network}, inputs, deadline_ms}.
json dispatch_request_to_json(const DispatchRequest& request);

}  // namespace llmos::wasm
