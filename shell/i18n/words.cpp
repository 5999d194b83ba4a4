#include "words.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace baton::shell::i18n {
namespace {

Languages& the_languages() {
  static Languages languages;
  return languages;
}

const Catalog*& the_current() {
  static const Catalog* current = nullptr;
  return current;
}

// The built-in last resort, so a host without catalog files still shows keys, never crashes.
const Catalog& empty_english() {
  static const Catalog english = *Catalog::parse(R"({"_meta": {"code": "en", "name": "English"}})");
  return english;
}

// A file's bytes through C stdio: std::ifstream would link iostreams and locales into the page
// (about 20 KB of its gzip download) for nothing else.
std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return std::nullopt;
  std::string text;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, file)) > 0;) text.append(chunk, n);
  std::fclose(file);
  return text;
}

// The entries a frame asks for, remembered by where their key lives: a frame asks for ~170 words,
// nearly all by string literals, and a catalog's hash lookup (hashing the key, then a node far away
// in memory) was a tenth of a frame's cost. A slot is checked against the catalog's own copy of the
// key, so a key built in a buffer another key once used is never mistaken for it. Emptied whenever
// a catalog in use may change (use, set_languages, complete).
class Memo {
 public:
  const Catalog::Entry* find(std::string_view key, const Catalog& current, const Catalog& english, const Catalog** owner) {
    Slot& slot = slots_[(reinterpret_cast<std::uintptr_t>(key.data()) >> 3 ^ key.size()) % kSlots];
    if (slot.key && slot.at == key.data() && *slot.key == key) {
      *owner = slot.owner;
      return slot.entry;
    }
    const Catalog::Entry* entry = current.find(key, &english, owner);
    if (entry) slot = {key.data(), (*owner)->key_of(key), entry, *owner};
    return entry;
  }
  void clear() { slots_.fill({}); }

 private:
  static constexpr std::size_t kSlots = 512;
  struct Slot {
    const char* at = nullptr;          // where the key was (compared, never read through)
    const std::string* key = nullptr;  // the catalog's copy
    const Catalog::Entry* entry = nullptr;
    const Catalog* owner = nullptr;
  };
  std::array<Slot, kSlots> slots_{};
};

Memo& memo() {
  static Memo memo;
  return memo;
}

unsigned the_generation = 0;

// The words in use may change: what was remembered of them is forgotten.
void words_changed() {
  memo().clear();
  ++the_generation;
}

std::string primary(std::string_view code) {
  std::string out(code.substr(0, code.find_first_of("-_")));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

Languages Languages::load(const std::string& folder) {
  std::vector<Catalog> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() != ".json") continue;
    auto text = read_file(entry.path());
    if (!text) continue;
    if (auto catalog = Catalog::parse(*text)) found.push_back(std::move(*catalog));
  }
  Languages out = of(std::move(found));
  out.folder_ = folder;
  return out;
}

bool Languages::complete(std::string_view code) {
  for (auto& catalog : catalogs_) {
    if (catalog->code() != code || !catalog->lazy()) continue;
    const auto text = read_file(std::filesystem::path(folder_).parent_path() / "lazy" / "i18n" / (std::string(code) + ".json"));
    if (!text) return false;
    auto whole = Catalog::parse(*text);
    if (!whole || whole->code() != code || whole->lazy()) return false;
    catalog = std::make_shared<const Catalog>(std::move(*whole));
    english_ = find("en");
    return true;
  }
  return false;
}

Languages Languages::of(std::vector<Catalog> catalogs) {
  Languages out;
  std::sort(catalogs.begin(), catalogs.end(), [](const Catalog& a, const Catalog& b) { return a.code() < b.code(); });
  for (Catalog& c : catalogs) out.catalogs_.push_back(std::make_shared<const Catalog>(std::move(c)));
  out.english_ = out.find("en");
  return out;
}

const Catalog* Languages::find(std::string_view code) const {
  for (const auto& c : catalogs_)
    if (c->code() == code) return c.get();
  return nullptr;
}

const Catalog& Languages::english() const { return english_ ? *english_ : empty_english(); }

std::vector<const Catalog*> Languages::all() const {
  std::vector<const Catalog*> out;
  for (const auto& c : catalogs_) out.push_back(c.get());
  return out;
}

void set_languages(Languages languages) {
  words_changed();
  const std::string was = lang();
  the_languages() = std::move(languages);
  the_current() = nullptr;
  use(was);
}

const Languages& languages() { return the_languages(); }

bool use(std::string_view code) {
  const Catalog* catalog = the_languages().find(code);
  if (!catalog) return false;
  words_changed();
  the_current() = catalog;
  return true;
}

bool complete(std::string_view code) {
  const bool in_use = lang() == code;
  words_changed();  // the name-only catalog is replaced
  if (!the_languages().complete(code)) return false;
  if (in_use) use(code);  // the pointer to the name-only catalog is gone
  return true;
}

const Catalog& current() {
  const Catalog* c = the_current();
  return c ? *c : the_languages().english();
}

const std::string& lang() { return current().code(); }

unsigned generation() { return the_generation; }

std::string tr(std::string_view key, Args args) {
  const Catalog* owner = nullptr;
  const Catalog::Entry* entry = memo().find(key, current(), the_languages().english(), &owner);
  return entry ? Catalog::words(*entry, std::span<const Arg>(args.begin(), args.size())) : std::string(key);
}

bool has(std::string_view key) { return current().has(key) || the_languages().english().has(key); }

std::string tr_numbered(std::string_view key, const std::vector<std::string>& args) {
  static const char* const kNames[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  std::vector<Arg> named;
  for (std::size_t i = 0; i < args.size() && i < std::size(kNames); ++i) named.emplace_back(kNames[i], args[i]);
  return current().text(key, std::span<const Arg>(named), &the_languages().english());
}

std::string trn(std::string_view key, std::int64_t n, Args args) {
  const Catalog* owner = nullptr;
  const Catalog::Entry* entry = memo().find(key, current(), the_languages().english(), &owner);
  return entry ? Catalog::words(*entry, *owner, n, args) : std::string(key);
}

std::string choose(std::string_view override_code, std::string_view preference, const std::vector<std::string>& preferred,
                   const Languages& available) {
  auto known = [&](std::string_view code) { return !code.empty() && available.find(primary(code)); };
  if (known(override_code)) return primary(override_code);
  if (known(preference)) return primary(preference);
  for (const std::string& code : preferred)
    if (known(code)) return primary(code);
  return "en";
}

}  // namespace baton::shell::i18n
