#pragma once
// A laid-out text drawn by FreeType into pixels: white, its coverage in alpha, not premultiplied
// (Dear ImGui's OpenGL3 backend blends SRC_ALPHA, ONE_MINUS_SRC_ALPHA and tints by the vertex
// colour). Outlines unhinted and placed at their fractional positions, as Dear ImGui's own glyphs.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "text_fonts.hpp"
#include "text_layout.hpp"

namespace baton::desktop::text {

struct Bitmap {
  int width = 0, height = 0;
  float ascent = 0;  // from the top row to the first line's baseline
  std::vector<std::uint8_t> rgba;  // rows top to bottom, 4 bytes a pixel
  std::uint8_t alpha(int x, int y) const { return rgba[(static_cast<std::size_t>(y) * width + x) * 4 + 3]; }
  std::size_t bytes() const { return rgba.size(); }
};

// Larger images are cut at this many pixels a side (a texture's limit on small GPUs is 8192).
inline constexpr int kMaxBitmapSide = 8192;

// One glyph's coverage at a size and a quarter-pixel offset, its top-left from the pen position.
struct GlyphInk {
  int left = 0, top = 0, width = 0, height = 0;
  std::vector<std::uint8_t> alpha;
};

// Glyphs already drawn: a CJK outline costs FreeType some 30 µs, and a message repeats its
// characters. Emptied before a text when it holds too many (never during one: its glyphs stay put).
class GlyphCache {
 public:
  explicit GlyphCache(std::size_t max_glyphs = 4096) : max_(max_glyphs) {}
  void trim() {
    if (glyphs_.size() >= max_) glyphs_.clear();
  }
  // Null when the glyph draws nothing (a space, a joiner). Valid until trim().
  const GlyphInk* get(FontSet& fonts, const Glyph& glyph, float em, int quarter_x, int quarter_y);
  std::size_t size() const { return glyphs_.size(); }

 private:
  struct Key {
    float em;
    std::uint32_t id;
    int face;
    int variant;  // emboldened, and the quarter-pixel offsets
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  std::size_t max_;
  std::unordered_map<Key, GlyphInk, KeyHash> glyphs_;
};

// The box of the layout, grown to hold ink that reaches past it (marks stacked above the line,
// a glyph overhanging its advance). Empty (0 × 0) when nothing is drawn: no text, only spaces.
Bitmap rasterize(FontSet& fonts, const Layout& layout, GlyphCache& glyphs);
Bitmap rasterize(FontSet& fonts, const Layout& layout);

}  // namespace baton::desktop::text
