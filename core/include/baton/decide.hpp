#pragma once
// The rules: decide() rules on a command, evolve() applies what was decided.
#include <vector>

#include "baton/commands.hpp"
#include "baton/directory.hpp"
#include "baton/events.hpp"
#include "baton/result.hpp"
#include "baton/settings.hpp"

namespace baton {

using Decision = Result<std::vector<Event>>;

// Pure: the same arguments always give the same decision. Events come back with seq 0.
Decision decide(const Ticket& ticket, const Command& command, const Actor& actor, Time now,
                const Settings& settings, const Directory& directory);

// Applies one event; replaying a ticket's events on Ticket::blank() rebuilds it exactly.
Ticket evolve(Ticket ticket, const Event& event);

// Whether the lock (if any) still counts at `now`: an expired lock blocks nobody.
bool lock_active(const Ticket& ticket, Time now);

}  // namespace baton
