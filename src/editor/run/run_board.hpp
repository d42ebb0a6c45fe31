// What the canvas shows about runs, as plain data: each node's state from the
// core's run events (queued, running, progress, done, cached, error, skipped,
// cancelled), its timings, progress, error (with the skill file's line), its
// outputs and their preview, and whether an edit made it stale. No ImGui, no
// Emscripten: the run controller feeds it events, the node decorator draws it.
#pragma once

#include "preview.hpp"

#include "llmos/run_events.hpp"
#include "llmos/skill.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmos::run {

// How the board finds a node's skill (for its output ports, type and file).
using SkillFinder = std::function<const Skill*(std::string_view skill_id)>;

// One node's latest run, as drawn on the canvas.
struct NodeRun {
  NodeState state = NodeState::idle;
  std::string skill_id;
  double run = 0;          // the run that last touched the node
  double queued_ms = 0;    // host clock
  double started_ms = 0;   // running event
  double duration_ms = 0;  // done, error, cancelled: time spent running
  double progress = -1;    // 0..1 while a progress bar is shown, else -1
  std::string progress_message;
  std::optional<NodeError> error;  // error (message + line), skipped (reason), cancelled
  std::string source_path;         // the skill file, for "file:line" of an error
  std::shared_ptr<const json> outputs;
  std::shared_ptr<const preview::Preview> preview;
  bool stale = false;  // an edit changed its cache key since its result
};

// The states window.llmos.debug.state() reports: idle, queued, running, done,
// cached, error, skipped, cancelled ("pending" counts as queued).
std::string_view display_state(NodeState state);

class RunBoard {
 public:
  explicit RunBoard(SkillFinder find_skill = {}) : find_skill_(std::move(find_skill)) {}

  // A run of `nodes` starts (every node of the workflow for Run all; the
  // run's scope otherwise): they go back to idle until their events arrive.
  // Nodes outside the scope keep what they show.
  void begin_run(double run, const std::vector<std::string>& nodes);
  // Applies one event as web/lib/workflow-executor.js hands it on:
  // {run, kind, node, skill_id, time_ms, duration_ms, progress?, message?,
  // outputs?, error?}. Returns true when something on screen changed.
  bool apply(const json& event);

  const NodeRun* find(std::string_view node) const;
  const std::map<std::string, NodeRun, std::less<>>& nodes() const { return nodes_; }
  // Milliseconds a running node has been running at `now_ms` (its duration
  // once finished, 0 before it starts).
  double elapsed_ms(std::string_view node, double now_ms) const;
  // True while the current run has not finished.
  bool running() const { return running_; }
  double current_run() const { return current_run_; }
  // Nodes whose state moves on its own (spinners, elapsed time): the app
  // keeps drawing frames while this is true.
  bool animating() const;
  // "file.md:12: message" for an error, "" otherwise.
  std::string error_location(std::string_view node) const;

  // Marks nodes stale (their cache keys change after an edit); a new result clears it.
  void mark_stale(const std::vector<std::string>& nodes);
  // Exactly `nodes` are stale (among nodes with results); the others are fresh.
  void set_stale(const std::vector<std::string>& nodes);
  // Forgets a node's result (Clear cached result; a deleted node).
  void clear(std::string_view node);
  void clear_all();
  // Counts by display state, e.g. {"cached": 3, "done": 1}.
  std::map<std::string, int> counts() const;

 private:
  NodeRun& entry(const std::string& node);
  std::map<std::string, NodeRun, std::less<>> nodes_;
  SkillFinder find_skill_;
  double current_run_ = 0;
  bool running_ = false;
};

}  // namespace llmos::run
