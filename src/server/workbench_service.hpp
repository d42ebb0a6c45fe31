// What the HTTP routes and the MCP tools both do, written once: read the
// skills a user and team see, save and delete user or team skills, check,
// save, list and read workflows, prepare a workflow for executeWorkflow,
// collect standard skills as LLM context, and keep run traces.
#pragma once

#include "api_error.hpp"
#include "headless_run.hpp"
#include "library_cache.hpp"
#include "request_ids.hpp"
#include "static_files.hpp"
#include "versioned_store.hpp"
#include "volumes_on_disk.hpp"

#include "llmos/diagnostic.hpp"
#include "llmos/workflow.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace llmos::server {

struct ServiceOptions {
  std::vector<std::string> skill_dirs;  // system volume(s)
  std::string data_dir;
  std::string web_root;          // empty: no static files
  std::string llmos_executable;  // for headless runs; empty: this process's own
};

// A workflow text checked against a user's and team's library.
struct CheckedWorkflow {
  std::optional<Workflow> workflow;  // nullopt: not JSON at all
  json document;                     // the parsed text (null when not JSON)
  Diagnostics diagnostics;           // parse, shape and validation problems, with line:col in the text
  bool nested = false;               // an execute request of the form {workflow:{...}}
};

// One resource file of an Agent Skills folder, sent as it is.
struct ResourceReply {
  std::string data;
  std::string media_type;
};

class WorkbenchService {
 public:
  explicit WorkbenchService(const ServiceOptions& options);

  // --- Skills.
  std::shared_ptr<const LibraryView> library(const Identity& who) {
    return libraries_.view(who.user, who.team);
  }
  // {"skills":[...]} of the visible skills matching `query`, each with its volume.
  json list_skills(const LibraryView& view, const SkillQuery& query, const std::string& search = {}) const;
  // One skill with code, Markdown text, volume, shadows and (for standard skills) resources.
  Outcome<json> read_skill(const LibraryView& view, const std::string& skill_id) const;
  // One resource of an Agent Skills folder by its path in the folder; only
  // listed resources are read (no "..", absolute paths or symlinks).
  Outcome<ResourceReply> read_skill_resource(const LibraryView& view, const std::string& skill_id,
                                             const std::string& path) const;
  // Creates or replaces a skill in the user's (or, owner == team, the team's)
  // volume from Markdown. `expected_id` (from the URL) must match the file's
  // skill_id; `create_only` refuses to replace. Parser errors are a 400 with
  // the parser's diagnostics.
  Outcome<json> save_skill(const Identity& who, Owner owner, const std::optional<std::string>& expected_id,
                           const std::string& markdown, bool create_only);
  Outcome<json> delete_skill(const Identity& who, Owner owner, const std::string& skill_id);
  // Standard skills matching the keywords, with their text, for LLM context.
  json context(const LibraryView& view, const std::string& keywords) const;

  // --- Workflows.
  // Parses `text` (a workflow, or an execute request when `as_request`) and
  // validates it against the view's library.
  CheckedWorkflow check_workflow(const std::string& text, const LibraryView& view, bool as_request) const;
  // POST /workflows/execute: {status:"ready", payload:{workflow, skills}} or a 400 with diagnostics.
  Outcome<json> prepare_execution(const std::string& text, const std::string& query_user,
                                  const std::string& query_team);
  // Saves a workflow (JSON syntax and shape must be right; validation
  // problems are reported, not refused, so drafts can be saved).
  Outcome<json> save_workflow(const Identity& who, const std::string& workflow_id, const std::string& text);
  Outcome<json> list_workflows(const Identity& who) const;
  // The stored text.
  Outcome<std::string> read_workflow(const Identity& who, const std::string& workflow_id) const;
  Outcome<json> delete_workflow(const Identity& who, const std::string& workflow_id);

  // --- History of a user's skill or workflow, or a team's skill.
  struct Versioned {
    Owner owner;
    std::string owner_id;
    std::string relative_path;  // "skills/x.md", "workflows/y.json"
  };
  static Versioned skill_file(const Identity& who, Owner owner, const std::string& skill_id);
  static Versioned workflow_file(const Identity& who, const std::string& workflow_id);
  Outcome<json> versions(const Versioned& file);
  Outcome<json> version_content(const Versioned& file, const std::string& commit);
  Outcome<json> diff(const Versioned& file, const std::string& from, const std::string& to);
  // Saves the file as it was at `commit` as a new version (parsed again for skills).
  Outcome<json> restore(const Identity& who, const Versioned& file, const std::string& commit);

  // --- Traces (not versioned: Evolution reads them).
  Outcome<json> save_trace(const std::string& text, const std::string& query_user);
  Outcome<json> list_traces(const Identity& who) const;
  Outcome<std::string> read_trace(const Identity& who, const std::string& trace_id) const;

  // --- Headless runs (MCP).
  HeadlessRunner& runner() { return runner_; }
  HeadlessRunRequest run_request(const Identity& who, std::string workflow_json) const;

  json health() const;
  StaticFiles* static_files() { return files_ ? &*files_ : nullptr; }
  const DataDir& data() const { return data_; }
  VersionedStore& store() { return store_; }

 private:
  ServiceOptions options_;
  DataDir data_;
  LibraryCache libraries_;
  VersionedStore store_;
  HeadlessRunner runner_;
  std::optional<StaticFiles> files_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace llmos::server
