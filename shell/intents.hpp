#pragma once
// What the agent asked for this frame. Views emit intents; the App carries them out after drawing.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "baton/commands.hpp"
#include "baton/replica.hpp"
#include "baton/settings.hpp"
#include "app_state.hpp"
#include "appearance.hpp"

namespace baton::shell::intent {

struct LogIn {
  std::string email, password;
};
struct LogOut {};
struct ShowView { View view; };
struct SearchTyped { std::string text; };  // the search box changed
struct LoadMore {};
struct Open { TicketId ticket; };
struct CloseTicket {};  // back to the list (a narrow window shows one pane)
struct MoveCursor { int delta; };
struct OpenCursor {};
struct Run {  // lock, unlock, take, assign, status, urgency, ask for the lock, answer, undo
  TicketId ticket;
  Command command;
  std::string what;  // "lock the ticket": for the words when it fails
};
struct ShowTab { PaneTab tab; };
struct ComposeKind { DraftKind kind; };
struct EditorText { std::string text; };  // ImGui's own editor (desktop); the browser's comes from the platform
struct Send {};
struct SendAnyway {};
struct Review {};
struct DiscardDraft {};
struct OpenSettings {};
struct CloseSettings {};
struct SaveSettings { Settings settings; };
struct Copy { std::string text; };
struct OpenShortcuts {};  // the keyboard's shortcuts: `?`, or the menu
struct CloseShortcuts {};
struct DownloadAttachment { Attachment attachment; };  // a mail's file, saved through the platform
struct ChooseLanguage { std::string code; };            // "ja"; empty: as the browser says
struct ChooseTheme { std::optional<Theme> theme; };     // none: as the system says
struct OpenReport { int days; };  // also a new range while it is open
struct CloseReport {};
struct DownloadReport {};
struct OpenOutbox { OutboxFilter filter; };  // also another filter while it is open
struct CloseOutbox {};
struct MoreOutbox {};                        // older rows than those shown
struct RetryOutbox { std::int64_t id; };     // a failed reply's outbox row: send it again
struct TourAction {  // the training tour's buttons: handled by the Workspace, not the App
  enum Kind { next, back, reset, larger_text } kind;
};

}  // namespace baton::shell::intent

namespace baton::shell {

using Intent = std::variant<intent::LogIn, intent::LogOut, intent::ShowView, intent::SearchTyped, intent::LoadMore,
                            intent::Open, intent::CloseTicket, intent::MoveCursor, intent::OpenCursor, intent::Run, intent::ShowTab,
                            intent::ComposeKind, intent::EditorText, intent::Send, intent::SendAnyway,
                            intent::Review, intent::DiscardDraft, intent::OpenSettings, intent::CloseSettings,
                            intent::SaveSettings, intent::Copy, intent::TourAction, intent::OpenReport,
                            intent::CloseReport, intent::DownloadReport, intent::DownloadAttachment, intent::ChooseLanguage,
                            intent::ChooseTheme, intent::OpenOutbox, intent::CloseOutbox, intent::MoreOutbox,
                            intent::RetryOutbox, intent::OpenShortcuts, intent::CloseShortcuts>;

using Intents = std::vector<Intent>;

}  // namespace baton::shell
