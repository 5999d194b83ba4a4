// The ticket list: two-line rows (ref, age, lock; subject; requester, status, presence), virtualised
// with ImGuiListClipper so 100,000 tickets cost what the visible rows cost. Keyboard: arrows, j/k,
// Enter. Asks for the next page when the end of what is loaded comes into view.
#include "../i18n/words.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "../list_rows.hpp"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "../time_text.hpp"
#include "baton/decide.hpp"
#include "baton/names.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

// Text at a point, recorded for the test hook (the row's Selectable is the visible item).
float put(ImDrawList* draw, const ui::FontFace& face, ImVec2 at, ImU32 color, const std::string& text) {
  ui::draw_text(draw, face, at, color, text);
  return face.width(text);
}

std::string clip(const std::string& text, const ui::FontFace& face, float width) {
  if (face.width(text) <= width) return text;
  std::string out = text;
  while (!out.empty() && face.width(out + "...") > width) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();  // whole UTF-8
  }
  return out + "...";
}

// What a screen reader says for a row: subject, requester, status, who holds the lock, and more.
std::string spoken_row(const AppState& state, const ViewContext& context, const Ticket& t, const std::string& status,
                       const std::string& age) {
  std::string out;  // appended in place: every row, every frame
  out.reserve(t.subject.size() + t.requester.name.size() + t.ref.size() + age.size() + 96);
  const auto part = [&](const std::string& words) {
    if (!out.empty()) out += ", ";
    out += words;
  };
  part(t.subject);
  part(t.requester.name);
  part(status);
  if (t.lock && lock_active(t, context.now)) {
    const bool mine = state.me && t.lock->holder == state.me->id;
    part(mine ? tr("list.locked_by_you") : tr("list.locked_by", {{"name", state.directory.name(t.lock->holder)}}));
  }
  part(t.assignee ? tr("list.assigned_to", {{"name", state.directory.name(*t.assignee)}}) : tr("list.unassigned"));
  part(t.ref);
  part(age);
  return out;
}

void draw_row(const AppState& state, Edits& edits, const ViewContext& context, const Ticket& t, std::size_t index,
              std::size_t count, float height, ViewOutput& out) {
  const float s = ui::scale();
  const ui::Fonts& fonts = ui::fonts();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const bool selected = state.open.id == t.id;
  const bool cursor = state.list.cursor == index;
  ImGui::PushID(static_cast<int>(t.id));
  const std::string name = "row" + std::to_string(t.id);
  const std::string age = ago(t.updated_at, context.now), status = ui::status_words(t.status);  // said and drawn
  ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, !cursor);  // one Tab stop, the cursor's row: the arrows walk the rows
  if (ImGui::Selectable(("##" + name).c_str(), selected, ImGuiSelectableFlags_None, ImVec2(width, height - 2 * s)))
    out.intents.push_back(intent::Open{t.id});
  ImGui::PopItemFlag();
  hook::name_last_item(name, t.ref + " " + t.subject);
  sem::item_role(sem::Role::option, selected);
  if (sem::Node* node = sem::last_item()) {
    node->spoken = spoken_row(state, context, t, status, age);
    node->position = static_cast<int>(index) + 1;
    node->count = static_cast<int>(count);
  }
  // With ImGui's own keyboard navigation (the desktop), its focus and the list's cursor are one:
  // the cursor's row takes the focus when the keys moved the cursor or nothing else has it, and
  // the cursor follows the focus when the arrows move it from row to row.
  const bool imgui_keys = ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard;
  if (cursor && edits.cursor_focused != state.list.cursor_moves) {  // the keyboard moved here: so does its focus
    sem::want_focus();
    if (imgui_keys) ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
    edits.cursor_focused = state.list.cursor_moves;
  } else if (imgui_keys && cursor && ImGui::GetFocusID() == 0) {
    ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
  } else if (imgui_keys && !cursor && ImGui::GetIO().NavVisible && ImGui::IsItemFocused() &&
             edits.cursor_focused == state.list.cursor_moves) {
    out.intents.push_back(intent::MoveCursor{static_cast<int>(index) - static_cast<int>(state.list.cursor)});
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (cursor && !selected) draw->AddRect(pos, ImVec2(pos.x + width, pos.y + height - 2 * s), ui::palette().accent, 4 * s);
  if (selected) draw->AddRectFilled(pos, ImVec2(pos.x + 3 * s, pos.y + height - 2 * s), ui::palette().accent);  // not by shade alone
  draw->AddLine(ImVec2(pos.x, pos.y + height - 1 * s), ImVec2(pos.x + width, pos.y + height - 1 * s), ui::palette().border);
  const float pad = 8 * s, line = fonts.regular.px() + 5 * s;
  float x = pos.x + pad, y = pos.y + 5 * s;
  // Line 1: ref, then on the right the lock holder and the age.
  put(draw, fonts.small, ImVec2(x, y + 1 * s), ui::palette().muted, t.ref);
  float rx = pos.x + width - pad - fonts.small.width(age);
  put(draw, fonts.small, ImVec2(rx, y + 1 * s), ui::palette().muted, age);
  if (t.lock && lock_active(t, context.now)) {
    const bool mine = state.me && t.lock->holder == state.me->id;
    const std::string holder = ICON_LOCK " " + (mine ? tr("list.you") : ui::first_name(state.directory.name(t.lock->holder)));
    const float w = fonts.small.width(holder);
    rx -= w + 12 * s;
    draw->AddRectFilled(ImVec2(rx - 4 * s, y - 1 * s), ImVec2(rx + w + 4 * s, y + fonts.small.px() + 2 * s),
                        mine ? ui::palette().mine_bg : ui::palette().locked_bg, 4 * s);
    put(draw, fonts.small, ImVec2(rx, y + 1 * s), mine ? ui::palette().mine_fg : ui::palette().locked_fg, holder);
  }
  // Line 2: the subject.
  y += line;
  put(draw, fonts.bold, ImVec2(x, y), ui::palette().text, clip(t.subject, fonts.bold, width - 2 * pad));
  // Line 3: requester, status, urgency, assignee; on the right who is viewing and typing.
  y += line;
  std::string viewers, typers;
  if (state.replica)
    for (const PresenceEntry& p : state.replica->presence(t.id))
      (p.state == Presence::typing ? typers : viewers) += " " + ui::initials(state.directory.name(p.agent));
  std::string presence;
  if (!viewers.empty()) presence += ICON_EYE + viewers;
  if (!typers.empty()) presence += std::string(presence.empty() ? "" : "  ") + ICON_PEN + typers;
  float presence_w = 0;
  if (!presence.empty()) {
    presence_w = fonts.small.width(presence);
    put(draw, fonts.small, ImVec2(pos.x + width - pad - presence_w, y + 1 * s), ui::palette().accent, presence);
  }
  std::string meta = tr("list.row_meta", {{"requester", t.requester.name},
                                          {"status", status},
                                          {"urgency", t.urgency},
                                          {"assignee", t.assignee ? ui::first_name(state.directory.name(*t.assignee))
                                                                  : tr("list.unassigned")}});
  put(draw, fonts.small, ImVec2(x, y + 1 * s), ui::palette().muted, clip(meta, fonts.small, width - 2 * pad - presence_w - 8 * s));
  ImGui::PopID();
}

}  // namespace

