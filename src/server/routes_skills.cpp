// Skills: what a user and team see (system < team < user, shadowing), one
// skill, categories, standard skills as LLM context, and creating, replacing,
// deleting and versioning skills in the user's (or team's) volume.
#include "http_reply.hpp"
#include "routes.hpp"

#include <httplib.h>

namespace llmos::server {
namespace {

// The Markdown of a skill: the body itself, or {"markdown": "..."} in JSON.
struct SkillUpload {
  std::string markdown;
  std::string user;
  std::string team;
};

SkillUpload skill_upload(const httplib::Request& request) {
  SkillUpload out{request.body, request.get_param_value("user_id"), request.get_param_value("team_id")};
  if (!request.body.empty() && request.body.front() == '{') {
    const json body = parse_json(request.body).value;
    if (body.is_object() && body.contains("markdown") && body["markdown"].is_string()) {
      out.markdown = body["markdown"].get<std::string>();
      if (out.user.empty() && body.value("user_id", json()).is_string()) out.user = body["user_id"];
      if (out.team.empty() && body.value("team_id", json()).is_string()) out.team = body["team_id"];
    }
  }
  return out;
}

void save(WorkbenchService& service, RouteMatch& match, bool create) {
  auto upload = skill_upload(match.request);
  auto who = checked_identity(upload.user, upload.team);
  if (!who) return reply(match, who.error());
  auto owner = volume_of(match.request);
  if (!owner) return reply(match, owner.error());
  std::optional<std::string> expected;
  if (!create) {
    auto id = path_id(match, 0, IdKind::skill);
    if (!id) return reply(match, id.error());
    expected = *id;
  }
  auto saved = service.save_skill(*who, *owner, expected, upload.markdown, create);
  reply(match, saved, saved && (*saved)["created"] == true ? 201 : 200);
}

// identity, volume and skill id of a /workflows/skills/{id}/... request.
Outcome<VersionedTarget> skill_target(const RouteMatch& match) {
  auto who = identity_of(match.request);
  if (!who) return who.error();
  auto owner = volume_of(match.request);
  if (!owner) return owner.error();
  auto id = path_id(match, 0, IdKind::skill);
  if (!id) return id.error();
  return VersionedTarget{*who, WorkbenchService::skill_file(*who, *owner, *id)};
}

}  // namespace

void add_skill_routes(Router& router, WorkbenchService& service) {
  router.add("GET", "/workflows/skills/executable", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    reply_prepared(match.request, match.response, service.library(*who)->executable);
  });

  router.add("GET", "/workflows/categories", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    reply_prepared(match.request, match.response, service.library(*who)->categories);
  });

  // Every visible skill (standard ones too), filtered by ?type, ?category,
  // ?search, ?executable=1.
  router.add("GET", "/workflows/skills", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    SkillQuery query;
    query.type = match.request.get_param_value("type");
    query.category = match.request.get_param_value("category");
    const auto executable = match.request.get_param_value("executable");
    query.executable_only = executable == "1" || executable == "true";
    reply(match, service.list_skills(*service.library(*who), query, match.request.get_param_value("search")));
  });

  router.add("GET", "/workflows/context", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    reply(match, service.context(*service.library(*who), match.request.get_param_value("keywords")));
  });

  router.add("GET", "/workflows/skills/{}", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    auto id = path_id(match, 0, IdKind::skill);
    if (!id) return reply(match, id.error());
    reply(match, service.read_skill(*service.library(*who), *id));
  });

  // One resource of an Agent Skills folder, as its bytes with its media type:
  // /workflows/skills/{id}/resource?path=scripts/fill.py
  router.add("GET", "/workflows/skills/{}/resource", [&service](RouteMatch& match) {
    auto who = identity_of(match.request);
    if (!who) return reply(match, who.error());
    auto id = path_id(match, 0, IdKind::skill);
    if (!id) return reply(match, id.error());
    auto resource =
        service.read_skill_resource(*service.library(*who), *id, match.request.get_param_value("path"));
    if (!resource) return reply(match, resource.error());
    reply_prepared(match.request, match.response,
                   prepare_body(std::move(resource->data), std::move(resource->media_type), true));
  });

  router.add("POST", "/workflows/skills", [&service](RouteMatch& match) { save(service, match, true); });
  router.add("PUT", "/workflows/skills/{}", [&service](RouteMatch& match) { save(service, match, false); });

  router.add("DELETE", "/workflows/skills/{}", [&service](RouteMatch& match) {
    auto target = skill_target(match);
    if (!target) return reply(match, target.error());
    reply(match, service.delete_skill(target->who, target->file.owner, match.params[0]));
  });

  add_history_routes(router, service, "/workflows/skills", skill_target);
}

}  // namespace llmos::server
