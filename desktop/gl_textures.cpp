#include "gl_textures.hpp"

#include <GL/gl.h>

namespace baton::desktop {

std::uint64_t GlTextures::upload(const text::Bitmap& bitmap) {
  // Called mid-frame, between Dear ImGui's draws: leave the binding and unpacking as they were.
  GLint bound = 0, alignment = 0, row_length = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glGetIntegerv(GL_UNPACK_ROW_LENGTH, &row_length);
  for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; ++i) {}  // an earlier error is not this upload's
  GLuint texture = 0;
  glGenTextures(1, &texture);
  if (texture == 0) return 0;
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, bitmap.width, bitmap.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, bitmap.rgba.data());
  const bool failed = glGetError() != GL_NO_ERROR;
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, row_length);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));
  if (failed) {
    glDeleteTextures(1, &texture);
    return 0;
  }
  return texture;
}

void GlTextures::release(std::uint64_t texture) {
  const auto name = static_cast<GLuint>(texture);
  glDeleteTextures(1, &name);
}

}  // namespace baton::desktop
