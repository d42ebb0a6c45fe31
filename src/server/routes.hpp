// The HTTP API's routes, one file per group (routes_skills.cpp,
// routes_workflows.cpp, routes_traces.cpp), and what they share: who the
// request is for, which volume, checked ids from the path, replying with an
// Outcome. The API itself is described in README.md ("HTTP API").
#pragma once

#include "api_error.hpp"
#include "request_ids.hpp"
#include "router.hpp"
#include "volumes_on_disk.hpp"
#include "workbench_service.hpp"

namespace llmos::server {

void add_skill_routes(Router& router, WorkbenchService& service);
void add_workflow_routes(Router& router, WorkbenchService& service);
void add_trace_routes(Router& router, WorkbenchService& service);

// user_id and team_id from the query string (defaults "local").
Outcome<Identity> identity_of(const httplib::Request& request);
// ?volume=user (default) or team.
Outcome<Owner> volume_of(const httplib::Request& request);
// The path parameter `index`, checked as an id of `kind`.
Outcome<std::string> path_id(const RouteMatch& match, std::size_t index, IdKind kind);
// A query parameter checked as a commit id; empty allowed when `optional`.
Outcome<std::string> commit_param(const httplib::Request& request, const char* name, bool optional);

// A file with history, as a route names it: who asks and which file.
struct VersionedTarget {
  Identity who;
  WorkbenchService::Versioned file;
};
using TargetOf = Outcome<VersionedTarget> (*)(const RouteMatch& match);
// GET <base>/{}/history, GET <base>/{}/history/{commit}, GET <base>/{}/diff?from=&to=,
// POST <base>/{}/restore {commit}: the same four routes for skills and workflows.
void add_history_routes(Router& router, WorkbenchService& service, const std::string& base,
                        TargetOf target_of);

// JSON with `status` or the error.
void reply(RouteMatch& match, const Outcome<json>& outcome, int status = 200);

}  // namespace llmos::server
