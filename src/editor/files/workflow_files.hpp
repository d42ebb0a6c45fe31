// The File menu and the open workflow's link to the page's workflow session
// (web/lib/workflow-session.js: the store, autosave, conflicts, import and
// export). The document itself is the editor's (AppState::document); this
// file only loads it, reads it and says when it changed.
#pragma once

#include "app.hpp"

#include <string>
#include <vector>

namespace llmos::editor {

// What the page tells the menu: the open workflow, where workflows are
// kept and what can be opened.
struct FilesMenu {
  std::string name;   // the open workflow
  std::string kind;   // "indexeddb" or "server"
  std::string user;   // hosted: ?user=
  std::string team;   // hosted: ?team=
  std::vector<std::string> saved;
  struct Example {
    std::string file;  // examples/rc-chart.json
    std::string name;  // rc-chart
  };
  std::vector<Example> examples;
  bool conflicted = false;  // another tab saved it: autosave stopped
};

// The app's state that the page's calls (load a workflow, read it) act on;
// set once by main.cpp.
void set_files_app_state(AppState* state);

// The File menu's items; call between BeginMenu("File") and EndMenu() is done here.
void draw_file_menu(AppState& state);
// The File menu's dialogs (name prompts, delete confirmation): call once per
// frame at the top level, outside any window.
void draw_file_dialogs(AppState& state);
// After each frame: tells the page when the document changed (autosave).
void notify_document_changes(const AppState& state);

const FilesMenu& files_menu();

}  // namespace llmos::editor
