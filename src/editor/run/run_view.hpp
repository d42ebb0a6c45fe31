// What the app calls to show runs: the node decorator (state badge, spinner,
// progress bar, error, preview inside the node), the Run menu and toolbar,
// per-node run items, the status bar's runtime readiness, the console,
// history and sweep windows, and the 3D overlay's rectangles after a frame.
#pragma once

#include "node_hooks.hpp"

#include "llmos/workflow.hpp"

#include <string>
#include <vector>

namespace llmos::run {

// Registers the run view as the canvas's node decorator (contract 5).
void install_node_decorator();
// Items of the menu bar's "Run" menu.
void draw_run_menu();
// "Run all" / "Stop" buttons on the current line.
void draw_run_toolbar();
// Run / Run from here / Re-run without cache / Clear cached result, for a
// node's menus (the canvas's right-click menu, the inspector).
std::vector<editor::MenuAction> node_run_actions(const std::string& node);
void draw_node_run_menu_items(const std::string& node);
// Run all / Stop: the Run menu and the canvas background's right-click menu.
std::vector<editor::MenuAction> canvas_run_actions();
// "Python: ready  ngspice: loading..." on the current line (status bar).
void draw_runtime_status();
// The console, history, sweep and error windows (when open).
void draw_run_windows(float ui_scale);
// A node's log lines (the inspector shows them).
void draw_node_log(const std::string& node, float height);
// Another workflow was opened in the editor (not the same graph renamed):
// the results on the canvas and a live run belong to the one that closed.
void workflow_replaced();
// After the frame's drawing: hands the visible scene previews to the 3D overlay.
void end_frame(float ui_scale);
// Per node {state, preview, previewText, stale, durationMs, progress, error}, and the run's status.
json debug_state();
// What each view of a node's preview shows, as data (preview::view_data), [] without one.
json preview_data(const std::string& node);
// Adds {state, preview, previewText} (and error, durationMs, stale) to a node's debug.state() entry.
void add_debug_node_fields(const std::string& node, json& entry);

}  // namespace llmos::run
