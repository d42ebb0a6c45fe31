// Preview windows: a node-sized preview (what a node shows inline, used by
// the debug hook and the bench until the node view calls draw_node_preview()
// itself) and the larger view a double-click opens: every view of the node in
// tabs, interactive plots, and exports (CSV, PNG, SVG, OpenQASM, netlist).
#pragma once

#include "preview.hpp"
#include "preview_draw.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace llmos::preview {

// How the app finds a skill by id (the library lives in the binding layer,
// which only the app's composition root sees).
using SkillLookup = const Skill* (*)(std::string_view skill_id);
void set_skill_lookup(SkillLookup lookup);

// Opens a node-sized preview window of `outputs`; returns its id.
int open_preview_window(std::shared_ptr<const Preview> preview, std::string title);
// Opens the larger view of a preview (one per title; opening again focuses it).
void open_large_view(std::shared_ptr<const Preview> preview, std::string title);
void close_preview_windows();

// Draws every open preview window and the larger views; frees idle textures.
void draw_preview_windows(float ui_scale);

// The larger view's exports for one view, as buttons on the current line;
// `items`, when given, receives each button's label and rectangle.
void draw_export_buttons(const View& view, std::vector<std::pair<std::string, ImRect>>* items = nullptr);

// For tests: each window's preview, words and screen rectangles (CSS pixels
// = ImGui pixels / ui_scale), and the CPU milliseconds draw_preview_windows()
// took, averaged over the last frames.
json preview_windows_state(float ui_scale);

}  // namespace llmos::preview
