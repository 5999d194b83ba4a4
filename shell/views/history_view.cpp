// The History tab: the ticket's audit trail, newest first, with absolute and relative times.
#include "imgui.h"
#include "../time_text.hpp"
#include "baton/names.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

const char* unlock_words(UnlockReason reason) {
  switch (reason) {
    case UnlockReason::manual: return "released by the holder";
    case UnlockReason::expired: return "the lock timed out";
    case UnlockReason::disconnected: return "the holder went offline";
    case UnlockReason::forced: return "an admin forced it open";
    case UnlockReason::replied: return "released when the reply was sent";
    case UnlockReason::reassigned: return "released when the ticket was reassigned";
    case UnlockReason::idle: return "the holder stopped typing";
    case UnlockReason::discarded: return "the holder discarded their draft";
  }
  return "";
}

std::string excerpt(const std::string& body) {
  std::string out = body.substr(0, 90);
  for (char& c : out)
    if (c == '\n') c = ' ';
  return "\"" + out + (body.size() > 90 ? "...\"" : "\"");
}

}  // namespace

std::string describe_event(const Event& event, const Directory& directory) {
  const std::string actor = event.actor == kSystemAgent ? "System" : directory.name(event.actor);
  auto name = [&](const std::optional<AgentId>& id) { return id ? directory.name(*id) : std::string("nobody"); };
  return std::visit(
      [&](const auto& p) -> std::string {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, ev::Created>) return "Ticket created by " + p.requester.name + ": " + excerpt(p.message.body);
        else if constexpr (std::is_same_v<T, ev::CustomerMessage>) return "Customer wrote: " + excerpt(p.message.body);
        else if constexpr (std::is_same_v<T, ev::Replied>) return actor + " replied: " + excerpt(p.message.body);
        else if constexpr (std::is_same_v<T, ev::NoteAdded>) return actor + " added a note: " + excerpt(p.message.body);
        else if constexpr (std::is_same_v<T, ev::Locked>)
          return ICON_LOCK " " + actor + " locked the ticket" + (p.reason == LockReason::typing ? " (by typing a reply)" : "");
        else if constexpr (std::is_same_v<T, ev::LockRequested>)
          return ICON_HAND " " + actor + " asked " + name(p.holder) + " for the lock" +
                 (p.reason.empty() ? std::string() : ": \"" + p.reason + "\"");
        else if constexpr (std::is_same_v<T, ev::LockRequestDeclined>)
          return ICON_LOCK " " + actor + " kept the lock (asked by " + name(p.requester) + ")" +
                 (p.reason.empty() ? std::string() : ": \"" + p.reason + "\"");
        else if constexpr (std::is_same_v<T, ev::LockHandedOver>)
          return p.automatic ? ICON_EXCHANGE " The lock went to " + name(p.to) + ": " + name(p.from) + " did not answer in time"
                             : ICON_EXCHANGE " " + actor + " handed the lock to " + name(p.to);
        else if constexpr (std::is_same_v<T, ev::ReplyQueued>)
          return ICON_SEND " " + actor + " sent a reply (undo window): " + excerpt(p.pending.body);
        else if constexpr (std::is_same_v<T, ev::SendUndone>) return ICON_UNDO " " + actor + " took the reply back (undo)";
        else if constexpr (std::is_same_v<T, ev::LockRenewed>) return actor + " kept the lock (renewed)";
        else if constexpr (std::is_same_v<T, ev::Unlocked>) {
          const std::string reason = std::string(name_of(p.reason));
          if (p.reason == UnlockReason::manual) return ICON_UNLOCK " " + actor + " unlocked the ticket (manual)";
          return ICON_UNLOCK " Unlocked (" + reason + "): " + unlock_words(p.reason) + "; " + name(p.holder) +
                 " held it";
        } else if constexpr (std::is_same_v<T, ev::Assigned>) {
          if (!p.to) return actor + " unassigned it (was " + name(p.from) + ")";
          return actor + " assigned it: " + name(p.from) + " \u2192 " + name(p.to);
        } else if constexpr (std::is_same_v<T, ev::StatusChanged>)
          return actor + " changed the status: " + ui::status_words(p.from) + " \u2192 " + ui::status_words(p.to);
        else if constexpr (std::is_same_v<T, ev::UrgencyChanged>)
          return actor + " changed the urgency: " + std::to_string(p.from) + " \u2192 " + std::to_string(p.to);
        else if constexpr (std::is_same_v<T, ev::DraftSaved>) return actor + " saved a draft";
        else return actor + " discarded a draft";
      },
      event.payload);
}

std::string describe_change(const Change& change, const Directory& directory, const std::string& requester) {
  const std::string who = change.actor == kSystemAgent ? requester : directory.name(change.actor);
  switch (change.kind) {
    case ChangeKind::customer_message: return requester + " wrote again";
    case ChangeKind::reply: return who + " replied";
    case ChangeKind::note: return who + " added a note";
    case ChangeKind::assignment: return who + " changed the assignee";
    case ChangeKind::status: return who + " changed the status";
  }
  return {};
}

void draw_history(const AppState& state, const ViewContext& context) {
  const OpenTicket& open = state.open;
  if (open.history.empty()) {
    ui::text_muted(open.history_loading ? "Loading the history..." : "No history yet.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("history-table", 2, flags)) return;
  ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Nov 26 2026, 12:59 PM").x);
  ImGui::TableSetupColumn("What");
  for (auto it = open.history.rbegin(); it != open.history.rend(); ++it) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text(absolute(it->at, context.utc_offset, context.now));
    ui::text_muted(ago(it->at, context.now));
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    ui::text(describe_event(*it, state.directory));
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTable();
}

}  // namespace baton::shell
