#include "text_script.hpp"
#include "views/ui.hpp"
#include "i18n/words.hpp"
#include "test_hook.hpp"

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "imgui_internal.h"

namespace baton::shell::hook {
namespace {

struct Frame {
  std::vector<Widget> widgets;
  std::vector<std::string> texts;
  std::string screen;
  int missing = 0;
};

// Characters drawn with the fallback glyph: texts may go through the platform's raster, labels not.
int count_missing(const Frame& frame) {
  int missing = 0;
  auto count = [&](const std::string& text, bool raster_too) {
    if (script::is_ascii(text)) return;
    for (char32_t c : script::code_points(text)) missing += !ui::has_glyph(c, raster_too);
  };
  for (const std::string& text : frame.texts) count(text, true);
  for (const Widget& w : frame.widgets)
    if (w.label_drawn) count(w.label, false);
  return missing;
}

Frame building, last;
int frame_count = 0;
Time applied_at = 0, drawn_at = 0;

// What a person reads on the item: without a leading icon glyph (FontAwesome's private-use
// code points) or a trailing menu arrow, so tests find "Lock", not its icon bytes.
std::string readable(std::string label) {
  auto icon_first = [&] {
    return label.size() >= 3 && static_cast<unsigned char>(label[0]) == 0xEF &&
           static_cast<unsigned char>(label[1]) >= 0x80 && static_cast<unsigned char>(label[1]) <= 0xA3;
  };
  while (icon_first()) label.erase(0, label.size() > 3 && label[3] == ' ' ? 4 : 3);
  const std::string arrow = " \xe2\x96\xbe";  // " ▾"
  if (label.size() >= arrow.size() && label.compare(label.size() - arrow.size(), arrow.size(), arrow) == 0)
    label.erase(label.size() - arrow.size());
  while (!label.empty() && label.front() == ' ') label.erase(0, 1);
  return label;
}

Widget from_last_item(ImGuiContext* ctx, ImGuiID id, const char* label) {
  const ImGuiLastItemData& item = ctx->LastItemData;
  Widget w;
  w.id = id;
  const std::string full = label ? label : "";
  const auto hashes = full.find("##");
  w.label = readable(full.substr(0, hashes));
  if (hashes == std::string::npos) w.name = w.label;
  else w.name = full.substr(full.find_first_not_of('#', hashes));
  w.x = item.Rect.Min.x;
  w.y = item.Rect.Min.y;
  w.w = item.Rect.GetWidth();
  w.h = item.Rect.GetHeight();
  w.enabled = !(item.ItemFlags & ImGuiItemFlags_Disabled);
  return w;
}

}  // namespace

void begin_frame() {
  building = Frame{};
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

void end_frame(const char* screen) {
  building.screen = screen;
  building.missing = count_missing(building);
  last = std::move(building);
  building = Frame{};
  ++frame_count;
}

void text(const std::string& text) {
  if (ImGui::IsItemVisible()) building.texts.push_back(text);
}

void name_last_item(const std::string& name, const std::string& label, bool enabled) {
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  const ImGuiID id = ctx->LastItemData.ID;
  for (auto it = building.widgets.rbegin(); it != building.widgets.rend(); ++it)
    if (id && it->id == id) {
      it->name = name;
      it->label = readable(label);
      it->enabled = enabled && it->enabled;
      it->label_drawn = false;
      return;
    }
  if (!ImGui::IsItemVisible()) return;
  Widget w = from_last_item(ctx, id, label.c_str());
  w.name = name;
  w.label = readable(label);
  w.enabled = enabled && w.enabled;
  building.widgets.push_back(std::move(w));
}

std::string snapshot_json(float scale) {
  nlohmann::json widgets = nlohmann::json::array();
  for (const Widget& w : last.widgets)
    widgets.push_back({{"id", w.name}, {"label", w.label}, {"x", w.x / scale}, {"y", w.y / scale},
                       {"w", w.w / scale}, {"h", w.h / scale}, {"enabled", w.enabled}});
  const nlohmann::json snapshot = {{"frame", frame_count}, {"screen", last.screen}, {"widgets", widgets},
                                   {"texts", last.texts}, {"applied_at", applied_at}, {"drawn_at", drawn_at},
                                   {"lang", i18n::lang()}, {"missing_glyphs", last.missing}};
  return snapshot.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int missing_glyphs() { return last.missing; }
void set_applied_at(Time at) { applied_at = at; }
void set_drawn_at(Time at) { drawn_at = at; }
int frames_drawn() { return frame_count; }
const std::vector<Widget>& widgets() { return last.widgets; }
const std::vector<std::string>& texts() { return last.texts; }
const std::string& screen() { return last.screen; }

}  // namespace baton::shell::hook

// Dear ImGui calls these for every item when TestEngineHookItems is set (imgui_internal.h).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (!id || ctx->LastItemData.ID != id) return;
  if (ctx->CurrentWindow && ctx->CurrentWindow->SkipItems) return;
  baton::shell::hook::Widget widget = baton::shell::hook::from_last_item(ctx, id, label);
  widget.label_drawn = true;
  baton::shell::hook::building.widgets.push_back(std::move(widget));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
