// window.llmos.debug's editor half (contract 6): the open graph, selection
// and viewport as JSON, and where pins and palette rows are on screen, so
// tests drive the real mouse and keyboard. web/lib/boot.js turns screen
// pixels into CSS pixels and adds `display`.
#pragma once

#include "model/ids.hpp"

#include <imgui.h>

#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

namespace llmos::editor {

// The run view adds its fields (state, preview, previewText) to each node's entry.
using DebugNodeExtras = std::function<void(const NodeId&, nlohmann::ordered_json& entry)>;
void set_debug_node_extras(DebugNodeExtras extras);

// A screen point as the JSON the page reads ({"x","y"} or null); valid until the next call.
const char* point_or_null(std::optional<ImVec2> point);

}  // namespace llmos::editor
