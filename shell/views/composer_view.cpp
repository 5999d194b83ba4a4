// My reply or note. The browser lays a real <textarea> over the rectangle reserved here (wrapping,
// IME, spell-check); elsewhere ImGui's own editor. Saved as I type; Ctrl+Enter sends. A send held
// as stale shows what changed, with Send anyway and Review.
#include <algorithm>

#include "../i18n/words.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "../predict.hpp"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "../time_text.hpp"
#include "baton/text.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

std::string excerpt(const Ticket& t, const Change& change) {
  for (const Message& m : t.messages)
    if (m.at == change.at && (change.kind == ChangeKind::customer_message || change.kind == ChangeKind::reply ||
                              change.kind == ChangeKind::note)) {
      std::string body = m.body.substr(0, 160);
      for (char& c : body)
        if (c == '\n') c = ' ';
      while (!body.empty() && (static_cast<unsigned char>(body.back()) & 0xC0) == 0x80) body.pop_back();  // whole UTF-8
      if (m.body.size() > 160 && !body.empty() && (static_cast<unsigned char>(body.back()) & 0x80)) body.pop_back();
      return ": " + tr("quote", {{"text", body + (m.body.size() > 160 ? "..." : "")}});
    }
  return {};
}

void draw_stale(const AppState& state, const Ticket& t, const ViewContext& context, ViewOutput& out) {
  const StaleHold& hold = *state.composer.stale;
  const float s = ui::scale();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().stale_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 8 * s));
  ImGui::BeginChild("stale", ImVec2(0, 0), ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding |
                                     ImGuiChildFlags_NavFlattened);
  ui::push_font(ui::fonts().bold);
  ui::text_colored(ui::palette().stale_fg, ICON_WARNING " " + tr("stale.held"));
  ImGui::PopFont();
  ImGui::PushTextWrapPos(0);
  for (const Change& change : hold.changes)
    ui::text_colored(ui::palette().stale_fg, describe_change(change, state.directory, t.requester.name) + " " +
                                               ago(change.at, context.now) + excerpt(t, change));
  ImGui::PopTextWrapPos();
  if (ui::primary_button(ICON_SEND " " + tr("stale.send_anyway") + "##send-anyway")) out.intents.push_back(intent::SendAnyway{});
  ui::tooltip(tr("stale.send_anyway_tip"));
  ImGui::SameLine();
  if (ui::button(ICON_EYE " " + tr("stale.review") + "##review")) out.intents.push_back(intent::Review{});
  ui::tooltip(tr("stale.review_tip"));
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

std::string saved_words(const Composer& c, Link link, const ViewContext& context) {
  const Time now = context.now;
  if (c.body.empty()) return {};
  if (c.saved_at >= c.changed_at && c.saved_at) return ICON_CHECK " " + tr("composer.saved");
  if (link != Link::live) return tr("composer.offline", {{"where", context.drafts_kept}});
  return tr(now - c.changed_at < 2 * kSecond ? "composer.saving" : "composer.not_saved");
}

}  // namespace

