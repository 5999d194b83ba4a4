// The History tab: the ticket's audit trail, newest first, with absolute and relative times.
#include <algorithm>

#include "imgui.h"
#include "../semantics.hpp"
#include "../time_text.hpp"
#include "../i18n/words.hpp"
#include "baton/names.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {


std::string unlock_words(UnlockReason reason) {
  return tr("history.unlock_reason." + std::string(name_of(reason)));
}

std::string excerpt(const std::string& body) {
  std::string out = body.substr(0, 90);
  for (char& c : out)
    if (c == '\n') c = ' ';
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();  // whole UTF-8
  if (body.size() > 90 && !out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
  return tr("quote", {{"text", out + (body.size() > 90 ? "..." : "")}});
}

std::string with_reason(const std::string& words, const std::string& reason) {
  return reason.empty() ? words : tr("history.with_reason", {{"words", words}, {"reason", reason}});
}

}  // namespace

std::string describe_event(const Event& event, const Directory& directory) {
  const std::string actor = event.actor == kSystemAgent ? tr("history.system") : directory.name(event.actor);
  auto name = [&](const std::optional<AgentId>& id) { return id ? directory.name(*id) : tr("history.nobody"); };
  return std::visit(
      [&](const auto& p) -> std::string {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, ev::Created>)
          return tr("history.created", {{"requester", p.requester.name}, {"excerpt", excerpt(p.message.body)}});
        else if constexpr (std::is_same_v<T, ev::CustomerMessage>)
          return tr(p.message.automatic ? "history.customer_automatic" : "history.customer_wrote",
                    {{"excerpt", excerpt(p.message.body)}});
        else if constexpr (std::is_same_v<T, ev::Replied>)
          return tr("history.replied", {{"actor", actor}, {"excerpt", excerpt(p.message.body)}});
        else if constexpr (std::is_same_v<T, ev::NoteAdded>)
          return tr("history.note_added", {{"actor", actor}, {"excerpt", excerpt(p.message.body)}});
        else if constexpr (std::is_same_v<T, ev::Locked>)
          return ICON_LOCK " " + tr(p.reason == LockReason::typing ? "history.locked_typing" : "history.locked", {{"actor", actor}});
        else if constexpr (std::is_same_v<T, ev::LockRequested>)
          return ICON_HAND " " + with_reason(tr("history.lock_requested", {{"actor", actor}, {"holder", name(p.holder)}}), p.reason);
        else if constexpr (std::is_same_v<T, ev::LockRequestDeclined>)
          return ICON_LOCK " " +
                 with_reason(tr("history.lock_kept", {{"actor", actor}, {"requester", name(p.requester)}}), p.reason);
        else if constexpr (std::is_same_v<T, ev::LockHandedOver>)
          return ICON_EXCHANGE " " + (p.automatic ? tr("history.handed_over_automatically", {{"to", name(p.to)}, {"from", name(p.from)}})
                                                  : tr("history.handed_over", {{"actor", actor}, {"to", name(p.to)}}));
        else if constexpr (std::is_same_v<T, ev::ReplyQueued>)
          return ICON_SEND " " + tr("history.reply_queued", {{"actor", actor}, {"excerpt", excerpt(p.pending.body)}});
        else if constexpr (std::is_same_v<T, ev::SendUndone>) return ICON_UNDO " " + tr("history.send_undone", {{"actor", actor}});
        else if constexpr (std::is_same_v<T, ev::DeliveryChanged>)
          return ICON_ENVELOPE " " + tr("history.delivery." + std::string(name_of(p.state)), {{"reason", p.reason}});
        else if constexpr (std::is_same_v<T, ev::LockRenewed>) return tr("history.lock_renewed", {{"actor", actor}});
        else if constexpr (std::is_same_v<T, ev::Unlocked>) {
          if (p.reason == UnlockReason::manual) return ICON_UNLOCK " " + tr("history.unlocked_manual", {{"actor", actor}});
          return ICON_UNLOCK " " + tr("history.unlocked", {{"reason", std::string(name_of(p.reason))},
                                                          {"words", unlock_words(p.reason)},
                                                          {"holder", name(p.holder)}});
        } else if constexpr (std::is_same_v<T, ev::Assigned>) {
          if (!p.to) return tr("history.unassigned", {{"actor", actor}, {"from", name(p.from)}});
          return tr("history.assigned", {{"actor", actor}, {"from", name(p.from)}, {"to", name(p.to)}});
        } else if constexpr (std::is_same_v<T, ev::StatusChanged>)
          return tr("history.status", {{"actor", actor}, {"from", ui::status_words(p.from)}, {"to", ui::status_words(p.to)}});
        else if constexpr (std::is_same_v<T, ev::UrgencyChanged>)
          return tr("history.urgency", {{"actor", actor}, {"from", p.from}, {"to", p.to}});
        else if constexpr (std::is_same_v<T, ev::DraftSaved>) return tr("history.draft_saved", {{"actor", actor}});
        else return tr("history.draft_discarded", {{"actor", actor}});
      },
      event.payload);
}

std::string describe_change(const Change& change, const Directory& directory, const std::string& requester) {
  const std::string who = change.actor == kSystemAgent ? requester : directory.name(change.actor);
  return tr("change." + std::string(name_of(change.kind)), {{"who", who}, {"requester", requester}});
}

void draw_history(const AppState& state, const ViewContext& context) {
  const OpenTicket& open = state.open;
  if (open.history.empty()) {
    ui::text_muted(tr(open.history_loading ? "history.loading" : "history.empty"));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  const float left = ImGui::GetCursorScreenPos().x, width = ImGui::GetContentRegionAvail().x;
  if (!ImGui::BeginTable("history-table", 2, flags)) return;
  // As wide as the longest date this language writes (a December afternoon of another year).
  const Time widest = 1'798'728'000'000;  // 2026-12-31 13:00 UTC
  ImGui::TableSetupColumn(tr("history.when").c_str(), ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(absolute(widest, 0, widest + 400 * kDay).c_str()).x);
  ImGui::TableSetupColumn(tr("history.what").c_str());
  // In the mirror a list of events, each an item with its place in the history as its key (the
  // mirror keeps an item that did not change without re-sending it).
  sem::Scope list(sem::Role::list, "", "");
  for (auto it = open.history.rbegin(); it != open.history.rend(); ++it) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const ImVec2 row = ImGui::GetCursorScreenPos();
    sem::Scope item(sem::Role::listitem, "event-" + std::to_string(open.history.rend() - it), "", left, row.y, width, 0);
    ui::text(absolute(it->at, context.utc_offset, context.now));
    ui::text_muted(ago(it->at, context.now));
    float bottom = ImGui::GetItemRectMax().y;
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    ui::text(describe_event(*it, state.directory));
    ImGui::PopTextWrapPos();
    if (sem::Node* node = item.node()) node->h = std::max(bottom, ImGui::GetItemRectMax().y) - row.y;
  }
  ImGui::EndTable();
}

}  // namespace baton::shell
