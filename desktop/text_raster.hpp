#pragma once
// The desktop's shell::TextRaster: text laid out by HarfBuzz and FriBidi (text_layout.hpp), drawn
// by FreeType (text_bitmap.hpp) and handed to a TextureStore, which on the desktop is OpenGL
// (gl_textures.hpp). Images are kept by text and style while the views keep drawing them, and
// freed in end_frame() once unused for a number of frames or when they take too much memory.
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "platform.hpp"  // shell::TextRaster (shell/text_raster.hpp, which this file's name shadows)
#include "text_bitmap.hpp"
#include "text_fonts.hpp"

namespace baton::desktop {

// Where images go: their id is what the views draw (an ImTextureID).
class TextureStore {
 public:
  virtual ~TextureStore() = default;
  virtual std::uint64_t upload(const text::Bitmap& bitmap) = 0;  // 0 when it failed
  virtual void release(std::uint64_t texture) = 0;
};

class DesktopTextRaster : public shell::TextRaster {
 public:
  struct Limits {
    int unused_frames = 30;                     // an image not drawn for this many frames is freed
    std::size_t max_bytes = 64u * 1024 * 1024;  // above this, the least recently drawn go first
  };
  struct Stats {
    std::size_t images = 0, bytes = 0;
    std::uint64_t hits = 0, misses = 0, evicted = 0;
  };

  DesktopTextRaster(text::FontSet& fonts, TextureStore& textures, Limits limits);
  DesktopTextRaster(text::FontSet& fonts, TextureStore& textures) : DesktopTextRaster(fonts, textures, Limits{}) {}
  ~DesktopTextRaster() override;
  DesktopTextRaster(const DesktopTextRaster&) = delete;
  DesktopTextRaster& operator=(const DesktopTextRaster&) = delete;

  // None for text with nothing to draw (empty, only spaces).
  std::optional<shell::TextImage> render(const std::string& utf8, const shell::TextStyle& style) override;
  bool covers(char32_t code_point) const override { return fonts_.covers(code_point); }
  void end_frame() override;

  const Stats& stats() const { return stats_; }

 private:
  using Key = shell::TextKey;
  using KeyHash = shell::TextKeyHash;
  struct Entry {
    shell::TextImage image;
    std::size_t bytes = 0;
    std::uint64_t used = 0;  // the frame it was last drawn in
  };
  void evict(std::unordered_map<Key, Entry, KeyHash>::iterator it);

  text::FontSet& fonts_;
  text::GlyphCache glyphs_;
  TextureStore& textures_;
  Limits limits_;
  std::unordered_map<Key, Entry, KeyHash> images_;
  std::uint64_t frame_ = 0;
  Stats stats_;
};

}  // namespace baton::desktop
