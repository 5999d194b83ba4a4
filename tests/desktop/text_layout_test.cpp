// The desktop's text layout without a window: the fonts Debian installs, HarfBuzz's shaping,
// FriBidi's order, and where lines break. Glyph names are the fonts' own (the post table); the
// references are HarfBuzz's command-line shaper on the same files (libharfbuzz-bin), for example
//   hb-shape /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf "مرحبا بكم"
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "text_bitmap.hpp"
#include "text_fonts.hpp"
#include "text_layout.hpp"

namespace {

using namespace baton::desktop::text;
using baton::shell::TextStyle;

FontSet& fonts() {
  static FontSet set;
  return set;
}

std::string glyph_name(const Glyph& glyph) {
  char name[64] = {};
  FT_Get_Glyph_Name(fonts().face(glyph.face).ft, glyph.id, name, sizeof name);
  return name;
}

std::vector<std::string> names(const Line& line) {
  std::vector<std::string> out;
  for (const Glyph& glyph : line.glyphs) out.push_back(glyph_name(glyph));
  return out;
}

std::vector<std::uint32_t> clusters(const Line& line) {  // visual order, one entry per cluster
  std::vector<std::uint32_t> out;
  for (const Glyph& glyph : line.glyphs)
    if (out.empty() || out.back() != glyph.cluster) out.push_back(glyph.cluster);
  return out;
}

bool all_from(const Line& line, Family family) {
  return std::all_of(line.glyphs.begin(), line.glyphs.end(),
                     [&](const Glyph& g) { return fonts().face(g.face).file.family == family; });
}

bool no_missing_glyph(const Layout& layout) {  // glyph 0 is .notdef, the box
  for (const Line& line : layout.lines)
    for (const Glyph& glyph : line.glyphs)
      if (glyph.id == 0) return false;
  return true;
}

std::u32string line_text(const Layout& layout, const Line& line) {
  return layout.text.substr(line.start, line.end - line.start);
}

const TextStyle kText{15.0f, false, 0.0f};

TEST(DesktopTextLayout, LoadsEveryDebianFont) {
  EXPECT_EQ(fonts().size(), static_cast<int>(debian_fonts().size())) << "run scripts/install-deps.sh";
  for (Family family : {Family::dejavu, Family::cjk, Family::arabic, Family::hebrew, Family::devanagari, Family::thai,
                        Family::symbola})
    EXPECT_GE(fonts().find(family, false), 0);
}

TEST(DesktopTextLayout, ArabicIsJoinedAndRunsRightToLeft) {
  const Layout layout = lay_out(fonts(), "مرحبا بكم", kText);
  ASSERT_EQ(layout.lines.size(), 1u);
  const Line& line = layout.lines[0];
  EXPECT_TRUE(line.rtl);
  EXPECT_TRUE(all_from(line, Family::arabic));
  // hb-shape: the contextual forms (initial FEE3 meem, final FEAE reh, ...), in visual order.
  EXPECT_EQ(names(line), (std::vector<std::string>{"uniFEE2", "uniFEDC", "uniFE91", "space", "uniFE8E", "uniFE92",
                                                   "uniFEA3", "uniFEAE", "uniFEE3"}));
  // Not the isolated letters the character map gives.
  for (const Glyph& glyph : line.glyphs) {
    const char32_t c = layout.text[glyph.cluster];
    if (c != ' ') {
      EXPECT_NE(glyph.id, FT_Get_Char_Index(fonts().face(glyph.face).ft, c)) << "U+" << std::hex << static_cast<int>(c);
    }
  }
  // The first letter is at the right end, the last at the left.
  EXPECT_EQ(clusters(line), (std::vector<std::uint32_t>{8, 7, 6, 5, 4, 3, 2, 1, 0}));
  for (std::size_t i = 1; i < line.glyphs.size(); ++i) EXPECT_GT(line.glyphs[i].x, line.glyphs[i - 1].x);
}

TEST(DesktopTextLayout, HebrewRunsRightToLeft) {
  const Layout layout = lay_out(fonts(), "שלום", kText);
  ASSERT_EQ(layout.lines.size(), 1u);
  EXPECT_TRUE(layout.lines[0].rtl);
  EXPECT_TRUE(all_from(layout.lines[0], Family::hebrew));
  EXPECT_EQ(names(layout.lines[0]), (std::vector<std::string>{"uni05DD", "uni05D5", "uni05DC", "uni05E9"}));  // final mem first
  EXPECT_EQ(clusters(layout.lines[0]), (std::vector<std::uint32_t>{3, 2, 1, 0}));
}

TEST(DesktopTextLayout, MixedLatinArabicAndDigitsInVisualOrder) {
  // "Order #4521 — " is 14 characters; then طلب (14-16), a space, رقم (18-20), a space, 4521 (22-25).
  const Layout layout = lay_out(fonts(), "Order #4521 — طلب رقم 4521", kText);
  ASSERT_EQ(layout.lines.size(), 1u);
  const Line& line = layout.lines[0];
  EXPECT_FALSE(line.rtl) << "the first strong character is Latin";
  // Left to right: the Latin part, then the Arabic part reversed as a whole, in which the number
  // keeps its own left-to-right order and stands left of the words before it.
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 0; i < 14; ++i) expected.push_back(i);
  for (std::uint32_t i : {22, 23, 24, 25, 21, 20, 19, 18, 17, 16, 15, 14}) expected.push_back(i);
  EXPECT_EQ(clusters(line), expected);
  for (const Glyph& glyph : line.glyphs) {
    const bool arabic_letter = glyph.cluster >= 14 && glyph.cluster <= 20 && glyph.cluster != 17;
    if (arabic_letter) {
      EXPECT_EQ(fonts().face(glyph.face).file.family, Family::arabic);
    } else if (glyph.cluster < 14) {
      EXPECT_EQ(fonts().face(glyph.face).file.family, Family::dejavu);
    }
  }
  ASSERT_EQ(line.runs.size(), 3u);
  EXPECT_FALSE(line.runs[0].rtl);
  EXPECT_FALSE(line.runs[1].rtl) << "digits are left to right inside the Arabic";
  EXPECT_TRUE(line.runs[2].rtl);
}

