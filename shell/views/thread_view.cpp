// The Conversation's thread: the messages, a reply in its undo window and the colleagues' live
// drafts, kept at the newest end while the agent is there (ThreadFollow, ../thread_follow.hpp);
// under it, when the agent has scrolled up, the "new below" marker and a colleague's live draft
// pinned above the composer. Nothing in the thread moves while the agent reads further up: what
// appears under it takes its height from the thread's bottom.
#include <algorithm>

#include "imgui.h"
#include "../predict.hpp"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "../thread_follow.hpp"
#include "../time_text.hpp"
#include "../i18n/words.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

// A mail's attachments (download each), its quoted history (folded), and a reply's delivery.
void draw_mail_parts(const Message& m, const ViewContext& context, ViewOutput& out) {
  for (std::size_t i = 0; i < m.attachments.size(); ++i) {
    const Attachment& a = m.attachments[i];
    const std::string label = ICON_PAPERCLIP " " + tr("message.attachment", {{"name", a.name}, {"size", ui::byte_size(a.size)}}) +
                              "##attachment-" + std::to_string(m.id) + "-" + std::to_string(i);
    if (ImGui::SmallButton(label.c_str())) out.intents.push_back(intent::DownloadAttachment{a});
    ui::tooltip(tr("message.download", {{"name", a.name}}));
  }
  if (!m.quoted.empty()) {
    ImGui::PushID("quoted");
    if (ImGui::TreeNodeEx(tr("message.quoted").c_str(), ImGuiTreeNodeFlags_SpanAvailWidth)) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().muted);
      ui::text_wrapped(m.quoted);
      ImGui::PopStyleColor();
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (!m.delivery) return;
  const Delivery& d = *m.delivery;
  switch (d.state) {
    case DeliveryState::queued: ui::text_muted(ICON_ENVELOPE " " + tr("delivery.queued", {{"to", d.to}})); break;
    case DeliveryState::sent:
      ui::text_colored(ui::palette().live, ICON_CHECK " " + tr("delivery.sent", {{"to", d.to}, {"at", absolute(d.at, context.utc_offset, context.now)}}));
      break;
    case DeliveryState::retrying:
      ui::text_colored(ui::palette().waiting, ICON_CLOCK " " + tr("delivery.retrying", {{"reason", d.reason}}));
      break;
    case DeliveryState::failed: ui::text_colored(ui::palette().error, ICON_WARNING " " + tr("delivery.failed", {{"reason", d.reason}})); break;
  }
}

std::string when_words(const Message& m, const ViewContext& context) {
  return tr("message.when", {{"date", absolute(m.at, context.utc_offset, context.now)}, {"ago", ago(m.at, context.now)}});
}

// A message scrolled wholly out of view, for the mirror alone (the browser's find, a screen
// reader): the texts draw_message lays out first, in its order (the mirror knows a text by its
// place, so the same element and text stay when the message scrolls in), where it would put them:
// the author line along the top, the body under it to the bottom. Nothing is measured: the
// message's child window keeps its size from when it was last laid out.
void record_unseen(const std::string& who, const std::string& kind, const Message& m, const ViewContext& context) {
  const ImVec2 pad = ImGui::GetStyle().WindowPadding;
  const ImVec2 at = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float line = ImGui::GetTextLineHeight();
  const float font = ImGui::GetFontSize();
  const float width = std::max(0.0f, size.x - 2 * pad.x);
  float x = at.x + pad.x;
  auto add = [&](const std::string& text, float left, float top, float w, float h) {
    sem::Node n;
    n.role = sem::Role::text;
    n.name = text;
    n.x = left, n.y = top, n.w = w, n.h = h;
    n.font_size = font;
    n.drawn = false;
    sem::add(std::move(n));
  };
  const float top = at.y + pad.y;
  for (const std::string* text : {&who, &kind}) {
    if (text->empty()) continue;
    const float w = ImGui::CalcTextSize(text->c_str()).x;
    add(*text, x, top, w, line);
    x += w + ImGui::GetStyle().ItemSpacing.x;
  }
  const std::string when = when_words(m, context);
  const float when_w = ImGui::CalcTextSize(when.c_str()).x;
  add(when, std::max(x, at.x + size.x - pad.x - when_w - line - 12 * ui::scale()), top, when_w, line);
  const float body = top + line + ImGui::GetStyle().ItemSpacing.y;
  add(m.body, at.x + pad.x, body, width, std::max(line, at.y + size.y - pad.y - body));
}

