#include "text_bitmap.hpp"

#include <algorithm>
#include <cmath>

#include FT_OUTLINE_H

namespace baton::desktop::text {
namespace {

// One glyph's coverage, placed in the layout's box (its top-left may be outside it).
struct Ink {
  int x, y, width, height;
  std::vector<std::uint8_t> alpha;
};

bool render_glyph(FontSet& fonts, const Glyph& glyph, float em, float x, float y, Ink& out) {
  fonts.set_size(glyph.face, em);
  FT_Face face = fonts.face(glyph.face).ft;
  const float fx = std::floor(x), fy = std::floor(y);
  // The fraction of a pixel moves the outline (FreeType's y goes up, the image's down).
  FT_Vector delta{std::lround((x - fx) * 64), -std::lround((y - fy) * 64)};
  FT_Set_Transform(face, nullptr, &delta);
  if (FT_Load_Glyph(face, glyph.id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return false;
  FT_GlyphSlot slot = face->glyph;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE) return false;
  if (glyph.embolden) FT_Outline_Embolden(&slot->outline, std::lround(em * 64 / 24));
  if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return false;
  const FT_Bitmap& bitmap = slot->bitmap;
  if (bitmap.pixel_mode != FT_PIXEL_MODE_GRAY || bitmap.width == 0 || bitmap.rows == 0) return false;
  out = {static_cast<int>(fx) + slot->bitmap_left, static_cast<int>(fy) - slot->bitmap_top,
         static_cast<int>(bitmap.width), static_cast<int>(bitmap.rows), {}};
  out.alpha.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int row = 0; row < out.height; ++row)
    std::copy_n(bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch, out.width,
                out.alpha.begin() + static_cast<std::ptrdiff_t>(row) * out.width);
  return true;
}

}  // namespace

Bitmap rasterize(FontSet& fonts, const Layout& layout) {
  std::vector<Ink> inks;
  int left = 0, top = 0, right = static_cast<int>(std::ceil(layout.width)),
      bottom = static_cast<int>(std::ceil(layout.height));
  for (const Line& line : layout.lines) {
    for (const Glyph& glyph : line.glyphs) {
      Ink ink;
      if (!render_glyph(fonts, glyph, layout.em, line.x + glyph.x, line.baseline + glyph.y, ink)) continue;
      left = std::min(left, ink.x);
      top = std::min(top, ink.y);
      right = std::max(right, ink.x + ink.width);
      bottom = std::max(bottom, ink.y + ink.height);
      inks.push_back(std::move(ink));
    }
  }
  for (const Line& line : layout.lines)  // reset: the faces are shared with the layout's shaping
    for (const Glyph& glyph : line.glyphs) FT_Set_Transform(fonts.face(glyph.face).ft, nullptr, nullptr);
  Bitmap out;
  if (inks.empty()) return out;
  out.width = std::min(right - left, kMaxBitmapSide);
  out.height = std::min(bottom - top, kMaxBitmapSide);
  out.ascent = layout.lines.empty() ? 0 : layout.lines.front().baseline - static_cast<float>(top);
  std::vector<std::uint8_t> alpha(static_cast<std::size_t>(out.width) * out.height, 0);
  for (const Ink& ink : inks) {
    for (int row = 0; row < ink.height; ++row) {
      const int y = ink.y - top + row;
      if (y < 0 || y >= out.height) continue;
      for (int col = 0; col < ink.width; ++col) {
        const int x = ink.x - left + col;
        if (x < 0 || x >= out.width) continue;
        const unsigned a = ink.alpha[static_cast<std::size_t>(row) * ink.width + col];
        std::uint8_t& d = alpha[static_cast<std::size_t>(y) * out.width + x];
        d = static_cast<std::uint8_t>(a + d * (255 - a) / 255);  // overlapping ink (joins, marks): union
      }
    }
  }
  out.rgba.resize(alpha.size() * 4, 255);
  for (std::size_t i = 0; i < alpha.size(); ++i) out.rgba[i * 4 + 3] = alpha[i];
  return out;
}

}  // namespace baton::desktop::text
