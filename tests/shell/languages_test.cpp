// The workspace in another language and with customers in other scripts, headless: the words come
// from the chosen catalog, and the test hook counts every character drawn without a real glyph.
#include <gtest/gtest.h>

#include "i18n/words.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

class InJapaneseTest : public WorkspaceTest {
 protected:
  void SetUp() override {
    platform.languages = {"ja-JP", "en"};
    // The host loads the Japanese words' own glyphs when they are fetched (the runner, in the hosts).
    ui::load_fonts(BATON_TEST_ASSETS, {{std::string(BATON_TEST_ASSETS) + "/lazy/ui-extra-regular.otf", 0, ui::ExtraFont::regular},
                                       {std::string(BATON_TEST_ASSETS) + "/lazy/ui-extra-bold.otf", 0, ui::ExtraFont::bold}});
  }
  void TearDown() override {
    ui::load_fonts(BATON_TEST_ASSETS);
    i18n::use("en");
  }
};

TEST_F(InJapaneseTest, ABrowserInJapaneseGetsTheJapaneseWorkspaceWithEveryGlyph) {
  ws.start();
  ui.frame(ws);
  EXPECT_EQ(i18n::lang(), "ja");
  EXPECT_EQ(Headless::find("login")->label, "ログイン");
  EXPECT_TRUE(Headless::shows("メールアドレス"));
  EXPECT_EQ(hook::missing_glyphs(), 0);
  log_in({make_ticket(1, now - 5'000)});
  EXPECT_EQ(Headless::find("view-all")->label, "すべて 1");
  EXPECT_TRUE(Headless::shows("5秒前")) << "relative times in Japanese";
  EXPECT_EQ(hook::missing_glyphs(), 0);
}

TEST_F(InJapaneseTest, TheAgentsChoiceOfLanguageWinsOverTheBrowsersAndIsKept) {
  log_in({make_ticket(1, now - 5'000)});
  EXPECT_EQ(i18n::lang(), "ja");
  app().handle({intent::ChooseLanguage{"en"}});
  ui.frame(ws);
  EXPECT_EQ(i18n::lang(), "en");
  EXPECT_EQ(Headless::find("view-all")->label, "All 1");
  EXPECT_EQ(platform.storage["baton.lang"], "en");
  app().handle({intent::ChooseLanguage{""}});
  ui.frame(ws);
  EXPECT_EQ(i18n::lang(), "ja") << "back to the browser's language";
  EXPECT_FALSE(platform.storage.count("baton.lang"));
}

TEST_F(WorkspaceTest, ACharacterNoFontHasIsCountedAsAMissingGlyph) {
  Ticket t = make_ticket(1, now - 5'000);
  t.subject = "Boiler \xee\x80\x80 broken";  // U+E000: private use, in no font
  log_in({t});
  EXPECT_EQ(hook::missing_glyphs(), 1);
}

TEST_F(WorkspaceTest, LatinWithDiacriticsGreekAndCyrillicHaveTheirGlyphs) {
  // The desktop merges the whole of Debian's DejaVu Sans (the page's own cut is Latin-1 and
  // Latin Extended-A; the rest goes through the browser's text, tested in tests/e2e).
  ui::load_fonts(BATON_TEST_ASSETS, {{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, ui::ExtraFont::regular},
                                     {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0, ui::ExtraFont::bold}});
  Ticket t = make_ticket(1, now - 5'000);
  t.subject = "Łukasz Dvořák Şahin · Ελένη · Дмитрий · Nguyễn Thị Hương";
  t.requester.name = "Nguyễn Thị Hương";
  log_in({t});
  EXPECT_TRUE(Headless::shows("Nguyễn Thị Hương"));
  EXPECT_EQ(hook::missing_glyphs(), 0);
  ui::load_fonts(BATON_TEST_ASSETS);
}

}  // namespace
}  // namespace baton::shell::testing
