#pragma once
// The language a customer wrote in, told from the script of the text, for a ticket created without
// one (mail and POST /api/inbound rarely say): kana is Japanese, hangul Korean, Han characters
// alone Chinese, when those characters outnumber the words in other scripts (a character says
// about what a word does): "Error code E42 が表示されています" is Japanese, an English mail signed
// 田中 花子 is not. Every other script (Latin, Cyrillic, Arabic...) is written in many languages, so
// it tells nothing and the default ("English") applies. Pure; tested in tests/core.
#include <optional>
#include <string_view>

namespace baton {

// "Japanese", "Korean" or "Chinese" (the names tickets carry, as "English" or "German"); none when
// the script does not tell. `utf8`: the subject and the body; malformed bytes count as nothing.
std::optional<std::string_view> language_of_text(std::string_view utf8);

}  // namespace baton