void draw_message(const AppState& state, const Ticket& t, const Message& m, const ViewContext& context, ViewOutput& out) {
  const float s = ui::scale();
  ImU32 background = ui::palette().customer_bg;
  std::string who, kind;
  if (m.kind == MessageKind::customer) {
    who = tr("pane.requester", {{"name", t.requester.name}, {"email", m.from.empty() ? t.requester.email : m.from}});
    if (m.automatic) kind = ICON_COG " " + tr("message.automatic");
  } else {
    who = state.directory.name(m.agent.value_or(0));
    kind = m.kind == MessageKind::note ? ICON_NOTE " " + tr("message.note") : ICON_ENVELOPE " " + tr("message.replied");
    background = m.kind == MessageKind::note ? ui::palette().note_bg : ui::palette().reply_bg;
  }
  ImGui::PushID(static_cast<int>(m.id));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, background);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 10 * s));
  // False when scrolled wholly out of the thread's view: ImGui keeps its place and size (the
  // thread's layout holds) but lays nothing out in it.
  const bool laid_out =
      ImGui::BeginChild("message", ImVec2(0, 0), ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding |
                                                   ImGuiChildFlags_NavFlattened);  // Tab reaches Copy
  sem::Scope article(sem::Role::article, "message-" + std::to_string(m.id), who);
  if (!laid_out) {
    record_unseen(who, kind, m, context);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::PopID();
    return;
  }
  ui::text_bold(who);
  if (!kind.empty()) {
    ImGui::SameLine();
    ui::text_colored(m.kind == MessageKind::note ? ui::palette().locked_fg : ui::palette().accent, kind);
  }
  ImGui::SameLine();
  const std::string when = when_words(m, context);
  const float copy_w = ImGui::CalcTextSize(ICON_COPY).x + ImGui::GetStyle().FramePadding.x * 2;
  const float when_w = ImGui::CalcTextSize(when.c_str()).x;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ui::content_right() - when_w - copy_w - 12 * s));
  ui::text_muted(when);
  ImGui::SameLine();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4 * s, 0));
  if (ImGui::SmallButton((ICON_COPY "##copy-" + std::to_string(m.id)).c_str())) out.intents.push_back(intent::Copy{m.body});
  ImGui::PopStyleVar();
  ui::tooltip(tr("message.copy"));
  ui::text_wrapped(m.body);
  draw_mail_parts(m, context, out);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImGui::PopID();
}

// A sent reply in its undo window: "Sending in 8 s · Undo" (others see it coming).
void draw_pending_reply(const AppState& state, const Ticket& t, const ViewContext& context, ViewOutput& out) {
  if (!t.pending_reply) return;
  const PendingReply& p = *t.pending_reply;
  const float s = ui::scale();
  const bool mine = state.me && p.author == state.me->id;
  const Time left = std::max<Time>(0, p.deliver_at - context.now);
  const Time secs = (left + kSecond - 1) / kSecond;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().reply_bg);
  ImGui::PushStyleColor(ImGuiCol_Border, ui::palette().accent);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 10 * s));
  ImGui::BeginChild("pending-reply", ImVec2(0, 0), ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding |
                                             ImGuiChildFlags_NavFlattened);
  sem::Scope article(sem::Role::article, "pending-reply", state.directory.name(p.author));
  ImGui::AlignTextToFramePadding();
  const std::string sending = left > 0 ? trn("pending.sending_in", secs) : tr("pending.sending_now");
  ui::text_bold(ICON_SEND " " + (mine ? sending : tr("pending.theirs", {{"name", state.directory.name(p.author)}, {"sending", sending}})));
  if (mine) {
    ImGui::SameLine();
    const std::string why = predict(state, t, cmd::UndoSend{p.idempotency_key}, context.now).why;
    if (ui::button(ICON_UNDO " " + tr("pending.undo") + "##undo-send", why))
      out.intents.push_back(intent::Run{t.id, cmd::UndoSend{p.idempotency_key}, tr("doing.undo")});
    ui::tooltip(why.empty() ? tr("pending.undo_tip") : why);
  } else {
    ImGui::SameLine();
    ui::text_muted(tr("pending.nobody_else"));
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().muted);
  ui::text_wrapped(p.body);
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

