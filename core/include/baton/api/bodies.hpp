#pragma once
// The bodies of the HTTP API's requests and answers as values, with one codec: `to_json` writes
// exactly what serve.py writes, `decode<T>` reads it back (never throws; a wrong shape is an
// `invalid` rejection naming the field). Models inside (tickets, events, settings) use the core's
// protocol. Each route's body and answer: docs/API.md and tests/contract/http/.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "baton/directory.hpp"
#include "baton/protocol.hpp"
#include "baton/events.hpp"
#include "baton/report.hpp"
#include "baton/result.hpp"
#include "baton/settings.hpp"

namespace baton::api {

using Json = nlohmann::json;

struct LoginRequest {  // POST /api/login
  std::string email, password;
  bool operator==(const LoginRequest&) const = default;
};

// The languages the workspace speaks, by code: "en", "ja" (core/src/api/languages.cpp). Adding
// one: its code there and its catalog (docs/API.md, "Sessions and agents").
std::span<const std::string_view> languages();

// The agent's own preferences, kept by the server for that agent: PUT /api/me/preferences (fields
// left out keep their value), and in the answers of POST /api/login and GET /api/me.
struct Preferences {
  std::optional<std::string> lang;  // one of languages(); none (null): follow the browser's language
  bool operator==(const Preferences&) const = default;
};
struct PreferencesAnswer {  // PUT /api/me/preferences
  Preferences preferences;
  bool operator==(const PreferencesAnswer&) const = default;
};

struct Session {  // its answer
  std::string token;
  Agent agent;
  Preferences preferences = {};
  bool operator==(const Session&) const = default;
};

struct Me {  // GET /api/me
  Agent agent;
  Preferences preferences = {};
  bool operator==(const Me&) const = default;
};

struct AgentEntry {
  Agent agent;
  bool online = false;  // at least one open WebSocket
  bool operator==(const AgentEntry&) const = default;
};
struct AgentList {  // GET /api/agents
  std::vector<AgentEntry> agents;
  bool operator==(const AgentList&) const = default;
};

// A row of the ticket list: the ticket's summary (no thread, no drafts) and who is on it.
struct ListEntry {
  Ticket ticket;
  std::vector<AgentId> drafters;  // agents with a draft on it
  std::string preview;            // the start of its newest message
  std::vector<AgentId> viewers;   // viewing or typing
  std::vector<AgentId> typing;    // a draft update in the last 5 s
  bool operator==(const ListEntry&) const = default;

