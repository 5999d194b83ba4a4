#include "theme.hpp"

#include <array>

namespace baton::shell::ui {
namespace {

constexpr ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }

// The workspace as it always looked, with text, hints and control outlines made dark enough to read.
constexpr Palette kLight{
    .background = rgb(246, 248, 250),
    .surface = rgb(255, 255, 255),
    .hover = rgb(236, 242, 252),
    .pressed = rgb(219, 232, 254),
    .selected = rgb(219, 234, 254),
    .stripe = rgb(242, 245, 248),
    .text = rgb(31, 35, 40),
    .muted = rgb(89, 99, 110),
    .accent = rgb(29, 78, 216),
    .primary = rgb(37, 99, 235),
    .primary_hovered = rgb(29, 78, 216),
    .primary_pressed = rgb(30, 64, 175),
    .on_primary = rgb(255, 255, 255),
    .border = rgb(216, 222, 228),
    .control_border = rgb(117, 125, 134),
    .focus = rgb(37, 99, 235),
    .highlight = rgb(180, 83, 9),
    .locked_bg = rgb(255, 243, 205),
    .locked_fg = rgb(138, 90, 0),
    .mine_bg = rgb(219, 234, 254),
    .mine_fg = rgb(30, 64, 175),
    .stale_bg = rgb(254, 226, 213),
    .stale_fg = rgb(166, 52, 12),
    .note_bg = rgb(255, 250, 225),
    .reply_bg = rgb(239, 246, 255),
    .customer_bg = rgb(255, 255, 255),
    .draft_bg = rgb(246, 243, 255),
    .draft_fg = rgb(91, 33, 182),
    .draft_text = rgb(70, 60, 100),
    .live = rgb(26, 127, 55),
    .waiting = rgb(133, 87, 0),
    .offline = rgb(207, 34, 46),
    .error = rgb(190, 30, 45),
    .dim = rgb(20, 24, 31, 90),
};

// Light text on near-black, the same meanings in muted tints.
constexpr Palette kDark{
    .background = rgb(13, 17, 23),
    .surface = rgb(22, 27, 34),
    .hover = rgb(33, 41, 52),
    .pressed = rgb(40, 52, 70),
    .selected = rgb(23, 45, 82),
    .stripe = rgb(27, 33, 41),
    .text = rgb(230, 237, 243),
    .muted = rgb(150, 158, 167),
    .accent = rgb(100, 170, 255),
    .primary = rgb(31, 111, 235),
    .primary_hovered = rgb(24, 96, 214),
    .primary_pressed = rgb(20, 80, 190),
    .on_primary = rgb(255, 255, 255),
    .border = rgb(48, 54, 61),
    .control_border = rgb(118, 126, 137),
    .focus = rgb(100, 170, 255),
    .highlight = rgb(245, 166, 60),
    .locked_bg = rgb(56, 42, 6),
    .locked_fg = rgb(230, 184, 72),
    .mine_bg = rgb(18, 42, 86),
    .mine_fg = rgb(168, 204, 255),
    .stale_bg = rgb(68, 28, 18),
    .stale_fg = rgb(255, 170, 145),
    .note_bg = rgb(40, 35, 14),
    .reply_bg = rgb(17, 33, 56),
    .customer_bg = rgb(22, 27, 34),
    .draft_bg = rgb(35, 27, 60),
    .draft_fg = rgb(204, 184, 255),
    .draft_text = rgb(220, 212, 240),
    .live = rgb(70, 190, 90),
    .waiting = rgb(214, 160, 50),
    .offline = rgb(250, 100, 92),
    .error = rgb(255, 128, 118),
    .dim = rgb(0, 0, 0, 150),
};

// What forced-colours users expect: white on black, yellow for what acts, cyan for focus and for
// what is mine, thick outlines; no shade that needs good eyes to tell apart.
constexpr Palette kContrast{
    .background = rgb(0, 0, 0),
    .surface = rgb(0, 0, 0),
    .hover = rgb(45, 45, 45),
    .pressed = rgb(70, 70, 70),
    .selected = rgb(0, 52, 96),
    .stripe = rgb(24, 24, 24),
    .text = rgb(255, 255, 255),
    .muted = rgb(218, 218, 218),
    .accent = rgb(255, 255, 0),
    .primary = rgb(255, 255, 0),
    .primary_hovered = rgb(255, 255, 255),
    .primary_pressed = rgb(26, 235, 255),
    .on_primary = rgb(0, 0, 0),
    .border = rgb(255, 255, 255),
    .control_border = rgb(255, 255, 255),
    .focus = rgb(26, 235, 255),
    .highlight = rgb(255, 255, 0),
    .locked_bg = rgb(44, 36, 0),
    .locked_fg = rgb(255, 220, 40),
    .mine_bg = rgb(0, 40, 72),
    .mine_fg = rgb(26, 235, 255),
    .stale_bg = rgb(64, 12, 12),
    .stale_fg = rgb(255, 184, 184),
    .note_bg = rgb(30, 26, 0),
    .reply_bg = rgb(0, 24, 48),
    .customer_bg = rgb(0, 0, 0),
    .draft_bg = rgb(36, 16, 60),
    .draft_fg = rgb(230, 204, 255),
    .draft_text = rgb(255, 255, 255),
    .live = rgb(63, 242, 63),
    .waiting = rgb(255, 255, 0),
    .offline = rgb(255, 120, 120),
    .error = rgb(255, 130, 130),
    .dim = rgb(0, 0, 0, 200),
};

Appearance current;

using P = Palette;

constexpr std::array kFields{
    PaletteField{"background", &P::background},
    PaletteField{"surface", &P::surface},
    PaletteField{"hover", &P::hover},
    PaletteField{"pressed", &P::pressed},
    PaletteField{"selected", &P::selected},
    PaletteField{"stripe", &P::stripe},
    PaletteField{"text", &P::text},
    PaletteField{"muted", &P::muted},
    PaletteField{"accent", &P::accent},
    PaletteField{"primary", &P::primary},
    PaletteField{"primary_hovered", &P::primary_hovered},
    PaletteField{"primary_pressed", &P::primary_pressed},
    PaletteField{"on_primary", &P::on_primary},
    PaletteField{"border", &P::border, false},  // decoration: separators, pane outlines
    PaletteField{"control_border", &P::control_border},
    PaletteField{"focus", &P::focus},
    PaletteField{"highlight", &P::highlight},
    PaletteField{"locked_bg", &P::locked_bg},
    PaletteField{"locked_fg", &P::locked_fg},
    PaletteField{"mine_bg", &P::mine_bg},
    PaletteField{"mine_fg", &P::mine_fg},
    PaletteField{"stale_bg", &P::stale_bg},
    PaletteField{"stale_fg", &P::stale_fg},
    PaletteField{"note_bg", &P::note_bg},
    PaletteField{"reply_bg", &P::reply_bg},
    PaletteField{"customer_bg", &P::customer_bg},
    PaletteField{"draft_bg", &P::draft_bg},
    PaletteField{"draft_fg", &P::draft_fg},
    PaletteField{"draft_text", &P::draft_text},
    PaletteField{"live", &P::live},
    PaletteField{"waiting", &P::waiting},
    PaletteField{"offline", &P::offline},
    PaletteField{"error", &P::error},
    PaletteField{"dim", &P::dim, false},  // a veil over the workspace behind a dialog; nothing is read on it
};
// A field added to Palette and not to the table above does not compile.
static_assert(sizeof(Palette) == kFields.size() * sizeof(ImU32), "every Palette colour needs its row in kFields");

constexpr Need text = Need::text, non_text = Need::non_text;

// Every pair the views (and ImGui's own widgets, through style_colors) draw.
constexpr std::array kPairs{
    // Text and hints on every background text stands on.
    ColourPair{&P::text, &P::background, text, "text on the window"},
    ColourPair{&P::text, &P::surface, text, "text on cards, menus, text boxes, buttons"},
    ColourPair{&P::text, &P::hover, text, "text on a hovered button, row or menu item"},
    ColourPair{&P::text, &P::pressed, text, "text on a pressed button"},
    ColourPair{&P::text, &P::selected, text, "the open ticket's row, selected text, a table's header"},
    ColourPair{&P::text, &P::stripe, text, "a table's other rows"},
    ColourPair{&P::text, &P::customer_bg, text, "a customer's message"},
    ColourPair{&P::text, &P::reply_bg, text, "a reply, a reply being sent"},
    ColourPair{&P::text, &P::note_bg, text, "an internal note"},
    ColourPair{&P::muted, &P::background, text, "secondary text on the window"},
    ColourPair{&P::muted, &P::surface, text, "secondary text on cards, a text box's hint"},
    ColourPair{&P::muted, &P::hover, text, "a list row's details, hovered; a hovered text box's hint"},
    ColourPair{&P::muted, &P::selected, text, "the open ticket's row: its details"},
    ColourPair{&P::muted, &P::pressed, text, "a list row's details while pressed"},
    ColourPair{&P::muted, &P::customer_bg, text, "a message's time, quoted history"},
    ColourPair{&P::muted, &P::reply_bg, text, "a reply's time, a reply being sent"},
    ColourPair{&P::muted, &P::note_bg, text, "a note's time"},
    ColourPair{&P::muted, &P::mine_bg, text, "the lock request prompt's details"},
    ColourPair{&P::accent, &P::background, text, "the name, who is here, the current tab"},
    ColourPair{&P::accent, &P::surface, text, "the login's name, the tour's headline"},
    ColourPair{&P::accent, &P::hover, text, "who is here on a hovered row"},
    ColourPair{&P::accent, &P::selected, text, "who is here on the open ticket's row"},
    ColourPair{&P::accent, &P::pressed, text, "who is here on a row while pressed"},
    ColourPair{&P::accent, &P::reply_bg, text, "a reply's kind"},
    ColourPair{&P::accent, &P::customer_bg, text, "an automatic reply's kind"},
    ColourPair{&P::on_primary, &P::primary, text, "Log in, Send"},
    ColourPair{&P::on_primary, &P::primary_hovered, text, "Log in, Send, hovered"},
    ColourPair{&P::on_primary, &P::primary_pressed, text, "Log in, Send, pressed"},
    ColourPair{&P::locked_fg, &P::locked_bg, text, "a colleague's lock: banner, list chip"},
    ColourPair{&P::locked_fg, &P::background, text, "why the composer is closed, a lock request's state"},
    ColourPair{&P::locked_fg, &P::note_bg, text, "a note's kind"},
    ColourPair{&P::mine_fg, &P::mine_bg, text, "my lock: banner, list chip; the lock request prompt"},
    ColourPair{&P::mine_fg, &P::selected, text, "the current view's button"},
    ColourPair{&P::mine_fg, &P::hover, text, "the current view's button, hovered"},
    ColourPair{&P::mine_fg, &P::pressed, text, "the current view's button, pressed"},
    ColourPair{&P::mine_fg, &P::background, text, "a request for my lock, in the pane"},
    ColourPair{&P::stale_fg, &P::stale_bg, text, "a send held as stale"},
    ColourPair{&P::stale_fg, &P::surface, text, "the desktop's debug panel: what the core refuses"},
    ColourPair{&P::draft_fg, &P::draft_bg, text, "a colleague is writing"},
    ColourPair{&P::draft_text, &P::draft_bg, text, "a colleague's live draft"},
    ColourPair{&P::live, &P::background, text, "Live, a notice that went well, a hand-over"},
    ColourPair{&P::live, &P::surface, text, "the tour's step done, the report's headline"},
    ColourPair{&P::live, &P::reply_bg, text, "a reply's delivery: sent"},
    ColourPair{&P::waiting, &P::background, text, "reconnecting"},
    ColourPair{&P::waiting, &P::reply_bg, text, "a reply's delivery: retrying"},
    ColourPair{&P::offline, &P::background, non_text, "the connection's dot when offline"},
    ColourPair{&P::error, &P::background, text, "what went wrong, on the window"},
    ColourPair{&P::error, &P::surface, text, "a wrong password, the report's error"},
    ColourPair{&P::error, &P::reply_bg, text, "a reply's delivery: failed"},
    // What shows where a control is, its state, and the focus (WCAG 1.4.11).
    ColourPair{&P::control_border, &P::background, non_text, "a text box or button on the window"},
    ColourPair{&P::control_border, &P::surface, non_text, "a text box or button on a card or menu"},
    ColourPair{&P::control_border, &P::mine_bg, non_text, "Hand over / Keep in the prompt"},
    ColourPair{&P::control_border, &P::stale_bg, non_text, "Review in the held send"},
    ColourPair{&P::control_border, &P::reply_bg, non_text, "Undo, a reply's buttons"},
    ColourPair{&P::control_border, &P::customer_bg, non_text, "a message's copy and attachment buttons"},
    ColourPair{&P::control_border, &P::note_bg, non_text, "a note's copy button"},
    ColourPair{&P::primary, &P::background, non_text, "the main action's button on the window"},
    ColourPair{&P::primary, &P::surface, non_text, "Log in on its card"},
    ColourPair{&P::primary, &P::stale_bg, non_text, "Send anyway in the held send"},
    ColourPair{&P::accent, &P::background, non_text, "the current tab's underline, the chart, the list's keyboard row"},
    ColourPair{&P::accent, &P::hover, non_text, "the list's keyboard row, hovered"},
    ColourPair{&P::accent, &P::surface, non_text, "a check mark, the tour's outline"},
    ColourPair{&P::focus, &P::background, non_text, "the focus ring on the window"},
    ColourPair{&P::focus, &P::surface, non_text, "the focus ring on a card or menu"},
    ColourPair{&P::focus, &P::selected, non_text, "the focus ring on the open ticket's row"},
    ColourPair{&P::highlight, &P::background, non_text, "the tour's outline"},
    ColourPair{&P::highlight, &P::surface, non_text, "the tour's outline on a card"},
    ColourPair{&P::live, &P::surface, non_text, "an agent online (the assign menu's dot)"},
    ColourPair{&P::muted, &P::surface, non_text, "an agent offline (the assign menu's dot)"},
};

}  // namespace