TEST(DesktopTextLayout, ARightToLeftParagraphPutsItsLatinAndDigitsInPlace) {
  // The first strong character is Arabic: the line is right to left, "Order 12" sits at its left.
  const Layout layout = lay_out(fonts(), "طلب Order 12", kText);
  ASSERT_EQ(layout.lines.size(), 1u);
  EXPECT_TRUE(layout.lines[0].rtl);
  EXPECT_EQ(clusters(layout.lines[0]), (std::vector<std::uint32_t>{4, 5, 6, 7, 8, 9, 10, 11, 3, 2, 1, 0}));
}

TEST(DesktopTextLayout, AnIsolatedNameDoesNotTurnTheLineAround) {
  // A line the workspace composes ("name · status") takes its direction from the first strong
  // character; wrapped in FSI ... PDI (U+2068, U+2069) the customer's name is skipped for that and
  // kept in its own order: the line stays left to right with the Hebrew name at its left.
  const Layout plain = lay_out(fonts(), "דוד כהן · Awaiting agent", kText);
  EXPECT_TRUE(plain.lines[0].rtl);
  const Layout isolated = lay_out(fonts(), "\u2068דוד כהן\u2069 · Awaiting agent", kText);
  ASSERT_EQ(isolated.lines.size(), 1u);
  EXPECT_FALSE(isolated.lines[0].rtl);
  EXPECT_TRUE(no_missing_glyph(isolated));
  std::vector<std::uint32_t> name;  // visual order of the name's letters: right to left
  for (std::uint32_t c : clusters(isolated.lines[0]))
    if (c >= 1 && c <= 7 && c != 4) name.push_back(c);
  EXPECT_EQ(name, (std::vector<std::uint32_t>{7, 6, 5, 3, 2, 1}));
  EXPECT_EQ(clusters(isolated.lines[0]).back(), isolated.text.size() - 1) << "the Latin words end the line";
}

