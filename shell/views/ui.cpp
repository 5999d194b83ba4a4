#include "../i18n/words.hpp"
#include "baton/names.hpp"
#include "ui.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../font_metrics.hpp"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "../text_script.hpp"
#include "icons.hpp"
#include "imgui_internal.h"
#include "misc/cpp/imgui_stdlib.h"

namespace baton::shell::ui {
namespace {

Fonts loaded;
float loaded_scale = 1.0f;
TextRaster* the_raster = nullptr;
float em_per_size = 1.0f;  // the main face's em over ImGui's size (its line): DejaVu Sans 1 / 1.164
// IsGlyphInFont remembered per font, one byte per code point of the Basic Multilingual Plane (0:
// not asked yet, 1: no, 2: yes): asked for every character of every non-ASCII text every frame.
std::unordered_map<const ImFont*, std::vector<std::uint8_t>> glyph_cache;
const ImFont* cached_font = nullptr;
std::vector<std::uint8_t>* cached_glyphs = nullptr;

bool imgui_has(ImFont* font, char32_t c) {
  if (!font || c >= 0x10000) return false;
  if (font != cached_font) {
    cached_glyphs = &glyph_cache[font];
    if (cached_glyphs->empty()) cached_glyphs->assign(0x10000, 0);
    cached_font = font;
  }
  std::uint8_t& known = (*cached_glyphs)[c];
  if (!known) known = font->IsGlyphInFont(static_cast<ImWchar>(c)) ? 2 : 1;
  return known == 2;
}

// Whether ImGui's one glyph per code point would draw this wrong: right to left, shaped, emoji
// sequences, or characters its faces lack (the page carries Latin, Greek and Cyrillic only).
bool for_raster(const std::string& s, ImFont* font) {
  if (!the_raster || script::is_ascii(s)) return false;
  for (std::size_t at = 0; at < s.size();) {
    const char32_t c = script::next_code_point(s, at);
    if (c >= 0x80 && (script::needs_shaping(c) || (!script::is_invisible(c) && !imgui_has(font, c)))) return true;
  }
  return false;
}

// `s` at the cursor as one item, drawn by the raster with the current font, size, colour and wrap
// position; false when ImGui should draw it (it can, or the raster has no image yet).
bool raster_text(const std::string& s) {
  if (!for_raster(s, ImGui::GetFont())) return false;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return true;
  const float wrap_pos = window->DC.TextWrapPos;
  const float wrap = wrap_pos < 0.0f ? 0.0f : ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos);
  const auto image = the_raster->render(s, {ImGui::GetFontSize(), ImGui::GetFont() == loaded.bold.font, wrap});
  if (!image) return false;
  const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
  const float top = pos.y + ImGui::GetFontBaked()->Ascent - image->ascent;
  const float bottom = std::max(top + image->height, pos.y + ImGui::GetTextLineHeight());
  const ImRect box(pos, ImVec2(pos.x + image->width, bottom));
  ImGui::ItemSize(box.GetSize(), 0.0f);
  if (!ImGui::ItemAdd(box, 0)) return true;
  window->DrawList->AddImage(ImTextureRef(static_cast<ImTextureID>(image->texture)), ImVec2(pos.x, top),
                             ImVec2(pos.x + image->width, top + image->height), ImVec2(0, 0), ImVec2(1, 1),
                             ImGui::GetColorU32(ImGuiCol_Text));
  return true;
}
constexpr float kTextSize = 15.0f, kHeadingSize = 19.0f, kSmallSize = 13.0f;  // CSS pixels

ImFont* add_font(const std::string& file, const std::string& icons, const std::vector<ExtraFont>& extras, ExtraFont::Weight weight) {
  ImGuiIO& io = ImGui::GetIO();
  static const ImWchar kIcons[] = {0xF000, 0xF2E0, 0};
  ImFontConfig text;
  text.OversampleH = 2;
  text.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(file.c_str(), kTextSize, &text);
  if (!font) return nullptr;
  ImFontConfig merge;
  merge.MergeMode = true;
  merge.GlyphMinAdvanceX = kTextSize;  // icons line up in columns (scaled with the size drawn)
  merge.GlyphOffset.y = kTextSize * 0.05f;
  io.Fonts->AddFontFromFileTTF(icons.c_str(), kTextSize * 0.9f, &merge, kIcons);
  const auto metrics = font::read_metrics_of_file(file);
  if (metrics && metrics->line_per_em() > 0) em_per_size = 1.0f / metrics->line_per_em();
  for (const ExtraFont& extra : extras) {  // merged into the font just added (ImGui merges into the last)
    if (extra.weight != ExtraFont::both && extra.weight != weight) continue;
    ImFontConfig more;
    more.MergeMode = true;
    more.FontNo = static_cast<ImU32>(extra.face);
    // Its em as large as DejaVu's: Noto Sans CJK at the same size draws ideographs a fifth smaller.
    const float size = font::merged_size(kTextSize, metrics, font::read_metrics_of_file(extra.path, extra.face));
    io.Fonts->AddFontFromFileTTF(extra.path.c_str(), size, &more);
  }
  return font;
}

}  // namespace

