#pragma once
// The text raster's images as OpenGL textures; their GL names are the ImTextureIDs Dear ImGui's
// OpenGL3 backend binds. Needs the window's GL context current (the desktop's loop runs on the UI
// thread, which holds it).
#include "text_raster.hpp"

namespace baton::desktop {

class GlTextures : public TextureStore {
 public:
  std::uint64_t upload(const text::Bitmap& bitmap) override;
  void release(std::uint64_t texture) override;
};

}  // namespace baton::desktop
