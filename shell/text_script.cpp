#include "text_script.hpp"

#include <algorithm>

namespace baton::shell::script {
namespace {

struct Range {
  char32_t first, last;
};

// A binary search of ranges in order (asked for every character of every non-ASCII text drawn,
// every frame).
bool in(const Range* ranges, std::size_t count, char32_t c) {
  const Range* after = std::upper_bound(ranges, ranges + count, c, [](char32_t v, const Range& r) { return v < r.first; });
  return after != ranges && c <= (after - 1)->last;
}

template <std::size_t N>
constexpr bool ordered(const Range (&ranges)[N]) {
  for (std::size_t i = 1; i < N; ++i)
    if (ranges[i].first <= ranges[i - 1].last) return false;
  return true;
}

// Right-to-left and complex scripts (Unicode blocks), combining marks, and emoji that ImGui's
// one-glyph-per-code-point drawing cannot lay out.
constexpr Range kShaped[] = {
    {0x0300, 0x036F},   // combining diacritical marks (a decomposed "ễ")
    {0x0483, 0x0489},   // Cyrillic combining marks
    {0x0590, 0x08FF},   // Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Arabic Ext.
    {0x0900, 0x0DFF},   // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
    {0x0E00, 0x0FFF},   // Thai, Lao, Tibetan
    {0x1000, 0x109F},   // Myanmar
    {0x1780, 0x18AF},   // Khmer, Mongolian
    {0x1A00, 0x1AFF},   // Buginese, Tai Tham, combining marks extended
    {0x1B00, 0x1BFF},   // Balinese, Sundanese, Batak
    {0x1DC0, 0x1DFF},   // combining marks supplement
    {0x200C, 0x200F},   // joiners and direction marks
    {0x202A, 0x202E},   // bidi embeddings
    {0x2066, 0x2069},   // bidi isolates
    {0x20D0, 0x20FF},   // combining marks for symbols
    {0x2600, 0x27BF},   // symbols often shown as emoji (with U+FE0F)
    {0xA980, 0xA9DF},   // Javanese
    {0xFB1D, 0xFDFF},   // Hebrew and Arabic presentation forms
    {0xFE00, 0xFE0F},   // variation selectors (emoji presentation)
    {0xFE20, 0xFE2F},   // combining half marks
    {0xFE70, 0xFEFF},   // Arabic presentation forms B
    {0x1F000, 0x1FAFF}, // emoji and symbols: modifiers, flags, sequences
    {0xE0000, 0xE007F}, // tags (subdivision flags)
};

constexpr Range kInvisible[] = {
    {0x0000, 0x001F}, {0x007F, 0x009F}, {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C},
    {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF}, {0xE0000, 0xE0FFF},
};

static_assert(ordered(kShaped) && ordered(kInvisible), "ranges in order, not overlapping");

}  // namespace

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

bool needs_shaping(char32_t c) { return in(kShaped, std::size(kShaped), c); }
bool is_invisible(char32_t c) { return in(kInvisible, std::size(kInvisible), c); }

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool has_right_to_left(std::string_view s) {
  // Hebrew to Arabic Extended-A, their presentation forms, and the right-to-left scripts of plane 1.
  auto right_to_left = [](char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
           (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
  };
  if (is_ascii(s)) return false;
  for (std::size_t at = 0; at < s.size();)
    if (right_to_left(next_code_point(s, at))) return true;
  return false;
}

}  // namespace baton::shell::script
