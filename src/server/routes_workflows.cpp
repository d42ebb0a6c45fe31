// Workflows: POST /workflows/execute (the original API: validated by the
// core, answered with the payload executeWorkflow takes), validation alone,
// and each user's saved workflows with their history.
#include "http_reply.hpp"
#include "routes.hpp"

#include "llmos/json_view.hpp"

#include <httplib.h>

namespace llmos::server {
namespace {

struct WorkflowTarget {
  Identity who;
  std::string workflow_id;
  WorkbenchService::Versioned file;
};
Outcome<WorkflowTarget> workflow_target(const RouteMatch& match) {
  auto who = identity_of(match.request);
  if (!who) return who.error();
  auto id = path_id(match, 0, IdKind::workflow);
  if (!id) return id.error();
  return WorkflowTarget{*who, *id, WorkbenchService::workflow_file(*who, *id)};
}

}  // namespace

void add_workflow_routes(Router& router, WorkbenchService& service) {
  // Accepts the body with any Content-Type (the original's fetch sends none).
  router.add("POST", "/workflows/execute", [&service](RouteMatch& match) {
    reply(match, service.prepare_execution(match.request.body, match.request.get_param_value("user_id"),
                                           match.request.get_param_value("team_id")));
  });

  // {valid, diagnostics} for a workflow (or execute request) body.
  router.add("POST", "/workflows/validate", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    const auto checked = service.check_workflow(match.request.body, *service.library(*who), true);
    reply(match, json{{"valid", !checked.diagnostics.has_errors()},
                      {"diagnostics", diagnostics_to_json(checked.diagnostics)}});
  });

  router.add("GET", "/workflows/saved", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    reply(match, service.list_workflows(*who));
  });

  router.add("GET", "/workflows/saved/{}", [&service](RouteMatch& match) {
    auto target = workflow_target(match);
    if (!target) return reply(match, target.error());
    auto text = service.read_workflow(target->who, target->workflow_id);
    if (!text) return reply_error(match.request, match.response, text.error());
    reply_prepared(match.request, match.response, prepare_body(std::move(*text), "application/json", true));
  });

  router.add("PUT", "/workflows/saved/{}", [&service](RouteMatch& match) {
    auto target = workflow_target(match);
    if (!target) return reply(match, target.error());
    auto saved = service.save_workflow(target->who, target->workflow_id, match.request.body);
    reply(match, saved, saved && (*saved)["created"] == true ? 201 : 200);
  });

  router.add("DELETE", "/workflows/saved/{}", [&service](RouteMatch& match) {
    auto target = workflow_target(match);
    if (!target) return reply(match, target.error());
    reply(match, service.delete_workflow(target->who, target->workflow_id));
  });

  add_history_routes(router, service, "/workflows/saved",
                     [](const RouteMatch& match) -> Outcome<VersionedTarget> {
                       auto target = workflow_target(match);
                       if (!target) return target.error();
                       return VersionedTarget{target->who, target->file};
                     });
}

}  // namespace llmos::server
