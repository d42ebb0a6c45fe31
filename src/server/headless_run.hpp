// Running a workflow headless for the MCP `run_workflow` tool: the server
// spawns `llmos run` (the same binary; it starts the wasm core and the
// runtime workers under Node) on a temporary copy of the workflow, with the
// caller's skill volumes, and hands back what it printed. When this build's
// `llmos` has no `run` command, the runner says it is unavailable.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace llmos::server {

struct HeadlessRunRequest {
  std::string workflow_json;            // the workflow document
  std::vector<std::string> skill_dirs;  // system volume(s)
  std::string team_dir;                 // may not exist
  std::string user_dir;
  int timeout_ms = 120000;
  // Set: the run reports its node events (`llmos run --events`), one JSON
  // line each, as they happen.
  std::function<void(const std::string& line)> on_event_line;
  // Set: asked about once a second whether anyone still wants the run; false
  // stops it (the client that asked went away).
  std::function<bool()> still_wanted;
};

struct HeadlessRunResult {
  bool started = false;  // false: could not spawn (see error)
  bool timed_out = false;
  bool abandoned = false;  // stopped because still_wanted() said no
  int exit_code = -1;
  std::string stdout_text;
  std::string stderr_text;
  std::string error;
};

class HeadlessRunner {
 public:
  // `executable` is the llmos binary to spawn (empty: this process's own).
  explicit HeadlessRunner(std::string executable = {});

  // Whether `llmos run --help` succeeds (asked once, then remembered).
  bool available();
  // The command line used, for messages.
  std::vector<std::string> command_for(const HeadlessRunRequest& request,
                                       const std::string& workflow_file) const;
  // Runs one workflow (one at a time: each run starts Node and Pyodide).
  HeadlessRunResult run(const HeadlessRunRequest& request);

 private:
  std::string executable_;
  std::mutex mutex_;
  std::optional<bool> available_;
};

// Runs `argv` with stdout and stderr captured, killing it after timeout_ms;
// `on_stderr_line` (optional) hears each line of stderr as it arrives, and
// `still_wanted` (optional) is asked about once a second (false kills it).
HeadlessRunResult run_process(const std::vector<std::string>& argv, int timeout_ms,
                              const std::function<void(const std::string& line)>& on_stderr_line = {},
                              const std::function<bool()>& still_wanted = {});

}  // namespace llmos::server
