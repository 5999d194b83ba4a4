#pragma once
// The HTTP API's routes as values: each request a client may make, written as a method and a
// target ("/api/tickets?view=mine&limit=100") by target_of, and read back by parse_route (the
// kiosk answers requests by routing them). Nothing outside this file spells a path.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "baton/ids.hpp"
#include "baton/replica.hpp"

namespace baton::api {

enum class Method { get, post, put };
std::string_view name_of(Method method);
std::optional<Method> parse_method(std::string_view name);

// GET /api/tickets: one page of a view, or of a search within it. What is not set is not sent
// (the server's defaults apply: view all, limit 50, the first page).
struct ListQuery {
  std::optional<View> view;            // all, mine, unassigned or locked
  std::optional<std::string> q;        // the search box's words
  std::optional<int> limit;            // 1..500
  std::optional<std::string> after;    // the previous page's `next`
  bool operator==(const ListQuery&) const = default;
};

// The report's range: YYYY-MM-DD days (UTC), both included; CSV instead of JSON.
struct ReportQuery {
  std::optional<std::string> from, to;
  bool csv = false;
  bool operator==(const ReportQuery&) const = default;
};

// GET /api/mail/outbox: which replies (`pending`, `failed`, `sent` or `all`; the server's default
// is pending) and how many at most (1..1000).
struct OutboxQuery {
  std::optional<std::string> state;  // one of outbox_state's
  std::optional<int> limit;
  bool operator==(const OutboxQuery&) const = default;
};

// The outbox's `state` values: waiting or retrying, given up, handed to the relay, any.
namespace outbox_state {
inline constexpr const char* pending = "pending";
inline constexpr const char* failed = "failed";
inline constexpr const char* sent = "sent";
inline constexpr const char* all = "all";
}  // namespace outbox_state

namespace route {
struct Login { bool operator==(const Login&) const = default; };            // POST {email, password}
struct Logout { bool operator==(const Logout&) const = default; };          // POST
struct Me { bool operator==(const Me&) const = default; };                  // GET
struct Preferences { bool operator==(const Preferences&) const = default; };  // PUT the agent's own {lang}
struct Agents { bool operator==(const Agents&) const = default; };          // GET
struct Tickets { ListQuery query; bool operator==(const Tickets&) const = default; };  // GET
struct CreateTicket { bool operator==(const CreateTicket&) const = default; };         // POST
struct GetTicket { TicketId id = 0; bool operator==(const GetTicket&) const = default; };
struct History { TicketId id = 0; bool operator==(const History&) const = default; };
struct Commands { TicketId id = 0; bool operator==(const Commands&) const = default; };  // POST a command
struct GetSettings { bool operator==(const GetSettings&) const = default; };
struct PutSettings { bool operator==(const PutSettings&) const = default; };
struct Report { ReportQuery query; bool operator==(const Report&) const = default; };
struct Inbound { bool operator==(const Inbound&) const = default; };        // POST, the mail gateway's
// A message's attachment (GET; the answer is the file itself): the `url` of Attachment in the ticket.
struct Attachment {
  TicketId ticket = 0;
  std::string id;
  bool operator==(const Attachment&) const = default;
};
struct Outbox { OutboxQuery query; bool operator==(const Outbox&) const = default; };  // GET, admins
struct RetryOutbox { std::int64_t id = 0; bool operator==(const RetryOutbox&) const = default; };  // POST, admins
struct Live { std::string token; bool operator==(const Live&) const = default; };  // the WebSocket
}  // namespace route

using Route = std::variant<route::Login, route::Logout, route::Me, route::Agents, route::Tickets, route::CreateTicket,
                           route::GetTicket, route::History, route::Commands, route::GetSettings, route::PutSettings,
                           route::Report, route::Inbound, route::Live, route::Attachment, route::Outbox,
                           route::RetryOutbox, route::Preferences>;

Method method_of(const Route& route);
std::string target_of(const Route& route);
// The route a request names; none when it is not one of the API's (or the method does not fit).
std::optional<Route> parse_route(Method method, std::string_view target);

// The list's views by their API names ("mine"); only the four the API serves.
std::string_view view_name(View view);
std::optional<View> parse_view(std::string_view name);

}  // namespace baton::api
