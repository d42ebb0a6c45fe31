// What previews need from the browser: images decoded by it and uploaded as
// WebGL textures the ImGui backend draws (ImTextureID = GL texture name from
// Emscripten's GL object table), and downloads. preview_browser.cpp is the
// EM_JS glue over web/lib/preview-media.js.
#pragma once

#include "preview.hpp"

#include <imgui.h>

#include <string_view>

namespace llmos::preview {

struct TextureView {
  ImTextureID id = nullptr;   // nullptr while decoding or after a failure
  int width = 0, height = 0;  // texture pixels
  bool failed = false;
};

// The texture of an image, cached by content hash. The first call starts the
// browser's decode and returns no texture; when it arrives the app is asked
// for a frame. `pixel_scale` rasterises SVGs that much larger (HiDPI).
TextureView image_texture(const Image& image, float pixel_scale);

// Deletes textures not drawn for `idle_seconds` (call once per frame).
void release_unused_textures(double idle_seconds = 20.0);
// How many textures are alive and how many are still decoding.
int texture_count();
int textures_pending();

// Browser downloads: text (CSV, QASM, netlist) or a base64 PNG.
void download_text(std::string_view file_name, std::string_view mime, std::string_view text);
void download_base64(std::string_view file_name, std::string_view mime, std::string_view base64);

}  // namespace llmos::preview
