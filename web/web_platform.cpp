#include "web_platform.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <emscripten.h>
#include <nlohmann/json.hpp>

#include "views/ui.hpp"

// The JavaScript side of each call lives in web/page.js (window.batonPage); these are thin bridges.
EM_JS(double, js_now, (), { return Date.now(); });
EM_JS(int, js_utc_offset, (double at), { return -new Date(at).getTimezoneOffset(); });
EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });
EM_JS(void, js_clipboard_write, (const char* text), { window.batonPage.copy(UTF8ToString(text)); });
// The bytes as they are (an attachment may be any file, not text).
EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int size), {
  window.batonPage.download(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(data, data + size));
});
EM_JS(void, js_place_editor, (double x, double y, double w, double h, int visible, int enabled, double font_px,
                              const char* placeholder), {
  window.batonPage.placeEditor(x, y, w, h, !!visible, !!enabled, font_px, UTF8ToString(placeholder));
});
// The one-line fields of this frame as JSON (page.js's placeFields lays, fills and focuses them).
EM_JS(void, js_place_fields, (const char* json), { window.batonPage.placeFields(JSON.parse(UTF8ToString(json))); });
// The frame's semantics as JSON (web/semantics.js mirrors them in the DOM), with how long the JSON
// took to build here (the mirror's whole cost is measured by bench/page_bench.js). 0: the mirror
// could not take it whole.
EM_JS(int, js_publish_semantics, (const char* json, double built_ms), {
  return window.batonSemantics && window.batonSemantics.publishText(UTF8ToString(json), built_ms) ? 1 : 0;
});
EM_JS(void, js_set_editor_text, (const char* text), { window.batonPage.setEditorText(UTF8ToString(text)); });

