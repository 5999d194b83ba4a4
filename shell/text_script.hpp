#pragma once
// What a string's characters ask of whoever draws it: Dear ImGui draws one glyph per code point,
// left to right, so text in a script that is written right to left or shaped (Arabic, Hebrew,
// Devanagari, Thai...), with combining marks or emoji sequences, is drawn by the platform's
// TextRaster instead. Pure: tested in tests/shell.
#include <string>
#include <string_view>
#include <vector>

#include "baton/utf8.hpp"

namespace baton::shell::script {

// The code point of UTF-8 text starting at `at`, which moves past it (the core's decoder).
using baton::next_code_point;
// The code points of UTF-8 text; a malformed byte becomes U+FFFD.
std::vector<char32_t> code_points(std::string_view utf8);
// Written right to left, or shaped (glyphs that join, reorder or stack), or a mark on the letter
// before it, or part of an emoji sequence: one glyph per code point would be wrong.
bool needs_shaping(char32_t c);
// Characters that draw nothing by themselves (joiners, variation selectors, direction marks,
// controls): never a missing glyph.
bool is_invisible(char32_t c);
// Nothing but ASCII: the common case, answered without decoding.
bool is_ascii(std::string_view utf8);
// A customer's words put into a line of the UI ("דנה לוי · Awaiting agent"): wrapped in a bidi
// isolate (FSI ... PDI) when they hold right-to-left letters, so the line keeps the UI's direction
// and the words keep theirs; anything else is returned as it is (and ImGui still draws it).
std::string isolated(std::string_view words);

}  // namespace baton::shell::script