  // The row of a whole ticket, as the server summarises it.
  static ListEntry of(const Ticket& ticket, std::vector<AgentId> viewers = {}, std::vector<AgentId> typing = {});
};
// How many tickets each view holds for the caller.
struct ViewCounts {
  std::int64_t all = 0, mine = 0, unassigned = 0, locked = 0;
  bool operator==(const ViewCounts&) const = default;
};
struct ListPage {  // GET /api/tickets
  std::vector<ListEntry> tickets;
  std::optional<std::string> next;  // the cursor of the following page; none on the last
  ViewCounts counts;
  bool operator==(const ListPage&) const = default;
};
// The list's order is newest first by (updated_at, id); a cursor is the last row of a page,
// written "<updated_at>.<id>", and the next page starts below it.
struct ListCursor {
  Time updated_at = 0;
  TicketId id = 0;
  bool operator==(const ListCursor&) const = default;
};
std::string cursor_text(const ListCursor& cursor);
std::optional<ListCursor> parse_cursor(std::string_view text);

struct TicketAnswer {  // GET /api/tickets/{id}
  Ticket ticket;
  bool operator==(const TicketAnswer&) const = default;
};

struct HistoryPage {  // GET /api/tickets/{id}/history
  std::vector<Event> events;
  bool operator==(const HistoryPage&) const = default;
};

struct CommandAnswer {  // POST /api/tickets/{id}/commands, POST /api/tickets, POST /api/inbound, POST .../retry
  Ticket ticket;
  std::vector<Event> events;
  bool duplicate = false;  // a retried reply: the original stands
  bool operator==(const CommandAnswer&) const = default;
};

struct SettingsAnswer {  // GET and PUT /api/settings
  Settings settings;
  bool operator==(const SettingsAnswer&) const = default;
};

struct Ok {  // POST /api/logout
  bool operator==(const Ok&) const = default;
};

// POST /api/tickets (an agent) and POST /api/inbound without a ref (the mail gateway).
struct NewTicket {
  std::string subject;
  Requester requester;
  std::string department, body;
  std::optional<std::string> organization, language;
  std::optional<int> urgency;
  bool operator==(const NewTicket&) const = default;
};
// POST /api/inbound with a ref: a customer writes again on a ticket.
struct CustomerMessage {
  std::string ref, body;
  bool operator==(const CustomerMessage&) const = default;
};

// GET /api/mail/outbox (admins): the replies to mail that wait, retry, failed or went (docs/MAIL.md).
struct OutboxItem {
  std::int64_t id = 0;  // POST /api/mail/outbox/{id}/retry
  TicketId ticket = 0;
  std::optional<std::string> ref, subject;  // the ticket's (none: the server no longer has it)
  std::int64_t message = 0;  // the reply's id in the ticket
  std::string to;
  DeliveryState state = DeliveryState::queued;
  std::string reason;  // "no mail relay configured", "mail server unreachable (...)", "550 5.1.1 ..."
  std::int64_t attempts = 0;
  Time queued_at = 0;
  std::optional<Time> next_attempt_at;  // none: not to be tried (sent, failed, or held without a relay)
  std::optional<Time> sent_at;
  Time updated_at = 0;
  bool operator==(const OutboxItem&) const = default;
};
struct OutboxAnswer {
  std::optional<std::string> relay;      // "host:port" replies are handed to; none: they wait
  std::optional<std::string> listening;  // "host:port" mail is received on
  std::string domain;
  std::map<std::string, std::string> addresses;  // department -> its address
  std::vector<OutboxItem> items;                 // newest first
  bool operator==(const OutboxAnswer&) const = default;
};

// Every error answer: {"error": {"code", "message", "key", "args", ...}}. The core's rejections keep
// their fields; the server's own codes (unauthorized, method_not_allowed, internal...) are a code,
// the English message, and the key and args that say the same in any language (error_texts.hpp).
struct ApiError {
  std::string code;
  std::string message;                 // English
  std::optional<Rejection> rejection;  // when `code` is one of the core's
  std::string key = {};                // which situation: "auth.required", "lock.held_by_other"
  std::vector<std::string> args = {};  // the values its words need, in order
  bool operator==(const ApiError&) const = default;

  static ApiError from(const Rejection& rejection);
  // The server's own error of that key (its code and English words from the table).
  static ApiError of(ErrorKey key, std::vector<std::string> args = {});
};

// GET /api/report/collisions (JSON): the report, with the agents' names as the server wrote them.
struct ReportAnswer {
  CollisionReport report;
  Directory names;  // id and name of every agent the report names
};

using protocol::to_json;  // Settings (PUT /api/settings) and Command (POST .../commands) as the core writes them
Json to_json(const LoginRequest& value);
Json to_json(const Preferences& value);
Json to_json(const PreferencesAnswer& value);
Json to_json(const Session& value);
Json to_json(const Me& value);
Json to_json(const AgentList& value);
Json to_json(const ListPage& value);
Json to_json(const TicketAnswer& value);
Json to_json(const HistoryPage& value);
Json to_json(const CommandAnswer& value);
Json to_json(const SettingsAnswer& value);
Json to_json(const Ok& value);
Json to_json(const NewTicket& value);
Json to_json(const CustomerMessage& value);
Json to_json(const ApiError& value);  // the whole answer, {"error": {...}}
Json to_json(const ReportAnswer& value);
Json to_json(const OutboxAnswer& value);

// The JSON text of a body.
template <typename T>
std::string encode(const T& value);

// Reads a body; `T` is one of the types above, or Settings (a PUT) or Command (POST .../commands).
// Preferences are read strictly: `lang` null or one of languages(), no other field.
template <typename T>
Result<T> decode(std::string_view text);
template <typename T>
Result<T> from_json(const Json& json);

}  // namespace baton::api
