#include "catalog.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "../text_script.hpp"
#include "baton/utf8.hpp"

namespace baton::shell::i18n {
namespace {

using Json = nlohmann::json;

std::optional<PluralRule> parse_rule(const std::string& name) {
  if (name == "other") return PluralRule::other;
  if (name == "one_other") return PluralRule::one_other;
  if (name == "one_below_two") return PluralRule::one_below_two;
  if (name == "east_slavic") return PluralRule::east_slavic;
  return std::nullopt;
}

void collect_placeholders(std::string_view text, std::set<std::string>& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    const std::size_t end = text.find('}', i);
    if (end == std::string_view::npos) return;
    out.insert(std::string(text.substr(i + 1, end - i - 1)));
    i = end;
  }
}

}  // namespace

std::string fill(std::string_view text, std::span<const Arg> args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t brace = i;  // a plain loop: find_first_of calls memchr once per character
    while (brace < text.size() && text[brace] != '{' && text[brace] != '}') ++brace;
    if (brace == text.size()) brace = std::string_view::npos;
    out.append(text.substr(i, brace - i));  // the words up to the next brace, at once
    if (brace == std::string_view::npos) break;
    i = brace;
    const char c = text[i];
    if (i + 1 < text.size() && text[i + 1] == c) {  // "{{" or "}}": a literal brace
      out += c;
      i += 2;
      continue;
    }
    if (c == '{') {
      const std::size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, end - i - 1);
        const auto arg = std::find_if(args.begin(), args.end(), [&](const Arg& a) { return a.name == name; });
        if (arg != args.end()) {
          // A customer's right-to-left name or words keep their direction, and the line the UI's.
          const bool isolate = script::has_right_to_left(arg->value);
          if (isolate) out += "\u2068";  // FSI
          out += arg->value;
          if (isolate) out += "\u2069";  // PDI
          i = end + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

std::optional<Catalog> Catalog::parse(std::string_view text, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Catalog> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  const Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return fail("not a JSON object");
  Catalog out;
  const Json meta = json.value("_meta", Json::object());
  if (!meta.is_object() || !meta.contains("code") || !meta["code"].is_string()) return fail("_meta.code is missing");
  out.code_ = meta["code"].get<std::string>();
  out.name_ = meta.value("name", out.code_);
  const auto rule = parse_rule(meta.value("plural", std::string("one_other")));
  if (!rule) return fail("_meta.plural is not one of other, one_other, one_below_two, east_slavic");
  out.rule_ = *rule;
  out.lazy_ = meta.value("lazy", false);
  out.beyond_latin_ = meta.value("beyond_latin", false);  // a lazy catalog's, said by the build
  for (const auto& [key, value] : json.items()) {
    if (key == "_meta") continue;
    Entry entry;
    if (value.is_string()) {
      entry.text = value.get<std::string>();
    } else if (value.is_object()) {
      for (const auto& [form, words] : value.items()) {
        if (!words.is_string()) return fail("'" + key + "." + form + "' is not a string");
        entry.forms[form] = words.get<std::string>();
      }
      if (!entry.forms.count("other")) return fail("'" + key + "' has no \"other\" form");
    } else {
      return fail("'" + key + "' is neither words nor plural forms");
    }
    auto beyond = [](const std::string& words) {
      // What the first download's fonts lack: the ranges assets/CMakeLists.txt cuts (TEXT_RANGES).
      auto covered = [](char32_t c) {
        return c < 0x180 || (c >= 0x2010 && c <= 0x206F) || (c >= 0x2190 && c <= 0x21FF) ||
               (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x25FF);
      };
      for (std::size_t i = 0; i < words.size();)
        if (!covered(next_code_point(words, i))) return true;
      return false;
    };
    auto fills = [](const std::string& words) { return words.find_first_of("{}") != std::string::npos; };
    entry.plain = !fills(entry.text);
    for (const auto& [form, words] : entry.forms) entry.plain = entry.plain && !fills(words);
    out.beyond_latin_ = out.beyond_latin_ || beyond(entry.text);
    for (const auto& [form, words] : entry.forms) out.beyond_latin_ = out.beyond_latin_ || beyond(words);
    out.entries_.emplace(key, std::move(entry));
  }
  return out;
}

const Catalog::Entry* Catalog::find(std::string_view key, const Catalog* fallback, const Catalog** owner) const {
  if (auto it = entries_.find(key); it != entries_.end()) {
    *owner = this;
    return &it->second;
  }
  if (fallback && fallback != this) return fallback->find(key, nullptr, owner);
  return nullptr;
}

const std::string* Catalog::key_of(std::string_view key) const {
  const auto it = entries_.find(key);
  return it != entries_.end() ? &it->first : nullptr;
}

std::string Catalog::words(const Entry& entry, std::span<const Arg> args) {
  const std::string& words = entry.forms.empty() ? entry.text : entry.forms.at("other");
  return entry.plain ? words : fill(words, args);
}

std::string Catalog::words(const Entry& entry, const Catalog& owner, std::int64_t n, Args args) {
  std::vector<Arg> all{Arg("n", n)};
  all.insert(all.end(), args.begin(), args.end());
  if (entry.forms.empty()) return fill(entry.text, all);
  const auto form = entry.forms.find(owner.form_for(n));
  return fill(form != entry.forms.end() ? form->second : entry.forms.at("other"), all);
}

std::string Catalog::text(std::string_view key, std::span<const Arg> args, const Catalog* fallback) const {
  const Catalog* owner = nullptr;
  const Entry* entry = find(key, fallback, &owner);
  return entry ? words(*entry, args) : std::string(key);
}

std::string Catalog::count(std::string_view key, std::int64_t n, Args args, const Catalog* fallback) const {
  const Catalog* owner = nullptr;
  const Entry* entry = find(key, fallback, &owner);
  return entry ? words(*entry, *owner, n, args) : std::string(key);
}

std::string_view Catalog::form_for(std::int64_t n) const {
  const std::int64_t a = n < 0 ? -n : n;
  switch (rule_) {
    case PluralRule::other: return "other";
    case PluralRule::one_other: return a == 1 ? "one" : "other";
    case PluralRule::one_below_two: return a < 2 ? "one" : "other";
    case PluralRule::east_slavic:
      if (a % 10 == 1 && a % 100 != 11) return "one";
      if (a % 10 >= 2 && a % 10 <= 4 && (a % 100 < 12 || a % 100 > 14)) return "few";
      return "many";
  }
  return "other";
}

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, entry] : entries_) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Catalog::placeholders(std::string_view key) const {
  std::set<std::string> found;
  if (auto it = entries_.find(key); it != entries_.end()) {
    collect_placeholders(it->second.text, found);
    for (const auto& [form, words] : it->second.forms) collect_placeholders(words, found);
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> Catalog::forms(std::string_view key) const {
  std::vector<std::string> out;
  if (auto it = entries_.find(key); it != entries_.end())
    for (const auto& [form, words] : it->second.forms) out.push_back(form);
  return out;
}

}  // namespace baton::shell::i18n
