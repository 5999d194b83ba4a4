#pragma once
// Drawing helpers every view uses: the theme's colours (theme.hpp: ui::palette()), the fonts, text
// that the test hook sees, and buttons that are greyed out with the core's reason as their tooltip.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "../platform.hpp"
#include "../text_raster.hpp"
#include "theme.hpp"
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
// The em a browser or FreeType needs to draw letters as large as ImGui draws them at `imgui_size`
// (ImGui sizes a face by its line, ascent + descent: DejaVu Sans's em is 15 / 1.164 px at 15 px).
float em_px(float imgui_size);
// The theme in use (theme.hpp: set_appearance) at `scale` (device pixels per CSS pixel times the
// chosen text size): its colours, spacing and outlines, and the global font scale.
void apply_theme(float scale);
const Fonts& fonts();
float scale();  // device pixels per CSS pixel (and the text size factor)
void push_font(const FontFace& face);  // ImGui::PopFont() ends it
// The right edge of the content region in window coordinates (for SameLine(right - width)).
float content_right();

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

// A modal dialog, opened every frame it is drawn, centred in the window (`keep_centred`: every
// frame, else when it appears) at `width` by `height` (0: as tall as its content), each capped to
// the window less a margin; false when it is not shown this frame (then nothing more to draw).
// Escape clears `open`, as its Close does; the caller ends it with ImGui::EndPopup().
bool begin_modal(const std::string& title, float width, float height, bool& open, int flags = 0, bool keep_centred = true);
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
// The last item stands at `place`, where another takes its turn once it is pressed (Lock, then
// Unlock): the keyboard's focus follows to the one that replaces it instead of being lost with the
// pressed one, unless it has gone elsewhere meanwhile. `pressed`: what the item returned.
void focus_follows(std::string_view place, bool pressed);
// A filled rounded panel behind the next `height` pixels, full width: banners and messages.
void panel_background(ImU32 color, float height);
// "AB" for Alesia Burvin, in a small circle.
void initials_badge(const std::string& name, ImU32 background, ImU32 foreground);
std::string initials(const std::string& name);
std::string status_words(Status status);  // "Awaiting agent"
std::string first_name(const std::string& name);
std::string byte_size(std::int64_t bytes);  // "12 KB", "3.4 MB"

}  // namespace baton::shell::ui
