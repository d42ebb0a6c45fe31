#include "skill_editor.hpp"

#include "preview_draw.hpp"

#include <emscripten/emscripten.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <vector>

// The page keeps the copy where it keeps user skills (web/lib/boot.js).
// clang-format off
EM_JS(void, llmos_js_keep_user_skill, (const char* id, const char* text), {
  if (Module.llmosUserSkills) Module.llmosUserSkills.save(UTF8ToString(id), UTF8ToString(text));
});
// clang-format on

namespace llmos::editor {
namespace {

UserSkillAdder& user_skill_adder() {
  static UserSkillAdder adder;
  return adder;
}

constexpr ImU32 kErrorColour = IM_COL32(235, 80, 80, 255);
constexpr ImU32 kWarningColour = IM_COL32(230, 190, 70, 255);

// InputTextMultiline edits the std::string in place, growing it as needed.
int resize_text(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

void recheck(SkillEditorState& editor, const SkillLibrary& library) {
  editor.check = check_skill_copy(editor.text, editor.path, library);
}

// Per line (0-based): 2 = an error there, 1 = a warning, 0 = none.
std::vector<int> line_marks(const SkillEditorState& editor, int lines) {
  std::vector<int> marks(static_cast<std::size_t>(lines), 0);
  for (const Diagnostic& diagnostic : editor.check.diagnostics) {
    const int line = std::clamp(diagnostic.where.line, 1, lines) - 1;
    const int mark = diagnostic.severity == Severity::error     ? 2
                     : diagnostic.severity == Severity::warning ? 1
                                                                : 0;
    marks[static_cast<std::size_t>(line)] = std::max(marks[static_cast<std::size_t>(line)], mark);
  }
  return marks;
}

// The code with a line-number gutter; lines with problems are marked in
// red (errors) or yellow (warnings), and hovering a number shows them.
void draw_code(SkillEditorState& editor, const SkillLibrary& library, float footer_height) {
  ImFont* mono = preview::monospace_font();
  if (mono) ImGui::PushFont(mono);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line_height = ImGui::GetTextLineHeight();
  const int lines = static_cast<int>(std::count(editor.text.begin(), editor.text.end(), '\n')) + 1;
  char number[16];
  std::snprintf(number, sizeof number, "%d", std::max(lines, 99));
  const float gutter = ImGui::CalcTextSize(number).x + style.FramePadding.x * 3;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 box(avail.x - gutter, std::max(avail.y - footer_height, line_height * 4));

  ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
  const ImGuiID id = ImGui::GetID("##code");
  if (ImGui::InputTextMultiline("##code", editor.text.data(), editor.text.capacity() + 1, box,
                                ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_AllowTabInput,
                                resize_text, &editor.text)) {
    editor.status.clear();
    recheck(editor, library);
  }
  // The input scrolls in its own child window (named as ImGui 1.86's
  // BeginChildEx names it); the gutter follows its scroll.
  float scroll_y = 0;
  char child_name[256];
  ImFormatString(child_name, sizeof child_name, "%s/%s_%08X", ImGui::GetCurrentWindow()->Name, "##code", id);
  if (ImGuiWindow* child = ImGui::FindWindowByName(child_name)) scroll_y = child->Scroll.y;
  const float top = origin.y + style.FramePadding.y - scroll_y;
  editor.text_origin = ImVec2(origin.x + gutter + style.FramePadding.x, top);
  editor.line_height = line_height;
  editor.char_width = ImGui::CalcTextSize("M").x;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 gutter_max(origin.x + gutter - style.FramePadding.x * 0.5f, origin.y + box.y);
  editor.gutter_left = origin.x;
  editor.gutter_right = gutter_max.x;
  draw->PushClipRect(origin, gutter_max, true);
  draw->AddRectFilled(origin, gutter_max, IM_COL32(30, 32, 38, 255));
  const std::vector<int> marks = line_marks(editor, lines);
  const int first = std::max(0, static_cast<int>(scroll_y / line_height) - 1);
  const int last = std::min(lines, first + static_cast<int>(box.y / line_height) + 3);
  int hovered_line = 0;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (int i = first; i < last; ++i) {
    const float y = top + static_cast<float>(i) * line_height;
    const int mark = marks[static_cast<std::size_t>(i)];
    if (mark)
      draw->AddRectFilled(ImVec2(origin.x, y), ImVec2(gutter_max.x, y + line_height),
                          mark == 2 ? IM_COL32(120, 30, 30, 255) : IM_COL32(110, 90, 20, 255));
    std::snprintf(number, sizeof number, "%d", i + 1);
    const float width = ImGui::CalcTextSize(number).x;
    draw->AddText(ImVec2(gutter_max.x - style.FramePadding.x - width, y),
                  mark == 2   ? kErrorColour
                  : mark == 1 ? kWarningColour
                              : IM_COL32(120, 126, 140, 255),
                  number);
    if (mouse.x >= origin.x && mouse.x < gutter_max.x && mouse.y >= y && mouse.y < y + line_height &&
        mouse.y < gutter_max.y)
      hovered_line = i + 1;
  }
  draw->PopClipRect();
  if (mono) ImGui::PopFont();
  if (hovered_line && marks[static_cast<std::size_t>(hovered_line - 1)]) {
    std::string text;
    for (const Diagnostic& diagnostic : editor.check.diagnostics)
      if (std::clamp(diagnostic.where.line, 1, lines) == hovered_line) text += diagnostic.message + "\n";
    ImGui::SetTooltip("%s", text.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + box.y + style.ItemSpacing.y));
}

void save(SkillEditorState& editor, EditorDocument& document, const SkillLibrary& library) {
  // The file is named after the id it declares (what a reload reads back).
  const std::string id = editor.check.skill.skill_id;
  editor.path = user_skill_path(id);
  recheck(editor, library);
  if (!editor.check.savable()) return;
  if (!user_skill_adder()) {
    editor.status = "This page cannot add skills";
    return;
  }
  const Diagnostics added = user_skill_adder()(std::move(editor.check.skill));
  if (added.has_errors()) {
    editor.status = added.to_text();
    recheck(editor, library);
    return;
  }
  llmos_js_keep_user_skill(id.c_str(), editor.text.c_str());
  document.apply(Command(SetSkill{editor.node, id}, "Use skill " + id));
  editor.status = "Saved " + id;
  editor.open = false;
}

}  // namespace

void set_user_skill_adder(UserSkillAdder adder) { user_skill_adder() = std::move(adder); }

void open_skill_copy(SkillEditorState& editor, const NodeId& node, const Skill& skill,
                     const SkillLibrary& library) {
  const std::string id = unused_copy_id(library, skill.skill_id);
  editor.open = true;
  editor.just_opened = true;
  editor.node = node;
  editor.source_skill = skill.skill_id;
  editor.path = user_skill_path(id);
  editor.text = skill_copy_text(skill, id);
  editor.status.clear();
  recheck(editor, library);
}

void draw_skill_editor(SkillEditorState& editor, EditorDocument& document, const SkillLibrary& library,
                       float ui_scale) {
  if (!editor.open) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(780 * ui_scale, viewport->Size.x * 0.9f),
                                  std::min(600 * ui_scale, viewport->Size.y * 0.85f)),
                           ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (editor.just_opened) {
    ImGui::SetNextWindowFocus();
    editor.just_opened = false;
  }
  if (!ImGui::Begin("Edit a copy###skill_editor", &editor.open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::TextDisabled("A copy of %s for node %s. Saving makes it a user skill and the node uses it.",
                      editor.source_skill.c_str(), editor.node.value.c_str());

  const ImGuiStyle& style = ImGui::GetStyle();
  const float problems_height = ImGui::GetTextLineHeightWithSpacing() * 4 + style.WindowPadding.y * 2;
  const float footer = problems_height + ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y * 2;
  draw_code(editor, library, footer);

  ImGui::BeginChild("problems", ImVec2(0, problems_height), true);
  if (editor.check.diagnostics.empty())
    ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.5f, 1), "No problems: ready to save.");
  for (const Diagnostic& diagnostic : editor.check.diagnostics) {
    const ImU32 colour = diagnostic.severity == Severity::error ? kErrorColour : kWarningColour;
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", format(diagnostic).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();

  ImGui::BeginDisabled(!editor.check.savable());
  const std::string label = "Save as user skill '" + editor.check.skill.skill_id + "'###save";
  if (ImGui::Button(label.c_str())) save(editor, document, library);
  editor.save_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                              (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) editor.open = false;
  if (!editor.status.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(editor.status.c_str());
  }
  ImGui::End();
}

std::string skill_editor_debug_json(const SkillEditorState& editor) {
  json diagnostics = json::array();
  for (const Diagnostic& diagnostic : editor.check.diagnostics)
    diagnostics.push_back({{"line", diagnostic.where.line},
                           {"column", diagnostic.where.column},
                           {"severity", std::string(to_string(diagnostic.severity))},
                           {"code", diagnostic.code},
                           {"message", diagnostic.message}});
  const int lines = static_cast<int>(std::count(editor.text.begin(), editor.text.end(), '\n')) + 1;
  json marked = json::array();
  const std::vector<int> marks = line_marks(editor, lines);
  for (int i = 0; i < lines; ++i)
    if (marks[static_cast<std::size_t>(i)] == 2) marked.push_back(i + 1);
  return json{{"open", editor.open},
              {"nodeId", editor.node.value},
              {"sourceSkillId", editor.source_skill},
              {"skillId", editor.check.skill.skill_id},
              {"text", editor.text},
              {"savable", editor.check.savable()},
              {"status", editor.status},
              {"diagnostics", std::move(diagnostics)},
              {"errorLines", std::move(marked)},
              {"textOrigin", {{"x", editor.text_origin.x}, {"y", editor.text_origin.y}}},
              {"lineHeight", editor.line_height},
              {"charWidth", editor.char_width},
              {"gutter", {{"left", editor.gutter_left}, {"right", editor.gutter_right}}},
              {"saveButton", {{"x", editor.save_button.x}, {"y", editor.save_button.y}}},
              {"openButton", {{"x", editor.open_button.x}, {"y", editor.open_button.y}}}}
      .dump();
}

}  // namespace llmos::editor
