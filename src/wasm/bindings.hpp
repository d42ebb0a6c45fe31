// C exports for JS (web/lib/core.js wraps them). Every function takes and
// returns UTF-8 JSON; results are malloc'ed and freed by the caller with
// llmos_free. Nothing throws across the boundary: failures come back as
// {"ok":false,"error":{code,message,where}}.
#pragma once

extern "C" {
// Frees a string returned by any llmos_* export.
void llmos_free(char* text);
// {"ok":true,"version":"0.1.0"}.
char* llmos_version();
// The core's node-type table: {ok, node_types:[{type, language, runtime, pool, deadline_ms}]}.
char* llmos_node_types();

// --- Skill library (library_bindings.cpp). Volume: "system" | "team" | "user".
// Parses one skill file into the library: {ok, skill?, diagnostics:[...]}.
char* llmos_library_add(const char* path, const char* text, const char* volume);
// {"skills":[...]} filtered by {type, category, keyword, executable_only, search}.
char* llmos_library_list(const char* query_json);
// {"skill":{...with code}} or an error.
char* llmos_library_show(const char* skill_id);
// Empties the library.
char* llmos_library_clear();

// --- Workflows and runs (run_bindings.cpp).
// {ok, diagnostics:[...]} for a workflow, or a payload {workflow, skills}.
char* llmos_validate(const char* workflow_or_payload_json);
// Validates, then starts a run: {ok:true, run_id} or {ok:false, diagnostics}.
// options: {scope:"all"|"to_node"|"from_node", target, previous_run,
// use_cache, node_timeout_ms}.
char* llmos_run_start(const char* workflow_or_payload_json, const char* options_json);
// Answers from the JS bridges: {ok} (ok:false when the node was not running).
char* llmos_run_complete(double run, const char* node, const char* outputs_json);
char* llmos_run_fail(double run, const char* node, const char* error_json);
char* llmos_run_progress(double run, const char* node, double fraction, const char* message);
// A running node's output (stream "stdout" | "stderr"): a `log` run event.
char* llmos_run_log(double run, const char* node, const char* stream, const char* text);
// Cancels a run (node == "") or one node.
char* llmos_run_cancel(double run, const char* node);
// Checks deadlines against the clock.
char* llmos_tick();
// {status, results:{nodeId:{outputs,duration_ms,cached,state,error?}}}.
char* llmos_run_results(double run);
// Results without outputs, then releases the run keeping its trace:
// {ok, status, results:{nodeId:{duration_ms,cached,state,error?}}}.
char* llmos_run_finish(double run);
// The run trace (Evolution learns from it).
char* llmos_run_trace(double run);
// Forgets a finished run.
char* llmos_run_release(double run);
// Result-cache statistics {entries, bytes, hits, misses}.
char* llmos_cache_stats();
// Clear cached result: removes `node`'s result, keyed as the workflow (or
// payload) is now, from the cache and the result store:
// {ok, node, key (16 hex digits), removed} or an error (invalid workflow, unknown node).
char* llmos_cache_clear_node(const char* workflow_or_payload_json, const char* node);
}
