#pragma once
// Lays text out the way a browser would, without a window: split into paragraphs at newlines; the
// bidi levels of each paragraph with FriBidi (its direction from its first strong character); runs
// of one level, script and font (the script's own font, falling back across the others); each run
// shaped by HarfBuzz; lines broken greedily at break opportunities to the wrap width (inside a word
// only when the word alone is wider); the runs of each line put in visual order. Positions are in
// device pixels. text_bitmap.hpp turns the result into pixels.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform.hpp"  // shell::TextStyle (shell/text_raster.hpp; desktop/text_raster.hpp shadows that name here)
#include "text_fonts.hpp"

namespace baton::desktop::text {

struct Glyph {
  int face = 0;
  bool embolden = false;
  std::uint32_t id = 0;       // the glyph in its face (after shaping: ligatures, joined forms)
  float x = 0, y = 0;         // pen position: from the line's left edge, and below its baseline
  std::uint32_t cluster = 0;  // the first code point (index into the decoded text) it draws
};

// Glyphs of one level, script and face, in visual order.
struct Run {
  int face = 0;
  bool rtl = false;
  hb_script_t script = HB_SCRIPT_COMMON;
  std::uint32_t start = 0, end = 0;  // the code points it draws, [start, end)
  float x = 0, width = 0;            // from the line's left edge
};

struct Line {
  std::vector<Glyph> glyphs;  // in visual order, left to right
  std::vector<Run> runs;      // in visual order
  std::uint32_t start = 0, end = 0;  // the code points on the line (trailing spaces excluded)
  bool rtl = false;           // its paragraph's direction: right-to-left lines align right
  float x = 0;                // where the line starts in the box (right-aligned lines move)
  float width = 0;            // the pen's advance over all glyphs
  float baseline = 0;         // from the top of the box
  float ascent = 0, descent = 0;  // the line's box: the primary font's, grown for taller ink
};

struct Layout {
  std::u32string text;  // the decoded text the clusters index
  std::vector<Line> lines;
  float em = 0;  // the fonts' em in device pixels (the style's size is the primary font's line height)
  float width = 0, height = 0;  // the box: the widest line (or the wrap width with right-to-left text)
};

// UTF-8 to code points; malformed bytes become U+FFFD.
std::u32string decode_utf8(std::string_view utf8);

Layout lay_out(FontSet& fonts, std::string_view utf8, const shell::TextStyle& style);

}  // namespace baton::desktop::text
