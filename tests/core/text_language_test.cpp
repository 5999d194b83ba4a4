// A customer who names no language: the core tells it from the script they wrote in, for the
// ticket's `language` (POST /api/inbound and mail rarely say one).
#include <gtest/gtest.h>

#include "baton/protocol.hpp"
#include "baton/text_language.hpp"

namespace baton::testing {
namespace {

std::string language(std::string_view text) { return std::string(language_of_text(text).value_or("(default)")); }

TEST(TextLanguage, KanaIsJapaneseHangulKoreanHanAloneChinese) {
  EXPECT_EQ(language("ボイラーから異音がします"), "Japanese");
  EXPECT_EQ(language("今朝から変な音がします"), "Japanese") << "kanji with hiragana";
  EXPECT_EQ(language("ｴﾗｰ"), "Japanese") << "halfwidth katakana";
  EXPECT_EQ(language("보일러에서 소리가 납니다"), "Korean");
  EXPECT_EQ(language("大韓民國 보일러"), "Korean") << "hanja among hangul";
  EXPECT_EQ(language("热水器有异响"), "Chinese");
  EXPECT_EQ(language("熱水器有異響"), "Chinese") << "traditional";
  EXPECT_EQ(language("𠀋𠀋"), "Chinese") << "beyond the BMP";
}

TEST(TextLanguage, OtherScriptsTellNothing) {
  for (std::string_view text : {"My boiler is broken", "Котёл шумит с утра", "Ο λέβητας κάνει θόρυβο",
                                "الغلاية لا تعمل", "הדוד לא עובד", "बॉयलर से आवाज़ आ रही है", "Nguyễn Thị Hương",
                                "", "1234 !!! ???", "🔥👍🏽"})
    EXPECT_EQ(language(text), "(default)") << text;
}

TEST(TextLanguage, TheScriptOfMostOfTheTextDecides) {
  // A CJK character against a word of another script.
  EXPECT_EQ(language("Heat pump E42エラー\nError code E42 が表示されています。"), "Japanese");
  EXPECT_EQ(language("Hi, my boiler broke this morning. Regards, 田中 花子"), "(default)");
  EXPECT_EQ(language("Our ボイラー model is broken"), "(default)");
  EXPECT_EQ(language("Réf. 12: 故障"), "Chinese") << "two characters against one word";
  EXPECT_EQ(language("ab 故"), "(default)") << "a tie is not enough";
}

TEST(TextLanguage, MalformedBytesCountAsNothing) {
  EXPECT_EQ(language("\xE3\x81"), "(default)") << "a cut sequence";
  EXPECT_EQ(language("\xFF\xFEボイラー"), "Japanese");
}

cmd::Create create_from(const std::string& json) {
  auto decoded = protocol::decode_command(json);
  EXPECT_TRUE(std::holds_alternative<Command>(decoded)) << json;
  return std::holds_alternative<Command>(decoded) ? std::get<cmd::Create>(std::get<Command>(decoded)) : cmd::Create{};
}

std::string create_json(const std::string& subject, const std::string& body, const std::string& more = "") {
  return R"({"type":"create","subject":")" + subject + R"(","requester":{"name":"N","email":"n@example.com"},)" +
         R"("department":"support","body":")" + body + "\"" + more + "}";
}

TEST(TextLanguage, ACreateWithoutALanguageGetsTheOneItsTextIsWrittenIn) {
  EXPECT_EQ(create_from(create_json("ボイラーから異音がします", "今朝から異音がします。")).language, "Japanese");
  EXPECT_EQ(create_from(create_json("Boiler", "보일러에서 소리가 납니다")).language, "Korean") << "the body counts";
  EXPECT_EQ(create_from(create_json("My boiler is broken", "Since this morning.")).language, "English");
  EXPECT_EQ(create_from(create_json("ボイラー", "異音", R"(,"language":"German")")).language, "German")
      << "a language given is kept";
  EXPECT_EQ(create_from(create_json("ボイラー", "異音", R"(,"language":"")")).language, "") << "even an empty one";
}

}  // namespace
}  // namespace baton::testing
