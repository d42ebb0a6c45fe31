// Entry point of the wasm app: GLFW (emscripten's JS implementation) on a
// WebGL2 canvas, Dear ImGui with its GLFW + OpenGL3 backends.
//
// [SECTION] Canvas size: the canvas follows the window and devicePixelRatio
// [SECTION] Fonts and style (rebuilt when the ratio changes)
// [SECTION] Draw on demand: one requestAnimationFrame per wanted frame
//           (paced while a run is in flight: frames/frame_pacer.hpp)
// [SECTION] Exports for the page (window.llmos.requestFrame, debug, bench)
// [SECTION] main
#include "app.hpp"
#include "canvas_text.hpp"
#include "debug_api.hpp"
#include "files/workflow_files.hpp"
#include "frame_pacer.hpp"
#include "frame_requests.hpp"
#include "model/workflow_io.hpp"
#include "preview_draw.hpp"
#include "preview_window.hpp"
#include "run_controller.hpp"
#include "run_view.hpp"
#include "workbench_state.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

using llmos::editor::frame_pacer;
using llmos::editor::frame_requests;

struct Runtime {
  GLFWwindow* window = nullptr;
  llmos::editor::AppState state;
  llmos::editor::FrameStats stats;
  bool animation_frame_pending = false;
  bool paced_timeout_pending = false;  // a frame waits for its turn behind a run
  // Main-thread time of the frames, the browser's commit included (frames/frame_pacer.hpp).
  double settled_ms = 0;
  long settled_frames = 0;
  // What the canvas was last sized to.
  double css_width = 0, css_height = 0;
  double ratio = 0;
  int framebuffer_width = 0, framebuffer_height = 0;
};

Runtime runtime;

//-----------------------------------------------------------------------------
// [SECTION] Canvas size
//-----------------------------------------------------------------------------

// The canvas fills the window in CSS pixels (web/index.html); its drawing
// buffer gets CSS size x devicePixelRatio so text stays crisp on HiDPI
// screens. Emscripten's GLFW reports the mouse in drawing-buffer pixels, so
// the whole UI works in physical pixels and is scaled by the ratio.
// GLFW's glfwSetWindowSize is never called: with a size equal to the
// screen's it asks the browser for fullscreen ("Permissions check failed"
// without a user gesture) instead of resizing.
struct CanvasSize {
  double css_width, css_height, ratio;
  int width, height;
};

CanvasSize measure_canvas() {
  CanvasSize size{};
  emscripten_get_element_css_size("#canvas", &size.css_width, &size.css_height);
  size.ratio = emscripten_get_device_pixel_ratio();
  if (size.ratio <= 0) size.ratio = 1;
  size.width = static_cast<int>(std::lround(size.css_width * size.ratio));
  size.height = static_cast<int>(std::lround(size.css_height * size.ratio));
  return size;
}

// GLFW's idea of the window size, kept equal to the drawing buffer so
// glfwGetWindowSize/glfwGetFramebufferSize tell the truth to the backend.
// clang-format off
EM_JS(void, llmos_sync_glfw_window_size, (int width, int height), {
  if (typeof GLFW !== 'undefined' && GLFW.active) {
    GLFW.active.width = width;
    GLFW.active.height = height;
  }
});
// clang-format on

