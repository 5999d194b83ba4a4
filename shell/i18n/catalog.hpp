#pragma once
// A language's words: every string the workspace shows, by key, from a catalog file
// (assets/i18n/<code>.json, see assets/i18n/README.md). A key missing from a catalog falls back to
// English, then to the key itself, so a half-made catalog still shows words — and the tests fail
// on the missing key long before a user sees it.
#include <cstdint>
#include <initializer_list>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baton::shell::i18n {

// How a language picks a count's form (CLDR's cardinal rules for the languages a catalog may name).
enum class PluralRule {
  other,         // ja, zh, ko, vi, th: one form
  one_other,     // en, de, nl, sv, it, es...: 1 is "one"
  one_below_two, // fr, pt: 0 and 1 are "one"
  east_slavic,   // ru, uk: one (1, 21...), few (2-4, 22-24...), many
};

// A named value for a {placeholder}.
struct Arg {
  std::string_view name;
  std::string value;
  Arg(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
  Arg(std::string_view n, const char* v) : name(n), value(v) {}
  Arg(std::string_view n, std::int64_t v) : name(n), value(std::to_string(v)) {}
  Arg(std::string_view n, int v) : name(n), value(std::to_string(v)) {}
};
using Args = std::initializer_list<Arg>;

class Catalog {
 public:
  // Reads a catalog file's text; none (and `error` says why) when it is not one.
  static std::optional<Catalog> parse(std::string_view json, std::string* error = nullptr);

  const std::string& code() const { return code_; }  // "ja"
  const std::string& name() const { return name_; }  // "日本語", as the language calls itself
  PluralRule plural_rule() const { return rule_; }
  // Whether its words use characters beyond Latin, Greek and Cyrillic (the UI's own fonts then
  // need more glyphs: the Japanese UI's kana and kanji).
  bool beyond_latin() const { return beyond_latin_; }
  // Only the language's name so far (the page's first download): its words are fetched when it is
  // chosen (assets/lazy/i18n/<code>.json), English is shown until they arrive.
  bool lazy() const { return lazy_; }

  // One key's words as read: plain words or one text per plural form.
  struct Entry {
    std::string text;                          // plain words
    std::map<std::string, std::string, std::less<>> forms;  // or one text per plural form
    bool plain = true;                         // no {placeholder} (nor "{{") anywhere: nothing to fill
  };
  // The entry of `key` here, else in `fallback`; `owner` says which (its plural rule applies).
  const Entry* find(std::string_view key, const Catalog* fallback, const Catalog** owner) const;
  // The map's own copy of a found entry's key (lives as long as the catalog).
  const std::string* key_of(std::string_view key) const;
  // An entry's words, placeholders filled; a plural entry's by the form for `n` in `owner`'s language.
  static std::string words(const Entry& entry, std::span<const Arg> args);
  static std::string words(const Entry& entry, const Catalog& owner, std::int64_t n, Args args);

  // The words of `key`, placeholders filled; `fallback` is consulted for a key this one lacks.
  std::string text(std::string_view key, std::span<const Arg> args, const Catalog* fallback = nullptr) const;
  std::string text(std::string_view key, Args args = {}, const Catalog* fallback = nullptr) const {
    return text(key, std::span<const Arg>(args.begin(), args.size()), fallback);
  }
  // A count: the form of `key` for `n` ("1 sec ago", "19 secs ago"), with {n} and `args` filled.
  std::string count(std::string_view key, std::int64_t n, Args args = {}, const Catalog* fallback = nullptr) const;

  bool has(std::string_view key) const { return entries_.find(key) != entries_.end(); }
  std::vector<std::string> keys() const;
  // The placeholders a key's words use, each once, sorted (a test compares them across languages).
  std::vector<std::string> placeholders(std::string_view key) const;
  // The plural forms a key has ("one", "other"); empty for plain words.
  std::vector<std::string> forms(std::string_view key) const;

  // The form CLDR gives `n` in this language: "one", "few", "many" or "other".
  std::string_view form_for(std::int64_t n) const;

 private:
  std::string code_, name_;
  PluralRule rule_ = PluralRule::one_other;
  bool beyond_latin_ = false;
  bool lazy_ = false;
  // Hashed, looked up by string_view without a copy: a frame asks for a hundred words.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries_;
};

// {name} placeholders of `text` replaced by `args`' values ("{{" is a literal brace); unknown ones stay.
// A value with right-to-left letters goes in bidi-isolated (script::has_right_to_left): "דנה לוי · Awaiting
// agent" keeps the line's direction, whichever template and whichever language.
std::string fill(std::string_view text, std::span<const Arg> args);
inline std::string fill(std::string_view text, Args args) { return fill(text, std::span<const Arg>(args.begin(), args.size())); }

}  // namespace baton::shell::i18n
