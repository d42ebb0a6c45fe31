// "Edit a copy" (inspector): the selected node's skill file in a code editor
// with line numbers and the core parser's diagnostics, live, at their lines.
// Saving adds the copy to the user volume, keeps it where the page keeps
// user skills (IndexedDB, or the server when hosted: web/lib/boot.js) and
// switches the node to it (one undoable step).
#pragma once

#include "model/document.hpp"
#include "model/skill_copy.hpp"

#include "llmos/skill_library.hpp"

#include <imgui.h>

#include <functional>
#include <string>

namespace llmos::editor {

struct SkillEditorState {
  bool open = false;
  bool just_opened = false;
  NodeId node;               // the node that switches to the copy
  std::string source_skill;  // the skill copied
  std::string path;          // user/<id>.md, for diagnostics
  std::string text;          // the file being edited
  SkillCheck check;          // of `text`, redone on every change
  std::string status;        // the last save's outcome
  // Where the text is on screen (debug API: tests click at a line and column).
  ImVec2 text_origin{0, 0};  // top-left of line 1, column 1, scroll applied
  float line_height = 0, char_width = 0;
  float gutter_left = 0, gutter_right = 0;  // the line numbers' column
  ImVec2 save_button{0, 0};
  ImVec2 open_button{0, 0};  // the inspector's "Edit a copy" (0,0 when not shown)
};

// Adds a saved copy to the page's user volume and returns the library's
// problems. main.cpp installs it: the library belongs to the binding layer.
using UserSkillAdder = std::function<Diagnostics(Skill skill)>;
void set_user_skill_adder(UserSkillAdder adder);

// Opens the editor on a copy of the node's skill under a fresh id.
void open_skill_copy(SkillEditorState& editor, const NodeId& node, const Skill& skill,
                     const SkillLibrary& library);
// Draws the editor window while open; Save applies to `document`.
void draw_skill_editor(SkillEditorState& editor, EditorDocument& document, const SkillLibrary& library,
                       float ui_scale);
// The editor as the debug API reports it (JSON text).
std::string skill_editor_debug_json(const SkillEditorState& editor);

}  // namespace llmos::editor
