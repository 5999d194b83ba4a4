// Drafts: one per agent per ticket, visible to every viewer, never lost.
#include "rules.hpp"

namespace baton::rules {

// Allowed while someone else holds the lock: a draft changes nothing the customer sees, and an
// agent who was typing when the ticket got locked must not lose what they wrote.
Outcome decide_draft(const Ctx& c, EventLog& log, const cmd::SaveDraft& draft) {
  if (auto r = require_agent(c)) return r;
  if (auto r = check_text("body", draft.body, c.settings.max_body_bytes, /*allow_empty=*/true)) return r;
  if (auto r = check_base_version(c, draft.base_version)) return r;
  log.ephemeral(c.actor.id, ev::DraftSaved{Draft{c.actor.id, draft.kind, draft.body, draft.base_version, c.now}});
  return std::nullopt;
}

Outcome decide_discard_draft(const Ctx& c, EventLog& log) {
  if (auto r = require_agent(c)) return r;
  if (!c.ticket.draft_of(c.actor.id)) return Rejection::not_found("You have no draft on this ticket");
  log.ephemeral(c.actor.id, ev::DraftDiscarded{c.actor.id});
  return std::nullopt;
}

}  // namespace baton::rules
