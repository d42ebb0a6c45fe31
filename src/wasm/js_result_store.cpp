#include "js_result_store.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

// clang-format off
// A malloc'ed UTF-8 copy of the stored text, or 0 when absent (or no store).
EM_JS(char*, llmos_js_store_get, (const char* key), {
  const store = Module.llmosHost && Module.llmosHost.resultStore;
  const text = store ? store.get(UTF8ToString(key)) : undefined;
  if (text === undefined) return 0;
  const size = lengthBytesUTF8(text) + 1;
  const pointer = _malloc(size);
  stringToUTF8(text, pointer, size);
  return pointer;
});
EM_JS(void, llmos_js_store_put, (const char* key, const char* value, int length), {
  const store = Module.llmosHost && Module.llmosHost.resultStore;
  if (store) store.put(UTF8ToString(key), UTF8ToString(value, length));
});
EM_JS(int, llmos_js_store_erase, (const char* key), {
  const store = Module.llmosHost && Module.llmosHost.resultStore;
  return store && store.remove(UTF8ToString(key)) ? 1 : 0;
});
// clang-format on

namespace llmos::wasm {

std::optional<std::string> JsResultStore::get(const std::string& key) {
  char* text = llmos_js_store_get(key.c_str());
  if (!text) return std::nullopt;
  std::string out(text);
  std::free(text);
  return out;
}

void JsResultStore::put(const std::string& key, std::string_view value) {
  const std::string copy(value);  // NUL-terminated for UTF8ToString
  llmos_js_store_put(key.c_str(), copy.c_str(), static_cast<int>(copy.size()));
}

bool JsResultStore::erase(const std::string& key) { return llmos_js_store_erase(key.c_str()) != 0; }

}  // namespace llmos::wasm