float FontFace::px() const { return size * loaded_scale; }

float FontFace::width(const std::string& text) const {
  if (for_raster(text, font))
    if (auto image = the_raster->render(text, {px(), font == loaded.bold.font, 0})) return image->width;
  return font->CalcTextSizeA(px(), FLT_MAX, 0, text.c_str()).x;
}

void push_font(const FontFace& face) { ImGui::PushFont(face.font, face.size); }

float em_px(float imgui_size) { return imgui_size * em_per_size; }

bool begin_modal(const std::string& title, float width, float height, bool& open, int flags, bool keep_centred) {
  const float s = scale();
  ImGui::OpenPopup(title.c_str());
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), keep_centred ? ImGuiCond_Always : ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(width, viewport->WorkSize.x - 40 * s),
                                  height > 0 ? std::min(height, viewport->WorkSize.y - 40 * s) : 0.0f), ImGuiCond_Always);
  if (!ImGui::BeginPopupModal(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | flags)) return false;
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) open = false;  // Escape closes a dialog, as Close does
  return true;
}

float content_right() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiWindow* window = g.CurrentWindow;
  const ImRect& region = (window->DC.CurrentColumns || g.CurrentTable) ? window->WorkRect : window->ContentRegionRect;
  return region.Max.x - window->Pos.x;
}

Fonts load_fonts(const std::string& folder, const std::vector<ExtraFont>& extras) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  glyph_cache.clear();
  cached_font = nullptr;
  cached_glyphs = nullptr;
  const std::string icons = folder + "/fontawesome.ttf";
  ImFont* regular = add_font(folder + "/DejaVuSans.ttf", icons, extras, ExtraFont::regular);
  ImFont* bold = add_font(folder + "/DejaVuSans-Bold.ttf", icons, extras, ExtraFont::bold);
#ifndef IMGUI_DISABLE_DEFAULT_FONT  // the page always has its files: it leaves ImGui's own font out
  if (!regular || !bold)  // no font files: ImGui's own font keeps the workspace usable
    regular = bold = io.Fonts->AddFontDefault();
#endif
  loaded = {{regular, kTextSize}, {bold, kTextSize}, {bold, kHeadingSize}, {regular, kSmallSize}};
  io.FontDefault = regular;
  return loaded;
}

const Fonts& fonts() { return loaded; }
float scale() { return loaded_scale; }

void apply_theme(float scale) {
  loaded_scale = scale;
  ImGuiStyle style;
  style.WindowPadding = {14, 12};
  style.FramePadding = {10, 6};
  style.ItemSpacing = {10, 8};
  style.ItemInnerSpacing = {6, 6};
  style.CellPadding = {8, 6};
  style.ScrollbarSize = 13;
  style.GrabMinSize = 12;
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameRounding = 5;
  style.PopupRounding = 6;
  style.GrabRounding = 4;
  style.TabRounding = 5;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
  style.PopupBorderSize = 1;
  style_colors(style, appearance().theme);
  style.ScaleAllSizes(scale);
  if (appearance().theme == Theme::contrast)  // outlines anyone can see: 2 CSS pixels, at any zoom
    style.ChildBorderSize = style.FrameBorderSize = style.PopupBorderSize = std::max(2.0f, std::round(2 * scale));
  style.FontScaleDpi = scale;  // every font size is in CSS pixels: glyphs are baked at size × scale
  ImGui::GetStyle() = style;
}

void set_text_raster(TextRaster* raster) { the_raster = raster; }

bool has_glyph(char32_t c, bool raster_too) {
  if (script::is_invisible(c)) return true;
  if (c < 0x10000 && !script::needs_shaping(c) && imgui_has(loaded.regular.font, c)) return true;
  return raster_too && the_raster && the_raster->covers(c);
}

void draw_text(ImDrawList* draw, const FontFace& face, ImVec2 at, ImU32 color, const std::string& s) {
  hook::text(s, true);  // inside the row: recorded when the row is on screen, named by it
  if (for_raster(s, face.font)) {
    if (auto image = the_raster->render(s, {face.px(), face.font == loaded.bold.font, 0})) {
      const float top = at.y + face.font->GetFontBaked(face.px())->Ascent - image->ascent;
      draw->AddImage(ImTextureRef(static_cast<ImTextureID>(image->texture)), ImVec2(at.x, top),
                     ImVec2(at.x + image->width, top + image->height), ImVec2(0, 0), ImVec2(1, 1), color);
      return;
    }
  }
  draw->AddText(face.font, face.px(), at, color, s.c_str());
}

