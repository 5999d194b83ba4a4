#include "web_platform.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <emscripten.h>
#include <nlohmann/json.hpp>

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
// took to build here (the mirror's whole cost is measured by bench/page_bench.js).
EM_JS(void, js_publish_semantics, (const char* json, double built_ms), {
  if (window.batonSemantics) window.batonSemantics.publishText(UTF8ToString(json), built_ms);
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
                  placement.visible, placement.enabled, placement.font_size / scale_, placement.placeholder.c_str());
}

void WebPlatform::place_fields(const std::vector<shell::FieldPlacement>& fields) {
  if (fields == fields_placed_) return;  // most frames: nothing moved, nothing typed
  fields_placed_ = fields;
  nlohmann::json list = nlohmann::json::array();
  for (const shell::FieldPlacement& f : fields)
    list.push_back({{"id", f.id}, {"x", f.x / scale_}, {"y", f.y / scale_}, {"w", f.w / scale_}, {"h", f.h / scale_},
                    {"value", f.value}, {"placeholder", f.placeholder}, {"label", f.label}, {"password", f.password},
                    {"enabled", f.enabled}, {"focus", f.focus}, {"fontPx", f.font_size / scale_}, {"pad", f.padding / scale_}});
  js_place_fields(list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

// Compact: a key only when it says something (most nodes are texts and enabled buttons).
void WebPlatform::publish_semantics(const shell::sem::Frame& frame) {
  using shell::sem::Node;
  const double started = emscripten_get_now();
  nlohmann::json nodes = nlohmann::json::array();
  auto px = [&](float v) { return std::round(v / scale_ * 10) / 10; };
  for (const Node& n : frame.nodes) {
    if (n.part_of_item) continue;  // its item's name says it
    nlohmann::json j = {{"r", shell::sem::role_name(n.role)}, {"x", px(n.x)}, {"y", px(n.y)}, {"w", px(n.w)}, {"h", px(n.h)}};
    if (!n.key.empty()) j["k"] = n.key;
    if (!n.name.empty()) j["n"] = n.name;
    if (!n.spoken.empty()) j["s"] = n.spoken;
    if (!n.description.empty()) j["d"] = n.description;
    if (n.parent >= 0) j["p"] = n.parent;
    if (n.level) j["l"] = n.level;
    if (n.count) j["pos"] = n.position, j["of"] = n.count;
    if (!n.enabled) j["off"] = 1;
    if (n.selected) j["sel"] = 1;
    if (n.checked) j["chk"] = 1;
    if (n.expanded) j["exp"] = 1;
    if (n.has_popup) j["pop"] = 1;
    if (n.modal) j["modal"] = 1;
    if (n.font_size > 0) j["f"] = px(n.font_size);
    nodes.push_back(std::move(j));
  }
  // Indices skip the items' own texts: parents are renumbered to what was sent.
  std::vector<int> sent_index(frame.nodes.size(), -1);
  for (std::size_t i = 0, at = 0; i < frame.nodes.size(); ++i)
    if (!frame.nodes[i].part_of_item) sent_index[i] = static_cast<int>(at++);
  for (auto& j : nodes)
    if (j.contains("p")) j["p"] = sent_index[j["p"].get<int>()];
  nlohmann::json out = {{"screen", frame.screen}, {"nodes", std::move(nodes)}};
  if (!frame.focus.empty()) out["focus"] = frame.focus;
  for (const auto& said : frame.said) out["say"].push_back({{"t", said.text}, {"a", said.assertive ? 1 : 0}});
  std::string json = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (json == semantics_sent_) return;
  semantics_sent_ = std::move(json);
  js_publish_semantics(semantics_sent_.c_str(), emscripten_get_now() - started);
}

void WebPlatform::set_editor_text(const std::string& text) { js_set_editor_text(text.c_str()); }

}  // namespace baton::web