// The visible part of the current (child) window, in screen pixels.
struct ViewRange {
  float top = 0, bottom = 0;
};

ViewRange view_of_window() {
  const float top = ImGui::GetWindowPos().y;
  return {top, top + ImGui::GetWindowHeight()};
}

// A colleague's live draft in the thread, at its end.
void draw_other_draft(const AppState& state, const OtherDraft& d, const ViewContext& context) {
  const float s = ui::scale();
  ImGui::PushID(static_cast<int>(d.author));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().draft_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 10 * s));
  ImGui::BeginChild("draft", ImVec2(0, 0), ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding |
                                     ImGuiChildFlags_NavFlattened);
  sem::Scope article(sem::Role::article, "draft-" + std::to_string(d.author), state.directory.name(d.author));
  ui::text_colored(IM_COL32(91, 33, 182, 255),
                   ICON_PEN " " + tr(d.kind == DraftKind::note ? "draft.writing_note" : "draft.writing_reply",
                                     {{"name", state.directory.name(d.author)}, {"ago", ago(d.updated_at, context.now)}}));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 60, 100, 255));
  ui::text_wrapped(tr("quote", {{"text", d.body}}));
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImGui::PopID();
}

// "↓ New note from Marcus Lindqvist": a pill centred under the thread; a click shows the end.
void draw_new_below(const std::string& words, ThreadFollow& follow) {
  const float s = ui::scale();
  const std::string label = "\xe2\x86\x93  " + words + "##new-below";  // U+2193 DOWNWARDS ARROW
  const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2 * 14 * s;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - width) / 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ImGui::GetFrameHeight() / 2);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(14 * s, ImGui::GetStyle().FramePadding.y));
  if (ui::primary_button(label)) follow.show_end();
  ImGui::PopStyleVar(2);
  ui::tooltip(tr("thread.new_below_tip"));
}

// A pinned draft's measures: its text region shows at most a few lines and scrolls beyond.
struct PinnedSize {
  float text = 0, total = 0;
};

PinnedSize pinned_size(const OtherDraft& d, float width, int max_lines) {
  const float s = ui::scale();
  const float line = ImGui::GetTextLineHeight();
  const float wrap = std::max(1.0f, width - 2 * 10 * s - ImGui::GetStyle().ScrollbarSize);
  const float text_h = ImGui::CalcTextSize(tr("quote", {{"text", d.body}}).c_str(), nullptr, false, wrap).y;
  PinnedSize size;
  size.text = std::clamp(text_h, line, max_lines * line);
  size.total = 2 * 6 * s + line + ImGui::GetStyle().ItemSpacing.y / 2 + size.text;
  return size;
}

// A colleague's draft kept in view above the composer while the thread's end is out of view:
// who, how fresh, and the text at its newest end (scrollable when longer than the strip).
void draw_pinned_draft(const AppState& state, const OtherDraft& d, const PinnedSize& size, const ViewContext& context,
                       ThreadFollow& follow) {
  const float s = ui::scale();
  const std::string name = state.directory.name(d.author);
  ImGui::PushID(static_cast<int>(d.author));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().draft_bg);
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(167, 139, 250, 255));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10 * s, 6 * s));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, ImGui::GetStyle().ItemSpacing.y / 2));
  ImGui::BeginChild("pinned-draft", ImVec2(0, size.total), ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  sem::Scope article(sem::Role::article, "pinned-draft-" + std::to_string(d.author), name);
  ui::text_colored(IM_COL32(91, 33, 182, 255),
                   ICON_PEN " " + tr(d.kind == DraftKind::note ? "draft.writing_note" : "draft.writing_reply",
                                     {{"name", name}, {"ago", ago(d.updated_at, context.now)}}));
  ImGui::BeginChild("text", ImVec2(0, size.text));
  const bool keep_end = follow.pinned_text(d.author).scrolled(ImGui::GetScrollY(), ImGui::GetScrollMaxY(), ImGui::GetTextLineHeight());
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 60, 100, 255));
  ui::text_wrapped(tr("quote", {{"text", d.body}}));
  ImGui::PopStyleColor();
  if (keep_end) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  ImGui::PopStyleVar();  // the half spacing is inside the strip: under it, the thread's (as pinned_size counts)
  ImGui::EndChild();
  hook::name_last_item("pinned-draft-" + std::to_string(d.author), name);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
  ImGui::PopID();
}

}  // namespace