void draw_composer(const AppState& state, Edits& edits, const Ticket& t, const ViewContext& context, ViewOutput& out) {
  const float s = ui::scale();
  const Composer& c = state.composer;
  ImGui::Spacing();
  const Verdict may = predict(state, t, c.kind == DraftKind::reply ? reply_probe(t) : note_probe(), context.now);
  // Reply / Note
  for (DraftKind kind : {DraftKind::reply, DraftKind::note}) {
    const bool current = c.kind == kind;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
    const std::string label = kind == DraftKind::reply ? ICON_ENVELOPE " " + tr("composer.reply") + "##kind-reply"
                                                       : ICON_NOTE " " + tr("composer.note") + "##kind-note";
    ImGui::BeginDisabled(c.sending);
    if (ImGui::Button(label.c_str())) out.intents.push_back(intent::ComposeKind{kind});
    ImGui::EndDisabled();
    if (current) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  if (!may.allowed) ui::text_colored(ui::palette().locked_fg, ICON_LOCK " " + may.why);
  else if (c.kind == DraftKind::note) ui::text_muted(tr("composer.note_internal"));
  else if (!t.requester.email.empty()) ui::text_muted(tr("composer.to_mailed", {{"name", t.requester.name}, {"email", t.requester.email}}));
  else ui::text_muted(tr("composer.to", {{"name", t.requester.name}}));
  if (c.stale) draw_stale(state, t, context, out);
  const float footer = ImGui::GetFrameHeightWithSpacing() + 4 * s;
  const ImVec2 size(ImGui::GetContentRegionAvail().x, std::max(90.0f * s, ImGui::GetContentRegionAvail().y - footer));
  const std::string placeholder = !may.allowed ? may.why
                                  : tr(c.kind == DraftKind::reply ? "composer.placeholder_reply" : "composer.placeholder_note");
  if (context.native_editor) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##composer", size);
    hook::name_last_item("composer", tr(c.kind == DraftKind::reply ? "composer.reply" : "composer.note"), may.allowed);
    sem::item_role(sem::Role::editor);
    if (!may.allowed) sem::item_description(may.why);
    ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), ui::palette().control_border, 5 * s);
    // The <textarea> lies over the page, not in the pane: only the part the pane shows (scrolled,
    // it would cover what is around the pane), and none when less than a line of it shows.
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin(), clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    const float top = std::max(pos.y + 1, clip_min.y), bottom = std::min(pos.y + size.y - 1, clip_max.y);
    out.editor = EditorPlacement{pos.x + 1, top, size.x - 2, std::max(0.0f, bottom - top), bottom - top >= ImGui::GetFrameHeight(),
                                 may.allowed, ImGui::GetFontSize(), placeholder};
  } else {
    edits.composer = c.body;  // the state's text: a send or an Undo replaces it
    ImGui::BeginDisabled(!may.allowed);
    if (ImGui::InputTextMultiline("##composer", &edits.composer, size)) out.intents.push_back(intent::EditorText{edits.composer});
    ImGui::EndDisabled();
    hook::name_last_item("composer", tr(c.kind == DraftKind::reply ? "composer.reply" : "composer.note"), may.allowed);
    sem::item_role(sem::Role::editor);
    if (may.allowed && ImGui::IsItemFocused() && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Enter))
      out.intents.push_back(intent::Send{});
  }
  // Footer: whether my draft is saved, what happened to the last send, Discard and Send.
  const std::string saved = saved_words(c, state.sync.state(), context);
  ImGui::AlignTextToFramePadding();
  if (!c.notice.empty()) ui::text_colored(c.notice_is_error ? ui::palette().error : ui::palette().live, c.notice);
  else if (!saved.empty()) ui::text_muted(saved);
  else ui::text_muted(" ");
  const std::string send_label = c.kind == DraftKind::reply ? ICON_SEND " " + tr("composer.send") + "##send"
                                                            : ICON_NOTE " " + tr("composer.add_note") + "##send";
  const float send_w = std::max(ImGui::CalcTextSize(("  " + tr("composer.add_note") + "  ").c_str()).x,
                                ImGui::CalcTextSize(("  " + tr("composer.send") + "  ").c_str()).x) + 40 * s;
  const float discard_w = ImGui::CalcTextSize(tr("composer.discard").c_str()).x + 24 * s;
  ImGui::SameLine(ui::content_right() - send_w - discard_w - 10 * s);
  if (ui::button(tr("composer.discard") + "##discard", c.body.empty() || c.sending ? tr("composer.nothing_to_discard") : std::string(),
                 ImVec2(discard_w, 0)))
    out.intents.push_back(intent::DiscardDraft{});
  ImGui::SameLine();
  std::string why = may.why;
  if (why.empty() && c.sending) why = tr("composer.sending");
  if (why.empty() && is_blank(c.body)) why = tr("composer.write_first");
  if (why.empty() && c.stale) why = tr("composer.choose_first");
  if (ui::primary_button(send_label, why, ImVec2(send_w, 0))) out.intents.push_back(intent::Send{});
}

}  // namespace baton::shell
