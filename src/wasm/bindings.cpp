#include "bindings.hpp"

#include "json_result.hpp"

#include "llmos/node_types.hpp"

#include <emscripten/emscripten.h>

extern "C" {

EMSCRIPTEN_KEEPALIVE void llmos_free(char* text) { std::free(text); }

EMSCRIPTEN_KEEPALIVE char* llmos_version() {
  return llmos::wasm::to_c_string(llmos::json{{"ok", true}, {"version", LLMOS_VERSION}});
}

// The core's node-type table (contract 1): [{type, language, runtime, pool, deadline_ms}].
EMSCRIPTEN_KEEPALIVE char* llmos_node_types() {
  return llmos::wasm::to_c_string(llmos::json{{"ok", true}, {"node_types", llmos::node_type_table_json()}});
}

}  // extern "C"
