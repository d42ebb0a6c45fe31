#include "http_reply.hpp"
#include "routes.hpp"

#include <httplib.h>

namespace llmos::server {

Outcome<Identity> identity_of(const httplib::Request& request) {
  return checked_identity(request.get_param_value("user_id"), request.get_param_value("team_id"));
}

Outcome<Owner> volume_of(const httplib::Request& request) {
  const auto volume = request.get_param_value("volume");
  if (volume.empty() || volume == "user") return Owner::user;
  if (volume == "team") return Owner::team;
  return bad_request("request.bad_volume",
                     "volume must be 'user' or 'team', not '" + volume.substr(0, 40) + "'",
                     {{"field", "volume"}});
}

Outcome<std::string> path_id(const RouteMatch& match, std::size_t index, IdKind kind) {
  return checked_id(kind, index < match.params.size() ? match.params[index] : std::string());
}

Outcome<std::string> commit_param(const httplib::Request& request, const char* name, bool optional) {
  const auto value = request.get_param_value(name);
  if (value.empty() && optional) return value;
  if (value.empty())
    return bad_request("request.missing", std::string("missing query parameter '") + name + "'",
                       {{"field", name}});
  return checked_id(IdKind::version, value);
}

void reply(RouteMatch& match, const Outcome<json>& outcome, int status) {
  if (!outcome) {
    reply_error(match.request, match.response, outcome.error());
    return;
  }
  reply_json(match.request, match.response, status, *outcome);
}

void add_history_routes(Router& router, WorkbenchService& service, const std::string& base,
                        TargetOf target_of) {
  router.add("GET", base + "/{}/history", [&service, target_of](RouteMatch& match) {
    auto target = target_of(match);
    if (!target) return reply(match, target.error());
    reply(match, service.versions(target->file));
  });

  router.add("GET", base + "/{}/history/{}", [&service, target_of](RouteMatch& match) {
    auto target = target_of(match);
    if (!target) return reply(match, target.error());
    auto commit = path_id(match, 1, IdKind::version);
    if (!commit) return reply(match, commit.error());
    reply(match, service.version_content(target->file, *commit));
  });

  router.add("GET", base + "/{}/diff", [&service, target_of](RouteMatch& match) {
    auto target = target_of(match);
    if (!target) return reply(match, target.error());
    auto from = commit_param(match.request, "from", true);
    if (!from) return reply(match, from.error());
    auto to = commit_param(match.request, "to", true);
    if (!to) return reply(match, to.error());
    reply(match, service.diff(target->file, *from, *to));
  });

  router.add("POST", base + "/{}/restore", [&service, target_of](RouteMatch& match) {
    auto target = target_of(match);
    if (!target) return reply(match, target.error());
    const json body = parse_json(match.request.body).value;
    std::string commit = match.request.get_param_value("commit");
    if (commit.empty() && body.is_object() && body.value("commit", json()).is_string())
      commit = body["commit"];
    auto checked = checked_id(IdKind::version, commit);
    if (!checked) return reply(match, checked.error());
    reply(match, service.restore(target->who, target->file, *checked));
  });
}

}  // namespace llmos::server
