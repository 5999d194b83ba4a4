// The open ticket: header, actions (each asked of the core first), the lock banner, who is here,
// and the Conversation (the thread, thread_view.cpp, and my composer) or History tab.
#include "imgui.h"
#include "../predict.hpp"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "../time_text.hpp"
#include "../i18n/words.hpp"
#include "baton/decide.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

std::string why_not(const AppState& state, const Ticket& t, const Command& c, Time now) {
  const Verdict v = predict(state, t, c, now);
  return v.allowed ? std::string() : v.why;
}

// After a SameLine: the next button stays on this line if it fits, else starts the next one (a
// narrow pane, a zoomed page), so no button is cut off at the pane's edge.
void fit_on_line(const std::string& label) {
  const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
  if (ImGui::GetCursorPosX() > ImGui::GetCursorStartPos().x + 1 && ImGui::GetCursorPosX() + width > ui::content_right())
    ImGui::NewLine();
}

void action(const AppState& state, const Ticket& t, const ViewContext& context, const std::string& label,
            const Command& command, const std::string& what, ViewOutput& out, std::string_view place = {}) {
  fit_on_line(label);
  const bool pressed = ui::button(label, why_not(state, t, command, context.now));
  if (pressed) out.intents.push_back(intent::Run{t.id, command, what});
  if (!place.empty()) ui::focus_follows(place, pressed);
  ImGui::SameLine();
}

void draw_header(const AppState& state, const Ticket& t, const ViewContext& context) {
  ui::push_font(ui::fonts().heading);
  ImGui::PushTextWrapPos(0);
  ui::text(t.subject);
  sem::heading(2);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  std::string line = t.ref + " · " + tr("pane.requester", {{"name", t.requester.name}, {"email", t.requester.email}});
  if (!t.organization.empty()) line += " · " + t.organization;
  line += " · " + t.language;
  ui::text_muted(line);
  ui::text_muted(tr("pane.facts", {{"status", ui::status_words(t.status)},
                                   {"urgency", t.urgency},
                                   {"assignee", t.assignee ? tr("pane.assigned_to", {{"name", state.directory.name(*t.assignee)}})
                                                           : tr("pane.unassigned")},
                                   {"department", t.department},
                                   {"opened", ago(t.created_at, context.now)}}));
}

