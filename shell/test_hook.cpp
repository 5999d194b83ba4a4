#include "text_script.hpp"
#include "views/ui.hpp"
#include "i18n/words.hpp"
#include "test_hook.hpp"
#include "semantics.hpp"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "imgui_internal.h"

namespace baton::shell::hook {
namespace {

// The test hook's view of the last frame, derived from the semantic frame when a reader first asks
// (most frames nobody does: a user's workspace pays nothing for it).
struct Frame {
  std::vector<Widget> widgets;
  std::vector<std::string> texts;
  std::string screen;
  std::string lang;  // the language its words were drawn in (a language's words may arrive between frames)
  int missing = 0;
  bool derived = false;  // widgets, texts and missing filled from sem::last_frame()
};

// Characters drawn with the fallback glyph: texts may go through the platform's raster, labels not.
int count_missing(const Frame& frame) {
  int missing = 0;
  auto count = [&](const std::string& text, bool raster_too) {
    if (script::is_ascii(text)) return;
    for (std::size_t at = 0; at < text.size();) missing += !ui::has_glyph(script::next_code_point(text, at), raster_too);
  };
  for (const std::string& text : frame.texts) count(text, true);
  for (const Widget& w : frame.widgets)
    if (w.label_drawn) count(w.label, false);
  return missing;
}

Frame last;
int frame_count = 0;

// The last frame's widgets, texts and missing glyphs, from the semantic frame it recorded. The fonts
// are asked now rather than at the frame's end: a font that arrived since counts as there.
const Frame& derived() {
  if (last.derived) return last;
  last.widgets.clear();
  last.texts.clear();
  for (const sem::Node& n : sem::last_frame().nodes) {
    if (!n.drawn) continue;  // the tests' texts are what is on screen
    if (n.role == sem::Role::text || n.role == sem::Role::heading) last.texts.push_back(n.name);
    else if (n.is_item()) last.widgets.push_back({n.id, n.key, n.name, n.x, n.y, n.w, n.h, n.enabled, n.label_drawn});
  }
  last.missing = count_missing(last);
  last.derived = true;
  return last;
}
Time applied_at = 0, drawn_at = 0;

sem::Role role_of(ImGuiItemStatusFlags status) {
  if (status & ImGuiItemStatusFlags_Inputable) return sem::Role::field;
  if (status & ImGuiItemStatusFlags_Checkable) return sem::Role::checkbox;
  return sem::Role::button;
}

sem::Node from_last_item(ImGuiContext* ctx, ImGuiID id, const char* label) {
  const ImGuiLastItemData& item = ctx->LastItemData;
  sem::Node n;
  n.id = id;
  const std::string_view full = label ? label : "";
  const auto hashes = full.find("##");
  const std::string_view words = full.substr(0, hashes);
  n.name = readable(words);
  n.has_popup = words.ends_with(" \xe2\x96\xbe");  // "Assign ▾": opens a menu
  if (hashes == std::string_view::npos) n.key = n.name;
  else n.key = full.substr(full.find_first_not_of('#', hashes));
  ImRect shown = item.Rect;  // the part on screen: an item half scrolled out of its pane is cut
  if (ctx->CurrentWindow) shown.ClipWithFull(ctx->CurrentWindow->ClipRect);
  n.x = shown.Min.x;
  n.y = shown.Min.y;
  n.w = std::max(0.0f, shown.GetWidth());
  n.h = std::max(0.0f, shown.GetHeight());
  n.enabled = !(item.ItemFlags & ImGuiItemFlags_Disabled);
  n.role = role_of(item.StatusFlags);
  n.checked = (item.StatusFlags & ImGuiItemStatusFlags_Checked) != 0;
  n.expanded = (item.StatusFlags & ImGuiItemStatusFlags_Opened) != 0;
  return n;
}

}  // namespace

// What a person reads on the item: without a leading icon glyph (FontAwesome's private-use
// code points) or a trailing menu arrow, so tests find "Lock", not its icon bytes.
std::string readable(std::string_view label) {
  auto icon_first = [&] {
    return label.size() >= 3 && static_cast<unsigned char>(label[0]) == 0xEF &&
           static_cast<unsigned char>(label[1]) >= 0x80 && static_cast<unsigned char>(label[1]) <= 0xA3;
  };
  while (icon_first()) label.remove_prefix(label.size() > 3 && label[3] == ' ' ? 4 : 3);
  constexpr std::string_view arrow = " \xe2\x96\xbe";  // " ▾"
  if (label.ends_with(arrow)) label.remove_suffix(arrow.size());
  while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
  return std::string(label);
}

void begin_frame() {
  sem::begin_frame();
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

void end_frame(const char* screen) {
  sem::end_frame(screen);
  last.derived = false;
  last.screen = screen;
  last.lang = i18n::lang();
  ++frame_count;
}

void text(const std::string& text, bool part_of_item) {
  // Laid out in a scrolling region but scrolled out of its view: kept for the mirror, not drawn. (A
  // window ImGui skips laid nothing out: its last item is another's.)
  const bool visible = ImGui::IsItemVisible();
  if (!visible && (part_of_item || !sem::in_scrolling() || ImGui::GetCurrentWindow()->SkipItems)) return;
  sem::Node n;
  n.role = sem::Role::text;
  n.name = text;
  n.part_of_item = part_of_item;
  n.drawn = visible;
  if (!part_of_item) {
    const ImGuiLastItemData& item = ImGui::GetCurrentContext()->LastItemData;
    n.x = item.Rect.Min.x, n.y = item.Rect.Min.y, n.w = item.Rect.GetWidth(), n.h = item.Rect.GetHeight();
    n.font_size = ImGui::GetFontSize();
  }
  sem::add(std::move(n));
}

void name_last_item(const std::string& name, const std::string& label, bool enabled) {
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  if (sem::Node* n = sem::last_item(); n && ctx->LastItemData.ID) {
    n->key = name;
    n->name = readable(label);
    n->enabled = enabled && n->enabled;
    n->label_drawn = false;
    return;
  }
  if (!ImGui::IsItemVisible()) return;
  sem::Node n = from_last_item(ctx, ctx->LastItemData.ID, label.c_str());
  n.key = name;
  n.name = readable(label);
  n.enabled = enabled && n.enabled;
  sem::add(std::move(n));
}

std::string snapshot_json(float scale) {
  derived();
  nlohmann::json widgets = nlohmann::json::array();
  for (const Widget& w : last.widgets)
    widgets.push_back({{"id", w.name}, {"label", w.label}, {"x", w.x / scale}, {"y", w.y / scale},
                       {"w", w.w / scale}, {"h", w.h / scale}, {"enabled", w.enabled}});
  const nlohmann::json snapshot = {{"frame", frame_count}, {"screen", last.screen}, {"widgets", widgets},
                                   {"texts", last.texts}, {"applied_at", applied_at}, {"drawn_at", drawn_at},
                                   {"lang", last.lang}, {"missing_glyphs", last.missing}};
  return snapshot.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int missing_glyphs() { return derived().missing; }
void set_applied_at(Time at) { applied_at = at; }
void set_drawn_at(Time at) { drawn_at = at; }
int frames_drawn() { return frame_count; }
const std::vector<Widget>& widgets() { return derived().widgets; }
const std::vector<std::string>& texts() { return derived().texts; }
const std::string& screen() { return last.screen; }

}  // namespace baton::shell::hook

// Dear ImGui calls these for every item when TestEngineHookItems is set (imgui_internal.h).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (!id || ctx->LastItemData.ID != id) return;
  if (ctx->CurrentWindow && ctx->CurrentWindow->SkipItems) return;
  baton::shell::sem::Node node = baton::shell::hook::from_last_item(ctx, id, label);
  node.label_drawn = true;
  baton::shell::sem::add(std::move(node));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
