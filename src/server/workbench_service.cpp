#include "workbench_service.hpp"

#include "llmos/execution_payload.hpp"
#include "llmos/json_pointer.hpp"
#include "llmos/json_view.hpp"
#include "llmos/media_type.hpp"
#include "llmos/skill_parser.hpp"
#include "llmos/skill_resources.hpp"
#include "llmos/validate.hpp"

#include <atomic>
#include <ctime>

namespace llmos::server {
namespace {

constexpr std::size_t kMaxResourceText = 256 * 1024;

std::string string_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string owner_label(Owner owner) { return owner == Owner::user ? "user" : "team"; }

// Where a skill file is, relative to its volume (no server paths in replies).
std::string relative_source(const std::string& path, const std::vector<std::string>& roots) {
  const fs::path file(path);
  for (const auto& root : roots) {
    const auto relative = file.lexically_relative(fs::path(root));
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  // user and team volumes: .../skills/<file>
  const auto parent = file.parent_path();
  return parent.filename() == "skills" ? "skills/" + file.filename().string() : file.filename().string();
}

// An Agent Skills folder's resources (listed by the core when it read the
// SKILL.md), each with its text inlined when it is small text (LLM context).
json resources_of(const Skill& skill) {
  auto out = resources_to_json(skill.resources);
  for (std::size_t i = 0; i < skill.resources.size(); ++i) {
    const auto& resource = skill.resources[i];
    if (resource.size > kMaxResourceText) continue;
    std::string error;
    if (auto text = read_skill_resource(skill.source_path, skill.resources, resource.path, error);
        text && is_utf8_text(*text))
      out[i]["text"] = std::move(*text);
  }
  return out;
}

std::string now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string skill_path(const std::string& skill_id) { return "skills/" + skill_id + ".md"; }
std::string workflow_path(const std::string& workflow_id) { return "workflows/" + workflow_id + ".json"; }

}  // namespace

WorkbenchService::WorkbenchService(const ServiceOptions& options)
    : options_(options),
      data_(options.data_dir),
      libraries_(options.skill_dirs, data_),
      store_(data_),
      runner_(options.llmos_executable) {
  if (!options.web_root.empty()) files_.emplace(options.web_root);
}

// ---------------------------------------------------------------------------
// Skills

json WorkbenchService::list_skills(const LibraryView& view, const SkillQuery& query,
                                   const std::string& search) const {
  json skills = json::array();
  if (!search.empty()) {
    for (const auto& hit : view.library.search(search, 100)) {
      const auto& skill = hit.entry->skill;
      if (query.executable_only && !skill.is_executable()) continue;
      if (!query.type.empty() && to_string(skill.type) != query.type) continue;
      if (!query.category.empty() && skill.category != query.category) continue;
      skills.push_back(entry_json(*hit.entry, false));
    }
  } else {
    for (const auto* entry : view.library.list(query)) skills.push_back(entry_json(*entry, false));
  }
  return {{"skills", std::move(skills)}};
}

Outcome<json> WorkbenchService::read_skill(const LibraryView& view, const std::string& skill_id) const {
  const auto* entry = view.library.find_entry(skill_id);
  if (!entry) {
    std::string message =
        "no skill '" + skill_id + "' for user '" + view.user + "' and team '" + view.team + "'";
    if (auto close = closest_match(skill_id, view.library.ids()); !close.empty())
      message += " (did you mean '" + close + "'?)";
    return not_found("skill.not_found", message);
  }
  auto out = entry_json(*entry, true);
  out["source"] = relative_source(entry->skill.source_path, libraries_.system_dirs());
  if (!entry->shadows.empty()) {
    json shadows = json::array();
    for (const auto& path : entry->shadows)
      shadows.push_back(relative_source(path, libraries_.system_dirs()));
    out["shadows"] = std::move(shadows);
  }
  out["text"] = entry->skill.source_text;
  if (entry->skill.type == NodeType::standard) out["resources"] = resources_of(entry->skill);
  return out;
}

Outcome<ResourceReply> WorkbenchService::read_skill_resource(const LibraryView& view,
                                                             const std::string& skill_id,
                                                             const std::string& path) const {
  const auto* entry = view.library.find_entry(skill_id);
  if (!entry)
    return not_found("skill.not_found",
                     "no skill '" + skill_id + "' for user '" + view.user + "' and team '" + view.team + "'");
  if (path.empty())
    return bad_request("resource.path.missing", "give the resource as ?path=<path in the skill's folder>",
                       {{"field", "path"}});
  const auto& skill = entry->skill;
  std::string error;
  auto data = llmos::read_skill_resource(skill.source_path, skill.resources, path, error);
  if (!data) {
    const bool listed = std::any_of(skill.resources.begin(), skill.resources.end(),
                                    [&](const SkillResource& resource) { return resource.path == path; });
    if (!listed) {
      json paths = json::array();
      for (const auto& resource : skill.resources) paths.push_back(resource.path);
      return ApiError{404,
                      "resource.not_found",
                      "skill '" + skill_id + "' has no resource '" + path + "'",
                      {{"field", "path"}, {"resources", std::move(paths)}}};
    }
    return ApiError{500, "resource.unreadable", error, {{"field", "path"}}};
  }
  return ResourceReply{std::move(*data), std::string(media_type_of(path))};
}

Outcome<json> WorkbenchService::save_skill(const Identity& who, Owner owner,
                                           const std::optional<std::string>& expected_id,
                                           const std::string& markdown, bool create_only) {
  const std::string owner_id = owner == Owner::user ? who.user : who.team;
  const std::string shown_path = skill_path(expected_id.value_or("new-skill"));
  Diagnostics diagnostics;
  Skill skill = parse_skill(markdown, shown_path, diagnostics);
  if (diagnostics.has_errors())
    return bad_request("skill.invalid",
                       "the skill has " + std::to_string(diagnostics.error_count()) + " error(s)",
                       {{"diagnostics", diagnostics_to_json(diagnostics)}});
  if (auto problem = id_problem(IdKind::skill, skill.skill_id))
    return bad_request("skill.invalid", *problem, {{"field", "skill_id"}});
  if (expected_id && skill.skill_id != *expected_id)
    return bad_request(
        "skill.id_mismatch",
        "the file's skill_id '" + skill.skill_id + "' differs from '" + *expected_id + "' in the URL",
        {{"field", "skill_id"}});
  const auto relative = skill_path(skill.skill_id);
  if (create_only) {
    auto existing = store_.read(owner, owner_id, relative);
    if (!existing) return existing.error();
    if (existing->has_value())
      return ApiError{409, "skill.exists",
                      "the " + owner_label(owner) + " volume of '" + owner_id + "' already has skill '" +
                          skill.skill_id + "' (use PUT /workflows/skills/" + skill.skill_id +
                          " to replace it)",
                      json::object()};
  }
  auto saved = store_.save(owner, owner_id, relative, markdown, who.user,
                           (create_only ? "create skill " : "save skill ") + skill.skill_id);
  if (!saved) return saved.error();
  libraries_.invalidate(owner, owner_id);
  json out = json::object();
  out["skill_id"] = skill.skill_id;
  out["volume"] = owner_label(owner);
  out["created"] = saved->created;
  out["commit"] = saved->commit;
  out["diagnostics"] = diagnostics_to_json(diagnostics);
  out["skill"] = skill_to_json(skill, true);
  return out;
}

Outcome<json> WorkbenchService::delete_skill(const Identity& who, Owner owner, const std::string& skill_id) {
  const std::string owner_id = owner == Owner::user ? who.user : who.team;
  auto removed = store_.remove(owner, owner_id, skill_path(skill_id), who.user, "delete skill " + skill_id,
                               "skill.not_found");
  if (!removed) {
    auto error = removed.error();
    if (error.code == "skill.not_found")
      error.message = "'" + skill_id + "' is not a skill of the " + owner_label(owner) + " volume of '" +
                      owner_id + "' (system skills cannot be deleted)";
    return error;
  }
  libraries_.invalidate(owner, owner_id);
  return json{
      {"skill_id", skill_id}, {"volume", owner_label(owner)}, {"deleted", true}, {"commit", *removed}};
}

json WorkbenchService::context(const LibraryView& view, const std::string& keywords) const {
  std::vector<const LibraryEntry*> chosen;
  json words = json::array();
  std::string query;
  for (std::size_t start = 0; start <= keywords.size();) {
    auto end = keywords.find_first_of(", ", start);
    if (end == std::string::npos) end = keywords.size();
    if (end > start) {
      words.push_back(keywords.substr(start, end - start));
      query += keywords.substr(start, end - start) + " ";
    }
    start = end + 1;
  }
  if (words.empty()) {
    for (const auto* entry : view.library.list())
      if (entry->skill.type == NodeType::standard) chosen.push_back(entry);
  } else {
    // Any keyword may match (the library's search scores all of them).
    for (const auto& word : words)
      for (const auto& hit : view.library.search(word.get<std::string>(), 50))
        if (hit.entry->skill.type == NodeType::standard &&
            std::find(chosen.begin(), chosen.end(), hit.entry) == chosen.end())
          chosen.push_back(hit.entry);
  }
  json skills = json::array();
  std::string text;
  for (const auto* entry : chosen) {
    const auto& skill = entry->skill;
    json item = json::object();
    item["skill_id"] = skill.skill_id;
    item["name"] = skill.name;
    item["category"] = skill.category;
    item["keywords"] = skill.keywords;
    item["volume"] = std::string(to_string(entry->volume));
    item["text"] = skill.source_text;
    skills.push_back(std::move(item));
    if (!text.empty()) text += "\n\n---\n\n";
    text += "# Skill: " + skill.name + "\n\n" + skill.body;
  }
  return {{"keywords", std::move(words)}, {"skills", std::move(skills)}, {"context", std::move(text)}};
}

// ---------------------------------------------------------------------------
// Workflows

CheckedWorkflow WorkbenchService::check_workflow(const std::string& text, const LibraryView& view,
                                                 bool as_request) const {
  CheckedWorkflow out;
  out.document = parse_json(text).value;
  if (out.document.is_discarded()) {
    out.document = nullptr;
    Workflow::parse(text, out.diagnostics);  // only for its workflow.parse diagnostic with line:col
    return out;
  }
  Diagnostics shape;
  if (as_request) {
    const auto nested = out.document.is_object() ? out.document.find("workflow") : out.document.end();
    out.nested = out.document.is_object() && nested != out.document.end() && nested->is_object();
    out.workflow = parse_execute_request(out.document, shape).workflow;
  } else {
    out.workflow = Workflow::from_json(out.document, shape);
  }
  shape.append(validate(*out.workflow, view.library));
  add_line_columns(shape, text, out.nested ? "/workflow" : "");
  out.diagnostics = std::move(shape);
  return out;
}

Outcome<json> WorkbenchService::prepare_execution(const std::string& text, const std::string& query_user,
                                                  const std::string& query_team) {
  const json peek = parse_json(text).value;
  std::string user = string_field(peek, "user_id");
  std::string team = string_field(peek, "team_id");
  auto who = checked_identity(user.empty() ? query_user : user, team.empty() ? query_team : team);
  if (!who) return who.error();
  const auto view = library(*who);
  auto checked = check_workflow(text, *view, true);
  if (checked.diagnostics.has_errors()) {
    return bad_request("workflow.invalid",
                       "the workflow has " + std::to_string(checked.diagnostics.error_count()) + " error(s)",
                       {{"diagnostics", diagnostics_to_json(checked.diagnostics)}});
  }
  json out = json::object();
  out["status"] = "ready";
  out["payload"] = make_execution_payload(*checked.workflow, view->library);
  if (const auto id = string_field(checked.document, "workflow_id"); !id.empty())
    out["workflow_id"] = id;
  else if (const auto nested_id =
               string_field(checked.document.value("workflow", json::object()), "workflow_id");
           !nested_id.empty())
    out["workflow_id"] = nested_id;
  if (!checked.diagnostics.empty()) out["diagnostics"] = diagnostics_to_json(checked.diagnostics);
  return out;
}

Outcome<json> WorkbenchService::save_workflow(const Identity& who, const std::string& workflow_id,
                                              const std::string& text) {
  const auto view = library(who);
  auto checked = check_workflow(text, *view, false);
  if (!checked.workflow || !checked.document.is_object()) {
    if (checked.workflow && !checked.document.is_object())
      checked.diagnostics.error("workflow.schema", "a workflow must be a JSON object");
    return bad_request("workflow.invalid", "the workflow is not a JSON object with nodes and edges",
                       {{"diagnostics", diagnostics_to_json(checked.diagnostics)}});
  }
  for (const auto& diagnostic : checked.diagnostics)
    if (diagnostic.severity == Severity::error && diagnostic.code.starts_with("workflow.schema"))
      return bad_request("workflow.invalid", "the workflow's shape is wrong: " + diagnostic.message,
                         {{"diagnostics", diagnostics_to_json(checked.diagnostics)}});
  // Stored in the model's canonical layout (known fields first, unknown ones
  // kept), so versions diff line by line.
  auto saved = store_.save(Owner::user, who.user, workflow_path(workflow_id),
                           checked.workflow->dump(2) + "\n", who.user, "save workflow " + workflow_id);
  if (!saved) return saved.error();
  json out = json::object();
  out["workflow_id"] = workflow_id;
  out["created"] = saved->created;
  out["commit"] = saved->commit;
  out["valid"] = !checked.diagnostics.has_errors();
  out["diagnostics"] = diagnostics_to_json(checked.diagnostics);
  return out;
}

Outcome<json> WorkbenchService::list_workflows(const Identity& who) const {
  const auto dir = data_.workflows_dir(who.user);
  if (auto problem = data_.check_path(dir)) return *problem;
  json workflows = json::array();
  for (const auto& file : files_in(dir, ".json")) {
    const std::string id = file.stem().string();
    if (id_problem(IdKind::workflow, id)) continue;
    auto text = read_file_no_follow(file);
    if (!text) continue;
    const json document = parse_json(*text).value;
    json item = json::object();
    item["workflow_id"] = id;
    item["name"] = string_field(document, "name");
    item["description"] = string_field(document, "description");
    item["nodes"] = document.is_object() && document.contains("nodes") && document["nodes"].is_array()
                        ? document["nodes"].size()
                        : 0;
    item["edges"] = document.is_object() && document.contains("edges") && document["edges"].is_array()
                        ? document["edges"].size()
                        : 0;
    item["bytes"] = text->size();
    workflows.push_back(std::move(item));
  }
  return json{{"user_id", who.user}, {"workflows", std::move(workflows)}};
}

Outcome<std::string> WorkbenchService::read_workflow(const Identity& who,
                                                     const std::string& workflow_id) const {
  auto text = store_.read(Owner::user, who.user, workflow_path(workflow_id));
  if (!text) return text.error();
  if (!text->has_value())
    return not_found("workflow.not_found",
                     "user '" + who.user + "' has no saved workflow '" + workflow_id + "'");
  return std::move(**text);
}

Outcome<json> WorkbenchService::delete_workflow(const Identity& who, const std::string& workflow_id) {
  auto removed = store_.remove(Owner::user, who.user, workflow_path(workflow_id), who.user,
                               "delete workflow " + workflow_id, "workflow.not_found");
  if (!removed) {
    auto error = removed.error();
    if (error.code == "workflow.not_found")
      error.message = "user '" + who.user + "' has no saved workflow '" + workflow_id + "'";
    return error;
  }
  return json{{"workflow_id", workflow_id}, {"deleted", true}, {"commit", *removed}};
}

// ---------------------------------------------------------------------------
// History

WorkbenchService::Versioned WorkbenchService::skill_file(const Identity& who, Owner owner,
                                                         const std::string& skill_id) {
  return {owner, owner == Owner::user ? who.user : who.team, skill_path(skill_id)};
}

WorkbenchService::Versioned WorkbenchService::workflow_file(const Identity& who,
                                                            const std::string& workflow_id) {
  return {Owner::user, who.user, workflow_path(workflow_id)};
}

Outcome<json> WorkbenchService::versions(const Versioned& file) {
  auto versions = store_.versions(file.owner, file.owner_id, file.relative_path);
  if (!versions) return versions.error();
  json list = json::array();
  for (const auto& version : *versions) list.push_back(version.to_json());
  return json{{"path", file.relative_path}, {"versions", std::move(list)}};
}

Outcome<json> WorkbenchService::version_content(const Versioned& file, const std::string& commit) {
  auto content = store_.content_at(file.owner, file.owner_id, commit, file.relative_path);
  if (!content) return content.error();
  if (!content->has_value())
    return not_found("history.not_in_version", file.relative_path + " does not exist in version " + commit);
  return json{{"path", file.relative_path}, {"commit", commit}, {"content", **content}};
}

Outcome<json> WorkbenchService::diff(const Versioned& file, const std::string& from, const std::string& to) {
  auto text = store_.diff(file.owner, file.owner_id, file.relative_path, from, to);
  if (!text) return text.error();
  return json{
      {"path", file.relative_path}, {"from", from}, {"to", to.empty() ? "HEAD" : to}, {"diff", *text}};
}

Outcome<json> WorkbenchService::restore(const Identity& who, const Versioned& file,
                                        const std::string& commit) {
  auto content = store_.content_at(file.owner, file.owner_id, commit, file.relative_path);
  if (!content) return content.error();
  if (!content->has_value())
    return not_found("history.not_in_version", file.relative_path + " does not exist in version " + commit);
  auto saved = store_.save(file.owner, file.owner_id, file.relative_path, **content, who.user,
                           "restore " + file.relative_path + " to " + commit.substr(0, 12));
  if (!saved) return saved.error();
  if (file.relative_path.starts_with("skills/")) libraries_.invalidate(file.owner, file.owner_id);
  return json{{"path", file.relative_path}, {"restored_from", commit}, {"commit", saved->commit}};
}

// ---------------------------------------------------------------------------
// Traces

Outcome<json> WorkbenchService::save_trace(const std::string& text, const std::string& query_user) {
  json body = parse_json(text).value;
  if (body.is_discarded() || !body.is_object())
    return bad_request("request.bad_json", "a trace must be a JSON object");
  const std::string user = string_field(body, "user_id");
  auto who = checked_identity(user.empty() ? query_user : user, string_field(body, "team_id"));
  if (!who) return who.error();
  static std::atomic<unsigned> counter{0};
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string trace_id = std::to_string(now_ms) + "-" + std::to_string(counter.fetch_add(1) % 100000);
  body["received_at"] = now_iso8601();
  const auto path = data_.traces_dir(who->user) / (trace_id + ".json");
  if (auto problem = data_.check_path(path)) return *problem;
  if (auto failure = write_file_atomically(path, body.dump() + "\n")) return internal_error(*failure);
  return json{{"trace_id", trace_id}, {"user_id", who->user}};
}

Outcome<json> WorkbenchService::list_traces(const Identity& who) const {
  const auto dir = data_.traces_dir(who.user);
  if (auto problem = data_.check_path(dir)) return *problem;
  json traces = json::array();
  for (const auto& file : files_in(dir, ".json")) {
    auto text = read_file_no_follow(file);
    if (!text) continue;
    const json body = parse_json(*text).value;
    json item = json::object();
    item["trace_id"] = file.stem().string();
    item["workflow_id"] = string_field(body, "workflow_id");
    item["received_at"] = string_field(body, "received_at");
    item["bytes"] = text->size();
    traces.push_back(std::move(item));
  }
  return json{{"user_id", who.user}, {"traces", std::move(traces)}};
}

Outcome<std::string> WorkbenchService::read_trace(const Identity& who, const std::string& trace_id) const {
  const auto path = data_.traces_dir(who.user) / (trace_id + ".json");
  if (auto problem = data_.check_path(path)) return *problem;
  auto text = read_file_no_follow(path);
  if (!text) return not_found("trace.not_found", "user '" + who.user + "' has no trace '" + trace_id + "'");
  return std::move(*text);
}

// ---------------------------------------------------------------------------

HeadlessRunRequest WorkbenchService::run_request(const Identity& who, std::string workflow_json) const {
  HeadlessRunRequest request;
  request.workflow_json = std::move(workflow_json);
  request.skill_dirs = options_.skill_dirs;
  request.team_dir = data_.skills_dir(Owner::team, who.team).string();
  request.user_dir = data_.skills_dir(Owner::user, who.user).string();
  return request;
}

json WorkbenchService::health() const {
  const auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  json out = json::object();
  out["status"] = "ok";
  out["service"] = "llmos serve";
  out["system_skills"] = libraries_.system_skill_count();
  out["uptime_s"] = uptime;
  out["static_files"] = files_.has_value();
  return out;
}

}  // namespace llmos::server
