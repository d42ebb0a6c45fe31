// File menu items for sharing: "Copy share link" (the workflow and the user
// skills it uses, in the URL fragment) and "Save bundle (zip)" (the app plus
// the user's workflows and skills). Both run in JS (web/lib/share-actions.js,
// window.llmos.share); the C++ side only hands over the workflow.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace llmos::editor {

// Draws the two items inside an open menu. `current_workflow_json` is called
// only when "Copy share link" is clicked; without it the JS side asks
// window.llmos.currentWorkflow().
void draw_share_menu_items(const std::function<std::string()>& current_workflow_json,
                           std::string_view workflow_name);

}  // namespace llmos::editor
