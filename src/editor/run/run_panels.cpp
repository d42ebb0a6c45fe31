// The Run menu and toolbar, per-node run items, and the console, history,
// sweep and error windows.
#include "run_controller.hpp"
#include "run_view.hpp"

#include "preview_browser.hpp"
#include "preview_draw.hpp"
#include "preview_window.hpp"

#include <imgui.h>

#include <cstdio>
#include <sstream>

namespace llmos::run {
namespace {

struct Panels {
  bool console = false, history = false, sweep = false;
  char filter[128] = "";
  std::size_t seen_lines = 0;
  int compare_a = -1, compare_b = -1;
  // Sweep form.
  int sweep_node = 0, sweep_input = 0, sweep_output = 0;
  float from = 100, to = 2000;
  int steps = 20;
  bool logarithmic = false;
  preview::PreviewState sweep_plot_state;
  std::string error_node;  // the error window's node, "" when closed
};

Panels& panels() {
  static Panels instance;
  return instance;
}

const char* readiness_words(const std::string& state) {
  if (state == "ready") return "ready";
  if (state == "loading") return "loading...";
  return "not loaded";
}

// Numeric inputs of a node's skill: what a sweep can step.
std::vector<std::string> numeric_inputs(const std::string& skill_id) {
  std::vector<std::string> out;
  if (const Skill* skill = controller().find_skill(skill_id))
    for (const auto& port : skill->inputs)
      if (port.type == PortType::float_ || port.type == PortType::int_) out.push_back(port.name);
  return out;
}

std::string skill_of(const json& workflow, const std::string& node) {
  for (const auto& n : workflow.value("nodes", json::array()))
    if (n.value("nodeId", std::string()) == node) return n.value("skillId", std::string());
  return {};
}

bool combo(const char* label, int* index, const std::vector<std::string>& items) {
  if (items.empty()) {
    ImGui::TextDisabled("%s: none", label);
    return false;
  }
  *index = std::clamp(*index, 0, static_cast<int>(items.size()) - 1);
  bool changed = false;
  if (ImGui::BeginCombo(label, items[*index].c_str())) {
    for (int i = 0; i < static_cast<int>(items.size()); ++i)
      if (ImGui::Selectable(items[i].c_str(), i == *index)) {
        *index = i;
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

void draw_console(float ui_scale) {
  Panels& p = panels();
  ImGui::SetNextWindowSize(ImVec2(620 * ui_scale, 260 * ui_scale), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Console", &p.console)) {
    ImGui::End();
    return;
  }
  RunConsole& console = controller().console();
  ImGui::SetNextItemWidth(240 * ui_scale);
  ImGui::InputTextWithHint("##filter", "filter (node, stream, text)", p.filter, sizeof p.filter);
  ImGui::SameLine();
  if (ImGui::Button("Clear")) console.clear();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu lines", console.lines().size());
  ImGui::BeginChild("lines", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  if (ImFont* mono = preview::monospace_font()) ImGui::PushFont(mono);
  for (const LogLine* line : console.filtered(p.filter)) {
    const ImVec4 colour = line->stream == "stderr" || line->stream == "error" ? ImVec4(1, 0.55f, 0.55f, 1)
                          : line->stream == "ngspice"                         ? ImVec4(0.7f, 0.8f, 1, 1)
                                                      : ImVec4(0.85f, 0.85f, 0.85f, 1);
    ImGui::TextColored(ImVec4(0.6f, 0.75f, 0.6f, 1), "%s", line->node.c_str());
    ImGui::SameLine();
    ImGui::TextColored(colour, "%s", line->text.c_str());
  }
  if (preview::monospace_font()) ImGui::PopFont();
  // Follow new lines unless the user scrolled up.
  if (console.appended() != p.seen_lines && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4)
    ImGui::SetScrollHereY(1);
  p.seen_lines = console.appended();
  ImGui::EndChild();
  ImGui::End();
}

std::string time_of_day(double epoch_ms) {
  const long long seconds = static_cast<long long>(epoch_ms / 1000) % 86400;
  char text[16];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return text;
}

void draw_history(float ui_scale) {
  Panels& p = panels();
  ImGui::SetNextWindowSize(ImVec2(640 * ui_scale, 380 * ui_scale), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Run history", &p.history)) {
    ImGui::End();
    return;
  }
  const auto& records = controller().history().records();
  if (ImGui::Button("Reload")) controller().load_history();
  ImGui::SameLine();
  ImGui::TextDisabled("tick A and B to compare two runs");
  if (ImGui::BeginTable("runs", 6,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                        ImVec2(0, 150 * ui_scale))) {
    ImGui::TableSetupColumn("A", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("B", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("started");
    ImGui::TableSetupColumn("time");
    ImGui::TableSetupColumn("states");
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (int i = 0; i < static_cast<int>(records.size()); ++i) {
      const RunRecord& record = records[i];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::RadioButton("##a", p.compare_a == i)) p.compare_a = i;
      ImGui::TableNextColumn();
      if (ImGui::RadioButton("##b", p.compare_b == i)) p.compare_b = i;
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(time_of_day(record.started_at).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f ms", record.total_ms);
      ImGui::TableNextColumn();
      std::map<std::string, int> states;
      for (const auto& n : record.nodes) ++states[n.state];
      std::string words;
      for (const auto& [state, count] : states) words += std::to_string(count) + " " + state + " ";
      ImGui::TextUnformatted(words.c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("Restore parameters")) controller().restore_params(record);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  const int n = static_cast<int>(records.size());
  if (p.compare_a >= 0 && p.compare_b >= 0 && p.compare_a < n && p.compare_b < n &&
      p.compare_a != p.compare_b &&
      ImGui::BeginTable("compare", 4,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Borders)) {
    ImGui::TableSetupColumn("node");
    ImGui::TableSetupColumn("what");
    ImGui::TableSetupColumn("run A");
    ImGui::TableSetupColumn("run B");
    ImGui::TableHeadersRow();
    for (const auto& row : compare_runs(records[p.compare_a], records[p.compare_b])) {
      ImGui::TableNextRow();
      const ImVec4 colour = row.differs ? ImVec4(1, 0.8f, 0.3f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
      for (const std::string* cell : {&row.node, &row.what, &row.a, &row.b}) {
        ImGui::TableNextColumn();
        ImGui::TextColored(colour, "%s", cell->c_str());
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

void draw_sweep(float ui_scale) {
  Panels& p = panels();
  ImGui::SetNextWindowSize(ImVec2(560 * ui_scale, 460 * ui_scale), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Parameter sweep", &p.sweep)) {
    ImGui::End();
    return;
  }
  RunController& c = controller();
  const auto doc = c.workflow();
  const std::vector<std::string> nodes = c.workflow_node_ids();
  combo("node", &p.sweep_node, nodes);
  const std::string node =
      nodes.empty() ? "" : nodes[std::clamp(p.sweep_node, 0, static_cast<int>(nodes.size()) - 1)];
  const std::vector<std::string> inputs =
      doc ? numeric_inputs(skill_of(*doc, node)) : std::vector<std::string>{};
  combo("input", &p.sweep_input, inputs);
  ImGui::InputFloat("from", &p.from, 0, 0, "%g");
  ImGui::InputFloat("to", &p.to, 0, 0, "%g");
  ImGui::SliderInt("steps", &p.steps, 2, 100);
  ImGui::Checkbox("logarithmic steps", &p.logarithmic);
  combo("series of", &p.sweep_output, nodes);
  const bool can = !inputs.empty() && !c.live();
  if (!can) ImGui::BeginDisabled();
  if (ImGui::Button("Run sweep")) {
    SweepSpec spec{node,
                   inputs[std::clamp(p.sweep_input, 0, static_cast<int>(inputs.size()) - 1)],
                   p.from,
                   p.to,
                   p.steps,
                   p.logarithmic,
                   nodes[std::clamp(p.sweep_output, 0, static_cast<int>(nodes.size()) - 1)],
                   ""};
    c.start_sweep(std::move(spec));
  }
  if (!can) ImGui::EndDisabled();
  if (const auto& sweep = c.sweep()) {
    ImGui::SameLine();
    ImGui::Text("%zu / %zu runs", sweep->steps_finished(), sweep->steps());
    const preview::Plot plot = sweep->overlay();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (!plot.series.empty() && avail.y > 40) {
      preview::DrawOptions options;
      options.scale = ui_scale;
      options.interactive = true;
      preview::draw_plot(plot, p.sweep_plot_state.pane(0), min, ImVec2(min.x + avail.x, min.y + avail.y),
                         options, false);
    }
  }
  ImGui::End();
}

void draw_error_window(float ui_scale) {
  Panels& p = panels();
  if (p.error_node.empty()) return;
  const NodeRun* slot = controller().board().find(p.error_node);
  if (!slot || !slot->error) {
    p.error_node.clear();
    return;
  }
  bool open = true;
  ImGui::SetNextWindowSize(ImVec2(620 * ui_scale, 320 * ui_scale), ImGuiCond_Appearing);
  const std::string title = "Error in " + p.error_node + "###run-error";
  if (ImGui::Begin(title.c_str(), &open)) {
    ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s",
                       controller().board().error_location(p.error_node).c_str());
    ImGui::TextDisabled("code: %s", slot->error->code.c_str());
    // The skill file around the line, the line marked.
    const Skill* skill = controller().find_skill(slot->skill_id);
    if (skill && slot->error->line && !skill->source_text.empty()) {
      ImGui::Separator();
      if (ImFont* mono = preview::monospace_font()) ImGui::PushFont(mono);
      std::istringstream lines(skill->source_text);
      std::string text;
      const int target = *slot->error->line;
      for (int number = 1; std::getline(lines, text); ++number) {
        if (number < target - 6 || number > target + 3) continue;
        if (number == target)
          ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%4d > %s", number, text.c_str());
        else
          ImGui::Text("%4d   %s", number, text.c_str());
      }
      if (preview::monospace_font()) ImGui::PopFont();
    }
  }
  ImGui::End();
  if (!open) p.error_node.clear();
}

}  // namespace

void open_error_window(const std::string& node) { panels().error_node = node; }

namespace {

void draw_menu_items(const std::vector<editor::MenuAction>& actions) {
  for (const auto& action : actions)
    if (ImGui::MenuItem(action.label.c_str(), action.shortcut.empty() ? nullptr : action.shortcut.c_str(),
                        false, action.enabled))
      action.run();
}

}  // namespace

std::vector<editor::MenuAction> canvas_run_actions() {
  const bool live = controller().live();
  return {{"Run all", "Ctrl+Enter", !live, [] { controller().start(RunScope::all); }},
          {"Stop", "Esc", live, [] { controller().stop(); }}};
}

std::vector<editor::MenuAction> node_run_actions(const std::string& node) {
  const bool idle = !controller().live();
  std::vector<editor::MenuAction> actions{
      {"Run", "Shift+Enter", idle, [node] { controller().start(RunScope::to_node, node); }},
      {"Run from here", "", idle, [node] { controller().start(RunScope::from_node, node); }},
      {"Re-run without cache", "", idle,
       [node] { controller().start(RunScope::from_node, node, /*use_cache=*/false); }},
      {"Clear cached result", "", idle, [node] { controller().clear_result(node); }}};
  // The texts worth a download: the circuit a quantum node ran, the netlist a
  // spice node simulated.
  if (const NodeRun* slot = controller().board().find(node); slot && slot->preview) {
    for (const preview::View& view : slot->preview->views) {
      const std::string_view label = preview::source_export_label(view);
      if (label.empty()) continue;
      actions.push_back({std::string(label), "", true, [name = view.export_name, text = view.text] {
                           preview::download_text(name, "text/plain", text);
                         }});
    }
  }
  return actions;
}

void draw_run_menu() {
  RunController& c = controller();
  draw_menu_items(canvas_run_actions());
  ImGui::Separator();
  ImGui::MenuItem("Console", nullptr, &panels().console);
  if (ImGui::MenuItem("Run history", nullptr, &panels().history) && panels().history) c.load_history();
  ImGui::MenuItem("Parameter sweep...", nullptr, &panels().sweep);
}

void draw_run_toolbar() {
  RunController& c = controller();
  if (c.live()) {
    if (ImGui::SmallButton("Stop")) c.stop();
  } else if (ImGui::SmallButton("Run all")) {
    c.start(RunScope::all);
  }
}

void draw_node_run_menu_items(const std::string& node) { draw_menu_items(node_run_actions(node)); }

void draw_runtime_status() {
  const RuntimeReadiness& r = controller().readiness();
  ImGui::Text("Python: %s   ngspice: %s", readiness_words(r.python), readiness_words(r.spice));
  if (!controller().status().empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(("   |   " + controller().status()).c_str());
  }
}

void draw_node_log(const std::string& node, float height) {
  ImGui::BeginChild("node-log", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar);
  for (const LogLine* line : controller().console().filtered("", node))
    ImGui::TextUnformatted(line->text.c_str());
  ImGui::EndChild();
}

void workflow_replaced() { controller().workflow_replaced(); }

void draw_run_windows(float ui_scale) {
  Panels& p = panels();
  if (p.console) draw_console(ui_scale);
  if (p.history) draw_history(ui_scale);
  if (p.sweep) draw_sweep(ui_scale);
  draw_error_window(ui_scale);
}

}  // namespace llmos::run
