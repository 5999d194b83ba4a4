// The workspace's words: every catalog has every key English has, with the same placeholders and
// the plural forms its language needs; counts, relative times and dates read right in each.
#include <gtest/gtest.h>

#include <set>

#include "i18n/words.hpp"
#include "baton/error_texts.hpp"
#include "baton/report.hpp"
#include "time_text.hpp"

namespace baton::shell::i18n {
namespace {

const Languages& shipped() {
  static const Languages languages = Languages::load(BATON_TEST_ASSETS "/i18n");
  return languages;
}

// The forms a count needs in a language: what CLDR can pick for it.
std::set<std::string> needed_forms(const Catalog& c) {
  std::set<std::string> forms;
  for (std::int64_t n = 0; n < 200; ++n) forms.insert(std::string(c.form_for(n)));
  return forms;
}

TEST(Catalogs, EnglishAndJapaneseAreShipped) {
  ASSERT_TRUE(shipped().find("en"));
  ASSERT_TRUE(shipped().find("ja"));
  EXPECT_EQ(shipped().find("ja")->name(), "日本語");
}

TEST(Catalogs, OnlyALanguageWhoseWordsTheFirstFontsLackFetchesMore) {
  EXPECT_FALSE(shipped().find("en")->beyond_latin()) << "English's dashes and arrows are in the first download's cut";
  EXPECT_TRUE(shipped().find("ja")->beyond_latin());
  EXPECT_FALSE(Catalog::parse(R"({"_meta": {"code": "de"}, "a": "Grüße — Straße → Köln"})")->beyond_latin());
  EXPECT_TRUE(Catalog::parse(R"({"_meta": {"code": "ru"}, "a": "Привет"})")->beyond_latin());
}

// The page's first download carries English whole and Japanese's name only (assets/catalog_first.py):
// its words come when Japanese is chosen, English's meanwhile; the glyphs' fetch can start at once.
TEST(Catalogs, TheFirstDownloadNamesJapaneseAndItsWordsArriveWhenChosen) {
  Languages first = Languages::load(BATON_TEST_ASSETS "/i18n-first");
  const Catalog* named = first.find("ja");
  ASSERT_TRUE(named);
  EXPECT_TRUE(named->lazy());
  EXPECT_EQ(named->name(), "日本語");
  EXPECT_TRUE(named->beyond_latin()) << "said by the build, so the glyphs are fetched beside the words";
  EXPECT_TRUE(named->keys().empty());
  EXPECT_FALSE(first.find("en")->lazy());
  EXPECT_FALSE(first.complete("en")) << "English is whole already";

  ASSERT_TRUE(first.complete("ja"));  // from lazy/i18n/ja.json, where the page's fetch puts it
  const Catalog* whole = first.find("ja");
  EXPECT_FALSE(whole->lazy());
  EXPECT_EQ(whole->keys(), shipped().find("ja")->keys());

  set_languages(Languages::load(BATON_TEST_ASSETS "/i18n-first"));
  ASSERT_TRUE(use("ja"));
  EXPECT_EQ(tr("login.email"), shipped().english().text("login.email")) << "English's words until Japanese's arrive";
  ASSERT_TRUE(complete("ja"));
  EXPECT_EQ(lang(), "ja");
  EXPECT_EQ(tr("login.email"), shipped().find("ja")->text("login.email"));
  set_languages(Languages::load(BATON_TEST_ASSETS "/i18n"));
  use("en");
}

TEST(Catalogs, EveryCatalogHasEveryKeyWithTheSamePlaceholdersAndItsPluralForms) {
  const Catalog& en = shipped().english();
  ASSERT_GT(en.keys().size(), 300u);
  for (const Catalog* c : shipped().all()) {
    SCOPED_TRACE(c->code());
    for (const std::string& key : en.keys()) {
      ASSERT_TRUE(c->has(key)) << "missing key " << key;
      if (key.rfind("date.", 0) == 0) {  // a date's pattern picks its fields from the ones the code gives
        static const std::set<std::string> fields = {"mon", "m", "d", "yyyy", "HH", "h12", "mm", "ampm"};
        for (const std::string& p : c->placeholders(key)) EXPECT_TRUE(fields.count(p)) << key << ": {" << p << "}";
      } else {
        EXPECT_EQ(c->placeholders(key), en.placeholders(key)) << key;
      }
      if (!en.forms(key).empty()) {
        const auto have = c->forms(key);
        for (const std::string& form : needed_forms(*c))
          EXPECT_NE(std::find(have.begin(), have.end(), form), have.end()) << key << " lacks the form " << form;
      }
    }
    for (const std::string& key : c->keys())
      if (key.rfind("reject.", 0) != 0) EXPECT_TRUE(en.has(key)) << "a key English does not have: " << key;
  }
}

// Every error key of the core's table (core/src/error_texts.cpp) has its words in the catalogs as
// reject.<key>, English's exactly the core's, so an error answer reads in the agent's language; the
// test above then holds every other catalog to the same keys and placeholders.
// English's words for an error are the core's own (the answer's message, core/src/error_texts.cpp):
// English carries no copy; every other catalog words every key of the core's table.
TEST(Catalogs, EveryOtherLanguageWordsEveryErrorKeyOfTheCore) {
  const Catalog& en = shipped().english();
  for (const std::string& key : en.keys()) EXPECT_NE(key.rfind("reject.", 0), 0u) << "English's are the core's: " << key;
  for (const Catalog* c : shipped().all()) {
    if (c == &en) continue;
    SCOPED_TRACE(c->code());
    std::size_t rejects = 0;
    for (const std::string& key : c->keys()) rejects += key.rfind("reject.", 0) == 0;
    EXPECT_EQ(rejects, error_texts().size()) << "a reject.<key> the core no longer has";
    for (const ErrorText& text : error_texts()) {
      const std::string key = "reject." + std::string(text.key);
      ASSERT_TRUE(c->has(key)) << "missing key " << key;
      std::set<std::string> wanted;  // the core's numbered placeholders, {0} {1}...
      for (std::size_t at = std::string_view(text.english).find('{'); at != std::string_view::npos;
           at = std::string_view(text.english).find('{', at + 1))
        wanted.insert(std::string(std::string_view(text.english).substr(at + 1, std::string_view(text.english).find('}', at) - at - 1)));
      const auto have = c->placeholders(key);
      EXPECT_EQ(std::set<std::string>(have.begin(), have.end()), wanted) << key;
    }
  }
}

TEST(Catalogs, AMissingKeyFallsBackToEnglishThenToTheKey) {
  const auto english = Catalog::parse(R"({"_meta": {"code": "en"}, "greet": "Hello {name}"})");
  const auto other = Catalog::parse(R"({"_meta": {"code": "xx", "plural": "other"}})");
  ASSERT_TRUE(english && other);
  EXPECT_EQ(other->text("greet", {{"name", "Ana"}}, &*english), "Hello Ana");
  EXPECT_EQ(other->text("nowhere", {}, &*english), "nowhere");
}

TEST(Catalogs, ABadCatalogIsRefusedSayingWhy) {
  std::string why;
  EXPECT_FALSE(Catalog::parse("[1]", &why));
  EXPECT_FALSE(Catalog::parse(R"({"_meta": {"code": "en"}, "count": {"one": "x"}})", &why));
  EXPECT_NE(why.find("other"), std::string::npos);
  EXPECT_FALSE(Catalog::parse(R"({"_meta": {"code": "en", "plural": "dual"}})", &why));
}

TEST(Plurals, FollowEachLanguagesRule) {
  const auto en = Catalog::parse(R"({"_meta": {"code": "en"}, "c": {"one": "{n} ticket", "other": "{n} tickets"}})");
  const auto ja = Catalog::parse(R"({"_meta": {"code": "ja", "plural": "other"}, "c": {"other": "{n}件"}})");
  const auto fr = Catalog::parse(R"({"_meta": {"code": "fr", "plural": "one_below_two"}, "c": {"one": "{n} ticket", "other": "{n} tickets"}})");
  const auto ru = Catalog::parse(R"({"_meta": {"code": "ru", "plural": "east_slavic"},
                                     "c": {"one": "{n} тикет", "few": "{n} тикета", "many": "{n} тикетов", "other": "{n}"}})");
  EXPECT_EQ(en->count("c", 1), "1 ticket");
  EXPECT_EQ(en->count("c", 0), "0 tickets");
  EXPECT_EQ(en->count("c", 21), "21 tickets");
  EXPECT_EQ(ja->count("c", 1), "1件");
  EXPECT_EQ(fr->count("c", 0), "0 ticket");
  EXPECT_EQ(fr->count("c", 2), "2 tickets");
  EXPECT_EQ(ru->count("c", 21), "21 тикет");
  EXPECT_EQ(ru->count("c", 3), "3 тикета");
  EXPECT_EQ(ru->count("c", 11), "11 тикетов");
}

TEST(Fill, ReplacesNamedPlaceholdersAndKeepsDoubledBraces) {
  EXPECT_EQ(fill("{a} and {b}", {{"a", "1"}, {"b", "2"}}), "1 and 2");
  EXPECT_EQ(fill("{{literal}} {unknown}", {}), "{literal} {unknown}");
}

// Every placeholder, whichever template: a value with right-to-left letters keeps the line's own
// direction ("דנה לוי · Awaiting agent", not turned around); others go in as they are.
TEST(Fill, RightToLeftValuesGoInIsolated) {
  EXPECT_EQ(fill("{name} \u00B7 {status}", {{"name", "\u05D3\u05E0\u05D4"}, {"status", "Awaiting agent"}}),
            "\u2068\u05D3\u05E0\u05D4\u2069 \u00B7 Awaiting agent");
  EXPECT_EQ(fill("To {name}", {{"name", "Fatima \u0627\u0644\u0632\u0647\u0631\u0627\u0621"}}),
            "To \u2068Fatima \u0627\u0644\u0632\u0647\u0631\u0627\u0621\u2069");
  EXPECT_EQ(fill("To {name}", {{"name", "\u7530\u4E2D \u82B1\u5B50"}}), "To \u7530\u4E2D \u82B1\u5B50");
  EXPECT_EQ(fill("{n} new", {{"n", 3}}), "3 new");
}

class InJapanese : public ::testing::Test {
 protected:
  void SetUp() override {
    set_languages(shipped());
    ASSERT_TRUE(use("ja"));
  }
  void TearDown() override { use("en"); }
};

TEST_F(InJapanese, RelativeTimesAgesAndDatesReadAsJapanese) {
  const Time now = 1'800'000'000'000;  // 2027-01-15 08:00 UTC
  EXPECT_EQ(ago(now - 19'000, now), "19秒前");
  EXPECT_EQ(ago(now - 3 * 60'000, now), "3分前");
  EXPECT_EQ(ago(now - 1'000, now), "たった今");
  EXPECT_EQ(age(now - 180'000, now), "3分");
  EXPECT_EQ(absolute(now, 9 * 60, now), "1月15日 17:00");              // Tokyo
  EXPECT_EQ(absolute(now - 400 * kDay, 9 * 60, now), "2025年12月11日 17:00");
  EXPECT_EQ(lang(), "ja");
}

TEST(English, RelativeTimesAndDatesReadAsBefore) {
  const Time now = 1'800'000'000'000;
  EXPECT_EQ(ago(now - 19'000, now), "19 secs ago");
  EXPECT_EQ(ago(now - 60'000, now), "1 min ago");
  EXPECT_EQ(absolute(now, 0, now), "Jan 15, 8:00 AM");
}

// Times are remembered between frames (time_text.cpp): a change of language is never missed.
TEST(Remembered, TimesFollowTheLanguageTheMomentItChanges) {
  set_languages(shipped());
  const Time now = 1'800'000'000'000;
  ASSERT_TRUE(use("en"));
  EXPECT_EQ(ago(now - 19'000, now), "19 secs ago");
  EXPECT_EQ(absolute(now, 9 * 60, now), "Jan 15, 5:00 PM");
  ASSERT_TRUE(use("ja"));
  EXPECT_EQ(ago(now - 19'000, now), "19秒前");
  EXPECT_EQ(absolute(now, 9 * 60, now), "1月15日 17:00");
  EXPECT_EQ(absolute(now, 0, now), "1月15日 8:00") << "another offset: another minute";
  ASSERT_TRUE(use("en"));
  EXPECT_EQ(ago(now - 19'000, now), "19 secs ago");
  EXPECT_EQ(ago(now - 20'000, now), "20 secs ago");
}

TEST(Choice, OverrideThenTheAgentsChoiceThenTheBrowsersThenEnglish) {
  const Languages& all = shipped();
  EXPECT_EQ(choose("", "", {"ja-JP", "en-US"}, all), "ja");
  EXPECT_EQ(choose("", "en", {"ja-JP"}, all), "en") << "the agent's own choice beats the browser";
  EXPECT_EQ(choose("ja", "en", {"en"}, all), "ja") << "?lang= beats everything";
  EXPECT_EQ(choose("xx", "", {"de-DE", "fr"}, all), "en") << "nothing known: English";
  EXPECT_EQ(choose("", "", {"de-DE", "ja"}, all), "ja") << "the first known of the browser's";
}

}  // namespace
}  // namespace baton::shell::i18n