void draw_actions(const AppState& state, const Ticket& t, const ViewContext& context, ViewOutput& out) {
  const bool mine = state.me && t.lock && t.lock->holder == state.me->id && lock_active(t, context.now);
  if (mine) action(state, t, context, ICON_UNLOCK " " + tr("pane.unlock") + "##unlock", cmd::Unlock{}, tr("doing.unlock"), out, "lock-toggle");
  else action(state, t, context, ICON_LOCK " " + tr("pane.lock") + "##lock", cmd::Lock{}, tr("doing.lock"), out, "lock-toggle");
  action(state, t, context, ICON_USER " " + tr("pane.mine") + "##mine", cmd::Take{}, tr("doing.take"), out);
  // Assign to...: the department's agents, online ones marked; each choice asked of the core.
  // The menus open unless the whole ticket is closed to me; each choice inside is asked on its own.
  const bool locked_out = t.lock && lock_active(t, context.now) && !mine;
  const std::string gate = locked_out ? why_not(state, t, cmd::Assign{std::nullopt}, context.now) : std::string();
  const std::string assign_label = ICON_USERS " " + tr("pane.assign") + " \xe2\x96\xbe##assign";
  fit_on_line(assign_label);
  if (ui::button(assign_label, gate)) ImGui::OpenPopup("assign-menu");
  ImGui::SameLine();
  if (ImGui::BeginPopup("assign-menu")) {
    sem::Scope menu(sem::Role::menu, "assign-menu", tr("pane.assign_to"));
    ui::text_muted(tr("pane.assign_to"));
    for (const AgentInfo& info : state.agents) {
      const Agent& a = info.agent;
      if (std::find(a.departments.begin(), a.departments.end(), t.department) == a.departments.end() && a.role != Role::admin)
        continue;
      const Command command = cmd::Assign{a.id};
      const std::string why = why_not(state, t, command, context.now);
      ImGui::PushStyleColor(ImGuiCol_Text, info.online ? ui::palette().live : ui::palette().muted);
      ImGui::TextUnformatted(ICON_CIRCLE);
      ImGui::PopStyleColor();
      ImGui::SameLine();
      const std::string label = (t.assignee == a.id ? tr("pane.assignee_current", {{"name", a.name}}) : a.name) +
                                "##assign-" + std::to_string(a.id);
      if (ImGui::MenuItem(label.c_str(), nullptr, false, why.empty()))
        out.intents.push_back(intent::Run{t.id, command, tr("doing.assign")});
      ui::tooltip(why.empty() ? tr(info.online ? "pane.online" : "pane.offline") : why);
    }
    ImGui::Separator();
    const std::string why = why_not(state, t, cmd::Assign{std::nullopt}, context.now);
    if (ImGui::MenuItem((tr("pane.unassign") + "##unassign").c_str(), nullptr, false, why.empty()))
      out.intents.push_back(intent::Run{t.id, cmd::Assign{std::nullopt}, tr("doing.unassign")});
    ui::tooltip(why);
    ImGui::EndPopup();
  }
  const std::string status_gate = locked_out ? why_not(state, t, cmd::SetStatus{Status::pending}, context.now) : std::string();
  const std::string status_label = tr("pane.status", {{"status", ui::status_words(t.status)}}) + " \xe2\x96\xbe##status";
  fit_on_line(status_label);
  if (ui::button(status_label, status_gate)) ImGui::OpenPopup("status-menu");
  ImGui::SameLine();
  if (ImGui::BeginPopup("status-menu")) {
    sem::Scope menu(sem::Role::menu, "status-menu", tr("pane.status_menu"));
    for (Status s : {Status::awaiting_agent, Status::awaiting_user, Status::pending, Status::resolved}) {
      const Command command = cmd::SetStatus{s};
      const std::string why = why_not(state, t, command, context.now);
      if (ImGui::MenuItem((ui::status_words(s) + "##status-" + std::to_string(int(s))).c_str(), nullptr,
                          t.status == s, why.empty() && t.status != s))
        out.intents.push_back(intent::Run{t.id, command, tr("doing.status")});
      ui::tooltip(why);
    }
    ImGui::EndPopup();
  }
  const std::string urgency_gate = locked_out ? why_not(state, t, cmd::SetUrgency{t.urgency}, context.now) : std::string();
  const std::string urgency_label = tr("pane.urgency", {{"urgency", t.urgency}}) + " \xe2\x96\xbe##urgency";
  fit_on_line(urgency_label);
  if (ui::button(urgency_label, urgency_gate)) ImGui::OpenPopup("urgency-menu");
  if (ImGui::BeginPopup("urgency-menu")) {
    sem::Scope menu(sem::Role::menu, "urgency-menu", tr("pane.urgency_menu"));
    for (int u = 1; u <= 10; ++u) {
      const Command command = cmd::SetUrgency{u};
      const std::string why = why_not(state, t, command, context.now);
      if (ImGui::MenuItem((std::to_string(u) + "##urgency-" + std::to_string(u)).c_str(), nullptr, t.urgency == u,
                          why.empty() && t.urgency != u))
        out.intents.push_back(intent::Run{t.id, command, tr("doing.urgency")});
    }
    ImGui::EndPopup();
  }
  if (state.me && state.me->role == Role::admin && t.lock && !mine && lock_active(t, context.now)) {
    ImGui::SameLine();
    action(state, t, context, ICON_UNLOCK " " + tr("pane.force_unlock") + "##force-unlock", cmd::ForceUnlock{}, tr("doing.force_unlock"), out);
    ImGui::NewLine();
  }
}

// The lock banner: the headline in bold, then what it means, wrapped to the pane's width.
void draw_banner(const AppState& state, const Ticket& t, const ViewContext& context) {
  if (!t.lock || !lock_active(t, context.now)) return;
  const float s = ui::scale();
  const bool mine = state.me && t.lock->holder == state.me->id;
  const std::string held = age(t.lock->acquired_at, context.now);
  const std::string headline =
      ICON_LOCK " " + (mine ? tr("banner.mine", {{"age", held}})
                            : tr("banner.locked_by", {{"holder", state.directory.name(t.lock->holder)}, {"age", held}}));
  std::string detail = tr(mine ? "banner.mine_detail" : "banner.locked_detail");
  if (mine && t.lock->expires_at)
    detail += tr("banner.expires", {{"age", age(context.now, *t.lock->expires_at)}});
  if (mine && t.lock->reason == LockReason::typing)
    detail = tr("banner.typing", {{"age", age(context.now, context.now + state.settings.idle_release_secs * kSecond)}});
  const ImU32 fg = mine ? ui::palette().mine_fg : ui::palette().locked_fg;
  // Measure first: the background goes under text that may take several lines.
  const float pad = 12 * s, width = ImGui::GetContentRegionAvail().x - 2 * pad;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ui::FontFace& bold = ui::fonts().bold;
  const float headline_w = bold.width(headline);
  const float detail_h = ImGui::CalcTextSize(detail.c_str(), nullptr, false, std::max(1.0f, width - headline_w - spacing)).y;
  ui::panel_background(mine ? ui::palette().mine_bg : ui::palette().locked_bg, std::max(ImGui::GetTextLineHeight(), detail_h) + 16 * s);
  const float left = ImGui::GetCursorPosX() + pad;
  ImGui::SetCursorPos(ImVec2(left, ImGui::GetCursorPosY() + 8 * s));
  ui::push_font(bold);
  ui::text_colored(fg, headline);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushTextWrapPos(left + width);
  ui::text_colored(fg, detail);
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4 * s);
}

