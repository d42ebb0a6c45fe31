#include "request_ids.hpp"

#include "llmos/skill_parser.hpp"

namespace llmos::server {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

std::string shown(std::string_view id) {
  // Ids are echoed in errors: keep them short and printable.
  std::string out;
  for (char c : id.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (id.size() > 40) out += "...";
  return "'" + out + "'";
}

}  // namespace

std::string_view field_name(IdKind kind) {
  switch (kind) {
    case IdKind::user:
      return "user_id";
    case IdKind::team:
      return "team_id";
    case IdKind::skill:
      return "skill_id";
    case IdKind::workflow:
      return "workflow_id";
    case IdKind::trace:
      return "trace_id";
    case IdKind::version:
      return "commit";
  }
  return "id";
}

std::optional<std::string> id_problem(IdKind kind, std::string_view id) {
  const std::string field(field_name(kind));
  if (id.empty()) return field + " is empty";
  if (id.size() > kMaxIdLength)
    return field + " is longer than " + std::to_string(kMaxIdLength) + " characters";
  if (kind == IdKind::version) {
    if (id.size() < 7 || id.size() > 40) return field + " " + shown(id) + " is not a git commit id";
    for (char c : id)
      if (!is_hex(c)) return field + " " + shown(id) + " is not a git commit id (lowercase hex)";
    return std::nullopt;
  }
  if (kind == IdKind::skill) {
    if (!is_kebab_case(id))
      return field + " " + shown(id) + " is not kebab-case (lowercase letters and digits joined by '-')";
    return std::nullopt;
  }
  if (!is_alnum(id.front())) return field + " " + shown(id) + " must start with a letter or digit";
  for (char c : id)
    if (!is_alnum(c) && c != '-' && c != '_')
      return field + " " + shown(id) + " may only contain letters, digits, '-' and '_'";
  return std::nullopt;
}

Outcome<std::string> checked_id(IdKind kind, std::string id) {
  if (auto problem = id_problem(kind, id))
    return bad_request("request.bad_id", *problem, {{"field", std::string(field_name(kind))}});
  return id;
}

Outcome<Identity> checked_identity(std::string user, std::string team) {
  auto checked_user = checked_id(IdKind::user, user.empty() ? std::string(kDefaultUser) : std::move(user));
  if (!checked_user) return checked_user.error();
  auto checked_team = checked_id(IdKind::team, team.empty() ? std::string(kDefaultTeam) : std::move(team));
  if (!checked_team) return checked_team.error();
  return Identity{std::move(*checked_user), std::move(*checked_team)};
}

}  // namespace llmos::server