// Returns true when the drawing buffer changed size.
bool fit_canvas_to_window(const CanvasSize& size) {
  if (size.width <= 0 || size.height <= 0) return false;
  runtime.css_width = size.css_width;
  runtime.css_height = size.css_height;
  if (size.width == runtime.framebuffer_width && size.height == runtime.framebuffer_height) return false;
  emscripten_set_canvas_element_size("#canvas", size.width, size.height);
  llmos_sync_glfw_window_size(size.width, size.height);
  runtime.framebuffer_width = size.width;
  runtime.framebuffer_height = size.height;
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Fonts and style
//-----------------------------------------------------------------------------

void load_fonts(float ui_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // DejaVu Sans from Debian's fonts-dejavu-core, embedded at /fonts/ui.ttf.
  ImFontConfig config;
  config.OversampleH = 2;
  ImFont* ui = io.Fonts->AddFontFromFileTTF("/fonts/ui.ttf", std::round(15.0f * ui_scale), &config);
  if (!ui) {
    std::fprintf(stderr, "llmos: font /fonts/ui.ttf missing, using ImGui's default\n");
    io.Fonts->AddFontDefault();
  }
  // The same font at larger sizes for zoomed-in canvas text (canvas_text.hpp);
  // big glyphs need no horizontal oversampling, which keeps the atlas small.
  std::vector<ImFont*> canvas_fonts;
  for (float factor : llmos::editor::kCanvasFontFactors) {
    if (!ui) break;
    if (factor == 1.0f) {
      canvas_fonts.push_back(ui);
      continue;
    }
    ImFontConfig large;
    large.OversampleH = 1;
    if (ImFont* font =
            io.Fonts->AddFontFromFileTTF("/fonts/ui.ttf", std::round(15.0f * ui_scale * factor), &large))
      canvas_fonts.push_back(font);
  }
  llmos::editor::set_canvas_fonts(std::move(canvas_fonts));
  // DejaVu Sans Mono (/fonts/mono.ttf) with box drawing and Greek, for
  // circuit diagrams (q_0: ┤ H ├──■──), netlists and OpenQASM in previews.
  static const ImWchar kMonoRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2190,
                                        0x21FF, 0x2500, 0x259F, 0x25A0, 0x25FF, 0};
  ImFontConfig mono;
  mono.OversampleH = 1;
  llmos::preview::set_monospace_font(
      io.Fonts->AddFontFromFileTTF("/fonts/mono.ttf", std::round(14.0f * ui_scale), &mono, kMonoRanges));
}

void setup_style(float ui_scale) {
  ImGui::GetStyle() = ImGuiStyle();
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.ScaleAllSizes(ui_scale);
}

// Fonts are rasterised at the device ratio: a ratio change (browser zoom,
// a window moved to another screen) rebuilds them and the style.
void apply_ui_scale(float ui_scale) {
  runtime.state.ui_scale = ui_scale;
  runtime.ratio = ui_scale;
  setup_style(ui_scale);
  load_fonts(ui_scale);
}

//-----------------------------------------------------------------------------
// [SECTION] Draw on demand
//-----------------------------------------------------------------------------

EM_JS(void, llmos_notify_first_frame, (), {
  if (Module.onFirstFrame) Module.onFirstFrame();
});

void release_held_keys();

// The first task after a frame runs once the browser has committed it (with
// software WebGL, after the canvas read-back): the frame's whole cost to the
// main thread, which the pacer needs.
// clang-format off
EM_JS(void, llmos_post_frame_settled, (), {
  if (!Module.llmosFrameSettled) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function() { Module._llmos_frame_settled(); };
    Module.llmosFrameSettled = function() { channel.port2.postMessage(0); };
  }
  Module.llmosFrameSettled();
});
// clang-format on

