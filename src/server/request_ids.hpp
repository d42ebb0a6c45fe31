// Ids that name things on disk (users, teams, skills, workflows, traces,
// history versions). Every id that arrives in a request is checked here
// before it becomes part of a path, so no request can reach outside its own
// volume: no "..", no slashes or backslashes, no NUL, no absolute paths, no
// characters outside a small alphabet, bounded length.
#pragma once

#include "api_error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace llmos::server {

enum class IdKind { user, team, skill, workflow, trace, version };

// "user_id", "team_id", "skill_id", "workflow_id", "trace_id", "commit".
std::string_view field_name(IdKind kind);

// The longest id of any kind (skill and workflow ids are file names).
inline constexpr std::size_t kMaxIdLength = 64;

// nullopt when `id` is acceptable for `kind`, else a sentence saying why not.
//   user, team, workflow: 1-64 of [A-Za-z0-9_-], starting with a letter or digit;
//   skill: kebab-case (lowercase letters and digits joined by single hyphens), 1-64;
//   trace: as workflow (the server makes them);
//   version: a full or abbreviated (>= 7) hexadecimal git commit id.
std::optional<std::string> id_problem(IdKind kind, std::string_view id);

// `id` when acceptable, else a 400 ApiError (code request.bad_id) naming the field.
Outcome<std::string> checked_id(IdKind kind, std::string id);

// The user and team a request acts for when it names none.
inline constexpr std::string_view kDefaultUser = "local";
inline constexpr std::string_view kDefaultTeam = "local";

// Who a request acts for. There is no login: the request names them.
struct Identity {
  std::string user;
  std::string team;
};
// Empty values take the defaults ("local"); bad ids are a 400.
Outcome<Identity> checked_identity(std::string user, std::string team);

}  // namespace llmos::server