// navigator.languages, best first, one per line.
EM_JS(char*, js_languages, (), {
  var list = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || "en"];
  var text = list.join("\n");
  var size = lengthBytesUTF8(text) + 1;
  var out = _malloc(size);
  stringToUTF8(text, out, size);
  return out;
});
EM_JS(char*, js_lang_param, (), {
  var value = new URLSearchParams(location.search).get("lang") || "";
  var size = lengthBytesUTF8(value) + 1;
  var out = _malloc(size);
  stringToUTF8(value, out, size);
  return out;
});
// assets/lazy/NAME from the server into the module's file system, then _baton_asset_fetched(id, ok).
EM_JS(void, js_fetch_asset, (const char* name, int id), {
  var file = UTF8ToString(name);
  fetch("assets/lazy/" + file)
    .then(function(r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
    .then(function(buffer) {
      var path = "/assets/lazy/" + file;
      FS.mkdirTree(path.substring(0, path.lastIndexOf("/")));
      FS.writeFile(path, new Uint8Array(buffer));
      _baton_asset_fetched(id, 1);
    })
    .catch(function(e) { console.warn("baton: " + file + ": " + e.message); _baton_asset_fetched(id, 0); });
});

// The media queries the workspace's looks follow, asked once; a change pokes the runner, so the
// next animation frame draws in the new theme. Bits: dark, more contrast, forced colours, less motion.
EM_JS(int, js_system_look, (), {
  if (!Module.batonLook) {
    Module.batonLook = ["(prefers-color-scheme: dark)", "(prefers-contrast: more)", "(forced-colors: active)",
                        "(prefers-reduced-motion: reduce)"].map(function(query) {
      var list = window.matchMedia(query);
      list.addEventListener("change", function() { _baton_activity(); });
      return list;
    });
  }
  var bits = 0;
  Module.batonLook.forEach(function(list, i) { if (list.matches) bits |= 1 << i; });
  return bits;
});
// The theme for the page's own elements (web/index.html styles [data-theme]).
EM_JS(void, js_show_theme, (const char* theme), { document.documentElement.dataset.theme = UTF8ToString(theme); });
// The browser's default font size (its "font size" setting; `medium` is that size whatever the page
// sets) over 16 px, measured again on each resize: the workspace's text follows it.
EM_JS(double, js_text_size, (), {
  if (Module.batonTextSize === undefined) {
    var measure = function() {
      var probe = document.createElement("div");
      probe.style.cssText = "position:absolute;visibility:hidden;font-size:medium";
      document.body.appendChild(probe);
      Module.batonTextSize = (parseFloat(getComputedStyle(probe).fontSize) || 16) / 16;
      probe.remove();
    };
    measure();
    window.addEventListener("resize", measure);
  }
  return Module.batonTextSize;
});

namespace baton::web {

namespace {
std::string take(char* text) {
  std::string out(text ? text : "");
  std::free(text);
  return out;
}
}  // namespace

std::vector<std::string> WebPlatform::preferred_languages() {
  std::vector<std::string> out;
  const std::string text = take(js_languages());
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string WebPlatform::language_override() { return take(js_lang_param()); }

shell::SystemLook WebPlatform::system_look() {
  const int bits = js_system_look();
  return {(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0};
}

void WebPlatform::show_appearance(const shell::Appearance& appearance) {
  js_show_theme(std::string(shell::theme_name(appearance.theme)).c_str());
}

float WebPlatform::text_size() { return std::clamp(static_cast<float>(js_text_size()), 0.5f, 3.0f); }

void WebPlatform::fetch_asset(const std::string& name, std::function<void(bool ok)> done) {
  const int id = ++next_fetch_;
  fetching_[id] = std::move(done);
  js_fetch_asset(name.c_str(), id);
}

void WebPlatform::asset_fetched(int id, bool ok) {
  auto it = fetching_.find(id);
  if (it == fetching_.end()) return;
  auto done = std::move(it->second);
  fetching_.erase(it);
  done(ok);
}

Time WebPlatform::now_ms() { return static_cast<Time>(js_now()); }

int WebPlatform::utc_offset_minutes(Time at) { return js_utc_offset(static_cast<double>(at)); }

void WebPlatform::set_title(const std::string& title) {
  if (title == title_) return;
  title_ = title;
  js_set_title(title.c_str());
}

void WebPlatform::copy_to_clipboard(const std::string& text) { js_clipboard_write(text.c_str()); }

std::string WebPlatform::save_file(const std::string& name, const std::string& mime, const std::string& content) {
  js_download(name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
  return "your browser's downloads";
}

void WebPlatform::place_editor(const shell::EditorPlacement& placement) {
  if (placement == placed_) return;  // the DOM is touched only when something moved
  placed_ = placement;
  js_place_editor(placement.x / scale_, placement.y / scale_, placement.w / scale_, placement.h / scale_,
                  placement.visible, placement.enabled, shell::ui::em_px(placement.font_size) / scale_, placement.placeholder.c_str());
}

void WebPlatform::place_fields(const std::vector<shell::FieldPlacement>& fields) {
  if (fields == fields_placed_) return;  // most frames: nothing moved, nothing typed
  fields_placed_ = fields;
  nlohmann::json list = nlohmann::json::array();
  for (const shell::FieldPlacement& f : fields)
    list.push_back({{"id", f.id}, {"x", f.x / scale_}, {"y", f.y / scale_}, {"w", f.w / scale_}, {"h", f.h / scale_},
                    {"value", f.value}, {"placeholder", f.placeholder}, {"label", f.label}, {"password", f.password},
                    {"enabled", f.enabled}, {"focus", f.focus}, {"fontPx", shell::ui::em_px(f.font_size) / scale_}, {"pad", f.padding / scale_}});
  js_place_fields(list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

// One node as the mirror reads it (web/semantics.js). Compact: a key only when it says something
// (most nodes are texts and enabled buttons). `up`: how many nodes back its parent was sent.
static std::string node_json(const shell::sem::Node& n, float x, float y, float scale, int up, bool keep) {
  auto px = [&](float v) { return std::round(v / scale * 10) / 10; };
  nlohmann::json j = {{"r", shell::sem::role_name(n.role)}, {"x", px(x)}, {"y", px(y)}, {"w", px(n.w)}, {"h", px(n.h)}};
  if (!n.key.empty()) j["k"] = n.key;
  if (!n.name.empty()) j["n"] = n.name;
  if (!n.spoken.empty()) j["s"] = n.spoken;
  if (!n.description.empty()) j["d"] = n.description;
  if (up) j["up"] = up;
  if (n.level) j["l"] = n.level;
  if (n.count) j["pos"] = n.position, j["of"] = n.count;
  if (!n.enabled) j["off"] = 1;
  if (n.selected) j["sel"] = 1;
  if (n.checked) j["chk"] = 1;
  if (n.expanded) j["exp"] = 1;
  if (n.has_popup) j["pop"] = 1;
  if (n.modal) j["modal"] = 1;
  if (n.font_size > 0) j["f"] = px(shell::ui::em_px(n.font_size));  // the mirror's text over the drawn letters
  if (n.scrolls) j["sy"] = px(n.scroll_y), j["sh"] = px(n.scroll_h);
  if (keep) j["keep"] = 1;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Inside a scrolling region (the thread, History) nodes are placed in their parent: the region's
// whole content (its top-left before scrolling), or the container they are in. So scrolling
// changes nothing inside, only the region's `sy`; and each outermost keyed container in a region
// (a message, a History line) is a kept subtree: when its nodes are what the mirror already holds,
// it is sent alone with "same" and the mirror keeps what it holds. A long conversation costs its
// length once, not every frame.
void WebPlatform::publish_semantics(const shell::sem::Frame& frame) {
  using shell::sem::Node;
  const double started = emscripten_get_now();
  const std::vector<Node>& all = frame.nodes;
  const int count = static_cast<int>(all.size());
  std::vector<int> region(count, -1), kept(count, -1), sent(count, -1);
  for (int i = 0; i < count; ++i) {
    const int p = all[i].parent;
    if (p < 0) continue;
    region[i] = all[p].scrolls ? p : region[p];
    if (kept[p] >= 0) kept[i] = kept[p];
    else if (region[i] >= 0 && !all[i].key.empty() && shell::sem::is_container(all[i].role)) kept[i] = i;
  }
  auto json_of = [&](int i, int at, bool keep) {
    const Node& n = all[i];
    const int p = n.parent, r = region[i];
    float x = n.x, y = n.y;
    if (r >= 0 && p == r) x -= all[r].x, y += all[r].scroll_y - all[r].y;
    else if (r >= 0) x -= all[p].x, y -= all[p].y;
    return node_json(n, x, y, scale_, p >= 0 ? at - sent[p] : 0, keep);
  };
  std::string nodes;
  std::map<std::string, std::string> subtrees;
  int at = 0;  // the index the next node is sent at
  for (int i = 0; i < count;) {
    if (all[i].part_of_item) {  // its item's name says it
      ++i;
      continue;
    }
    if (!nodes.empty()) nodes += ',';
    if (kept[i] != i) {
      sent[i] = at;
      nodes += json_of(i, at++, false);
      ++i;
      continue;
    }
    sent[i] = at;
    std::string root = json_of(i, at++, true);
    std::string inner;
    int inside = at, end = i + 1;
    for (; end < count && kept[end] == i; ++end) {
      if (all[end].part_of_item) continue;
      sent[end] = inside;
      inner += ',' + json_of(end, inside++, false);
    }
    const std::string key = std::string(shell::sem::role_name(all[i].role)) + ':' + all[i].key;
    const auto known = subtrees_sent_.find(key);
    if (known != subtrees_sent_.end() && known->second == inner) {
      root.insert(root.size() - 1, ",\"same\":1");
      nodes += root;
    } else {
      nodes += root + inner;
      at = inside;
    }
    subtrees[key] = std::move(inner);
    i = end;
  }
  std::string json = "{\"screen\":" + nlohmann::json(frame.screen).dump() + ",\"nodes\":[" + nodes + "]";
  if (!frame.focus.empty()) json += ",\"focus\":" + nlohmann::json(frame.focus).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!frame.said.empty()) {
    nlohmann::json said = nlohmann::json::array();
    for (const auto& s : frame.said) said.push_back({{"t", s.text}, {"a", s.assertive ? 1 : 0}});
    json += ",\"say\":" + said.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  json += '}';
  subtrees_sent_ = std::move(subtrees);
  if (json == semantics_sent_) return;
  semantics_sent_ = std::move(json);
  if (!js_publish_semantics(semantics_sent_.c_str(), emscripten_get_now() - started)) {  // the mirror could not take it whole: all of it next time
    semantics_sent_.clear();
    subtrees_sent_.clear();
  }
}

void WebPlatform::set_editor_text(const std::string& text) { js_set_editor_text(text.c_str()); }

}  // namespace baton::web
