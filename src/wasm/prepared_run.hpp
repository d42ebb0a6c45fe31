// What a run starts from: a workflow (or payload {workflow, skills}) parsed,
// its payload skills given the library's permissions, and validated; and the
// last one kept, so running an unchanged workflow again (the editor's Run,
// an automation's loop) skips the parse and the validation.
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/workflow.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace llmos::wasm {

struct Prepared {
  std::shared_ptr<const Workflow> workflow;
  std::shared_ptr<const SkillLibrary> own_library;  // payload skills, if any
  Diagnostics diagnostics;
  // The payload's skills, or the page's library.
  const SkillLibrary& library() const;
};

// Parses and validates `text` against the page's library (state().library).
Prepared prepare(std::string_view text);

// The last valid Prepared, reused while the text and the page's library
// (its generation: WorkbenchState::library_generation) are the same.
class LastPrepared {
 public:
  std::shared_ptr<const Prepared> get(std::string_view text, std::uint64_t library_generation);

 private:
  std::string text_;
  std::uint64_t generation_ = 0;
  std::shared_ptr<const Prepared> prepared_;
};

}  // namespace llmos::wasm
