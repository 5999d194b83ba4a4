#pragma once
// Everything the workspace shows, as plain values. The App's controllers change it from network
// answers and intents; views only read it (what they edit lives in Edits, edits.hpp).
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baton/api/bodies.hpp"
#include "baton/directory.hpp"
#include "baton/events.hpp"
#include "baton/replica.hpp"
#include "baton/report.hpp"
#include "baton/settings.hpp"
#include "appearance.hpp"
#include "sync.hpp"

namespace baton::shell {

enum class Screen { login, workspace };
enum class PaneTab { conversation, history };

// The list's four views, in the order the top bar shows them.
inline constexpr std::array<View, 4> kListViews = {View::mine, View::unassigned, View::all, View::locked};
std::string view_name(View view);   // "Mine", in the language in use
std::size_t view_index(View view);  // its place in kListViews
std::int64_t view_count(const api::ViewCounts& counts, View view);

struct LoginForm {
  std::string error;  // in words: wrong password, server down, session expired
  bool busy = false;
  // The server asked to wait (429 for failed logins, 503 busy) until then: Log in waits, and for a
  // 429 the view counts the seconds down from the state and the clock.
  Time retry_at = 0;
  bool throttled = false;  // the wait is a 429's (the countdown), not a busy server's
};

// How much of a view the server has given us: rows down to `boundary` are all known (events keep
// them current); below it only what other queries happened to load, so the list stops there.
struct Paging {
  std::optional<std::string> next;  // the server's cursor for the following page
  std::optional<Row> boundary;
  bool complete = false;
  bool loading = false;
  bool requested = false;
  Time retry_at = 0;  // after a failed page: when to ask again
};

struct SearchResults {
  std::string query;  // what these results are for
  std::vector<TicketId> ids;
  std::optional<std::string> next;
  bool loading = false;
};

struct ListState {
  View view = View::all;
  std::array<Paging, 4> paging;  // by index in kListViews
  std::string search;            // the search box as typed
  Time search_changed_at = 0;
  SearchResults results;
  std::optional<api::ViewCounts> counts;
  std::size_t cursor = 0;              // keyboard position in the visible rows
  std::uint64_t cursor_moves = 0;      // bumped when the keyboard moves it: the list scrolls to it
  bool counts_stale = false;
  Time counts_due = 0;
};

// A reply refused as stale: what changed since the draft's base, and the version to answer now.
struct StaleHold {
  std::vector<Change> changes;
  Version version = 0;
};

struct Composer {
  TicketId ticket = 0;
  DraftKind kind = DraftKind::reply;
  std::string body;
  Version base_version = 0;   // the ticket version my draft answers
  std::string key;            // idempotency key of this reply: kept across retries
  Time changed_at = 0;        // my last keystroke
  Time saved_at = 0;          // the server stored it (draft_saved)
  bool sending = false;
  std::optional<StaleHold> stale;
  std::string notice;         // "Sent", or why not, in words
  bool notice_is_error = false;
};

struct OpenTicket {
  TicketId id = 0;
  bool loading = false;
  std::string error;
  PaneTab tab = PaneTab::conversation;
  std::vector<Event> history;
  Version history_version = -1;  // the ticket version the history was read at
  bool history_loading = false;
  std::uint64_t scroll_requests = 0;  // bumped to show the newest end of the thread
};

// A colleague asks me for a lock I hold: shown whatever ticket is open, until answered.
struct LockPrompt {
  TicketId ticket = 0;
  std::string ref, subject;
  AgentId requester = 0;
  std::string reason;
  Time at = 0;
};

// What became of a request I made ("Marcus keeps the lock: on the phone"), shown on that ticket.
struct LockAnswer {
  std::string text;
  bool handed_over = false;
  Time at = 0;
};

// The admin's collision report (GET /api/report/collisions) over the last `days` days.
struct ReportState {
  bool open = false;
  bool loading = false;
  int days = 14;
  std::optional<CollisionReport> data;
  std::string error;
  std::string notice;  // "Saved to ..."
};

// The admins' mail outbox (GET /api/mail/outbox): replies waiting, retrying, failed. Fetched when
// it opens and again when a reply's delivery changes while it is open (the live events say so).
enum class OutboxFilter { pending, failed, all };
inline constexpr std::array<OutboxFilter, 3> kOutboxFilters = {OutboxFilter::pending, OutboxFilter::failed, OutboxFilter::all};
struct OutboxState {
  bool open = false;
  bool loading = false;
  bool stale = false;  // a delivery changed while a fetch was out: fetch again when it answers
  OutboxFilter filter = OutboxFilter::pending;
  int limit = 100;  // the API answers the newest `limit` rows (no cursor): "Show more" asks for more
  std::optional<api::OutboxAnswer> data;
  std::string error;                            // the last fetch failed, in words
  std::map<std::int64_t, bool> retrying;        // outbox id -> a retry is on its way
  std::map<std::int64_t, std::string> refused;  // outbox id -> why its retry was refused, in words
};

struct AgentInfo {
  Agent agent;
  bool online = false;
};

struct AppState {
  Screen screen = Screen::login;
  LoginForm login;
  std::optional<Agent> me;
  Directory directory;
  std::vector<AgentInfo> agents;
  Settings settings;
  bool settings_open = false;
  bool shortcuts_open = false;  // the keyboard's shortcuts (`?`)
  std::string settings_notice;
  Sync sync;
  std::optional<Replica> replica;
  ListState list;
  OpenTicket open;
  Composer composer;
  std::vector<LockPrompt> lock_prompts;
  std::map<TicketId, LockAnswer> lock_answers;
  ReportState report;
  OutboxState outbox;
  std::string status;  // the latest thing that went wrong (or right), in words, for the status line
  bool status_is_error = false;
  Time status_at = 0;
  Time last_pong_rtt = -1;
  Time live_applied_at = 0;
  std::string language_choice;  // the agent's own on this device ("ja"), or empty: as below
  std::string language_preference;  // the agent's own as the server keeps it ("ja"), or empty: the browser's
  // The language the agent chose: on this device, else the one the server keeps; empty: the browser's.
  const std::string& chosen_language() const { return language_choice.empty() ? language_preference : language_choice; }
  std::optional<Theme> theme_choice;  // the agent's own, or none: as the system says
  bool ui_fonts_ready = false;  // the glyphs of the UI's own words beyond Latin are loaded (lazy/)  // when the last live message was applied (the frame that shows it follows)
};

}  // namespace baton::shell
