// Run history of a workflow: each run's parameters, a summary of its outputs
// and its timings, so a past run's parameters can be restored and two runs
// compared side by side. Plain data with a JSON form; web/lib/run-history.js
// keeps the records in IndexedDB per workflow.
#pragma once

#include "run_board.hpp"

#include "llmos/workflow.hpp"

#include <string>
#include <vector>

namespace llmos::run {

struct NodeOutcome {
  std::string node;
  std::string skill_id;
  std::string state;  // display_state()
  double duration_ms = 0;
  std::string summary;  // the preview in words, or the error
};

struct RunRecord {
  std::string workflow;   // the workflow's name in the store
  double started_at = 0;  // milliseconds since the epoch
  double total_ms = 0;
  json params = json::object();  // node id -> its inputValues
  std::vector<NodeOutcome> nodes;

  json to_json() const;
  static RunRecord from_json(const json& record);
};

// The record of the run the board shows, for `workflow` as it was run.
RunRecord make_record(std::string workflow_name, const Workflow& workflow, const RunBoard& board,
                      double started_at, double total_ms);

// One line of a side-by-side comparison: a parameter, an outcome or a time.
struct RunDifference {
  std::string node;
  std::string what;  // "input resistance", "state", "result", "time"
  std::string a, b;
  bool differs = false;
};
// Every parameter and outcome of both runs, parameters first, in node order of `a`.
std::vector<RunDifference> compare_runs(const RunRecord& a, const RunRecord& b);

// The history of one workflow, newest first, at most `capacity` records.
class RunHistory {
 public:
  explicit RunHistory(std::size_t capacity = 50) : capacity_(capacity) {}
  void add(RunRecord record);
  void replace(std::vector<RunRecord> records);
  const std::vector<RunRecord>& records() const { return records_; }

 private:
  std::vector<RunRecord> records_;
  std::size_t capacity_;
};

}  // namespace llmos::run
