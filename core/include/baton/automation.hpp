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

// Round-robin auto-assignment: the first candidate after `last_assigned` in `candidates` (the
// online agents of the ticket's department, taken in order of id). None when the ticket is already
// assigned, resolved, locked, someone is on it (viewing or drafting), or nobody is online.
std::optional<AgentId> choose_assignee(const Ticket& ticket, const std::vector<AgentId>& candidates,
                                       std::optional<AgentId> last_assigned, bool someone_on);

}  // namespace baton
