// A client-side copy of the few WebGL values ImGui's OpenGL3 backend reads
// back every frame to restore them afterwards (viewport, scissor box, blend
// functions and equations). In Chromium each of those getParameter calls is a
// synchronous round trip to the GPU process that first waits for all work
// queued before it: with software WebGL, for the clear of the whole canvas,
// eight times a frame. Every change of these values in this program goes
// through the setters below (only main.cpp and the backend use GL), so the
// copy is exact; other queries go to WebGL as before.
#include <GLES3/gl3.h>
#include <webgl/webgl1.h>

namespace {

struct Values {
  GLint viewport[4] = {0, 0, 0, 0};
  GLint scissor[4] = {0, 0, 0, 0};
  GLint blend_src_rgb = GL_ONE, blend_dst_rgb = GL_ZERO;
  GLint blend_src_alpha = GL_ONE, blend_dst_alpha = GL_ZERO;
  GLint equation_rgb = GL_FUNC_ADD, equation_alpha = GL_FUNC_ADD;
  bool viewport_known = false, scissor_known = false;
};

Values values;

void copy4(const GLint (&from)[4], GLint* to) {
  for (int i = 0; i < 4; ++i) to[i] = from[i];
}

}  // namespace

extern "C" {

void glViewport(GLint x, GLint y, GLsizei width, GLsizei height) {
  values.viewport[0] = x, values.viewport[1] = y, values.viewport[2] = width, values.viewport[3] = height;
  values.viewport_known = true;
  emscripten_glViewport(x, y, width, height);
}

void glScissor(GLint x, GLint y, GLsizei width, GLsizei height) {
  values.scissor[0] = x, values.scissor[1] = y, values.scissor[2] = width, values.scissor[3] = height;
  values.scissor_known = true;
  emscripten_glScissor(x, y, width, height);
}

void glBlendEquation(GLenum mode) {
  values.equation_rgb = values.equation_alpha = static_cast<GLint>(mode);
  emscripten_glBlendEquationSeparate(mode, mode);
}

void glBlendEquationSeparate(GLenum rgb, GLenum alpha) {
  values.equation_rgb = static_cast<GLint>(rgb);
  values.equation_alpha = static_cast<GLint>(alpha);
  emscripten_glBlendEquationSeparate(rgb, alpha);
}

void glBlendFunc(GLenum source, GLenum destination) {
  values.blend_src_rgb = values.blend_src_alpha = static_cast<GLint>(source);
  values.blend_dst_rgb = values.blend_dst_alpha = static_cast<GLint>(destination);
  emscripten_glBlendFuncSeparate(source, destination, source, destination);
}

void glBlendFuncSeparate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha) {
  values.blend_src_rgb = static_cast<GLint>(src_rgb);
  values.blend_dst_rgb = static_cast<GLint>(dst_rgb);
  values.blend_src_alpha = static_cast<GLint>(src_alpha);
  values.blend_dst_alpha = static_cast<GLint>(dst_alpha);
  emscripten_glBlendFuncSeparate(src_rgb, dst_rgb, src_alpha, dst_alpha);
}

void glGetIntegerv(GLenum name, GLint* data) {
  switch (name) {
    case GL_VIEWPORT:
      if (!values.viewport_known) break;  // the canvas's initial viewport: ask once
      return copy4(values.viewport, data);
    case GL_SCISSOR_BOX:
      if (!values.scissor_known) break;
      return copy4(values.scissor, data);
    case GL_BLEND_SRC_RGB:
      *data = values.blend_src_rgb;
      return;
    case GL_BLEND_DST_RGB:
      *data = values.blend_dst_rgb;
      return;
    case GL_BLEND_SRC_ALPHA:
      *data = values.blend_src_alpha;
      return;
    case GL_BLEND_DST_ALPHA:
      *data = values.blend_dst_alpha;
      return;
    case GL_BLEND_EQUATION_RGB:
      *data = values.equation_rgb;
      return;
    case GL_BLEND_EQUATION_ALPHA:
      *data = values.equation_alpha;
      return;
    default:
      break;
  }
  emscripten_glGetIntegerv(name, data);
  if (name == GL_VIEWPORT || name == GL_SCISSOR_BOX) {
    GLint* kept = name == GL_VIEWPORT ? values.viewport : values.scissor;
    for (int i = 0; i < 4; ++i) kept[i] = data[i];
    (name == GL_VIEWPORT ? values.viewport_known : values.scissor_known) = true;
  }
}

}  // extern "C"
