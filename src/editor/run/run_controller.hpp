// The run controller: starts runs of the open workflow through the page's
// executeWorkflow() (web/lib/editor-run.js), follows their events into the
// RunBoard, the console, the history and sweeps, and answers the keys
// (Ctrl+Enter run all, Shift+Enter run the selected node, Esc stop).
// One per app: events arrive through the module's exports.
#pragma once

#include "parameter_sweep.hpp"
#include "run_board.hpp"
#include "run_console.hpp"
#include "run_history.hpp"

#include "llmos/run_plan.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llmos::run {

// What the controller needs from the app.
struct RunHost {
  std::function<std::optional<json>()> workflow;  // the document in the workflow file format
  std::function<std::string()> workflow_name;     // its name in the store ("" when unsaved)
  std::function<std::vector<std::string>()> selected_nodes;
  std::function<std::uint64_t()> revision;  // changes on every edit
  // Sets an input value through the editor's commands (restore a past run's parameters).
  std::function<void(const std::string& node, const std::string& port, const json& value)> set_input;
};

enum class RunScope { all, to_node, from_node };

struct RuntimeReadiness {
  std::string python = "off";  // off, loading, ready
  std::string spice = "off";
};

class RunController {
 public:
  RunController();
  void set_host(RunHost host) { host_ = std::move(host); }
  void set_skill_finder(SkillFinder find) {
    find_skill_ = find;
    board_ = RunBoard(std::move(find));
  }
  // The library runs use (for the cache keys behind stale marks).
  void set_library(const SkillLibrary* library) { library_ = library; }

  // Starts a run of the open workflow; false (and a status) when there is none or one is live.
  bool start(RunScope scope, const std::string& node = {}, bool use_cache = true);
  // Cancels the live run (and the rest of a sweep).
  void stop();
  // Clear cached result: the node's result leaves the canvas, the core's
  // result cache and the result store (keyed as the workflow is now), so the
  // next run recomputes that node alone.
  void clear_result(const std::string& node);
  // Runs one step per value; the steps share the result cache.
  bool start_sweep(SweepSpec spec);
  // Another workflow was opened: a live run (of the graph that is gone) is
  // stopped and its late events ignored, and the canvas forgets the results.
  void workflow_replaced();

  // From JS.
  void on_event(const json& event);
  void on_run_failed(const json& failure);
  void on_history_loaded(const json& answer);
  void on_readiness(const json& readiness);

  // Once per frame, before drawing: keys, stale marks after edits.
  void update();
  bool live() const { return live_; }
  // True while something on the canvas moves by itself (spinners, elapsed times).
  bool animating() const { return board_.animating(); }

  RunBoard& board() { return board_; }
  RunConsole& console() { return console_; }
  RunHistory& history() { return history_; }
  const std::optional<SweepRun>& sweep() const { return sweep_; }
  const RuntimeReadiness& readiness() const { return readiness_; }
  const std::string& status() const { return status_; }
  const Skill* find_skill(std::string_view id) const { return find_skill_ ? find_skill_(id) : nullptr; }
  // Sets the parameters of a past run through the host's commands.
  void restore_params(const RunRecord& record);
  // Loads the history of the open workflow from the store.
  void load_history();
  std::vector<std::string> workflow_node_ids() const;
  std::optional<json> workflow() const;
  // A workflow to run when the app has no document to offer (automation hooks).
  void use_workflow(json workflow) { override_workflow_ = std::move(workflow); }

 private:
  bool launch(const json& workflow, RunScope scope, const std::string& node, bool use_cache);
  void run_finished(double run);
  void mark_edits_stale();

  RunHost host_;
  SkillFinder find_skill_;
  RunBoard board_;
  RunConsole console_;
  RunHistory history_;
  std::optional<SweepRun> sweep_;
  RuntimeReadiness readiness_;
  std::string status_;
  bool live_ = false;
  std::vector<std::string> pending_nodes_;  // the scope of the run being started
  bool pending_ = false;
  bool abandon_pending_ = false;  // the run being started belongs to a closed workflow
  double abandoned_run_ = 0;      // the run of a closed workflow, until it finishes
  json last_workflow_;            // the workflow of the last run (history, stale marks)
  const SkillLibrary* library_ = nullptr;
  CacheKeys last_run_keys_;  // cache keys of last_workflow_
  double run_started_at_ = 0, run_started_ms_ = 0;
  std::uint64_t seen_revision_ = 0;
  std::string history_workflow_;
  std::optional<json> override_workflow_;
};

// The app's controller.
RunController& controller();

}  // namespace llmos::run
