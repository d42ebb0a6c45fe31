// The one piece of global state the wasm module has (the binding layer owns
// it; the core has none): the skill library the
// page loaded, the scheduler with its JS runtime and result cache, and the
// libraries of payload runs, which must outlive their runs.
#pragma once

#include "js_result_store.hpp"
#include "js_runtime.hpp"
#include "prepared_run.hpp"

#include "llmos/result_cache.hpp"
#include "llmos/scheduler.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/trace.hpp"

#include <map>
#include <memory>

namespace llmos::wasm {

struct WorkbenchState {
  SkillLibrary library;                  // skills/ of the bundle (+ team/user volumes later)
  std::uint64_t library_generation = 0;  // bumped on every change of `library`
  LastPrepared last_prepared;            // the last run start, reused while unchanged
  RuntimeRegistry runtimes;
  JsRuntime js_runtime;
  JsResultStore result_store;  // IndexedDB behind the in-memory LRU
  ResultCache cache;
  Scheduler scheduler;
  RunTrace traces;
  JsEventForwarder forwarder;
  std::map<std::uint64_t, std::shared_ptr<const SkillLibrary>> run_libraries;  // payload skills per run

  WorkbenchState();
};

// Created on first use.
WorkbenchState& state();

}  // namespace llmos::wasm