void draw_one_frame() {
  const double start = emscripten_get_now();
  frame_pacer().frame_started(start);
  const CanvasSize size = measure_canvas();
  if (size.ratio != runtime.ratio) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    apply_ui_scale(static_cast<float>(size.ratio));
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  fit_canvas_to_window(size);
  runtime.state.frame_ms = runtime.stats.last_cpu_ms;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize =
      ImVec2(static_cast<float>(runtime.framebuffer_width), static_cast<float>(runtime.framebuffer_height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();
  llmos::editor::draw_frame(runtime.state, llmos::wasm::state().library);
  ImGui::Render();
  // Spinners and elapsed times move while nodes run.
  if (llmos::run::controller().animating()) llmos::editor::request_frame();

  glViewport(0, 0, runtime.framebuffer_width, runtime.framebuffer_height);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  runtime.stats.add(emscripten_get_now() - start);
  if (runtime.stats.frames == 1) llmos_notify_first_frame();
  release_held_keys();
  llmos_post_frame_settled();
}

void schedule_frame();

// The run view reads the open document and edits it only through commands.
void connect_run_view() {
  using namespace llmos;
  run::controller().set_skill_finder([](std::string_view id) { return wasm::state().library.find(id); });
  run::controller().set_library(&wasm::state().library);
  run::RunHost host;
  host.workflow = []() -> std::optional<json> {
    if (runtime.state.document.graph().nodes.empty()) return std::nullopt;
    return editor::graph_to_workflow_json(runtime.state.document.graph());
  };
  host.workflow_name = [] { return editor::files_menu().name; };
  host.selected_nodes = [] {
    std::vector<std::string> ids;
    for (const auto& id : editor::selected_in_order(runtime.state.canvas, runtime.state.document.graph()))
      ids.push_back(id.value);
    return ids;
  };
  host.revision = [] { return runtime.state.document.content_revision(); };
  host.set_input = [](const std::string& node, const std::string& port, const json& value) {
    runtime.state.document.apply(
        editor::Command(editor::SetValue{NodeId(node), port, value}, "Restore parameters"));
  };
  run::controller().set_host(std::move(host));
  run::install_node_decorator();
  editor::set_user_skill_adder([](Skill skill) {
    Diagnostics diagnostics;
    wasm::state().library.add(std::move(skill), Volume::user, diagnostics);
    return diagnostics;
  });
  editor::set_debug_node_extras(
      [](const NodeId& id, json& entry) { run::add_debug_node_fields(id.value, entry); });
}

EM_BOOL on_animation_frame(double /*time*/, void* /*user_data*/) {
  runtime.animation_frame_pending = false;
  // A run may have started since this frame was asked for: it waits its turn.
  if (frame_pacer().delay(emscripten_get_now()) <= 0 && frame_requests().take()) draw_one_frame();
  schedule_frame();
  return EM_FALSE;  // one frame per request; schedule_frame() asks again if needed
}

void on_paced_timeout(void* /*user_data*/) {
  runtime.paced_timeout_pending = false;
  schedule_frame();
}

void schedule_frame() {
  if (runtime.animation_frame_pending || runtime.paced_timeout_pending || !frame_requests().wanted()) return;
  const double delay = frame_pacer().delay(emscripten_get_now());
  if (delay > 0) {
    runtime.paced_timeout_pending = true;
    emscripten_set_timeout(on_paced_timeout, delay, nullptr);
    return;
  }
  runtime.animation_frame_pending = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

// Tells the pacer about the core's runs and their progress.
class RunPacing final : public llmos::RunObserver {
 public:
  void on_run_started(llmos::RunId, const std::shared_ptr<const llmos::Workflow>&, double) override {
    frame_pacer().run_started(emscripten_get_now());
  }
  void on_node_event(const llmos::NodeEvent& event) override {
    switch (event.kind) {
      case llmos::EventKind::done:
      case llmos::EventKind::cached:
      case llmos::EventKind::error:
      case llmos::EventKind::skipped:
      case llmos::EventKind::cancelled:
        frame_pacer().node_finished();
        break;
      default:
        break;
    }
  }
  void on_run_finished(llmos::RunId, double) override {
    frame_pacer().run_finished();
    schedule_frame();
  }
};
RunPacing run_pacing;

void on_input() {
  frame_requests().input();
  schedule_frame();
}

// Our GLFW callbacks are installed before ImGui's backend, which calls them
// after its own (it keeps the previous callbacks and chains to them).
void on_cursor_position(GLFWwindow*, double, double) { on_input(); }
void on_mouse_button(GLFWwindow*, int, int, int) { on_input(); }
void on_scroll(GLFWwindow*, double, double) { on_input(); }

// Emscripten 3.1.6's GLFW hands over the DOM wheel delta as is: pixels (100
// per notch in Chromium) or lines (3 in Firefox), positive when scrolling
// down. GLFW (and ImGui) count notches, positive up: convert before ImGui
// sees it. Installed after ImGui's backend, which it then calls.
double wheel_notches(double delta) { return -delta / (std::abs(delta) >= 10 ? 100.0 : 3.0); }
void on_scroll_for_imgui(GLFWwindow* window, double dx, double dy) {
  on_input();
  ImGui_ImplGlfw_ScrollCallback(window, wheel_notches(dx), wheel_notches(dy));
}
void on_key(GLFWwindow*, int, int, int, int) { on_input(); }

// ImGui 1.86 reads keys as up/down states once per frame, and with frames
// drawn on demand a quick tap (press and release before the next frame)
// would never be seen. A release of a key pressed since the last frame waits
// until that frame has been drawn. Installed after ImGui's backend, which it
// then calls.
struct HeldKey {
  int key, scancode, mods;
};
std::vector<int> keys_pressed_since_frame;
std::vector<HeldKey> releases_after_frame;
void on_key_for_imgui(GLFWwindow* window, int key, int scancode, int action, int mods) {
  on_input();
  const bool pressed_since_frame = std::find(keys_pressed_since_frame.begin(), keys_pressed_since_frame.end(),
                                             key) != keys_pressed_since_frame.end();
  if (action == GLFW_RELEASE && pressed_since_frame) {
    releases_after_frame.push_back({key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) keys_pressed_since_frame.push_back(key);
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}
void release_held_keys() {
  keys_pressed_since_frame.clear();
  if (releases_after_frame.empty()) return;
  std::vector<HeldKey> releases;
  releases.swap(releases_after_frame);
  for (const HeldKey& held : releases)
    ImGui_ImplGlfw_KeyCallback(runtime.window, held.key, held.scancode, GLFW_RELEASE, held.mods);
  on_input();  // a frame that sees the keys up
}
void on_char(GLFWwindow*, unsigned int) { on_input(); }
void on_cursor_enter(GLFWwindow*, int) { on_input(); }
void on_focus(GLFWwindow*, int) { on_input(); }

EM_BOOL on_window_resize(int, const EmscriptenUiEvent*, void*) {
  on_input();
  return EM_FALSE;
}

// devicePixelRatio changes fire no resize event when the CSS size stays the
// same; a media query on the current ratio does (re-armed at each change).
// Chromium evaluates media queries only while it renders, and an idle page
// (nothing drawn on demand) may not render after a ratio change, so a
// twice-a-second look at the ratio backs it up (a few microseconds each).
// clang-format off
EM_JS(void, llmos_watch_device_pixel_ratio, (), {
  var seen = window.devicePixelRatio;
  function changed() {
    seen = window.devicePixelRatio;
    Module._llmos_request_input_frames();
  }
  function watch() {
    // Kept on Module: a MediaQueryList nobody references may be collected with its listener.
    Module.llmosRatioQuery = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    Module.llmosRatioQuery.addEventListener('change', function() { changed(); watch(); }, {once: true});
  }
  watch();
  setInterval(function() { if (window.devicePixelRatio !== seen) { changed(); watch(); } }, 500);
});
// clang-format on

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Exports for the page
//-----------------------------------------------------------------------------

// window.llmos.requestFrame(): something outside the editor changed what is on screen.
extern "C" EMSCRIPTEN_KEEPALIVE void llmos_request_frame() { llmos::editor::request_frame(); }

// As after input: a few frames so ImGui settles (resize, ratio change).
extern "C" EMSCRIPTEN_KEEPALIVE void llmos_request_input_frames() { on_input(); }

// The frame drawn last has been committed (llmos_post_frame_settled).
extern "C" EMSCRIPTEN_KEEPALIVE void llmos_frame_settled() {
  frame_pacer().frame_settled(emscripten_get_now());
  runtime.settled_ms += frame_pacer().last_cost();
  ++runtime.settled_frames;
}

// Stops (1) or resumes (0) drawing entirely; benchmarks compare against it.
extern "C" EMSCRIPTEN_KEEPALIVE void llmos_set_drawing_paused(int paused) {
  frame_requests().set_paused(paused != 0);
  schedule_frame();
}

// {frames, lastCpuMs, totalCpuMs, maxCpuMs, pending, paused, settledFrames,
// settledMs, runsInFlight}: frames drawn and the CPU time of our code in them
// (input, ImGui build, draw submission); the main-thread time of frames with
// the browser's commit (canvas read-back) included; the core's runs in flight.
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_frame_stats() {
  static char text[384];
  std::snprintf(text, sizeof text,
                "{\"frames\":%ld,\"lastCpuMs\":%.4f,\"totalCpuMs\":%.4f,\"maxCpuMs\":%.4f,\"pending\":%s,"
                "\"paused\":%s,\"settledFrames\":%ld,\"settledMs\":%.4f,\"runsInFlight\":%d}",
                runtime.stats.frames, runtime.stats.last_cpu_ms, runtime.stats.total_cpu_ms,
                runtime.stats.max_cpu_ms, frame_requests().wanted() ? "true" : "false",
                frame_requests().paused() ? "true" : "false", runtime.settled_frames, runtime.settled_ms,
                frame_pacer().runs_in_flight());
  return text;
}

// ImGui's display in CSS pixels of the page, the drawing buffer and the
// ratio between them (window.llmos.debug.state().display).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmos_debug_display() {
  static char text[256];
  const ImVec2 display = ImGui::GetCurrentContext() ? ImGui::GetIO().DisplaySize : ImVec2(0, 0);
  const float scale = runtime.state.ui_scale > 0 ? runtime.state.ui_scale : 1.0f;
  std::snprintf(text, sizeof text,
                "{\"width\":%.2f,\"height\":%.2f,\"framebufferWidth\":%d,\"framebufferHeight\":%d,"
                "\"ratio\":%.4f,\"cssWidth\":%.2f,\"cssHeight\":%.2f}",
                display.x / scale, display.y / scale, runtime.framebuffer_width, runtime.framebuffer_height,
                runtime.ratio, runtime.css_width, runtime.css_height);
  return text;
}

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "llmos: glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // An opaque colour buffer only: ImGui needs no depth or stencil, and an
  // opaque canvas composites without blending (software WebGL pays per pixel).
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  // Created at the canvas's own size (CSS x ratio), then sized by us only.
  const CanvasSize initial = measure_canvas();
  runtime.window =
      glfwCreateWindow(initial.width > 0 ? initial.width : 1280, initial.height > 0 ? initial.height : 800,
                       llmos::editor::kAppTitle, nullptr, nullptr);
  if (!runtime.window) {
    std::fprintf(stderr, "llmos: cannot create a WebGL2 context\n");
    return 1;
  }
  glfwMakeContextCurrent(runtime.window);

  glfwSetCursorPosCallback(runtime.window, on_cursor_position);
  glfwSetMouseButtonCallback(runtime.window, on_mouse_button);
  glfwSetScrollCallback(runtime.window, on_scroll);
  glfwSetKeyCallback(runtime.window, on_key);
  glfwSetCharCallback(runtime.window, on_char);
  glfwSetCursorEnterCallback(runtime.window, on_cursor_enter);
  glfwSetWindowFocusCallback(runtime.window, on_focus);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;               // layout is part of the workflow, not an ini file
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
  apply_ui_scale(static_cast<float>(initial.ratio));
  ImGui_ImplGlfw_InitForOpenGL(runtime.window, true);
  glfwSetScrollCallback(runtime.window, on_scroll_for_imgui);
  glfwSetKeyCallback(runtime.window, on_key_for_imgui);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  llmos::preview::set_skill_lookup(
      [](std::string_view skill_id) { return llmos::wasm::state().library.find(skill_id); });
  llmos::preview::set_request_frame(llmos::editor::request_frame);
  connect_run_view();
  llmos::editor::set_frame_scheduler(schedule_frame);
  llmos::wasm::state().scheduler.add_observer(run_pacing);
  fit_canvas_to_window(initial);

  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_window_resize);
  llmos_watch_device_pixel_ratio();
  on_input();  // the first frames
  return 0;
}
