// The browser's persistent result store: the core's PersistentStore over
// IndexedDB (web/lib/result-store.js). IndexedDB is asynchronous and the
// store interface is not, so JS keeps an in-memory mirror loaded at start-up
// and writes through to IndexedDB in the background.
#pragma once

#include "llmos/result_cache.hpp"

namespace llmos::wasm {

class JsResultStore final : public PersistentStore {
 public:
  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, std::string_view value) override;
  bool erase(const std::string& key) override;
};

}  // namespace llmos::wasm
