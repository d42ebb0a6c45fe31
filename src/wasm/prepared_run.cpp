#include "prepared_run.hpp"

#include "workbench_state.hpp"

#include "llmos/execution_payload.hpp"
#include "llmos/json_pointer.hpp"
#include "llmos/json_view.hpp"
#include "llmos/validate.hpp"

namespace llmos::wasm {
namespace {

bool same_block(const std::optional<CodeBlock>& a, const std::optional<CodeBlock>& b) {
  return a.has_value() == b.has_value() && (!a || a->code == b->code);
}

// Permissions come from the library (system, team or user volume), never
// from a payload: a payload skill gets the network origins of the library's
// skill of the same id when both have the same type and code, and none
// otherwise. A skill that arrives only in a payload (API, MCP,
// executeWorkflow({workflow, skills})) gets no network.
SkillLibrary with_library_permissions(const SkillLibrary& payload_skills, const SkillLibrary& library) {
  SkillLibrary out;
  Diagnostics ignored;  // the payload library was already checked
  for (const LibraryEntry* entry : payload_skills.list()) {
    Skill skill = entry->skill;
    const Skill* known = library.find(skill.skill_id);
    const bool same = known && known->type == skill.type && same_block(known->code, skill.code) &&
                      same_block(known->postprocess, skill.postprocess);
    skill.network_origins = same ? known->network_origins : std::vector<std::string>{};
    out.add(std::move(skill), entry->volume, ignored);
  }
  return out;
}

}  // namespace

const SkillLibrary& Prepared::library() const { return own_library ? *own_library : state().library; }

// A payload ({workflow, skills}) brings its own skills; a bare workflow uses
// the library the page loaded.
Prepared prepare(std::string_view source) {
  Prepared prepared;
  auto parsed = parse_json(source);
  if (!parsed.ok()) {
    const auto at = line_column_at(source, parsed.byte);
    prepared.diagnostics.error(parsed.too_deep ? "workflow.parse.depth" : "workflow.parse",
                               "invalid JSON: " + parsed.error,
                               SourceLocation{{}, at.line, at.column, {}, {}});
    prepared.workflow = std::make_shared<const Workflow>();
    return prepared;
  }
  json document = std::move(parsed.value);
  if (document.contains("payload") && document["payload"].is_object()) document = document["payload"];
  if (document.contains("workflow")) {
    ExecutionPayload payload = parse_execution_payload(document, prepared.diagnostics);
    prepared.workflow = std::make_shared<const Workflow>(std::move(payload.workflow));
    prepared.own_library =
        std::make_shared<const SkillLibrary>(with_library_permissions(payload.skills, state().library));
  } else {
    prepared.workflow = std::make_shared<const Workflow>(Workflow::from_json(document, prepared.diagnostics));
  }
  if (!prepared.diagnostics.has_errors())
    prepared.diagnostics.append(validate(*prepared.workflow, prepared.library()));
  return prepared;
}

std::shared_ptr<const Prepared> LastPrepared::get(std::string_view text, std::uint64_t library_generation) {
  if (prepared_ && generation_ == library_generation && text == text_) return prepared_;
  auto fresh = std::make_shared<const Prepared>(prepare(text));
  // Only a valid one is kept: a broken workflow is usually edited next.
  if (fresh->diagnostics.has_errors()) {
    prepared_.reset();
    text_.clear();
  } else {
    prepared_ = fresh;
    text_.assign(text);
    generation_ = library_generation;
  }
  return fresh;
}

}  // namespace llmos::wasm
