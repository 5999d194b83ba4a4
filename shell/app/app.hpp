#pragma once
// The workspace's controller: owns the state and the views' edit buffers, and routes — intents
// from the views to the controller of their feature, and what one controller learns (logged in,
// live again, an event applied, a ticket fetched) to the others. Each feature is its own small
// controller in this folder; the wire is the core's typed API (core/include/baton/api).
#include <string>

#include "../app_state.hpp"
#include "../edits.hpp"
#include "../intents.hpp"
#include "../net_client.hpp"
#include "../platform.hpp"
#include "../storage.hpp"
#include "api_client.hpp"
#include "composer.hpp"
#include "context.hpp"
#include "live_sync.hpp"
#include "open_ticket.hpp"
#include "outbox.hpp"
#include "report.hpp"
#include "session.hpp"
#include "settings.hpp"
#include "ticket_list.hpp"

namespace baton::shell {

class App {
 public:
  App(Platform& platform, Storage& storage, NetClient& net);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void start();  // restores a saved session (the page was reloaded) or shows the login
  // Timers: reconnect, draft sending, lock renewal, search debounce, counts. Call every loop turn.
  void tick();
  void handle(const Intents& intents);
  // Something changed that the screen does not show yet (an answer, a message, a timer).
  bool dirty() const { return context_.dirty; }
  // Only the clock moved ("19 secs ago"): one frame redraws that; news may change the layout.
  bool ticked() const { return ticked_; }
  void drawn() { context_.dirty = ticked_ = false; }

  // The platform's editor (the browser's <textarea>) reports its text and Ctrl+Enter here.
  void editor_text(std::string text) { composer_.text(std::move(text)); }
  void editor_submit() { composer_.send(false); }

  const AppState& state() const { return state_; }
  Edits& edits() { return edits_; }  // the views' text boxes: drawn and typed into

 private:
  void session_expired() { back_to_login(i18n::tr("login.expired")); }
  void back_to_login(const std::string& why);

  // One handler per intent (std::visit picks it).
  void on(const intent::LogIn& i) { session_.log_in(i.email, i.password); }
  void on(const intent::LogOut&);
  void on(const intent::ShowView& i) { list_.show(i.view); }
  void on(const intent::SearchTyped& i) { list_.search_typed(i.text); }
  void on(const intent::LoadMore&) { list_.load_more(); }
  void on(const intent::Open& i) { tickets_.open(i.ticket); }
  void on(const intent::CloseTicket&) { tickets_.close(); }
  void on(const intent::MoveCursor& i) { list_.move_cursor(i.delta); }
  void on(const intent::OpenCursor&) { tickets_.open(list_.cursor_ticket()); }
  void on(const intent::Run& i);
  void on(const intent::ShowTab& i) { tickets_.show_tab(i.tab); }
  void on(const intent::ComposeKind& i) { composer_.kind(i.kind); }
  void on(const intent::EditorText& i) { composer_.text(i.text); }
  void on(const intent::Send&) { composer_.send(false); }
  void on(const intent::SendAnyway&) { composer_.send(true); }
  void on(const intent::Review&) { composer_.review(); }
  void on(const intent::DiscardDraft&) { composer_.discard(); }
  void on(const intent::OpenSettings&) { settings_.open(); }
  void on(const intent::CloseSettings&) { settings_.close(); }
  void on(const intent::SaveSettings& i) { settings_.save(i.settings); }
  void on(const intent::Copy& i);
  void on(const intent::OpenShortcuts&) { state_.shortcuts_open = true; }
  void on(const intent::CloseShortcuts&) { state_.shortcuts_open = false; }
  void on(const intent::TourAction&) {}  // the tour's host acts on these
  void on(const intent::OpenReport& i) { report_.open(i.days); }
  void on(const intent::CloseReport&) { report_.close(); }
  void on(const intent::DownloadReport&) { report_.download(); }
  void on(const intent::OpenOutbox& i) { outbox_.open(i.filter); }
  void on(const intent::CloseOutbox&) { outbox_.close(); }
  void on(const intent::MoreOutbox&) { outbox_.more(); }
  void on(const intent::RetryOutbox& i) { outbox_.retry(i.id); }
  void on(const intent::DownloadAttachment& i) { tickets_.download(i.attachment); }
  void on(const intent::ChooseLanguage& i);
  void on(const intent::ChooseTheme& i);  // kept on this device, like the language
  // The language the workspace speaks: ?lang=, the agent's choice, the browser's; its words when
  // only its name came with the page, and the glyphs its words need beyond Latin, fetched once.
  void apply_language();

  Platform& platform_;
  AppState state_;
  Edits edits_;
  ApiClient api_;
  Context context_;
  SessionController session_{context_};
  LiveSync live_{context_};
  TicketListController list_{context_};
  OpenTicketController tickets_{context_};
  ComposerController composer_{context_, tickets_};
  ReportController report_{context_};
  OutboxController outbox_{context_};
  SettingsController settings_{context_};
  bool ticked_ = false;
  Time last_second_ = 0;
  Time login_wait_shown_ = 0;  // the seconds of the login's wait the screen shows
  std::string catalog_fetching_;  // a language whose words are on their way (lazy catalogs)
  bool ui_fonts_fetching_ = false;  // the glyphs of the UI's words beyond Latin are on their way
};

}  // namespace baton::shell
