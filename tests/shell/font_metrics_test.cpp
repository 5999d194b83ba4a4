// Japanese merged into the UI's faces is drawn as large as the Latin text beside it: the size rule
// (shell/font_metrics) on the real font files and on made-up ones, and the glyphs ImGui bakes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fakes.hpp"
#include "font_metrics.hpp"
#include "imgui.h"
#include "views/ui.hpp"

namespace baton::shell::testing {
namespace {

const std::string kDejaVu = std::string(BATON_TEST_ASSETS) + "/DejaVuSans.ttf";
const std::string kPageCjk = std::string(BATON_TEST_ASSETS) + "/lazy/ui-extra-regular.otf";  // the page's cut of Noto Sans CJK
const std::string kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";        // the desktop's whole one

// A font file with nothing but a head and an hhea table (and a collection holding it).
std::string be16(int v) { return {char((v >> 8) & 0xFF), char(v & 0xFF)}; }
std::string be32(std::uint32_t v) { return be16(int(v >> 16)) + be16(int(v & 0xFFFF)); }
std::string made_up_font(int units_per_em, int ascent, int descent, std::uint32_t at = 0) {
  const std::uint32_t head = at + 12 + 2 * 16, hhea = head + 54;
  std::string out = be32(0x00010000) + be16(2) + be16(32) + be16(1) + be16(0);
  out += "head" + be32(0) + be32(head) + be32(54);
  out += "hhea" + be32(0) + be32(hhea) + be32(36);
  out += std::string(18, '\0') + be16(units_per_em) + std::string(54 - 20, '\0');
  out += std::string(4, '\0') + be16(ascent) + be16(descent) + std::string(36 - 8, '\0');
  return out;
}

TEST(FontMetrics, ReadsTheLineAndEmOfTheFontsTheWorkspaceMerges) {
  const auto dejavu = font::read_metrics_of_file(kDejaVu);
  ASSERT_TRUE(dejavu);
  EXPECT_EQ(*dejavu, (font::Metrics{2048, 1901, -483}));
  const auto page_cjk = font::read_metrics_of_file(kPageCjk);
  ASSERT_TRUE(page_cjk) << "the page's cut keeps Noto's tables";
  EXPECT_EQ(*page_cjk, (font::Metrics{1000, 1160, -288}));
  if (!std::filesystem::exists(kNotoCjk)) GTEST_SKIP() << "fonts-noto-cjk is not installed";
  for (int face : {0, 1, 2, 3})  // JP, KR, SC, TC in one collection
    EXPECT_EQ(font::read_metrics_of_file(kNotoCjk, face), page_cjk) << face;
  EXPECT_FALSE(font::read_metrics_of_file(kNotoCjk, 99)) << "no such face";
}

TEST(FontMetrics, NoFontOrABrokenOneHasNoMetrics) {
  EXPECT_FALSE(font::read_metrics_of_file("/nonexistent/font.ttf"));
  EXPECT_FALSE(font::read_metrics(std::string_view("not a font at all")));
  const std::string font = made_up_font(1000, 800, -200);
  EXPECT_EQ(font::read_metrics(font), (font::Metrics{1000, 800, -200}));
  EXPECT_FALSE(font::read_metrics(font, 1)) << "a single font has face 0 only";
  EXPECT_FALSE(font::read_metrics(std::string_view(font).substr(0, font.size() - 40))) << "hhea cut off";
  EXPECT_FALSE(font::read_metrics(made_up_font(0, 800, -200))) << "no em";
  EXPECT_FALSE(font::read_metrics(made_up_font(1000, -10, 0))) << "no line";
}

TEST(FontMetrics, ReadsEachFaceOfACollection) {
  // 'ttcf', version, 2 faces at their offsets, then the faces.
  const std::uint32_t first = 12 + 8;
  const std::string a = made_up_font(1000, 880, -120, first);
  const std::string b = made_up_font(2048, 1900, -500, first + std::uint32_t(a.size()));
  const std::string ttc = std::string("ttcf") + be32(0x00010000) + be32(2) + be32(first) + be32(first + a.size()) + a + b;
  EXPECT_EQ(font::read_metrics(ttc, 0), (font::Metrics{1000, 880, -120}));
  EXPECT_EQ(font::read_metrics(ttc, 1), (font::Metrics{2048, 1900, -500}));
  EXPECT_FALSE(font::read_metrics(ttc, 2));
}

TEST(FontMetrics, AMergedFontIsSizedSoThatItsEmIsTheMainFacesEm) {
  const font::Metrics dejavu{2048, 1901, -483}, noto{1000, 1160, -288};
  // DejaVu's em at 15 px is 15 / 1.164 = 12.89 px; Noto's must be too: 12.89 × 1.448 = 18.66 px.
  EXPECT_NEAR(font::merged_size(15, dejavu, noto), 18.66f, 0.01f);
  EXPECT_NEAR(font::merged_size(15, noto, dejavu), 15 * 1.164f / 1.448f, 0.01f);
  EXPECT_FLOAT_EQ(font::merged_size(15, dejavu, dejavu), 15) << "the whole DejaVu merged over its cut: unchanged";
  EXPECT_FLOAT_EQ(font::merged_size(15, std::nullopt, noto), 15) << "unknown: the size as before";
  EXPECT_FLOAT_EQ(font::merged_size(15, dejavu, std::nullopt), 15);
}

// ImGui's own glyphs, baked as the hosts bake them: an ideograph is one Latin em wide, its ink
// as tall as a capital or taller, and it sits on the Latin baseline.
class MergedGlyphsTest : public ::testing::Test {
 protected:
  Headless ui;
  void TearDown() override { ui::load_fonts(BATON_TEST_ASSETS); }
};

TEST_F(MergedGlyphsTest, AnIdeographIsDrawnAtTheLatinTextsScaleOnItsBaseline) {
  ui::load_fonts(BATON_TEST_ASSETS, {{kPageCjk, 0, ui::ExtraFont::regular}});
  ImGui::NewFrame();  // glyphs are baked within a frame
  ImFontBaked* baked = ui::fonts().regular.font->GetFontBaked(15.0f);
  // Copies: baking the next glyph may grow the vector the last one lives in (ASan caught it).
  const ImFontGlyph* found = baked->FindGlyph(0x9001);  // 送, of 送信 (Send): in the page's cut
  ASSERT_TRUE(found);
  const ImFontGlyph ideograph_glyph = *found;
  found = baked->FindGlyph('H');
  ASSERT_TRUE(found);
  const ImFontGlyph capital_glyph = *found;
  const ImFontGlyph* ideograph = &ideograph_glyph;
  const ImFontGlyph* capital = &capital_glyph;
  ASSERT_EQ(ideograph->Codepoint, 0x9001u) << "the ideograph is in the merged font, not the fallback";
  const float em = 15.0f * 2048 / (1901 + 483);  // DejaVu's em at 15 px: 12.89
  EXPECT_NEAR(ideograph->AdvanceX, em, 0.1f) << "a full-width ideograph is one em wide";
  EXPECT_GE(ideograph->Y1 - ideograph->Y0, (capital->Y1 - capital->Y0)) << "as tall as a capital, not a fifth smaller";
  const float baseline = std::round(baked->Ascent);  // ImGui puts every glyph on the first face's
  EXPECT_NEAR(capital->Y1, baseline, 1.0f);
  EXPECT_GT(ideograph->Y1, baseline) << "an ideograph's box reaches a little below the baseline";
  EXPECT_LT(ideograph->Y1 - baseline, 0.15f * em);
  EXPECT_GE(ideograph->Y0, 0.0f) << "and stays inside the line";
  EXPECT_LE(ideograph->Y1, baked->Ascent - baked->Descent);
  ImGui::EndFrame();
}

}  // namespace
}  // namespace baton::shell::testing