TEST(DesktopTextLayout, DevanagariConjunctsAndTheIMatraBeforeItsConsonant) {
  // hb-shape: क्ष becomes one glyph, त्र another, and ि is drawn before त्र though typed after it.
  Layout layout = lay_out(fonts(), "क्षत्रिय", kText);
  ASSERT_EQ(layout.lines.size(), 1u);
  EXPECT_TRUE(all_from(layout.lines[0], Family::devanagari));
  EXPECT_EQ(names(layout.lines[0]), (std::vector<std::string>{"kassadeva", "ivowelsign03deva", "taradeva", "yadeva"}));
  const auto& g = layout.lines[0].glyphs;
  EXPECT_LT(g[1].x, g[2].x);
  EXPECT_EQ(g[0].cluster, 0u);

  layout = lay_out(fonts(), "हिन्दी", kText);
  EXPECT_EQ(names(layout.lines[0]),
            (std::vector<std::string>{"ivowelsign03deva", "hadeva", "naprehalfdeva", "dadeva", "iivowelsign1deva"}));
  EXPECT_EQ(layout.lines[0].glyphs[0].x, 0.0f) << "the i-matra (typed second) is the leftmost glyph";
}

TEST(DesktopTextLayout, ThaiStacksTheToneMarkAboveTheVowel) {
  const Layout layout = lay_out(fonts(), "ที่นี่", kText);
  const Line& line = layout.lines[0];
  EXPECT_TRUE(all_from(line, Family::thai));
  EXPECT_EQ(names(line), (std::vector<std::string>{"uni0E17", "uni0E35", "uni0E48.small", "uni0E19", "uni0E35",
                                                   "uni0E48.small"}));
  // The vowel and the tone mark sit over the consonant (no advance of their own), the mark higher.
  hb_font_t* thai = fonts().face(line.glyphs[0].face).hb;
  fonts().set_size(line.glyphs[0].face, layout.em);
  hb_glyph_extents_t vowel{}, tone{};
  hb_font_get_glyph_extents(thai, line.glyphs[1].id, &vowel);
  hb_font_get_glyph_extents(thai, line.glyphs[2].id, &tone);
  EXPECT_GT(tone.y_bearing + tone.height - line.glyphs[2].y * 64, vowel.y_bearing + vowel.height - line.glyphs[1].y * 64)
      << "the tone mark's bottom is above the vowel's bottom";
  EXPECT_EQ(line.glyphs[1].x, line.glyphs[2].x);
  EXPECT_LT(line.glyphs[1].x, line.glyphs[3].x);
}

TEST(DesktopTextLayout, VietnameseStackedDiacriticsComposedOrNot) {
  const Layout composed = lay_out(fonts(), "Nguyễn Thị Hương", kText);
  ASSERT_EQ(composed.lines.size(), 1u);
  EXPECT_TRUE(all_from(composed.lines[0], Family::dejavu));
  EXPECT_TRUE(no_missing_glyph(composed));
  EXPECT_EQ(composed.lines[0].glyphs.size(), 16u) << "one glyph a letter: ễ, ị and ư are in DejaVu Sans";
  EXPECT_EQ(glyph_name(composed.lines[0].glyphs[4]), "uni1EC5");
  // Typed as e + circumflex + tilde (decomposed), the same glyphs are drawn.
  const Layout decomposed = lay_out(fonts(), "Nguye\u0302\u0303n Thi\u0323 Hu\u031Bo\u031Bng", kText);
  std::vector<std::uint32_t> a, b;
  for (const Glyph& g : composed.lines[0].glyphs) a.push_back(g.id);
  for (const Glyph& g : decomposed.lines[0].glyphs) b.push_back(g.id);
  EXPECT_EQ(a, b);
}

TEST(DesktopTextLayout, JapaneseChineseAndKoreanFromNotoSansCjk) {
  for (const char* text : {"田中 花子", "ボイラーから異音がします", "简体中文与繁體中文", "보일러에서 소리가 납니다"}) {
    const Layout layout = lay_out(fonts(), text, kText);
    ASSERT_EQ(layout.lines.size(), 1u) << text;
    EXPECT_TRUE(no_missing_glyph(layout)) << text;
    for (const Glyph& glyph : layout.lines[0].glyphs)
      if (layout.text[glyph.cluster] != ' ') {
        EXPECT_EQ(fonts().face(glyph.face).file.family, Family::cjk) << text;
      }
    EXPECT_EQ(layout.lines[0].glyphs.size(), layout.text.size()) << text;
  }
}

