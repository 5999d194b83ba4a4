#pragma once
// The workspace's colours: one palette per theme (light, dark, high contrast), the one in use, and
// the table of every foreground/background pair the views draw, with the WCAG contrast each pair
// needs. tests/shell/contrast_test.cpp computes every ratio of every theme from that table, and a
// colour that is in no pair fails it: a new colour cannot skip the test.
#include <span>

#include "../appearance.hpp"
#include "imgui.h"

namespace baton::shell::ui {

// Every colour opaque. State colours are always paired with an icon or a word.
struct Palette {
  ImU32 background;      // the window behind everything
  ImU32 surface;         // cards, popups, menus, text boxes, buttons, a customer's message
  ImU32 hover;           // a hovered button, row or menu item
  ImU32 pressed;         // a button or row being pressed
  ImU32 selected;        // the open ticket's row, the current view, a table's header, selected text
  ImU32 stripe;          // every other row of a table
  ImU32 text;
  ImU32 muted;           // secondary text, and a text box's hint
  ImU32 accent;          // the name, links, who is here, the current tab, charts
  ImU32 primary;         // the main action's button (Log in, Send)
  ImU32 primary_hovered;
  ImU32 primary_pressed;
  ImU32 on_primary;      // the words on it
  ImU32 border;          // separators and pane outlines (decoration: the panes are told apart by place)
  ImU32 control_border;  // the outline that shows where a text box or a button is
  ImU32 focus;           // the keyboard's focus ring
  ImU32 highlight;       // the training tour's outline around what a step is about
  ImU32 locked_bg, locked_fg;  // a colleague's lock
  ImU32 mine_bg, mine_fg;      // my lock, a request for my lock
  ImU32 stale_bg, stale_fg;    // a send held as stale
  ImU32 note_bg, reply_bg, customer_bg;  // the thread's messages
  ImU32 draft_bg, draft_fg, draft_text;  // a colleague's live draft: its line, and its words
  ImU32 live, waiting, offline, error;   // the connection's states, deliveries, what went wrong
  ImU32 dim;             // behind a modal dialog (the only colour with transparency)
};

// The palette in use, and every theme's. set_appearance() changes it between frames (the runner
// does, then applies ImGui's style colours again with apply_theme).
const Palette& palette();
const Palette& palette_of(Theme theme);
void set_appearance(const Appearance& appearance);
const Appearance& appearance();
inline bool reduced_motion() { return appearance().reduced_motion; }

// ImGui's own colours for a theme, from its palette.
void style_colors(ImGuiStyle& style, Theme theme);

// What a pair must reach (WCAG 2.2): text 4.5:1 (1.4.3); large text and the parts of a control or
// an image needed to see it, and focus indicators, 3:1 (1.4.3, 1.4.11).
enum class Need { text, large_text, non_text };
struct ColourPair {
  ImU32 Palette::*fg;
  ImU32 Palette::*bg;
  Need need;
  const char* where;  // what is drawn so, for the test's message
};
std::span<const ColourPair> colour_pairs();

// Every field of Palette with its name. `paired`: false only for colours nothing is read against
// (decoration, the modal dim), each with its reason in the table.
struct PaletteField {
  const char* name;
  ImU32 Palette::*member;
  bool paired = true;
};
std::span<const PaletteField> palette_fields();

}  // namespace baton::shell::ui