void text(const std::string& s) {
  if (!raster_text(s)) ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
  hook::text(s);  // after the item: the hook records it when it is on screen
}

void text_colored(ImU32 color, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text(s);
  ImGui::PopStyleColor();
}

void text_wrapped(const std::string& s) {
  ImGui::PushTextWrapPos(0.0f);
  text(s);
  ImGui::PopTextWrapPos();
}

void text_muted(const std::string& s) { text_colored(palette().muted, s); }

void text_bold(const std::string& s) {
  push_font(fonts().bold);
  text(s);
  ImGui::PopFont();
}

void tooltip(const std::string& s) {
  // For screen readers the tip names a control drawn as an icon alone, else describes it.
  if (sem::Node* item = sem::last_item(); item && !s.empty()) {
    if (item->name.empty()) item->name = s;
    else if (item->description.empty() && item->name != s) item->description = s;
  }
  if (!s.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled | ImGuiHoveredFlags_DelayShort)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// A button whose label ImGui's glyphs cannot draw ("Ask 田中 to release" in the page): the frame
// is ImGui's, the label the raster's image, centred; the test hook still reads the label.
bool raster_button(const std::string& label, const ImVec2& size) {
  const std::size_t hashes = label.find("##");
  const std::string visible = label.substr(0, hashes);
  if (!for_raster(visible, ImGui::GetFont())) return ImGui::Button(label.c_str(), size);
  const auto image = the_raster->render(visible, {ImGui::GetFontSize(), ImGui::GetFont() == loaded.bold.font, 0});
  if (!image) return ImGui::Button(label.c_str(), size);
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const ImVec2 box(size.x > 0 ? size.x : image->width + padding.x * 2,
                   size.y > 0 ? size.y : std::max(ImGui::GetFrameHeight(), image->height + padding.y * 2));
  const std::string id = hashes == std::string::npos ? "##" + visible : label.substr(hashes);
  const bool pressed = ImGui::Button(id.c_str(), box);
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 at(min.x + (box.x - image->width) / 2, min.y + (box.y - image->height) / 2);
  ImGui::GetWindowDrawList()->AddImage(ImTextureRef(static_cast<ImTextureID>(image->texture)), at,
                                       ImVec2(at.x + image->width, at.y + image->height), ImVec2(0, 0), ImVec2(1, 1),
                                       ImGui::GetColorU32(ImGuiCol_Text));
  hook::name_last_item(id.substr(id.find_first_not_of('#')), visible);
  hook::text(visible, true);  // drawn by the raster: its glyphs are counted as the raster's
  return pressed;
}

namespace {
bool native_fields = false;
bool focus_next = false;
std::map<std::string, FieldInput>* field_inputs = nullptr;
std::vector<FieldPlacement> fields_placed;
}  // namespace

void begin_fields(bool native, std::map<std::string, FieldInput>* pending) {
  native_fields = native;
  field_inputs = pending;
  fields_placed.clear();
}

std::vector<FieldPlacement> end_fields() { return std::move(fields_placed); }

void focus_next_field() { focus_next = true; }

namespace {
// What ImGui's character filters would have refused, for text typed into the platform's field.
std::string filtered(std::string text, int flags) {
  if (flags & ImGuiInputTextFlags_CharsNoBlank) std::erase_if(text, [](char c) { return c == ' ' || c == '\t'; });
  return text;
}
}  // namespace

bool input_line(const std::string& id, const std::string& hint, std::string& value, int flags, bool* entered,
                const std::string& label) {
  if (entered) *entered = false;
  const std::string imgui_id = "##" + id;
  const bool focus = std::exchange(focus_next, false);
  if (!native_fields) {
    if (focus) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputTextWithHint(imgui_id.c_str(), hint.c_str(), &value, flags | ImGuiInputTextFlags_EnterReturnsTrue);
    if (entered) *entered = enter;
    const bool changed = ImGui::IsItemEdited();
    hook::name_last_item(id, label.empty() ? hint : label, (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) == 0);
    return changed || enter;
  }
  // What was typed since the last frame first, so the field placed below shows the same text.
  bool changed = false;
  if (field_inputs) {
    if (auto it = field_inputs->find(id); it != field_inputs->end()) {
      if (it->second.changed) {
        const std::string text = filtered(it->second.text, flags);
        changed = text != value;
        value = text;
      }
      if (entered) *entered = it->second.submitted;
      changed = changed || it->second.submitted;
      field_inputs->erase(it);
    }
  }
  // The platform's field over a frame ImGui lays out: the same size, so the layout does not move.
  const ImVec2 size(ImGui::CalcItemWidth(), ImGui::GetFrameHeight());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool disabled = (ImGui::GetCurrentContext()->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
  ImGui::InvisibleButton(imgui_id.c_str(), size);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  draw->AddRectFilled(pos, end, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
  if (style.FrameBorderSize > 0) draw->AddRect(pos, end, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding, 0, style.FrameBorderSize);
  hook::name_last_item(id, label.empty() ? hint : label, !disabled);
  sem::item_role(sem::Role::field);
  FieldPlacement field;
  field.id = id;
  field.x = pos.x, field.y = pos.y, field.w = size.x, field.h = size.y;
  field.value = value;
  field.placeholder = hint;
  field.label = label.empty() ? hint : label;
  field.password = (flags & ImGuiInputTextFlags_Password) != 0;
  field.enabled = !disabled;
  field.focus = focus;
  field.font_size = ImGui::GetFontSize();
  field.padding = style.FramePadding.x;
  fields_placed.push_back(std::move(field));
  return changed;
}

bool button(const std::string& label, const std::string& why, const ImVec2& size) {
  ImGui::BeginDisabled(!why.empty());
  const bool pressed = raster_button(label, size);
  ImGui::EndDisabled();
  if (!why.empty()) sem::item_description(why);  // a screen reader says why it cannot be used
  tooltip(why);
  return pressed && why.empty();
}

bool primary_button(const std::string& label, const std::string& why, const ImVec2& size) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_Button, p.primary);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.primary_hovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.primary_pressed);
  ImGui::PushStyleColor(ImGuiCol_Text, p.on_primary);
  const bool pressed = button(label, why, size);
  ImGui::PopStyleColor(4);
  return pressed;
}

