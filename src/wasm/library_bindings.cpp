// Exports over the skill library: the palette and listSkills() read it.
#include "bindings.hpp"
#include "json_result.hpp"
#include "workbench_state.hpp"

#include "llmos/json_view.hpp"
#include "llmos/skill_parser.hpp"

#include <emscripten/emscripten.h>

#include <string_view>

namespace llmos::wasm {
namespace {

std::optional<Volume> volume_from(std::string_view name) {
  if (name == "system" || name.empty()) return Volume::system;
  if (name == "team") return Volume::team;
  if (name == "user") return Volume::user;
  return std::nullopt;
}

}  // namespace
}  // namespace llmos::wasm

using llmos::json;
using llmos::wasm::guarded;
using llmos::wasm::state;

extern "C" {

EMSCRIPTEN_KEEPALIVE char* llmos_library_add(const char* path, const char* text, const char* volume_name) {
  return guarded([&] {
    const auto volume = llmos::wasm::volume_from(volume_name);
    if (!volume)
      return llmos::wasm::error_result("library.volume", std::string("unknown volume '") + volume_name + "'");
    llmos::Diagnostics diagnostics;
    llmos::Skill skill = llmos::parse_skill(text, path, diagnostics);
    const bool parsed = !diagnostics.has_errors();
    json answer{{"ok", parsed}};
    if (parsed) {
      answer["skill"] = llmos::skill_to_json(skill, false);
      state().library.add(std::move(skill), *volume, diagnostics);
      ++state().library_generation;
      answer["ok"] = !diagnostics.has_errors();
    }
    answer["diagnostics"] = llmos::diagnostics_to_json(diagnostics);
    return answer;
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_library_list(const char* query_json) {
  return guarded([&] {
    const json query = json::parse(query_json);
    if (query.contains("search") && query["search"].is_string() &&
        !query["search"].get<std::string>().empty()) {
      json skills = json::array();
      for (const auto& hit : state().library.search(query["search"].get<std::string>()))
        skills.push_back(llmos::library_entry_to_json(*hit.entry, false));
      return json{{"ok", true}, {"skills", std::move(skills)}};
    }
    llmos::SkillQuery filter;
    filter.type = query.value("type", "");
    filter.category = query.value("category", "");
    filter.keyword = query.value("keyword", "");
    filter.executable_only = query.value("executable_only", false);
    json answer = llmos::library_to_json(state().library, filter, false);
    answer["ok"] = true;
    return answer;
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_library_show(const char* skill_id) {
  return guarded([&] {
    const auto* entry = state().library.find_entry(skill_id);
    if (!entry)
      return llmos::wasm::error_result("library.unknown", std::string("no skill '") + skill_id + "'");
    return json{{"ok", true}, {"skill", llmos::library_entry_to_json(*entry, true)}};
  });
}

EMSCRIPTEN_KEEPALIVE char* llmos_library_clear() {
  return guarded([] {
    state().library = llmos::SkillLibrary{};
    ++state().library_generation;
    return json{{"ok", true}};
  });
}

}  // extern "C"
