#include "canvas_text.hpp"

#include <utility>

namespace llmos::editor {
namespace {

std::vector<ImFont*>& fonts() {
  static std::vector<ImFont*> baked;
  return baked;
}

}  // namespace

void set_canvas_fonts(std::vector<ImFont*> baked) { fonts() = std::move(baked); }

ImFont* canvas_font(float pixels) {
  const auto& baked = fonts();
  if (baked.empty()) return ImGui::GetFont();
  // Tolerate a rounding hair: a 15.0 px font serves a request of 15.004 px.
  for (ImFont* font : baked)
    if (font->FontSize >= pixels * 0.98f) return font;
  return baked.back();
}

ScopedCanvasFont::ScopedCanvasFont(float pixels) {
  ImFont* font = canvas_font(pixels);
  ImGui::PushFont(font);
  ImGui::SetWindowFontScale(pixels / font->FontSize);
}

ScopedCanvasFont::~ScopedCanvasFont() {
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopFont();
}

}  // namespace llmos::editor