TEST(DesktopTextLayout, EmojiSequencesDegradeToTheirPartsNeverToABox) {
  struct Case {
    const char* text;
    std::size_t visible_glyphs;
  };
  // Symbola is monochrome and knows no sequences: a thumb and its skin tone swatch, the flag's two
  // letters, the family's three people (the joiners drawn as nothing).
  for (const Case& c : {Case{"👍🏽", 2}, Case{"🇯🇵", 2}, Case{"👨‍👩‍👧", 3}}) {
    const Layout layout = lay_out(fonts(), c.text, kText);
    ASSERT_EQ(layout.lines.size(), 1u);
    const Line& line = layout.lines[0];
    EXPECT_TRUE(no_missing_glyph(layout)) << c.text;
    EXPECT_TRUE(all_from(line, Family::symbola)) << c.text;
    std::size_t visible = 0;
    for (std::size_t i = 0; i < line.glyphs.size(); ++i) {
      const float advance = (i + 1 < line.glyphs.size() ? line.glyphs[i + 1].x : line.width) - line.glyphs[i].x;
      visible += advance > 0;
    }
    EXPECT_EQ(visible, c.visible_glyphs) << c.text;
    for (const Glyph& glyph : line.glyphs) EXPECT_NE(glyph_name(glyph), "question") << c.text;
  }
  // A modifier and a flag are one cluster each: a line never breaks inside them.
  EXPECT_EQ(clusters(lay_out(fonts(), "👍🏽", kText).lines[0]).size(), 1u);
  EXPECT_EQ(clusters(lay_out(fonts(), "🇯🇵", kText).lines[0]).size(), 1u);
}

TEST(DesktopTextLayout, WrapsAtSpacesToTheWrapWidth) {
  const TextStyle style{15.0f, false, 120.0f};
  const Layout layout = lay_out(fonts(), "The boiler hisses since this morning and the pressure drops", style);
  ASSERT_GT(layout.lines.size(), 2u);
  for (const Line& line : layout.lines) {
    EXPECT_LE(line.width, 120.0f);
    EXPECT_NE(line_text(layout, line).front(), U' ');
    EXPECT_NE(line_text(layout, line).back(), U' ');
    if (line.start > 0) {
      EXPECT_EQ(layout.text[line.start - 1], U' ') << "breaks only after a space";
    }
  }
  for (std::size_t i = 1; i < layout.lines.size(); ++i) {  // greedy: the next word did not fit
    const Line& previous = layout.lines[i - 1];
    std::u32string next_word = line_text(layout, layout.lines[i]);
    next_word = next_word.substr(0, next_word.find(U' '));
    std::u32string longer = layout.text.substr(previous.start, layout.lines[i].start - previous.start) + next_word;
    std::string utf8;
    for (char32_t c : longer) utf8 += static_cast<char>(c);  // the sentence is ASCII
    EXPECT_GT(lay_out(fonts(), utf8, kText).width, 120.0f);
  }
  EXPECT_LT(layout.lines[0].baseline, layout.lines[1].baseline);
  EXPECT_EQ(layout.lines[1].baseline - layout.lines[0].baseline, 15.0f) << "Dear ImGui's line height";
}

TEST(DesktopTextLayout, ArabicWrapsAndAlignsRight) {
  const TextStyle style{15.0f, false, 100.0f};
  const Layout layout = lay_out(fonts(), "مرحبا بكم في خدمة العملاء لدينا", style);
  ASSERT_GT(layout.lines.size(), 1u);
  EXPECT_EQ(layout.width, 100.0f);
  for (const Line& line : layout.lines) {
    EXPECT_TRUE(line.rtl);
    EXPECT_LE(line.width, 100.0f);
    EXPECT_FLOAT_EQ(line.x + line.width, 100.0f) << "right aligned";
  }
  EXPECT_EQ(layout.lines[0].start, 0u) << "the first words on the first line";
}

