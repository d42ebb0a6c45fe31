// Run traces: POST /workflows/traces stores one (Evolution reads them);
// GET lists a user's traces and reads one.
#include "http_reply.hpp"
#include "routes.hpp"

#include <httplib.h>

namespace llmos::server {

void add_trace_routes(Router& router, WorkbenchService& service) {
  router.add("POST", "/workflows/traces", [&service](RouteMatch& match) {
    reply(match, service.save_trace(match.request.body, match.request.get_param_value("user_id")), 201);
  });

  router.add("GET", "/workflows/traces", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    reply(match, service.list_traces(*who));
  });

  router.add("GET", "/workflows/traces/{}", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    auto id = path_id(match, 0, IdKind::trace);
    if (!id) return reply(match, id.error());
    auto text = service.read_trace(*who, *id);
    if (!text) return reply_error(match.request, match.response, text.error());
    reply_prepared(match.request, match.response, prepare_body(std::move(*text), "application/json", true));
  });
}

}  // namespace llmos::server
