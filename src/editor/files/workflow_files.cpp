#include "workflow_files.hpp"

#include "frame_requests.hpp"
#include "model/workflow_io.hpp"
#include "run_view.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cstdint>
#include <cstring>

namespace llmos::editor {
namespace {

struct Files {
  AppState* state = nullptr;
  FilesMenu menu;
  std::uint64_t reported_revision = 0;  // the document revision the page last heard of
  // Dialogs asked for from the menu, opened at the top level.
  const char* open_dialog = nullptr;
  char name_buffer[129] = {};
  std::string text;  // the last answer handed to JS (kept alive until the next call)
};

Files files;

constexpr const char* kSaveAsDialog = "Save workflow as";
constexpr const char* kRenameDialog = "Rename workflow";
constexpr const char* kDeleteDialog = "Delete workflow?";

// clang-format off
EM_JS(void, llmos_files_action_js, (const char* action, const char* argument), {
  if (Module.llmosFiles) Module.llmosFiles.action(UTF8ToString(action), UTF8ToString(argument));
});

EM_JS(void, llmos_files_changed_js, (), {
  if (Module.llmosFiles) Module.llmosFiles.changed();
});
// clang-format on

void action(const char* name, const std::string& argument = {}) {
  llmos_files_action_js(name, argument.c_str());
}

void ask(const char* dialog, const std::string& initial) {
  files.open_dialog = dialog;
  std::snprintf(files.name_buffer, sizeof files.name_buffer, "%s", initial.c_str());
}

// A name prompt; true when confirmed (the name is in files.name_buffer).
bool name_prompt(const char* title, const char* verb, float ui_scale) {
  bool confirmed = false;
  ImGui::SetNextWindowSize(ImVec2(380 * ui_scale, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("Letters, digits, '-' and '_'.");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(340 * ui_scale);
    const bool entered = ImGui::InputText("##name", files.name_buffer, sizeof files.name_buffer,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button(verb) || entered) && files.name_buffer[0] != '\0') {
      confirmed = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  return confirmed;
}

}  // namespace

void set_files_app_state(AppState* state) { files.state = state; }
const FilesMenu& files_menu() { return files.menu; }

void draw_file_menu(AppState& /*state*/) {
  const FilesMenu& menu = files.menu;
  if (ImGui::MenuItem("New workflow")) action("new");
  if (ImGui::BeginMenu("Open", !menu.saved.empty())) {
    for (const auto& name : menu.saved)
      if (ImGui::MenuItem(name.c_str(), nullptr, name == menu.name)) action("open", name);
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Save as...")) ask(kSaveAsDialog, menu.name + "-copy");
  if (ImGui::MenuItem("Rename...", nullptr, false, !menu.name.empty())) ask(kRenameDialog, menu.name);
  if (ImGui::MenuItem("Delete...", nullptr, false, !menu.name.empty())) ask(kDeleteDialog, menu.name);
  ImGui::Separator();
  if (ImGui::MenuItem("Import JSON...")) action("import");
  if (ImGui::MenuItem("Export JSON")) action("export");
  if (ImGui::BeginMenu("Examples", !menu.examples.empty())) {
    for (const auto& example : menu.examples)
      if (ImGui::MenuItem(example.name.c_str())) action("example", example.file);
    ImGui::EndMenu();
  }
  ImGui::Separator();
  const std::string where = menu.kind == "server"
                                ? "Saved on the server as " + menu.user + " (team " + menu.team + ")"
                                : std::string("Saved in this browser");
  ImGui::TextDisabled("%s%s", where.c_str(), menu.conflicted ? " - autosave stopped" : "");
}

void draw_file_dialogs(AppState& state) {
  if (files.open_dialog) {
    ImGui::OpenPopup(files.open_dialog);
    files.open_dialog = nullptr;
  }
  if (name_prompt(kSaveAsDialog, "Save", state.ui_scale)) action("saveAs", files.name_buffer);
  if (name_prompt(kRenameDialog, "Rename", state.ui_scale)) action("rename", files.name_buffer);
  if (ImGui::BeginPopupModal(kDeleteDialog, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Delete '%s'? This cannot be undone here.", files.name_buffer);
    if (ImGui::Button("Delete")) {
      action("delete", files.name_buffer);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void notify_document_changes(const AppState& state) {
  const auto revision = state.document.revision();
  if (revision == files.reported_revision) return;
  files.reported_revision = revision;
  llmos_files_changed_js();
}

}  // namespace llmos::editor

using llmos::editor::files;

// Opens a workflow in the editor under `name`: {ok} or {ok:false, error:{message}}.
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_files_open(const char* workflow_json, const char* name) {
  llmos::json answer = llmos::json::object();
  llmos::Diagnostics diagnostics;
  auto graph =
      llmos::editor::graph_from_workflow_text(workflow_json, diagnostics, std::string(name) + ".json");
  if (!graph || !files.state) {
    std::string message = files.state ? "not a workflow" : "the editor has not started";
    for (const auto& diagnostic : diagnostics)
      if (diagnostic.severity == llmos::Severity::error) {
        message = diagnostic.message;
        break;
      }
    answer["ok"] = false;
    answer["error"] = {{"message", message}};
  } else {
    // Opening the graph already shown (a reload after a conflict, the first
    // visit's late open) keeps its results; any other workflow starts with
    // none (an empty document, the first visit's, has none to drop). Save as
    // and rename do not come here: they only rename (llmos_files_set_menu).
    const bool keeps_results = files.state->document.graph().nodes.empty() ||
                               llmos::editor::graph_to_workflow_json(files.state->document.graph()) ==
                                   llmos::editor::graph_to_workflow_json(*graph);
    if (!keeps_results) llmos::run::workflow_replaced();
    files.state->document = llmos::editor::EditorDocument(std::move(*graph));
    files.reported_revision = files.state->document.revision();  // loading is not an edit to save
    files.menu.name = name;
    answer["ok"] = true;
    answer["warnings"] = diagnostics.size();
  }
  files.text = answer.dump();
  llmos::editor::request_frame();
  return files.text.c_str();
}

// The open workflow in the file format (what autosave and export write).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_files_document() {
  files.text = files.state ? llmos::editor::graph_to_workflow_json(files.state->document.graph()).dump()
                           : std::string("{\"nodes\":[],\"edges\":[]}");
  return files.text.c_str();
}

// What the File menu lists (web/lib/workflow-session.js pushes it after each change).
extern "C" EMSCRIPTEN_KEEPALIVE void llmos_files_set_menu(const char* menu_json) {
  const auto document = llmos::json::parse(menu_json, nullptr, false);
  if (!document.is_object()) return;
  auto& menu = files.menu;
  const auto text = [&](const char* key) {
    return document.contains(key) && document[key].is_string() ? document[key].get<std::string>()
                                                               : std::string();
  };
  menu.name = text("name");
  menu.kind = text("kind");
  menu.user = text("user");
  menu.team = text("team");
  menu.conflicted = document.value("conflicted", false);
  menu.saved.clear();
  if (document.contains("saved") && document["saved"].is_array())
    for (const auto& item : document["saved"])
      if (item.is_string()) menu.saved.push_back(item.get<std::string>());
  menu.examples.clear();
  if (document.contains("examples") && document["examples"].is_array())
    for (const auto& item : document["examples"])
      if (item.is_object() && item.contains("file") && item.contains("name"))
        menu.examples.push_back({item["file"].get<std::string>(), item["name"].get<std::string>()});
  llmos::editor::request_frame();
}
