#include "js_runtime.hpp"

#include <emscripten/emscripten.h>

#include <cmath>
#include <string>

// The host functions live on the module object (set by web/lib/core.js).
// clang-format off
EM_JS(void, llmos_js_dispatch, (const char* request), {
  Module.llmosHost.dispatch(UTF8ToString(request));
});
EM_JS(void, llmos_js_cancel, (double run, const char* node), {
  Module.llmosHost.cancel(run, UTF8ToString(node));
});
EM_JS(void, llmos_js_event, (const char* event), {
  Module.llmosHost.event(UTF8ToString(event));
});
// clang-format on

namespace llmos::wasm {
namespace {

double run_number(RunId run) { return static_cast<double>(run.value); }

}  // namespace

json dispatch_request_to_json(const DispatchRequest& request) {
  const Skill& skill = request.skill;
  json skill_json{{"skill_id", skill.skill_id},
                  {"node_type", std::string(to_string(skill.type))},
                  {"source_path", skill.source_path.empty() ? skill.skill_id : skill.source_path},
                  {"requires", skill.requires_modules},
                  {"network", skill.network_origins}};
  if (skill.code) {
    skill_json["code"] = skill.code->code;
    skill_json["code_first_line"] = skill.code->first_line;
    skill_json["language"] = skill.code->language;
  }
  if (skill.postprocess) {
    skill_json["postprocess"] = skill.postprocess->code;
    skill_json["postprocess_first_line"] = skill.postprocess->first_line;
  }
  json outputs = json::array();
  for (const auto& port : skill.outputs) outputs.push_back(port.name);
  skill_json["outputs"] = std::move(outputs);
  json message{{"run", run_number(request.ticket.run)},
               {"node", request.node.value},
               {"skill", std::move(skill_json)},
               {"inputs", request.inputs}};
  message["deadline_ms"] = std::isfinite(request.deadline_ms) ? json(request.deadline_ms) : json(nullptr);
  return message;
}

void JsRuntime::dispatch(const DispatchRequest& request) {
  llmos_js_dispatch(dispatch_request_to_json(request).dump().c_str());
}

void JsRuntime::cancel(RunId run, const NodeId& node) {
  llmos_js_cancel(run_number(run), node.value.c_str());
}

void JsEventForwarder::on_node_event(const NodeEvent& event) {
  json message{{"run", run_number(event.run)}, {"kind", std::string(to_string(event.kind))},
               {"node", event.node.value},     {"skill_id", event.skill_id},
               {"time_ms", event.time_ms},     {"duration_ms", event.duration_ms}};
  if (event.kind == EventKind::progress) {
    message["progress"] = event.progress;
    message["message"] = std::string(event.message);
  } else if (event.kind == EventKind::log) {
    message["stream"] = std::string(event.stream);
    message["text"] = std::string(event.message);
  }
  if (event.outputs) message["outputs"] = *event.outputs;
  if (event.error) message["error"] = event.error->to_json();
  llmos_js_event(message.dump().c_str());
}

void JsEventForwarder::on_run_finished(RunId run, double time_ms) {
  const json message{{"run", run_number(run)}, {"kind", "run_finished"}, {"time_ms", time_ms}};
  llmos_js_event(message.dump().c_str());
}

}  // namespace llmos::wasm