void draw_ticket_list(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out) {
  const float s = ui::scale();
  const std::size_t count = list_row_count(state);
  const bool search = searching(state);
  // Keyboard: only when no text field has the keys (ImGui's, or the browser's editor) and ImGui's
  // own keyboard navigation (the desktop's Tab) is not showing its cursor. With that navigation
  // on, the arrows are always its (they move between the rows as between any controls; draw_row
  // keeps the cursor on its focus), and Enter is its while its cursor shows.
  const ImGuiIO& io = ImGui::GetIO();
  const bool arrows = !(io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard);
  if (!io.WantTextInput && !io.NavVisible && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup) && count) {
    if ((arrows && ImGui::IsKeyPressed(ImGuiKey_DownArrow)) || ImGui::IsKeyPressed(ImGuiKey_J)) out.intents.push_back(intent::MoveCursor{1});
    if ((arrows && ImGui::IsKeyPressed(ImGuiKey_UpArrow)) || ImGui::IsKeyPressed(ImGuiKey_K)) out.intents.push_back(intent::MoveCursor{-1});
    if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) out.intents.push_back(intent::OpenCursor{});
  }
  if (search) {
    const SearchResults& results = state.list.results;
    ui::text_muted(results.loading ? tr("list.searching", {{"query", results.query}})
                                   : trn(results.next ? "list.found_more" : "list.found", static_cast<std::int64_t>(results.ids.size()),
                                         {{"query", results.query}, {"view", view_name(state.list.view)}}));
    ImGui::Separator();
  }
  if (!count) {
    const Paging& paging = paging_of(state, state.list.view);
    ImGui::Spacing();
    if (paging.loading || (search && state.list.results.loading) || !state.replica) ui::text_muted(tr("list.loading"));
    else if (search) ui::text_muted(tr("list.no_match", {{"query", state.list.results.query}}));
    else if (!paging.requested) ui::text_muted(tr("list.waiting"));
    else ui::text_muted(tr("list.empty", {{"view", view_name(state.list.view)}}));
    return;
  }
  const float row_height = ui::fonts().regular.px() * 3 + 22 * s;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("rows", ImVec2(0, 0), ImGuiChildFlags_NavFlattened);  // Tab and the arrows cross into it
  sem::Scope listbox(sem::Role::listbox, "rows", tr("app.list_region"));
  if (edits.cursor_scrolled != state.list.cursor_moves) {  // the keyboard moved: show its row
    const float top = state.list.cursor * row_height, view_h = ImGui::GetWindowHeight();
    if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
    else if (top + row_height > ImGui::GetScrollY() + view_h) ImGui::SetScrollY(top + row_height - view_h);
    edits.cursor_scrolled = state.list.cursor_moves;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(count), row_height);
  std::size_t last_drawn = 0;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Ticket* ticket = state.replica->ticket(list_row(state, i));
      if (!ticket) {
        ImGui::Dummy(ImVec2(0, row_height));
        continue;
      }
      draw_row(state, edits, context, *ticket, i, count, row_height, out);
      last_drawn = i;
    }
  }
  clipper.End();
  if (list_has_more(state)) {
    ui::text_muted("  " + tr(paging_of(state, state.list.view).loading ? "list.loading_more" : "list.more_below"));
    if (last_drawn + 20 >= count) out.intents.push_back(intent::LoadMore{});
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
}

}  // namespace baton::shell
