#pragma once
// Drawing helpers every view uses: the theme's colours, the fonts, text that the test hook sees,
// and buttons that are greyed out with the core's reason as their tooltip.
#include <map>
#include <string>
#include <vector>

#include "../platform.hpp"
#include "../text_raster.hpp"
#include "baton/model.hpp"
#include "imgui.h"

namespace baton::shell::ui {

// A face at a size in CSS pixels; drawn at size × scale() device pixels. Dear ImGui 1.92 bakes each
// glyph when it is first drawn at a size, so sizes cost nothing until used.
struct FontFace {
  ImFont* font = nullptr;
  float size = 15.0f;
  float px() const;                             // the size in device pixels, for ImDrawList
  float width(const std::string& text) const;  // one line of `text`, in device pixels
};

struct Fonts {
  FontFace regular, bold, heading, small;
};

// A font file merged into the faces after DejaVu Sans and the icons: the desktop's whole Noto Sans
// CJK and Symbola, the page's cut of the Japanese UI's own characters. `face`: index in a .ttc.
struct ExtraFont {
  enum Weight { both, regular, bold };
  std::string path;
  int face = 0;
  Weight weight = both;  // merged into which of the two faces
  bool operator==(const ExtraFont&) const = default;
};

// Loads DejaVu Sans (regular, bold) with FontAwesome and `extras` merged. Files are looked up in
// `folder`. Sizes and the scale change without loading again; between frames only (it replaces
// the faces: a new extra font means loading again).
Fonts load_fonts(const std::string& folder, const std::vector<ExtraFont>& extras = {});
// The theme at `scale` (device pixels per CSS pixel times the chosen text size): spacing, and the
// global font scale.
void apply_theme(float scale);
const Fonts& fonts();
float scale();  // device pixels per CSS pixel (and the text size factor)
void push_font(const FontFace& face);  // ImGui::PopFont() ends it
// The right edge of the content region in window coordinates (for SameLine(right - width)).
float content_right();

// State colours, always paired with an icon or a word.
namespace color {
inline constexpr ImU32 background = IM_COL32(246, 248, 250, 255);  // the window behind everything
inline constexpr ImU32 text = IM_COL32(31, 35, 40, 255);
inline constexpr ImU32 muted = IM_COL32(99, 108, 118, 255);
inline constexpr ImU32 accent = IM_COL32(37, 99, 235, 255);
inline constexpr ImU32 locked_bg = IM_COL32(255, 243, 205, 255);
inline constexpr ImU32 locked_fg = IM_COL32(138, 90, 0, 255);
inline constexpr ImU32 mine_bg = IM_COL32(219, 234, 254, 255);
inline constexpr ImU32 mine_fg = IM_COL32(30, 64, 175, 255);
inline constexpr ImU32 stale_bg = IM_COL32(254, 226, 213, 255);
inline constexpr ImU32 stale_fg = IM_COL32(166, 52, 12, 255);
inline constexpr ImU32 note_bg = IM_COL32(255, 250, 225, 255);
inline constexpr ImU32 reply_bg = IM_COL32(239, 246, 255, 255);
inline constexpr ImU32 customer_bg = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 draft_bg = IM_COL32(246, 243, 255, 255);
inline constexpr ImU32 border = IM_COL32(216, 222, 228, 255);
inline constexpr ImU32 live = IM_COL32(26, 127, 55, 255);
inline constexpr ImU32 waiting = IM_COL32(191, 135, 0, 255);
inline constexpr ImU32 offline = IM_COL32(207, 34, 46, 255);
inline constexpr ImU32 error = IM_COL32(190, 30, 45, 255);
}  // namespace color

// The platform's raster for text ImGui cannot lay out (text_raster.hpp), for this frame; null: none.
void set_text_raster(TextRaster* raster);
// Whether a character is drawn with a real glyph: by ImGui's faces, or (when `raster_too`, for
// text that goes through ui::text and friends) by the platform's raster. The test hook counts the
// others as missing glyphs.
bool has_glyph(char32_t c, bool raster_too);
// The test hook's text at a point of a draw list (list rows), through the raster when it must.
void draw_text(ImDrawList* draw, const FontFace& face, ImVec2 at, ImU32 color, const std::string& text);

// Text the test hook records (only when it is on screen). ImGui draws it, or the platform's raster
// when ImGui's one glyph per character cannot (right to left, shaped, emoji, or beyond its fonts).
void text(const std::string& text);
void text_colored(ImU32 color, const std::string& text);
void text_wrapped(const std::string& text);
void text_muted(const std::string& text);
void text_bold(const std::string& text);
// A one-line text box bound to `value`: the platform's own field where it has them (the browser's
// <input>, for input methods), else ImGui's. True when `value` changed this frame; `entered` says
// Enter was pressed (not while an input method is composing). `flags`: ImGuiInputTextFlags.
bool input_line(const std::string& id, const std::string& hint, std::string& value, int flags = 0,
                bool* entered = nullptr, const std::string& label = {});
// The fields the platform lays out this frame (ui::input_line adds them); and what was typed into
// them between frames, handed back on the next.
struct FieldInput {
  std::string text;
  bool changed = false, submitted = false;
};
// The next ui::input_line takes the keyboard (a form that just appeared).
void focus_next_field();
void begin_fields(bool native, std::map<std::string, FieldInput>* pending);
std::vector<FieldPlacement> end_fields();
// A button that is disabled when `why` is not empty; hovering it shows why.
bool button(const std::string& label, const std::string& why = {}, const ImVec2& size = {0, 0});
bool primary_button(const std::string& label, const std::string& why = {}, const ImVec2& size = {0, 0});
void tooltip(const std::string& text);  // on the last item, also when it is disabled
// A filled rounded panel behind the next `height` pixels, full width: banners and messages.
void panel_background(ImU32 color, float height);
// "AB" for Alesia Burvin, in a small circle.
void initials_badge(const std::string& name, ImU32 background, ImU32 foreground);
std::string initials(const std::string& name);
std::string status_words(Status status);  // "Awaiting agent"
std::string first_name(const std::string& name);
std::string byte_size(std::int64_t bytes);  // "12 KB", "3.4 MB"

}  // namespace baton::shell::ui
