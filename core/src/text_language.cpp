#include "baton/text_language.hpp"

#include <cstddef>

#include "baton/utf8.hpp"

namespace baton {
namespace {

struct Range {
  char32_t first, last;
};

template <std::size_t N>
bool in(const Range (&ranges)[N], char32_t c) {
  for (const Range& r : ranges)
    if (c >= r.first && c <= r.last) return true;
  return false;
}

constexpr Range kKana[] = {
    {0x3040, 0x309F},    // hiragana
    {0x30A0, 0x30FF},    // katakana (with ー, the long vowel mark)
    {0x31F0, 0x31FF},    // katakana phonetic extensions
    {0xFF66, 0xFF9F},    // halfwidth katakana
    {0x1B000, 0x1B16F},  // kana supplement and extended
};
constexpr Range kHangul[] = {
    {0x1100, 0x11FF},  // jamo
    {0x3130, 0x318F},  // compatibility jamo
    {0xA960, 0xA97F},  // jamo extended A
    {0xAC00, 0xD7FF},  // syllables, jamo extended B
};
constexpr Range kHan[] = {
    {0x3005, 0x3007},    // 々 〆 〇
    {0x3400, 0x4DBF},    // extension A
    {0x4E00, 0x9FFF},    // unified ideographs
    {0xF900, 0xFAFF},    // compatibility ideographs
    {0x20000, 0x3134F},  // extensions B to G
};
// Letters of the scripts that do not tell a language (Latin, Greek, Cyrillic, Armenian, Hebrew,
// Arabic, the Indic scripts, Thai, Georgian...): what a CJK text must outnumber.
constexpr Range kOtherLetters[] = {
    {'A', 'Z'}, {'a', 'z'},
    {0x00C0, 0x00D6}, {0x00D8, 0x00F6}, {0x00F8, 0x02AF},  // Latin-1 letters (not × ÷), Latin extended, IPA
    {0x0370, 0x10FF},                                      // Greek to Georgian
    {0x1E00, 0x1FFF},                                      // Latin extended additional, Greek extended
};

}  // namespace

std::optional<std::string_view> language_of_text(std::string_view utf8) {
  // A CJK character carries about what a word of other scripts does: characters weigh against words.
  std::size_t kana = 0, hangul = 0, han = 0, words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = next_code_point(utf8, i);
    const bool letter = in(kOtherLetters, c);
    if (letter && !in_word) ++words;
    in_word = letter;
    if (in(kKana, c)) ++kana;
    else if (in(kHangul, c)) ++hangul;
    else if (in(kHan, c)) ++han;
  }
  if (kana + hangul + han <= words) return std::nullopt;  // mostly another script, or no letters
  // Japanese writes kana in nearly every sentence, Korean hangul; Chinese neither.
  if (kana > 0 && kana >= hangul) return "Japanese";
  if (hangul > 0) return "Korean";
  return "Chinese";
}

}  // namespace baton