TEST(DesktopTextLayout, JapaneseWrapsBetweenCharactersButNotBeforeClosingMarks) {
  const Layout layout = lay_out(fonts(), "ボイラーから異音がします。「至急」お願いします。", TextStyle{15.0f, false, 60.0f});
  ASSERT_GT(layout.lines.size(), 3u);
  for (const Line& line : layout.lines) {
    EXPECT_LE(line.width, 60.0f);
    const std::u32string text = line_text(layout, line);
    EXPECT_EQ(std::u32string(U"ー。」").find(text.front()), std::u32string::npos) << "a line starts with a closing mark";
    EXPECT_NE(text.back(), U'「') << "a line ends with an opening mark";
  }
}

TEST(DesktopTextLayout, AWordWiderThanTheLineIsCutBetweenClusters) {
  const Layout layout = lay_out(fonts(), "Pneumonoultramicroscopicsilicovolcanoconiosis", TextStyle{15.0f, false, 80.0f});
  ASSERT_GT(layout.lines.size(), 2u);
  for (const Line& line : layout.lines) EXPECT_LE(line.width, 80.0f);
  std::u32string joined;
  for (const Line& line : layout.lines) joined += line_text(layout, line);
  EXPECT_EQ(joined, layout.text);
}

TEST(DesktopTextLayout, NewlinesStartLinesEvenUnwrapped) {
  const Layout layout = lay_out(fonts(), "first\nsecond\n\nفقرة", kText);
  ASSERT_EQ(layout.lines.size(), 4u);
  EXPECT_FALSE(layout.lines[0].rtl);
  EXPECT_TRUE(layout.lines[3].rtl) << "each paragraph has its own direction";
  EXPECT_TRUE(layout.lines[2].glyphs.empty());
  EXPECT_FLOAT_EQ(layout.height, 60.0f);
}

TEST(DesktopTextLayout, CoversEveryScriptButNotPrivateUse) {
  for (char32_t c : {U'A', U'ễ', U'Ж', U'Ω', U'ب', U'ש', U'क', U'ท', U'異', U'ボ', U'보', U'👍', U'\U0001F3FD', U'\U0001F1EF',
                     U'\u200D', U'\uFE0F'})
    EXPECT_TRUE(fonts().covers(c)) << "U+" << std::hex << static_cast<std::uint32_t>(c);
  for (char32_t c : {U'\uE000', U'\uF8FF', U'\U000F0000', U'\U0010FFFD', U'\u0378'})
    EXPECT_FALSE(fonts().covers(c)) << "U+" << std::hex << static_cast<std::uint32_t>(c);
  EXPECT_NE(FT_Get_Char_Index(fonts().face(fonts().find(Family::dejavu, false)).ft, 0xF000), 0u)
      << "DejaVu Sans has glyphs of its own in the private use area, which do not count";
}

TEST(DesktopTextLayout, BoldUsesTheBoldFilesAndEmboldensSymbola) {
  const TextStyle bold{15.0f, true, 0.0f};
  const Layout latin = lay_out(fonts(), "Bold", bold);
  EXPECT_TRUE(fonts().face(latin.lines[0].glyphs[0].face).file.bold);
  EXPECT_FALSE(latin.lines[0].glyphs[0].embolden);
  const Layout arabic = lay_out(fonts(), "مرحبا", bold);
  EXPECT_TRUE(fonts().face(arabic.lines[0].glyphs[0].face).file.bold);
  const Layout emoji = lay_out(fonts(), "👍", bold);
  EXPECT_FALSE(fonts().face(emoji.lines[0].glyphs[0].face).file.bold);
  EXPECT_TRUE(emoji.lines[0].glyphs[0].embolden);
}

TEST(DesktopTextLayout, MalformedUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(decode_utf8("a\xff" "b\xe3\x81"), (std::u32string{U'a', U'\uFFFD', U'b', U'\uFFFD', U'\uFFFD'}));
  EXPECT_EQ(decode_utf8("\xc0\xaf"), (std::u32string{U'\uFFFD', U'\uFFFD'})) << "overlong";
  EXPECT_EQ(decode_utf8("\xf0\x9f\x91\x8d"), std::u32string{U'👍'});
}

