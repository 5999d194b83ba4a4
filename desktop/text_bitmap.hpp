#pragma once
// A laid-out text drawn by FreeType into pixels: white, its coverage in alpha, not premultiplied
// (Dear ImGui's OpenGL3 backend blends SRC_ALPHA, ONE_MINUS_SRC_ALPHA and tints by the vertex
// colour). Outlines unhinted and placed at their fractional positions, as Dear ImGui's own glyphs.
#include <cstdint>
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

// The box of the layout, grown to hold ink that reaches past it (marks stacked above the line,
// a glyph overhanging its advance). Empty (0 × 0) when nothing is drawn: no text, only spaces.
Bitmap rasterize(FontSet& fonts, const Layout& layout);

}  // namespace baton::desktop::text
