// Entry point of the wasm app: GLFW (emscripten's JS implementation) on a
// WebGL2 canvas, Dear ImGui with its GLFW + OpenGL3 backends, one frame per
// browser animation frame.
#include "app.hpp"
#include "preview_draw.hpp"
#include "preview_window.hpp"
#include "run_controller.hpp"
#include "run_view.hpp"
#include "workbench_state.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <GLES3/gl3.h>

#include <cmath>
#include <cstdio>

namespace {

struct Runtime {
  GLFWwindow* window = nullptr;
  llmos::editor::AppState state;
  double last_frame_time = 0;
};

Runtime runtime;

// The canvas fills the window in CSS pixels; its drawing buffer gets
// CSS size x devicePixelRatio so text stays crisp on HiDPI screens.
// Emscripten's GLFW reports the mouse in drawing-buffer pixels, so the whole
// UI works in physical pixels and is scaled by the ratio.
void fit_canvas_to_window() {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(std::lround(css_width * ratio));
  const int height = static_cast<int>(std::lround(css_height * ratio));
  int current_width = 0, current_height = 0;
  glfwGetWindowSize(runtime.window, &current_width, &current_height);
  if (width > 0 && height > 0 && (width != current_width || height != current_height))
    glfwSetWindowSize(runtime.window, width, height);
}

void setup_style(float ui_scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.ScaleAllSizes(ui_scale);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is part of the workflow, not an ini file
  // DejaVu Sans from Debian's fonts-dejavu-core, embedded at /fonts/ui.ttf.
  ImFontConfig config;
  config.OversampleH = 2;
  if (!io.Fonts->AddFontFromFileTTF("/fonts/ui.ttf", std::round(15.0f * ui_scale), &config)) {
    std::fprintf(stderr, "llmos: font /fonts/ui.ttf missing, using ImGui's default\n");
    io.Fonts->AddFontDefault();
  }
  // DejaVu Sans Mono (/fonts/mono.ttf) with box drawing and Greek, for
  // circuit diagrams (q_0: ┤ H ├──■──), netlists and OpenQASM in previews.
  static const ImWchar kMonoRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2190,
                                        0x21FF, 0x2500, 0x259F, 0x25A0, 0x25FF, 0};
  ImFontConfig mono;
  mono.OversampleH = 1;
  if (ImFont* font =
          io.Fonts->AddFontFromFileTTF("/fonts/mono.ttf", std::round(14.0f * ui_scale), &mono, kMonoRanges))
    llmos::preview::set_monospace_font(font);
}

void frame() {
  fit_canvas_to_window();
  glfwPollEvents();
  const double now = emscripten_get_now();
  runtime.state.frame_ms = runtime.last_frame_time > 0 ? now - runtime.last_frame_time : 0;
  runtime.last_frame_time = now;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  llmos::editor::draw_frame(runtime.state, llmos::wasm::state().library);
  ImGui::Render();

  int width = 0, height = 0;
  glfwGetFramebufferSize(runtime.window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "llmos: glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  runtime.window = glfwCreateWindow(1280, 800, llmos::editor::kAppTitle, nullptr, nullptr);
  if (!runtime.window) {
    std::fprintf(stderr, "llmos: cannot create a WebGL2 context\n");
    return 1;
  }
  glfwMakeContextCurrent(runtime.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  runtime.state.ui_scale = static_cast<float>(emscripten_get_device_pixel_ratio());
  setup_style(runtime.state.ui_scale);
  ImGui_ImplGlfw_InitForOpenGL(runtime.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  llmos::preview::set_skill_lookup(
      [](std::string_view skill_id) { return llmos::wasm::state().library.find(skill_id); });
  llmos::run::controller().set_skill_finder(
      [](std::string_view skill_id) { return llmos::wasm::state().library.find(skill_id); });
  llmos::run::install_node_decorator();
  fit_canvas_to_window();

  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