void draw_thread(const AppState& state, Edits& edits, const Ticket& t, const ViewContext& context, ViewOutput& out,
                 float height) {
  ThreadFollow& follow = edits.thread;
  follow.begin(t.id, state.open.scroll_requests);
  const float s = ui::scale();
  const float line = ImGui::GetTextLineHeight();
  const AgentId me = state.me ? state.me->id : 0;
  const std::vector<OtherDraft> drafts = state.replica->others_drafts(t.id, context.now);
  // What goes under the thread, decided from the last frame (its height comes off the thread's
  // bottom, so nothing in the thread moves): the marker, then the drafts pinned above the composer.
  const NewBelow news = follow.following() ? NewBelow{} : follow.new_below();
  const float marker_h = news.count ? ImGui::GetFrameHeightWithSpacing() : 0.0f;
  const std::vector<OtherDraft> pinned = follow.pinned(drafts);
  const float width = ImGui::GetContentRegionAvail().x;
  const int max_lines = height - marker_h > 420 * s ? 4 : 2;
  std::vector<PinnedSize> sizes;
  float pinned_h = 0;
  for (const OtherDraft& d : pinned) {
    sizes.push_back(pinned_size(d, width, max_lines));
    pinned_h += sizes.back().total + ImGui::GetStyle().ItemSpacing.y;
  }
  const float thread_h = std::max(height - marker_h - pinned_h, 4 * line);

  // The Conversation tab's panel: the thread and what goes under it (the marker, pinned drafts).
  const ImVec2 panel_at = ImGui::GetCursorScreenPos();
  sem::Scope panel(sem::Role::tabpanel, "conversation", tr("pane.conversation"), panel_at.x, panel_at.y, width, height);
  // The page's find (or a screen reader) scrolled the thread's mirror: the thread goes there.
  const std::string region = "thread-" + std::to_string(t.id);
  if (const float* asked = edits.scroll_to.of(region)) ImGui::SetNextWindowScroll(ImVec2(-1.0f, follow.scrolled_to(*asked)));
  ImGui::BeginChild("thread", ImVec2(0, thread_h), ImGuiChildFlags_NavFlattened);  // Tab walks into the messages, scrolling them into view
  // The messages' region in the mirror: every message at its place in the whole thread, drawn or
  // scrolled out of view, so the browser's find finds any of them and scrolls the region to it.
  sem::Scope messages(sem::Role::group, region, "");
  messages.scrolls();
  const bool keep_end = follow.scrolled(ImGui::GetScrollY(), ImGui::GetScrollMaxY(), line);
  const ViewRange view = view_of_window();
  if (!state.replica->is_full(t.id)) ui::text_muted(tr("pane.loading_thread"));
  std::int64_t newest_on_screen = 0;
  for (const Message& m : t.messages) {
    draw_message(state, t, m, context, out);
    if (seen_in_view(ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().y, view.top, view.bottom, line)) newest_on_screen = m.id;
    hook::name_last_item("message-" + std::to_string(m.id), m.agent ? state.directory.name(*m.agent) : t.requester.name);
  }
  draw_pending_reply(state, t, context, out);
  for (const OtherDraft& d : drafts) {
    if (d.body.empty()) continue;
    draw_other_draft(state, d, context);
    follow.draft_drawn(d.author, whole_in_view(ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().y, view.top, view.bottom));
    hook::name_last_item("draft-" + std::to_string(d.author), state.directory.name(d.author));
  }
  if (keep_end) ImGui::SetScrollHereY(1.0f);
  // End, with the pointer or the focus in the thread (and no text field taking the keys).
  const bool in_thread = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) || ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
  if (in_thread && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGuiKey_End, false)) follow.show_end();
  follow.drawn(t.messages, newest_on_screen, me);
  out.settling |= follow.settling(ImGui::GetCursorPosY(), ImGui::GetScrollY(), ImGui::GetScrollMaxY());
  ImGui::EndChild();
  hook::name_last_item("thread", tr("pane.conversation"));

  if (news.count) draw_new_below(new_below_words(news, state.directory, t.requester.name), follow);
  for (std::size_t i = 0; i < pinned.size(); ++i) draw_pinned_draft(state, pinned[i], sizes[i], context, follow);
}

}  // namespace baton::shell
