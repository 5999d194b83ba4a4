#pragma once
// The collision report: what the collision rules prevented, per UTC day and per agent, computed
// from the logged events and the server's record of refusals. Pure: the caller reads the store.
//
// Inputs
// - `events`: logged events in seq order. They should cover [from - kSlipWindow, to + kResolveWindow)
//   (earlier replies for "slipped through", later replies for "sent anyway" / "revised"); only
//   occurrences at `from` <= at < `to` are counted, the rest is context.
// - `refusals`: what the server refused (code `locked` or `stale`, any command), plus the first
//   `draft` of a reply an agent saved on a ticket someone else held locked (command `draft`, code
//   `locked`: they wanted to reply and had to wait). Other codes are ignored.
//
// Every occurrence is counted on the UTC day ("YYYY-MM-DD") of its time, for one agent:
// - blocked_by_lock: occasions on which the agent was kept out by a colleague's lock: refusals with
//   code `locked`, counted once per (agent, ticket, lock), where the lock is the last `locked` or
//   `lock_handed_over` event of that ticket at or before the refusal (all refusals before the first
//   such event in `events` share one lock). Counted on the day of the occasion's first refusal.
// - held_stale: the agent's sends held as stale (refusal code `stale`), once per (agent, ticket,
//   idempotency_key): a retry with the same key that is held again is the same send (a refusal
//   without a key counts on its own).
// - sent_anyway / revised: of those holds, how each ended: the agent's first `replied` or
//   `reply_queued` event on that ticket after the hold and within kResolveWindow carries the same
//   key (sent anyway) or another key (revised, sent with a new key). Counted on the hold's row, so
//   held_stale - sent_anyway - revised is what was never sent (in that window).
// - lock_requests: `lock_requested` events the agent made (the requester).
// - handovers: `lock_handed_over` events the agent gave by answering a request (automatic = false;
//   the agent is `from`, the holder who gave it).
// - handovers_automatic: `lock_handed_over` with automatic = true (the request timed out while the
//   holder was idle or offline), counted for the holder who lost the lock (`from`).
// - released_expired / released_disconnected / released_idle: `unlocked` events with reason
//   `expired` / `disconnected` / `idle` (released by the automations), counted for the holder.
// - slipped_through: the agent's `replied` events that answered the same customer message as a
//   colleague's reply shortly before: an earlier `replied` event on the same ticket by a different
//   agent, at most kSlipWindow (10 minutes, inclusive) earlier, with no `customer_message` event
//   between the two. Counted once per reply, for the later replier. Should be about zero.
//
// Per-day totals sum the rows of that day (every day of [from, to) is listed, zeros included);
// per-agent totals sum an agent's rows over the range; `totals` sums everything.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "baton/directory.hpp"
#include "baton/events.hpp"
#include "baton/result.hpp"

namespace baton {

inline constexpr Time kSlipWindow = 10 * 60 * kSecond;
inline constexpr Time kResolveWindow = 24 * 60 * 60 * kSecond;
inline constexpr Time kDay = 24 * 60 * 60 * kSecond;

// One command the server refused (or, for a draft, accepted while someone else held the lock).
struct Refusal {
  Time at = 0;
  TicketId ticket = 0;
  AgentId agent = 0;
  std::string command;  // the command's type: "reply", "lock", "draft", ...
  std::string code;     // "locked" or "stale"
  std::string idempotency_key;  // empty: the command had none
  std::optional<AgentId> holder;  // locked: who held the lock
  bool operator==(const Refusal&) const = default;
};

struct CollisionCounts {
  std::int64_t blocked_by_lock = 0;
  std::int64_t held_stale = 0;
  std::int64_t sent_anyway = 0;
  std::int64_t revised = 0;
  std::int64_t lock_requests = 0;
  std::int64_t handovers = 0;
  std::int64_t handovers_automatic = 0;
  std::int64_t released_expired = 0;
  std::int64_t released_disconnected = 0;
  std::int64_t released_idle = 0;
  std::int64_t slipped_through = 0;

  CollisionCounts& operator+=(const CollisionCounts& other);
  bool empty() const { return *this == CollisionCounts{}; }
  bool operator==(const CollisionCounts&) const = default;
};

struct AgentCounts {
  AgentId agent = 0;
  CollisionCounts counts;
  bool operator==(const AgentCounts&) const = default;
};

struct DayReport {
  std::string day;  // "YYYY-MM-DD" (UTC)
  CollisionCounts totals;
  std::vector<AgentCounts> agents;  // ascending agent id; only agents with a non-zero count
  bool operator==(const DayReport&) const = default;
};

struct CollisionReport {
  Time from = 0, to = 0;  // [from, to)
  std::vector<DayReport> days;      // every UTC day that [from, to) touches, ascending
  std::vector<AgentCounts> agents;  // each agent's totals over the range, ascending id
  CollisionCounts totals;
  bool operator==(const CollisionReport&) const = default;
};

// The UTC day of a time, "YYYY-MM-DD".
std::string utc_day(Time at);
// Midnight UTC of a "YYYY-MM-DD" day; none if it is not a valid date in that exact form.
std::optional<Time> parse_utc_day(const std::string& day);

CollisionReport collision_report(const std::vector<Event>& events, const std::vector<Refusal>& refusals,
                                 Time from, Time to);

namespace protocol {
// {"at", "ticket", "agent", "command", "code", "idempotency_key" (string or null), "holder" (id or null)}
Result<Refusal> decode_refusal(std::string_view text);
std::string encode_refusal(const Refusal& refusal);
// {"from", "to", "days": [{"day", "totals": {counts}, "agents": [{"agent", "name", counts...}]}],
//  "agents": [{"agent", "name", counts...}], "totals": {counts}}; names from the directory.
std::string report_json(const CollisionReport& report, const Directory& directory);
// Header row, then one line per (day, agent) with a non-zero count: day, agent_id, agent (name),
// then the counts in the order of CollisionCounts. RFC 4180 quoting; a name that a spreadsheet
// would read as a formula (starting with = + - @ tab or CR) is prefixed with an apostrophe.
std::string report_csv(const CollisionReport& report, const Directory& directory);
// The report as report_json wrote it (names are not kept: clients have the directory).
Result<CollisionReport> decode_report(std::string_view text);
}  // namespace protocol

}  // namespace baton
