#include "share_menu.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

namespace {

// clang-format off: EM_JS bodies are JavaScript.
EM_JS(void, llmos_share_copy_link, (const char* workflow_json, const char* name), {
  var llmos = window.llmos || {};
  var text = workflow_json ? UTF8ToString(workflow_json) : "";
  var workflow = text ? text : (llmos.currentWorkflow ? llmos.currentWorkflow() : null);
  if (!llmos.share || !workflow) {
    console.warn("llmos: no workflow to share");
    return;
  }
  llmos.share.copyLink(workflow, UTF8ToString(name)).catch(function(error) {
    console.warn("llmos: share link failed: " + error.message);
  });
});

EM_JS(void, llmos_share_save_bundle, (), {
  var llmos = window.llmos || {};
  if (!llmos.share) return;
  llmos.share.saveBundle().catch(
      function(error) { console.warn("llmos: save bundle failed: " + error.message); });
});
// clang-format on

}  // namespace

namespace llmos::editor {

void draw_share_menu_items(const std::function<std::string()>& current_workflow_json,
                           std::string_view workflow_name) {
  if (ImGui::MenuItem("Copy share link")) {
    const std::string json = current_workflow_json ? current_workflow_json() : std::string();
    const std::string name(workflow_name);
    llmos_share_copy_link(json.empty() ? nullptr : json.c_str(), name.c_str());
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A link holding this workflow and the user skills it uses; it opens with no server.");
  if (ImGui::MenuItem("Save bundle (zip)...")) llmos_share_save_bundle();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The workbench with your workflows and skills, to unzip and serve anywhere.");
}

}  // namespace llmos::editor
