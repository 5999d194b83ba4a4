#pragma once
// What the server tells about tickets, into the replica: whole tickets, list rows with their
// presence, live presence and drafts. Lock prompts follow what arrives (lock_requests.hpp).
#include <vector>

#include "../app_state.hpp"
#include "baton/api/live.hpp"

namespace baton::shell {

// A ticket from an answer (full: with its thread); the replica's copy.
const Ticket* adopt_ticket(AppState& state, const Ticket& ticket, bool full);
// List rows: their summaries, and who views and types on them until live presence says otherwise.
void adopt_entries(AppState& state, const std::vector<api::ListEntry>& entries, Time now);
// A colleague's presence or draft (mine come back too, and are left out).
void apply_presence(AppState& state, const api::live::PresenceUpdate& update, Time now);
void apply_draft(AppState& state, const api::live::DraftUpdate& update, Time now);

}  // namespace baton::shell
