#pragma once
// The workspace's words in the language in use: tr("key", {{"name", x}}), trn("key", n). One
// language at a time for the whole process, as Dear ImGui's context is one: the App switches it
// when the agent's choice, the browser or ?lang= says so; views and controllers only ask, on the
// UI's thread (what a frame looked up is remembered, unguarded).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"

namespace baton::shell::i18n {

// The catalogs a folder holds (assets/i18n/*.json). English is the fallback of every other.
class Languages {
 public:
  static Languages load(const std::string& folder);
  // A lazy catalog's whole words, read from `<folder>/../lazy/i18n/<code>.json` (where
  // Platform::fetch_asset("i18n/<code>.json") puts them) in its place; false if they are not there.
  bool complete(std::string_view code);
  static Languages of(std::vector<Catalog> catalogs);  // tests
  const Catalog* find(std::string_view code) const;
  const Catalog& english() const;
  std::vector<const Catalog*> all() const;  // in code order
  bool empty() const { return catalogs_.empty(); }

 private:
  std::vector<std::shared_ptr<const Catalog>> catalogs_;
  const Catalog* english_ = nullptr;  // every word's fallback, found once (a frame asks ~170 times)
  std::string folder_;
};

void set_languages(Languages languages);  // at start: the host's folder, or a test's catalogs
const Languages& languages();
bool use(std::string_view code);  // false (and nothing changes) without such a catalog
bool complete(std::string_view code);  // Languages::complete, and in use at once if it was chosen
const Catalog& current();         // English until use() says otherwise
// Changes whenever the words in use may have (use, set_languages, complete): words a caller keeps
// are good while it stays the same.
unsigned generation();
const std::string& lang();        // the code in use: "en"

std::string tr(std::string_view key, Args args = {});
// Whether the language in use (or English, its fallback) has words for `key`.
bool has(std::string_view key);
// Words whose placeholders are numbered, {0}, {1}..., filled with `args` in order: the core's
// error keys (reject.<key>) and their args.
std::string tr_numbered(std::string_view key, const std::vector<std::string>& args);
std::string trn(std::string_view key, std::int64_t n, Args args = {});

// Which language the workspace speaks: ?lang= first, then the agent's own choice, then the
// browser's (or the system's) languages in their order, then English. "ja-JP" matches "ja".
std::string choose(std::string_view override_code, std::string_view preference, const std::vector<std::string>& preferred,
                   const Languages& available);

}  // namespace baton::shell::i18n

namespace baton::shell {
using i18n::tr;
using i18n::trn;
}  // namespace baton::shell
