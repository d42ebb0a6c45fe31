#include "bindings.hpp"

#include "json_result.hpp"

#include <emscripten/emscripten.h>

extern "C" {

EMSCRIPTEN_KEEPALIVE void llmos_free(char* text) { std::free(text); }

EMSCRIPTEN_KEEPALIVE char* llmos_version() {
  return llmos::wasm::to_c_string(llmos::json{{"ok", true}, {"version", LLMOS_VERSION}});
}

}  // extern "C"
