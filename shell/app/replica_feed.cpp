#include "replica_feed.hpp"

#include "../lock_requests.hpp"

namespace baton::shell {

const Ticket* adopt_ticket(AppState& state, const Ticket& ticket, bool full) {
  state.replica->upsert(ticket, full);
  const Ticket* held = state.replica->ticket(ticket.id);
  if (held) follow_lock_ticket(state, *held);
  return held;
}

void adopt_entries(AppState& state, const std::vector<api::ListEntry>& entries, Time now) {
  for (const api::ListEntry& entry : entries) {
    adopt_ticket(state, entry.ticket, false);
    for (AgentId agent : entry.viewers) apply_presence(state, {entry.ticket.id, agent, Presence::viewing}, now);
    for (AgentId agent : entry.typing) apply_presence(state, {entry.ticket.id, agent, Presence::typing}, now);
  }
}

void apply_presence(AppState& state, const api::live::PresenceUpdate& update, Time now) {
  if (!update.ticket || !state.me || update.agent == state.me->id) return;
  state.replica->set_presence(update.ticket, update.agent, update.state, now);
}

void apply_draft(AppState& state, const api::live::DraftUpdate& update, Time now) {
  if (!update.ticket || !state.me || update.author == state.me->id) return;
  Event event;
  event.ticket = update.ticket;
  event.actor = update.author;
  event.at = now;
  if (update.draft) event.payload = ev::DraftSaved{*update.draft};
  else event.payload = ev::DraftDiscarded{update.author};
  state.replica->apply_draft(event);
}

}  // namespace baton::shell