const Palette& palette_of(Theme theme) {
  switch (theme) {
    case Theme::dark: return kDark;
    case Theme::contrast: return kContrast;
    default: return kLight;
  }
}

const Palette& palette() { return palette_of(current.theme); }
void set_appearance(const Appearance& appearance) { current = appearance; }
const Appearance& appearance() { return current; }

std::span<const ColourPair> colour_pairs() { return kPairs; }
std::span<const PaletteField> palette_fields() { return kFields; }

void style_colors(ImGuiStyle& style, Theme theme) {
  const Palette& p = palette_of(theme);
  auto set = [&](ImGuiCol col, ImU32 color) { style.Colors[col] = ImGui::ColorConvertU32ToFloat4(color); };
  const ImU32 clear = rgb(0, 0, 0, 0);
  for (int col = 0; col < ImGuiCol_COUNT; ++col) set(col, p.text);  // nothing left at ImGui's own defaults
  set(ImGuiCol_TextDisabled, p.muted);  // hints ("Search tickets") are read: they get muted's contrast
  set(ImGuiCol_WindowBg, p.background);
  set(ImGuiCol_ChildBg, clear);
  set(ImGuiCol_PopupBg, p.surface);
  set(ImGuiCol_Border, p.control_border);
  set(ImGuiCol_BorderShadow, clear);
  set(ImGuiCol_FrameBg, p.surface);
  set(ImGuiCol_FrameBgHovered, p.hover);
  set(ImGuiCol_FrameBgActive, p.pressed);
  for (ImGuiCol col : {ImGuiCol_TitleBg, ImGuiCol_TitleBgActive, ImGuiCol_TitleBgCollapsed, ImGuiCol_MenuBarBg}) set(col, p.surface);
  set(ImGuiCol_ScrollbarBg, clear);
  set(ImGuiCol_ScrollbarGrab, p.control_border);
  set(ImGuiCol_ScrollbarGrabHovered, p.muted);
  set(ImGuiCol_ScrollbarGrabActive, p.text);
  set(ImGuiCol_CheckMark, p.accent);
  set(ImGuiCol_SliderGrab, p.accent);
  set(ImGuiCol_SliderGrabActive, p.accent);
  set(ImGuiCol_Button, p.surface);
  set(ImGuiCol_ButtonHovered, p.hover);
  set(ImGuiCol_ButtonActive, p.pressed);
  set(ImGuiCol_Header, p.selected);
  set(ImGuiCol_HeaderHovered, p.hover);
  set(ImGuiCol_HeaderActive, p.pressed);
  set(ImGuiCol_Separator, p.border);
  set(ImGuiCol_SeparatorHovered, p.control_border);
  set(ImGuiCol_SeparatorActive, p.accent);
  set(ImGuiCol_ResizeGrip, clear);
  set(ImGuiCol_ResizeGripHovered, p.control_border);
  set(ImGuiCol_ResizeGripActive, p.accent);
  set(ImGuiCol_InputTextCursor, p.text);
  for (ImGuiCol col : {ImGuiCol_Tab, ImGuiCol_TabDimmed}) set(col, p.background);
  set(ImGuiCol_TabHovered, p.hover);
  for (ImGuiCol col : {ImGuiCol_TabSelected, ImGuiCol_TabDimmedSelected}) set(col, p.surface);
  for (ImGuiCol col : {ImGuiCol_TabSelectedOverline, ImGuiCol_TabDimmedSelectedOverline}) set(col, p.accent);
  for (ImGuiCol col : {ImGuiCol_PlotLines, ImGuiCol_PlotLinesHovered, ImGuiCol_PlotHistogram, ImGuiCol_PlotHistogramHovered})
    set(col, p.accent);
  set(ImGuiCol_TableHeaderBg, p.selected);
  set(ImGuiCol_TableBorderStrong, p.border);
  set(ImGuiCol_TableBorderLight, p.border);
  set(ImGuiCol_TableRowBg, clear);
  set(ImGuiCol_TableRowBgAlt, p.stripe);
  set(ImGuiCol_TextLink, p.accent);
  set(ImGuiCol_TextSelectedBg, p.selected);
  set(ImGuiCol_TreeLines, p.border);
  set(ImGuiCol_DragDropTarget, p.focus);
  set(ImGuiCol_NavCursor, p.focus);
  set(ImGuiCol_NavWindowingHighlight, p.focus);
  set(ImGuiCol_NavWindowingDimBg, p.dim);
  set(ImGuiCol_ModalWindowDimBg, p.dim);
}

}  // namespace baton::shell::ui
