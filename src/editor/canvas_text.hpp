// Crisp text on the zoomable canvas. The UI font is baked at a few sizes
// (kCanvasFontFactors times the UI size, which already includes
// devicePixelRatio); canvas text uses the smallest baked size at least as
// large as the pixels it needs, so glyphs are only ever shrunk (sharp),
// never magnified (blurry, what one atlas size gave above 1.5x zoom).
#pragma once

#include <imgui.h>

#include <vector>

namespace llmos::editor {

inline constexpr float kCanvasFontFactors[] = {1.0f, 2.0f, 4.0f};

// The baked fonts, smallest first (main.cpp, after each atlas rebuild).
void set_canvas_fonts(std::vector<ImFont*> fonts);

// The font to draw `pixels`-tall text with (the largest when none is big
// enough; ImGui's current font before set_canvas_fonts).
ImFont* canvas_font(float pixels);

// Pushes the font for `pixels`-tall text and scales the current window's
// font to exactly `pixels` (widgets drawn in nodes); the destructor undoes both.
class ScopedCanvasFont {
 public:
  explicit ScopedCanvasFont(float pixels);
  ~ScopedCanvasFont();
  ScopedCanvasFont(const ScopedCanvasFont&) = delete;
  ScopedCanvasFont& operator=(const ScopedCanvasFont&) = delete;
};

}  // namespace llmos::editor
