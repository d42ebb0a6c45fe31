// EM_JS glue for preview_browser.hpp over web/lib/preview-media.js (installed
// as Module.llmosPreviews by web/lib/boot.js). Textures live in Emscripten's
// GL object table, so their names are what ImGui's OpenGL3 backend binds.

#include "preview_browser.hpp"

#include "preview_draw.hpp"

#include <emscripten/emscripten.h>

#include <string>
#include <unordered_map>

namespace {

struct Entry {
  enum class State { pending, ready, failed } state = State::pending;
  unsigned texture = 0;  // GL name
  int width = 0, height = 0;
  double last_used = 0;
};

std::unordered_map<std::uint64_t, Entry>& entries() {
  static std::unordered_map<std::uint64_t, Entry> table;
  return table;
}

}  // namespace

// Starts decoding; answers llmos_preview_texture_ready(key_hi, key_lo, name, w, h) (name 0: failed).
// clang-format off: it reads the JavaScript as C++ (an arrow "=>" became "= >").
EM_JS(void, llmos_preview_decode,
      (unsigned key_hi, unsigned key_lo, int svg, const char* data, int length, float scale), {
        var media = Module.llmosPreviews;
        var answer = function(name, width, height) {
          Module._llmos_preview_texture_ready(key_hi, key_lo, name, width, height);
        };
        if (!media) {
          answer(0, 0, 0);
          return;
        }
        media.decodeImage(svg ? 'svg' : 'png', UTF8ToString(data, length), scale)
            .then(
                function(bitmap) {
                  var texture = media.uploadTexture(GLctx, bitmap);
                  var name = GL.getNewId(GL.textures);
                  texture.name = name;
                  GL.textures[name] = texture;
                  answer(name, bitmap.width, bitmap.height);
                  bitmap.close();
                },
                function(error) {
                  console.warn('llmos: preview image could not be decoded: ' +
                               (error && error.message ? error.message : error));
                  answer(0, 0, 0);
                });
      });

EM_JS(void, llmos_preview_delete_texture, (unsigned name), {
  const texture = GL.textures[name];
  if (texture) GLctx.deleteTexture(texture);
  GL.textures[name] = null;
});

EM_JS(void, llmos_preview_download,
      (const char* name, const char* mime, const char* data, int length, int base64), {
        const media = Module.llmosPreviews;
        if (!media) return;
        const text = UTF8ToString(data, length);
        media.download(UTF8ToString(name), UTF8ToString(mime), base64 ? media.base64Bytes(text) : text);
      });

// clang-format on

extern "C" EMSCRIPTEN_KEEPALIVE void llmos_preview_texture_ready(unsigned key_hi, unsigned key_lo,
                                                                 unsigned name, int width, int height) {
  std::uint64_t key = (std::uint64_t(key_hi) << 32) | key_lo;
  auto it = entries().find(key);
  if (it == entries().end()) {  // released while decoding
    if (name) llmos_preview_delete_texture(name);
    return;
  }
  it->second.state = name ? Entry::State::ready : Entry::State::failed;
  it->second.texture = name;
  it->second.width = width;
  it->second.height = height;
  llmos::preview::request_frame();
}

namespace llmos::preview {

TextureView image_texture(const Image& image, float pixel_scale) {
  auto [it, inserted] = entries().try_emplace(image.hash);
  Entry& entry = it->second;
  entry.last_used = emscripten_get_now();
  if (inserted) {
    llmos_preview_decode(unsigned(image.hash >> 32), unsigned(image.hash & 0xffffffffu),
                         image.format == Image::Format::svg, image.data.data(), int(image.data.size()),
                         image.format == Image::Format::svg ? pixel_scale : 1.0f);
  }
  TextureView view;
  view.failed = entry.state == Entry::State::failed;
  if (entry.state == Entry::State::ready) {
    view.id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(entry.texture));
    view.width = entry.width;
    view.height = entry.height;
  }
  return view;
}

void release_unused_textures(double idle_seconds) {
  const double now = emscripten_get_now();
  for (auto it = entries().begin(); it != entries().end();) {
    if (it->second.state != Entry::State::pending && now - it->second.last_used > idle_seconds * 1000) {
      if (it->second.texture) llmos_preview_delete_texture(it->second.texture);
      it = entries().erase(it);
    } else {
      ++it;
    }
  }
}

int texture_count() { return int(entries().size()); }

int textures_pending() {
  int pending = 0;
  for (const auto& [key, entry] : entries()) pending += entry.state == Entry::State::pending;
  return pending;
}

void download_text(std::string_view file_name, std::string_view mime, std::string_view text) {
  std::string name(file_name), type(mime);
  llmos_preview_download(name.c_str(), type.c_str(), text.data(), int(text.size()), 0);
}

void download_base64(std::string_view file_name, std::string_view mime, std::string_view base64) {
  std::string name(file_name), type(mime);
  llmos_preview_download(name.c_str(), type.c_str(), base64.data(), int(base64.size()), 1);
}

}  // namespace llmos::preview
