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
// Holds right-to-left letters (Hebrew, Arabic...): put into a line of the UI, such words go in a
// bidi isolate (FSI ... PDI; i18n::fill does it for every placeholder), so "דנה לוי · Awaiting
// agent" keeps the line's direction and the words theirs. ASCII is answered without decoding.
bool has_right_to_left(std::string_view utf8);

}  // namespace baton::shell::script
