// Every theme's colours against WCAG 2.2's contrast minimums, computed from the palette's own table
// of the pairs the views draw (shell/views/theme.cpp): 4.5:1 for text, 3:1 for large text, for what
// shows where a control is, and for the focus ring. And the theme follows the system unless the
// agent chose one, kept on the device.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "appearance.hpp"
#include "views/theme.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

constexpr Theme kThemes[] = {Theme::light, Theme::dark, Theme::contrast};

// WCAG 2.x relative luminance of an sRGB colour, and the contrast ratio of two.
double channel(ImU32 color, int shift) {
  const double c = ((color >> shift) & 0xFF) / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(ImU32 color) {
  return 0.2126 * channel(color, IM_COL32_R_SHIFT) + 0.7152 * channel(color, IM_COL32_G_SHIFT) +
         0.0722 * channel(color, IM_COL32_B_SHIFT);
}
double contrast(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
double minimum(ui::Need need) { return need == ui::Need::text ? 4.5 : 3.0; }

std::string name_of(ImU32 ui::Palette::*member) {
  for (const ui::PaletteField& field : ui::palette_fields())
    if (field.member == member) return field.name;
  return "?";
}

std::string hex(ImU32 color) {
  char out[8];
  std::snprintf(out, sizeof out, "#%02x%02x%02x", (color >> IM_COL32_R_SHIFT) & 0xFF, (color >> IM_COL32_G_SHIFT) & 0xFF,
                (color >> IM_COL32_B_SHIFT) & 0xFF);
  return out;
}

TEST(Contrast, TheRatioIsWcags) {
  EXPECT_NEAR(contrast(IM_COL32_WHITE, IM_COL32_BLACK), 21.0, 1e-9);
  EXPECT_NEAR(contrast(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32_WHITE), 4.54, 0.01);  // the lightest grey for text on white
  EXPECT_NEAR(contrast(IM_COL32(0x77, 0x77, 0x77, 255), IM_COL32_WHITE), 4.48, 0.01);  // just too light
  EXPECT_NEAR(contrast(IM_COL32(0xff, 0xff, 0xff, 255), IM_COL32(0xff, 0xff, 0xff, 255)), 1.0, 1e-9);
}

TEST(Contrast, EveryPairOfEveryThemeReachesItsMinimum) {
  for (Theme theme : kThemes) {
    const ui::Palette& p = ui::palette_of(theme);
    double lowest_text = 21, lowest_other = 21;  // printed: the margin each theme has
    for (const ui::ColourPair& pair : ui::colour_pairs()) {
      const double ratio = contrast(p.*pair.fg, p.*pair.bg);
      double& lowest = pair.need == ui::Need::text ? lowest_text : lowest_other;
      lowest = std::min(lowest, ratio);
      EXPECT_GE(ratio, minimum(pair.need))
          << theme_name(theme) << ": " << name_of(pair.fg) << " " << hex(p.*pair.fg) << " on " << name_of(pair.bg) << " "
          << hex(p.*pair.bg) << " (" << pair.where << ") is " << ratio << ":1";
    }
    std::printf("%-8s %zu pairs: lowest text %.2f:1, lowest control/focus %.2f:1\n", std::string(theme_name(theme)).c_str(),
                ui::colour_pairs().size(), lowest_text, lowest_other);
  }
}

TEST(Contrast, EveryColourIsInAPairOrSaysWhyNot) {
  for (const ui::PaletteField& field : ui::palette_fields()) {
    if (!field.paired) continue;
    bool used = false;
    for (const ui::ColourPair& pair : ui::colour_pairs()) used |= pair.fg == field.member || pair.bg == field.member;
    EXPECT_TRUE(used) << field.name << " is in no pair of the contrast table (shell/views/theme.cpp)";
  }
}

TEST(Contrast, PairedColoursAreOpaque) {  // a see-through colour's contrast depends on what lies under it
  for (Theme theme : kThemes)
    for (const ui::PaletteField& field : ui::palette_fields()) {
      if (!field.paired) continue;
      EXPECT_EQ((ui::palette_of(theme).*field.member) >> IM_COL32_A_SHIFT, 0xFFu) << theme_name(theme) << ": " << field.name;
    }
}

TEST(Contrast, ImGuisOwnColoursAreThePalettes) {  // so the table covers ImGui's widgets too
  ImGui::CreateContext();
  for (Theme theme : kThemes) {
    const ui::Palette& p = ui::palette_of(theme);
    ImGuiStyle style;
    ui::style_colors(style, theme);
    for (int col = 0; col < ImGuiCol_COUNT; ++col) {
      const ImU32 c = ImGui::ColorConvertFloat4ToU32(style.Colors[col]);
      bool known = (c >> IM_COL32_A_SHIFT) == 0;  // transparent: what is under it shows
      for (const ui::PaletteField& field : ui::palette_fields()) known |= c == p.*field.member;
      EXPECT_TRUE(known) << theme_name(theme) << ": " << ImGui::GetStyleColorName(col) << " is " << hex(c) << ", not a palette colour";
    }
  }
  ImGui::DestroyContext();
}

TEST(Appearance, TheSystemDecidesUnlessTheAgentChose) {
  EXPECT_EQ(choose_appearance(std::nullopt, {}).theme, Theme::light);
  EXPECT_EQ(choose_appearance(std::nullopt, {.dark = true}).theme, Theme::dark);
  EXPECT_EQ(choose_appearance(std::nullopt, {.dark = true, .more_contrast = true}).theme, Theme::contrast);
  EXPECT_EQ(choose_appearance(std::nullopt, {.forced_colors = true}).theme, Theme::contrast);
  EXPECT_EQ(choose_appearance(Theme::light, {.dark = true, .forced_colors = true}).theme, Theme::light);
  EXPECT_TRUE(choose_appearance(Theme::dark, {.reduced_motion = true}).reduced_motion) << "motion is the system's alone";
  for (Theme theme : kThemes) EXPECT_EQ(theme_from_name(theme_name(theme)), theme);
  EXPECT_EQ(theme_from_name("sepia"), std::nullopt);
}

TEST_F(WorkspaceTest, TheThemeFollowsTheSystemUntilTheAgentChoosesOneInTheMenu) {
  platform.look.dark = true;
  log_in({make_ticket(1, now - 5'000)});
  EXPECT_EQ(ws.appearance().theme, Theme::dark);
  ASSERT_TRUE(platform.shown);
  EXPECT_EQ(platform.shown->theme, Theme::dark) << "the page's own elements are told";
  ui.click(ws, "me");
  ui.click(ws, "theme");
  ASSERT_TRUE(Headless::find("theme-system"));
  EXPECT_EQ(Headless::find("theme-system")->label, "As your system (Dark)");
  ui.click(ws, "theme-contrast");
  EXPECT_EQ(ws.appearance().theme, Theme::contrast);
  EXPECT_EQ(platform.shown->theme, Theme::contrast);
  EXPECT_EQ(platform.storage["baton.theme"], "contrast");
  {  // the device keeps it: a new start (a reload) draws in it at once
    FakeNet other_net;
    Workspace again{platform, platform.store, other_net};
    again.start();
    EXPECT_EQ(again.appearance().theme, Theme::contrast);
  }
  app().handle({intent::LogOut{}});
  EXPECT_EQ(ws.appearance().theme, Theme::contrast) << "logging out keeps the device's theme";
  app().handle({intent::ChooseTheme{std::nullopt}});
  EXPECT_EQ(ws.appearance().theme, Theme::dark) << "back to the system's";
  EXPECT_FALSE(platform.storage.count("baton.theme"));
}

}  // namespace
}  // namespace baton::shell::testing
