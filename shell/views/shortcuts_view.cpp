// The keyboard's shortcuts (issue 15.3): `?`, when no text box has the keys, or the menu under the
// agent's name opens a dialog listing the keys the workspace really answers to — each row here
// names code that handles it (the file in the comment), so the list cannot promise a key that does
// nothing. A table for screen readers: a row per shortcut, the keys in one cell, what they do in
// the other.
#include <algorithm>
#include <cfloat>
#include <array>
#include <string>
#include <vector>

#include "../i18n/words.hpp"
#include "../semantics.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

// "shortcuts.<id>": what the keys do; "shortcuts.<id>_keys": the keys, one key cap per word.
constexpr std::array kShortcuts = {
    "help",    // `?`: wants_shortcuts() below
    "tab",     // Tab, Shift+Tab: the browser's (web/semantics.js), ImGui's navigation on the desktop
    "press",   // Enter, Space: web/semantics.js activate(); ImGui's navigation on the desktop
    "list",    // arrows, j, k: ticket_list_view.cpp
    "open",    // Enter: ticket_list_view.cpp
    "tabs",    // left and right on a tab: web/semantics.js
    "menu",    // up and down in a menu: web/semantics.js, ImGui's menus
    "close",   // Escape: workspace.cpp (menus), each dialog's view
    "end",     // End: thread_view.cpp
    "send",    // Ctrl+Enter: web/page.js (the reply <textarea>), composer_view.cpp (the desktop)
    "submit",  // Enter in the login's and the lock request's boxes: login_view.cpp, lock_request_view.cpp
};

std::vector<std::string> caps(const std::string& keys) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < keys.size()) {
    const std::size_t space = std::min(keys.find(' ', at), keys.size());
    if (space > at) out.push_back(keys.substr(at, space - at));
    at = space + 1;
  }
  return out;
}

// Keys drawn as caps: a rounded outline around each, its label recorded as text.
void key_caps(const std::vector<std::string>& keys, const ImVec2& pad) {
  const float s = ui::scale();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float top = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) ImGui::SameLine(0, pad.x + 6 * s);  // after the last cap's label: its right padding and a gap
    ImVec2 at = ImGui::GetCursorScreenPos();
    if (i) at.y = top;  // SameLine lines up with the last label, which sits pad.y below its cap's top
    else top = at.y;
    const ImVec2 size = ImGui::CalcTextSize(keys[i].c_str());
    const ImVec2 end(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y);
    draw->AddRectFilled(at, end, ui::palette().background, 4 * s);
    draw->AddRect(at, end, ui::palette().control_border, 4 * s, 0, std::max(1.0f, s));
    ImGui::SetCursorScreenPos(ImVec2(at.x + pad.x, at.y + pad.y));
    ui::text(keys[i]);
  }
}

}  // namespace

bool wants_shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)) return false;
  return std::find(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end(), ImWchar('?')) !=
         io.InputQueueCharacters.end();
}

void draw_shortcuts(Edits& edits, ViewOutput& out) {
  const float s = ui::scale();
  const std::string title = tr("shortcuts.title") + "###keyboard-shortcuts";
  // As tall as its rows, never taller than the window (what does not fit scrolls).
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, ImGui::GetMainViewport()->WorkSize.y - 40 * s));
  bool open = true;
  if (!ui::begin_modal(title, 720 * s, 0, open)) return;
  sem::Scope dialog(sem::Role::dialog, "keyboard-shortcuts", tr("shortcuts.title"));
  dialog.node()->modal = true;
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted(tr("shortcuts.intro"));
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  // The keys' column as wide as its widest row, the rest for the words (which wrap).
  const ImVec2 pad(6 * s, 2 * s);
  float keys_w = 0;
  for (const char* id : kShortcuts) {
    float w = 0;
    for (const std::string& cap : caps(tr(std::string("shortcuts.") + id + "_keys")))
      w += ImGui::CalcTextSize(cap.c_str()).x + 2 * pad.x + pad.x + 6 * s;
    keys_w = std::max(keys_w, w);
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 table_at = ImGui::GetCursorScreenPos();
  const float table_w = ImGui::GetContentRegionAvail().x;
  {
    sem::Scope table(sem::Role::table, "shortcut-table", tr("shortcuts.title"), table_at.x, table_at.y, table_w, 0.0f);
    if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, keys_w);
      ImGui::TableSetupColumn("does", ImGuiTableColumnFlags_WidthStretch);
      for (const char* id : kShortcuts) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const float row_y = ImGui::GetCursorScreenPos().y - style.CellPadding.y;
        sem::Scope row(sem::Role::row, std::string("shortcut-") + id, "", table_at.x, row_y, table_w, 0.0f);
        // A cell over its column's part of the row, as tall as what it holds.
        auto cell = [&](int column) {
          const ImRect r = ImGui::TableGetCellBgRect(ImGui::GetCurrentTable(), column);
          return sem::Scope(sem::Role::cell, "", "", r.Min.x, row_y, r.GetWidth(), 0.0f);
        };
        float bottom = row_y;
        {
          sem::Scope keys = cell(0);
          key_caps(caps(tr(std::string("shortcuts.") + id + "_keys")), pad);
          bottom = std::max(bottom, ImGui::GetItemRectMax().y + pad.y);
          keys.node()->h = bottom - row_y;
        }
        ImGui::TableSetColumnIndex(1);
        {
          sem::Scope does = cell(1);
          ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad.y);  // the words at the caps' height
          ui::text_wrapped(tr(std::string("shortcuts.") + id));
          bottom = std::max(bottom, ImGui::GetItemRectMax().y);
          does.node()->h = bottom - row_y;
        }
        row.node()->h = bottom + style.CellPadding.y - row_y;
      }
      ImGui::EndTable();
    }
    table.node()->h = ImGui::GetCursorScreenPos().y - style.ItemSpacing.y - table_at.y;
  }
  ImGui::Spacing();
  const std::string close = tr("dialog.close");
  const float close_w = ImGui::CalcTextSize(close.c_str()).x + 2 * style.FramePadding.x;
  ImGui::SetCursorPosX(ui::content_right() - close_w);
  if (ui::button(close + "##close-shortcuts", {}, ImVec2(close_w, 0))) open = false;
  // The keyboard goes into the dialog, once: the page's focus (the mirror) as soon as Close is
  // recorded (not in the pass that only measures the window), ImGui's navigation (the desktop).
  ImGui::SetItemDefaultFocus();
  if (!edits.shortcuts_focused && sem::last_item()) {
    sem::want_focus();
    edits.shortcuts_focused = true;
  }
  ImGui::EndPopup();
  if (!open) out.intents.push_back(intent::CloseShortcuts{});
}

}  // namespace baton::shell
