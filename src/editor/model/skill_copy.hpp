// "Edit a copy" of a skill, the plain-data half: the copy's file text under
// a fresh id, and the check the editor runs on every keystroke (the core's
// own skill parser, plus "that id is taken" at the id's line).
#pragma once

#include "llmos/diagnostic.hpp"
#include "llmos/skill.hpp"
#include "llmos/skill_library.hpp"

#include <string>
#include <string_view>

namespace llmos::editor {

// An id no skill in `library` has: "<id>-copy", then "<id>-copy-2", ...
std::string unused_copy_id(const SkillLibrary& library, std::string_view skill_id);

// The skill's file with its id set to `new_id`: the `skill_id` line is
// rewritten in place, or one is added after the opening `---` when the id
// came from the name or folder (nothing else moves, so lines stay comparable).
std::string skill_copy_text(const Skill& skill, std::string_view new_id);

// Where a copy is kept in the user volume ("user/<id>.md").
std::string user_skill_path(std::string_view skill_id);

struct SkillCheck {
  Skill skill;              // the parser's best guess, even with errors
  Diagnostics diagnostics;  // the parser's, then skill.id.taken
  bool savable() const { return !diagnostics.has_errors(); }
};

// Parses `text` as the user skill file `path`; an id another skill in
// `library` already has is an error at the id's line (a copy never replaces
// a skill silently).
SkillCheck check_skill_copy(std::string_view text, const std::string& path, const SkillLibrary& library);

}  // namespace llmos::editor
