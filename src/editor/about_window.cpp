#include "about_window.hpp"

#include "app.hpp"
#include "frame_requests.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace {

struct AboutState {
  bool open_requested = false;
  bool notices_requested = false;
  bool show_notices = false;
  std::string notices;  // THIRD_PARTY_NOTICES.txt once fetched, or why not
};

AboutState& about() {
  static AboutState state;
  return state;
}

// The page's facts about itself: the bundle's build and offline state are in
// window.llmos.offline (web/lib/offline.js), the core's version in the core.
// clang-format off: EM_JS bodies are JavaScript.
EM_JS(char*, llmos_about_facts, (), {
  var llmos = window.llmos || {};
  var offline = llmos.offline || {};
  var lines = [
    "Version " + (llmos.core ? llmos.core.version() : "?"),
    "Build " + (offline.version || "development (no bundle.json)"),
    offline.isolated ? "Cross-origin isolated: Python nodes can be interrupted"
                     : "Not cross-origin isolated: a stopped Python node replaces its worker",
    "Offline copy: " +
        (offline.cachedVersion ? "build " + offline.cachedVersion : (offline.serviceWorker || "none")),
  ];
  return allocateUTF8(lines.join("\n"));
});

EM_JS(void, llmos_about_fetch_notices, (), {
  var url = new URL("THIRD_PARTY_NOTICES.txt", document.baseURI).href;
  var answer = function(text) {
    var pointer = allocateUTF8(text);
    Module._llmos_about_notices_loaded(pointer);
    _free(pointer);
    if (window.llmos && window.llmos.requestFrame) window.llmos.requestFrame();
  };
  fetch(url)
      .then(function(response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(
          answer, function(error) { answer("THIRD_PARTY_NOTICES.txt could not be read: " + error.message); });
});

EM_JS(void, llmos_about_open_notices, (),
      { window.open(new URL("THIRD_PARTY_NOTICES.txt", document.baseURI).href, "_blank", "noopener"); });
// clang-format on

}  // namespace

// Both change what is on screen without input: ask for a frame (drawn on demand).
extern "C" EMSCRIPTEN_KEEPALIVE void llmos_about_notices_loaded(const char* text) {
  about().notices = text;
  llmos::editor::request_frame();
}

extern "C" EMSCRIPTEN_KEEPALIVE void llmos_debug_open_about() { llmos::editor::request_about_window(); }

// What the window shows, for tests: {open, facts, noticesBytes}.
extern "C" EMSCRIPTEN_KEEPALIVE char* llmos_debug_about_state() {
  char* facts = llmos_about_facts();
  std::string json = "{\"facts\":\"";
  for (const char* c = facts; *c; ++c) {
    if (*c == '\n')
      json += "\\n";
    else if (*c == '"' || *c == '\\')
      json += std::string("\\") + *c;
    else
      json += *c;
  }
  std::free(facts);
  json += "\",\"noticesBytes\":" + std::to_string(about().notices.size()) + "}";
  char* out = static_cast<char*>(std::malloc(json.size() + 1));
  std::copy(json.c_str(), json.c_str() + json.size() + 1, out);
  return out;
}

namespace llmos::editor {

void request_about_window() {
  about().open_requested = true;
  request_frame();
}

void draw_about_window(bool* open, float ui_scale) {
  AboutState& state = about();
  if (state.open_requested) {
    *open = true;
    state.open_requested = false;
  }
  if (!*open) return;
  if (!state.notices_requested) {
    state.notices_requested = true;
    llmos_about_fetch_notices();
  }
  // Auto-sized, so ticking "Show here" grows the window instead of hiding
  // the notices below a scroll bar; text wraps at a fixed width.
  const float width = 540 * ui_scale;
  if (ImGui::Begin("About", open, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(kAppTitle);
    ImGui::TextUnformatted(
        "A browser-native workflow workbench: drag skills onto the canvas, wire typed outputs to inputs and "
        "run the graph in the browser. Pan with the right or middle mouse button, zoom with the wheel.");
    ImGui::Separator();
    char* facts = llmos_about_facts();
    ImGui::TextUnformatted(facts);
    std::free(facts);
    ImGui::Separator();
    ImGui::TextUnformatted(
        "It ships Pyodide (CPython), three.js, d3, ses, ngspice, Dear ImGui, yaml-cpp, nlohmann/json, "
        "the DejaVu fonts and Emscripten's runtime; their licences are in THIRD_PARTY_NOTICES.txt.");
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Open THIRD_PARTY_NOTICES.txt")) llmos_about_open_notices();
    ImGui::SameLine();
    ImGui::Checkbox("Show here", &state.show_notices);
    if (state.show_notices) {
      ImGui::BeginChild("notices", ImVec2(width, 320 * ui_scale), true, ImGuiWindowFlags_HorizontalScrollbar);
      if (state.notices.empty())
        ImGui::TextUnformatted("Loading…");
      else
        ImGui::TextUnformatted(state.notices.data(), state.notices.data() + state.notices.size());
      ImGui::EndChild();
    }
  }
  ImGui::End();
}

}  // namespace llmos::editor
