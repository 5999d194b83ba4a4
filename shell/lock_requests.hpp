#pragma once
// Lock requests as the workspace follows them: prompts for the requests I must answer (whatever
// ticket is open), and what became of the requests I made. Kept current from the live events and
// the tickets the replica holds; the rules themselves are the core's.
#include "app_state.hpp"

namespace baton::shell {

// After an event was applied to the replica: opens, closes or answers prompts.
void follow_lock_event(AppState& state, const Event& event, Time now);
// After a ticket arrived in a query answer: a request to me that was made while I was away.
void follow_lock_ticket(AppState& state, const Ticket& ticket);
// Drops prompts whose request has ended (answered elsewhere, lock released) and old answers.
void prune_lock_requests(AppState& state, Time now);

}  // namespace baton::shell