namespace {

struct Pressed {
  std::string place;         // where it stood; empty: nothing pressed waits for its replacement
  ImGuiID id = 0, focus = 0;  // it, and the keyboard's focus just after it was pressed
  double at = 0;
};
Pressed pressed_at;

}  // namespace

void focus_follows(std::string_view place, bool pressed) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID id = ImGui::GetItemID();
  if (pressed) {
    pressed_at = {std::string(place), id, g.NavId, ImGui::GetTime()};
    return;
  }
  if (pressed_at.place != place || id == pressed_at.id) return;  // another place, or still waiting (the server)
  const bool still_there = g.NavId == pressed_at.id || g.NavId == pressed_at.focus || g.NavId == 0;
  if (still_there && ImGui::GetTime() - pressed_at.at < 10.0) {
    const bool visible = g.NavCursorVisible;  // SetFocusID may hide the cursor: it shows as it did
    ImGui::SetFocusID(id, ImGui::GetCurrentWindow());
    g.NavCursorVisible = visible;
    sem::want_focus();  // the page's mirror moves its focus there too
  }
  pressed_at = {};
}

void panel_background(ImU32 color, float height) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + ImGui::GetContentRegionAvail().x, min.y + height);
  ImGui::GetWindowDrawList()->AddRectFilled(min, max, color, 6.0f * scale());
}

std::string initials(const std::string& name) {
  std::string out;
  bool start = true;
  for (std::size_t i = 0; i < name.size() && out.size() < 2; ++i) {
    const unsigned char ch = name[i];
    if (ch == ' ') {
      start = true;
    } else if (start && ch < 0x80) {
      out += static_cast<char>(std::toupper(ch));
      start = false;
    } else {
      start = false;
    }
  }
  return out.empty() ? "?" : out;
}

std::string status_words(Status status) { return i18n::tr("status." + std::string(name_of(status))); }

std::string first_name(const std::string& name) { return name.substr(0, name.find(' ')); }

std::string byte_size(std::int64_t bytes) {
  char number[32];
  if (bytes < 1024) return i18n::trn("size.bytes", bytes);
  if (bytes < 1024 * 1024) return i18n::tr("size.kb", {{"n", (bytes + 512) / 1024}});
  std::snprintf(number, sizeof number, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return i18n::tr("size.mb", {{"n", std::string(number)}});
}

void initials_badge(const std::string& name, ImU32 background, ImU32 foreground) {
  const std::string letters = initials(name);
  ImFont* font = fonts().small.font;
  const float size = fonts().small.px();
  const ImVec2 text_size = font->CalcTextSizeA(size, FLT_MAX, 0, letters.c_str());
  const float d = std::max(text_size.x + size * 0.6f, size * 1.5f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 center(pos.x + d / 2, pos.y + line / 2);
  draw->AddCircleFilled(center, d / 2, background);
  draw->AddText(font, size, ImVec2(center.x - text_size.x / 2, center.y - text_size.y / 2), foreground, letters.c_str());
  ImGui::Dummy(ImVec2(d, line));
  hook::text(letters);
  tooltip(name);
}

}  // namespace baton::shell::ui
