// Help > About: the app's version, the build (the bundle's content hash from
// bundle.json), whether the page is cross-origin isolated and saved for
// offline use, and the licences of everything it ships
// (THIRD_PARTY_NOTICES.txt), linked and readable in the page.
#pragma once

namespace llmos::editor {

// Draws the About window while *open is true (its close button clears it).
void draw_about_window(bool* open, float ui_scale);

// Opens the About window on the next frame (window.llmos.debug.openAbout()).
void request_about_window();

}  // namespace llmos::editor
