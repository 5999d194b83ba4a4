#include "text_bitmap.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include FT_OUTLINE_H

namespace baton::desktop::text {
namespace {

GlyphInk render_glyph(FontSet& fonts, const Glyph& glyph, float em, int quarter_x, int quarter_y) {
  GlyphInk out;
  fonts.set_size(glyph.face, em);
  FT_Face face = fonts.face(glyph.face).ft;
  // The fraction of a pixel moves the outline (FreeType's y goes up, the image's down).
  FT_Vector delta{quarter_x * 16, -quarter_y * 16};
  FT_Set_Transform(face, nullptr, &delta);
  const bool loaded = FT_Load_Glyph(face, glyph.id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0;
  FT_Set_Transform(face, nullptr, nullptr);
  if (!loaded) return out;
  FT_GlyphSlot slot = face->glyph;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE) return out;
  if (glyph.embolden) FT_Outline_Embolden(&slot->outline, std::lround(em * 64 / 24));
  if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return out;
  const FT_Bitmap& bitmap = slot->bitmap;
  if (bitmap.pixel_mode != FT_PIXEL_MODE_GRAY || bitmap.width == 0 || bitmap.rows == 0) return out;
  out = {slot->bitmap_left, -slot->bitmap_top, static_cast<int>(bitmap.width), static_cast<int>(bitmap.rows), {}};
  out.alpha.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int row = 0; row < out.height; ++row)
    std::copy_n(bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch, out.width,
                out.alpha.begin() + static_cast<std::ptrdiff_t>(row) * out.width);
  return out;
}

// A glyph placed in the layout's box: its pixel, and where it starts in it.
struct Placed {
  const GlyphInk* ink;
  int x, y;
};

}  // namespace

std::size_t GlyphCache::KeyHash::operator()(const Key& key) const {
  return (std::hash<std::uint32_t>{}(std::bit_cast<std::uint32_t>(key.em)) * 1000003u) ^
         (static_cast<std::size_t>(key.id) << 16) ^ (static_cast<std::size_t>(key.face) << 5) ^
         static_cast<std::size_t>(key.variant);
}

const GlyphInk* GlyphCache::get(FontSet& fonts, const Glyph& glyph, float em, int quarter_x, int quarter_y) {
  const Key key{em, glyph.id, glyph.face, (glyph.embolden ? 16 : 0) | (quarter_x << 2) | quarter_y};
  auto it = glyphs_.find(key);
  if (it == glyphs_.end()) it = glyphs_.emplace(key, render_glyph(fonts, glyph, em, quarter_x, quarter_y)).first;
  return it->second.width > 0 ? &it->second : nullptr;
}

Bitmap rasterize(FontSet& fonts, const Layout& layout) {
  GlyphCache glyphs;
  return rasterize(fonts, layout, glyphs);
}

Bitmap rasterize(FontSet& fonts, const Layout& layout, GlyphCache& glyphs) {
  glyphs.trim();  // a long session's worth: start over
  std::vector<Placed> placed;
  int left = 0, top = 0, right = static_cast<int>(std::ceil(layout.width)),
      bottom = static_cast<int>(std::ceil(layout.height));
  for (const Line& line : layout.lines) {
    for (const Glyph& glyph : line.glyphs) {
      // Positions to a quarter pixel (as Dear ImGui's own glyphs, oversampled twice, are close to).
      const float x = std::round((line.x + glyph.x) * 4) / 4, y = std::round((line.baseline + glyph.y) * 4) / 4;
      const float fx = std::floor(x), fy = std::floor(y);
      const GlyphInk* ink = glyphs.get(fonts, glyph, layout.em, static_cast<int>((x - fx) * 4), static_cast<int>((y - fy) * 4));
      if (!ink) continue;
      const Placed p{ink, static_cast<int>(fx) + ink->left, static_cast<int>(fy) + ink->top};
      left = std::min(left, p.x);
      top = std::min(top, p.y);
      right = std::max(right, p.x + ink->width);
      bottom = std::max(bottom, p.y + ink->height);
      placed.push_back(p);
    }
  }
  Bitmap out;
  if (placed.empty()) return out;
  out.width = std::min(right - left, kMaxBitmapSide);
  out.height = std::min(bottom - top, kMaxBitmapSide);
  out.ascent = layout.lines.empty() ? 0 : layout.lines.front().baseline - static_cast<float>(top);
  std::vector<std::uint8_t> alpha(static_cast<std::size_t>(out.width) * out.height, 0);
  for (const Placed& p : placed) {
    const GlyphInk& ink = *p.ink;
    for (int row = 0; row < ink.height; ++row) {
      const int y = p.y - top + row;
      if (y < 0 || y >= out.height) continue;
      for (int col = 0; col < ink.width; ++col) {
        const int x = p.x - left + col;
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