TEST(DesktopTextBitmap, WhiteTextOnTransparentNotPremultiplied) {
  const Layout layout = lay_out(fonts(), "مرحبا Hello", kText);
  const Bitmap bitmap = rasterize(fonts(), layout);
  ASSERT_GT(bitmap.width, 0);
  EXPECT_EQ(bitmap.rgba.size(), static_cast<std::size_t>(bitmap.width * bitmap.height * 4));
  int inked = 0, opaque = 0;
  for (std::size_t i = 0; i < bitmap.rgba.size(); i += 4) {
    EXPECT_EQ(bitmap.rgba[i] & bitmap.rgba[i + 1] & bitmap.rgba[i + 2], 255);
    inked += bitmap.rgba[i + 3] > 0;
    opaque += bitmap.rgba[i + 3] == 255;
  }
  EXPECT_GT(inked, 100);
  EXPECT_GT(opaque, 5) << "stems are solid";
  EXPECT_GE(bitmap.width, static_cast<int>(layout.width));
  EXPECT_GE(bitmap.height, 15);
  EXPECT_GT(bitmap.ascent, 9.0f);
  EXPECT_LT(bitmap.ascent, static_cast<float>(bitmap.height));
}

TEST(DesktopTextBitmap, InkIsWhereTheLayoutPutsIt) {
  // The Hebrew word is reversed: its first letter ends the line at the right.
  const Layout layout = lay_out(fonts(), "Hi שלום", kText);
  const Bitmap bitmap = rasterize(fonts(), layout);
  auto column_inked = [&](int x) {
    for (int y = 0; y < bitmap.height; ++y)
      if (bitmap.alpha(x, y) > 0) return true;
    return false;
  };
  const Line& line = layout.lines[0];
  EXPECT_TRUE(column_inked(static_cast<int>(line.glyphs[0].x) + 2)) << "H at the left";
  EXPECT_TRUE(column_inked(bitmap.width - 3)) << "ש, the first Hebrew letter, at the right end";
  const Layout empty = lay_out(fonts(), "   ", kText);
  EXPECT_EQ(rasterize(fonts(), empty).width, 0);
}

TEST(DesktopTextBitmap, StackedMarksGrowTheImageNotOverlapTheLine) {
  // Vietnamese on DejaVu fits its line; Thai marks and Arabic below-marks reach past it and the
  // image grows, keeping the baseline where Dear ImGui's is.
  const Bitmap latin = rasterize(fonts(), lay_out(fonts(), "Hello", kText));
  const Bitmap vietnamese = rasterize(fonts(), lay_out(fonts(), "Nguyễn", kText));
  EXPECT_EQ(latin.height, 15);
  EXPECT_EQ(latin.ascent, 12.0f);
  EXPECT_GE(vietnamese.height, 15);
  const Bitmap thai = rasterize(fonts(), lay_out(fonts(), "ที่นี่", kText));
  EXPECT_GE(thai.ascent, 12.0f);
}

TEST(DesktopTextBitmap, GlyphsDrawnOnceAreReusedAndTheCacheStaysBounded) {
  const Layout layout = lay_out(fonts(), "ああああああああ 異音がします", kText);
  const Bitmap fresh = rasterize(fonts(), layout);
  GlyphCache glyphs;
  EXPECT_EQ(rasterize(fonts(), layout, glyphs).rgba, fresh.rgba);
  const std::size_t held = glyphs.size();
  EXPECT_LE(held, 4u + 6u + 1u) << "eight あ at four quarter-pixel offsets at most, six others, the space";
  EXPECT_EQ(rasterize(fonts(), layout, glyphs).rgba, fresh.rgba);
  EXPECT_EQ(glyphs.size(), held);

  // Over its bound it is emptied before the next text, never while one is drawn.
  GlyphCache small(3);
  EXPECT_EQ(rasterize(fonts(), layout, small).rgba, fresh.rgba);
  const Layout hello = lay_out(fonts(), "Hello", kText);
  GlyphCache alone;
  EXPECT_EQ(rasterize(fonts(), hello, small).rgba, rasterize(fonts(), hello, alone).rgba);
  EXPECT_EQ(small.size(), alone.size());
}

}  // namespace