void draw_presence(const AppState& state, const Ticket& t) {
  std::string viewing, typing;
  for (const PresenceEntry& p : state.replica->presence(t.id)) {
    std::string& list = p.state == Presence::typing ? typing : viewing;
    list += (list.empty() ? "" : tr("list_separator")) + state.directory.name(p.agent);
  }
  if (viewing.empty() && typing.empty()) {
    ui::text_muted(ICON_EYE " " + tr("presence.nobody"));
    return;
  }
  std::string line;
  if (!viewing.empty()) line += ICON_EYE " " + tr("presence.viewing", {{"names", viewing}});
  if (!typing.empty()) line += std::string(line.empty() ? "" : "   ") + ICON_PEN " " + tr("presence.typing", {{"names", typing}});
  ui::text_colored(ui::palette().accent, line);
}

}  // namespace

void draw_ticket_pane(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out) {
  const Ticket* ticket = state.open.id && state.replica ? state.replica->ticket(state.open.id) : nullptr;
  if (!ticket) {
    ImGui::Spacing();
    if (state.open.id && !state.open.error.empty()) ui::text_colored(ui::palette().error, state.open.error);
    else if (state.open.id) ui::text_muted(tr("pane.opening"));
    else {
      ui::text_muted(ICON_INBOX "  " + tr("pane.choose"));
      ui::text_muted(tr("pane.keys"));
    }
    return;
  }
  const Ticket& t = *ticket;
  draw_header(state, t, context);
  ImGui::Spacing();
  draw_actions(state, t, context, out);
  draw_banner(state, t, context);
  draw_lock_request_row(state, edits, t, context, out);
  draw_presence(state, t);
  const float s = ui::scale();
  float composer_h = std::clamp(ImGui::GetContentRegionAvail().y * 0.38f, 190.0f * s, 300.0f * s);
  if (state.composer.stale)  // the held-send panel sits above the editor: make room for it
    composer_h += (2.4f + state.composer.stale->changes.size()) * ImGui::GetTextLineHeightWithSpacing() +
                  ImGui::GetFrameHeightWithSpacing();
  // Two tabs drawn as buttons with an underline: the state owns which one shows, and a click is
  // one intent (ImGui's tab bar keeps a selection of its own and ignores a press without a hover).
  {
    const float s_ = ui::scale();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    sem::Scope tabs(sem::Role::tablist, "tabs", tr("pane.tabs"), start.x, start.y, ImGui::GetContentRegionAvail().x,
                    ImGui::GetFrameHeight());
    for (PaneTab tab : {PaneTab::conversation, PaneTab::history}) {
      const bool current = state.open.tab == tab;
      const std::string label = tab == PaneTab::conversation ? tr("pane.conversation") + "##tab-conversation"
                                                             : tr("pane.history") + "##tab-history";
      ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_Text, current ? ui::palette().accent : ui::palette().muted);
      ui::push_font(current ? ui::fonts().bold : ui::fonts().regular);
      if (ImGui::Button(label.c_str()) && !current) out.intents.push_back(intent::ShowTab{tab});
      sem::item_role(sem::Role::tab, current);
      ImGui::PopFont();
      ImGui::PopStyleColor(3);
      if (current)
        draw->AddLine(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y),
                      ImVec2(ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y), ui::palette().accent, 2.5f * s_);
      ImGui::SameLine();
    }
    ImGui::NewLine();
    draw->AddLine(ImVec2(start.x, ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y + 1),
                  ImVec2(start.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y + 1),
                  ui::palette().border);
  }
  if (state.open.tab == PaneTab::history) {
    if (const float* asked = edits.scroll_to.of("history")) ImGui::SetNextWindowScroll(ImVec2(-1.0f, *asked));  // the page's find
    ImGui::BeginChild("history", ImVec2(0, 0), ImGuiChildFlags_NavFlattened);
    sem::Scope panel(sem::Role::tabpanel, "history", tr("pane.history"));
    panel.scrolls();  // every line in the mirror, scrolled out of view or not
    draw_history(state, context);
    ImGui::EndChild();
    return;
  }
  // A short pane (a small window, a zoomed page) keeps a few lines of the thread and the whole
  // composer, and scrolls as a whole rather than squeezing either away.
  draw_thread(state, edits, t, context, out, std::max(ImGui::GetContentRegionAvail().y - composer_h, 5 * ImGui::GetTextLineHeightWithSpacing()));
  draw_composer(state, edits, t, context, out);
}

}  // namespace baton::shell
