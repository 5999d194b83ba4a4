#pragma once
// The workspace's controller: owns the state, turns intents into requests and commands, and
// network answers and live messages into state (through the core's Replica). Drawing is in views/.
#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app_state.hpp"
#include "draft_throttle.hpp"
#include "intents.hpp"
#include "net_client.hpp"
#include "platform.hpp"

namespace baton::shell {

class App {
 public:
  App(Platform& platform, NetClient& net);

  void start();  // restores a saved session (the page was reloaded) or shows the login
  // Timers: reconnect, draft sending, lock renewal, search debounce, counts. Call every loop turn.
  void tick();
  void handle(const Intents& intents);
  // Something changed that the screen does not show yet (an answer, a message, a timer).
  bool dirty() const { return dirty_; }
  // Only the clock moved ("19 secs ago"): one frame redraws that; news may change the layout.
  bool ticked() const { return ticked_; }
  void drawn() { dirty_ = ticked_ = false; }

  // The platform's editor (the browser's <textarea>) reports its text and Ctrl+Enter here.
  void editor_text(std::string text);
  void editor_submit();

  const AppState& state() const { return state_; }
  AppState& state() { return state_; }
  Platform& platform() { return platform_; }
  Time now() { return platform_.now_ms(); }

  // Exposed for tests: feeds one live message as if the socket received it.
  void on_socket_message(const std::string& text);

 private:
  using Json = nlohmann::json;
  using Answer = std::function<void(int status, const Json& body)>;
  using TextAnswer = std::function<void(int status, const std::string& body)>;

  void call(const std::string& method, const std::string& path, const Json* body, Answer answer);
  void say(std::string text, bool error);
  void failed(int status, const Json& body, const std::string& doing);

  // session
  void log_in();
  void log_out();
  void enter_workspace(Agent me);
  void session_expired();
  void back_to_login(const std::string& why);
  void load_agents();
  void load_settings();

  // live
  void connect();
  void on_socket_open();
  void on_socket_closed(int code);
  void send_json(const Json& message);
  void on_live(Seq seq);
  void on_event(const Json& message);
  void on_presence(TicketId ticket, AgentId agent, const std::string& state);
  void on_draft(TicketId ticket, AgentId author, const Json& draft);
  void fetch_missing();

  // list
  void show_view(View view);
  void load_page(View view);
  void run_search();
  void load_counts();
  void adopt_summaries(const Json& tickets);
  // A `{"ticket": ...}` answer into the replica (full: with its thread); the replica's copy, or null.
  const Ticket* adopt_ticket(const Json& body, bool full);
  void adopt_counts(const Json& body);

  // ticket
  void open(TicketId id);
  void fetch_ticket(TicketId id);
  void load_history();
  // A command on a ticket; `done` runs after its accepted answer is in the replica.
  void run(TicketId ticket, const Command& command, const std::string& what, std::function<void()> done = {});
  void save_settings();
  void load_report(int days);
  void download_report();
  std::pair<std::string, std::string> report_days() const;  // the first and last day shown, UTC
  std::string report_range() const;  // "from=2026-11-14&to=2026-11-27"
  void call_text(const std::string& method, const std::string& path, const std::string& body, TextAnswer answer);

  // composer
  void load_composer(TicketId id);
  void save_local_draft();
  void send_draft_if_due();
  void send(bool anyway);
  void review();
  void restore_undone(TicketId ticket);
  void discard_draft();
  void new_key();
  std::string draft_key(TicketId id) const;

  Platform& platform_;
  NetClient& net_;
  AppState state_;
  DraftThrottle throttle_{40};
  bool dirty_ = true;
  bool ticked_ = false;
  int epoch_ = 0;       // bumped at logout: answers to an older session's requests are dropped
  Time next_renew_ = 0;
  Time next_ping_ = 0;
  Time ping_sent_ = 0;
  Time gap_since_ = 0;
  Time me_retry_at_ = 0;
  std::uint64_t key_counter_ = 0;
  Seq hello_since_ = 0;             // what the last hello asked for (0: live only)
  Time last_second_ = 0;
  std::set<TicketId> fetching_;     // tickets asked for because an event named them
};

}  // namespace baton::shell
