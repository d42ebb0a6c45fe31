#include "fuzz_entries.hpp"

#include "llmos/json_pointer.hpp"
#include "llmos/skill_json.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/skill_parser.hpp"
#include "llmos/validate.hpp"
#include "llmos/workflow.hpp"

namespace llmos::fuzz {
namespace {

constexpr const char* kSkillPath = "fuzz/skill.md";
constexpr const char* kWorkflowPath = "fuzz/workflow.json";

// Every diagnostic names the input and a code of the expected family.
std::string check_diagnostics(const Diagnostics& diagnostics, const std::string& file,
                              std::string_view code_prefix) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.where.file != file)
      return "diagnostic " + diagnostic.code + " names file '" + diagnostic.where.file + "'";
    if (!diagnostic.code.starts_with(code_prefix)) return "unexpected diagnostic code " + diagnostic.code;
    if (diagnostic.message.empty()) return "diagnostic " + diagnostic.code + " has no message";
    if (diagnostic.where.line < 0 || diagnostic.where.column < 0)
      return "diagnostic " + diagnostic.code + " has a negative line or column";
  }
  return {};
}

const SkillLibrary& shipped_skills() {
  static const SkillLibrary library = [] {
    SkillLibrary out;
    Diagnostics ignored;
    out.load_directory(LLMOS_SOURCE_DIR "/skills", Volume::system, ignored);
    return out;
  }();
  return library;
}

}  // namespace

Verdict skill_parser(std::string_view text) {
  Verdict verdict;
  const auto skill = parse_skill(text, kSkillPath, verdict.diagnostics);
  verdict.broken = check_diagnostics(verdict.diagnostics, kSkillPath, "skill.");
  if (!verdict.broken.empty() || verdict.diagnostics.has_errors()) return verdict;
  if (!is_kebab_case(skill.skill_id)) {
    verdict.broken = "an error-free skill has the id '" + skill.skill_id + "', not kebab-case";
    return verdict;
  }
  const auto first = skill_to_json(skill, true);
  Diagnostics again;
  const auto second = skill_to_json(skill_from_json(first, {}, again), true);
  if (again.has_errors())
    verdict.broken = "skill_from_json refuses skill_to_json's output: " + format(*again.begin());
  else if (first != second)
    verdict.broken = "skill_to_json -> skill_from_json -> skill_to_json changed it:\n" + first.dump() + "\n" +
                     second.dump();
  return verdict;
}

Verdict workflow_loader(std::string_view text) {
  Verdict verdict;
  const auto workflow = Workflow::parse(text, verdict.diagnostics, kWorkflowPath);
  if (workflow) {
    auto validation = validate(*workflow, shipped_skills());
    add_line_columns(validation, text);
    for (const auto& diagnostic : validation) {
      auto located = diagnostic;
      if (located.where.file.empty()) located.where.file = kWorkflowPath;
      verdict.diagnostics.add(std::move(located));
    }
  }
  verdict.broken = check_diagnostics(verdict.diagnostics, kWorkflowPath, "workflow.");
  if (!verdict.broken.empty() || !workflow) return verdict;
  if (verdict.diagnostics.has_errors()) return verdict;
  const auto first = workflow->to_json();
  Diagnostics again;
  const auto second = Workflow::from_json(first, again, kWorkflowPath).to_json();
  if (again.has_errors())
    verdict.broken = "Workflow::from_json refuses to_json's output: " + format(*again.begin());
  else if (first != second)
    verdict.broken = "to_json -> from_json -> to_json changed it:\n" + first.dump() + "\n" + second.dump();
  return verdict;
}

}  // namespace llmos::fuzz
