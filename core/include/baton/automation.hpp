#pragma once
// What the admin automations should do now. The server runs the timers; the core says what is due.
#include <optional>
#include <vector>

#include "baton/commands.hpp"
#include "baton/settings.hpp"

namespace baton {

// The `release` command due at `now`: the lock expired, or its holder has been offline (no open
// connection) since `holder_offline_since` for the grace period. None when nothing is due.
std::optional<cmd::Release> release_due(const Ticket& ticket, Time now, const Settings& settings,
                                        std::optional<Time> holder_offline_since);

// Everything the automations may have to do to a ticket at `now`, in order: deliver a reply whose
// undo window is over; release an expired lock; hand the lock to a requester nobody answered within
// settings.lock_request_timeout_secs while the holder was idle (no typing on the ticket for that
// long) or offline for the disconnect grace; release a disconnected holder's lock, or a typing lock
// whose holder stopped typing (settings.idle_release_secs). One command at a time; ask again after
// it is applied.
std::optional<Command> due_command(const Ticket& ticket, Time now, const Settings& settings,
                                   std::optional<Time> holder_offline_since);
// Whether the ticket has anything the automations will have to act on later (a lock or a reply
// waiting out its undo window): the host's work list.
bool has_timers(const Ticket& ticket);

// Round-robin auto-assignment: the first candidate after `last_assigned` in `candidates` (the
// online agents of the ticket's department, taken in order of id). None when the ticket is already
// assigned, resolved, locked, someone is on it (viewing or drafting), or nobody is online.
std::optional<AgentId> choose_assignee(const Ticket& ticket, const std::vector<AgentId>& candidates,
                                       std::optional<AgentId> last_assigned, bool someone_on);

}  // namespace baton
