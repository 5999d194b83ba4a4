// Drafts: one per agent per ticket, visible to every viewer, never lost.
#include "rules.hpp"

namespace baton::rules {

namespace {

// Lock on typing: a reply's first keystroke takes a free ticket; on a ticket someone else holds it
// is refused before it lands, unless the agent is carrying on with a draft they already had
// (what was written before the lock is never lost). Notes never lock.
Outcome lock_on_typing(const Ctx& c, EventLog& log, const cmd::SaveDraft& draft) {
  if (c.settings.lock_mode != LockMode::on_typing || draft.kind != DraftKind::reply) return std::nullopt;
  const auto& lock = c.ticket.lock;
  if (lock && lock->holder != c.actor.id) {
    const Draft* mine = c.ticket.draft_of(c.actor.id);
    if (mine && mine->kind == DraftKind::reply && !is_blank(mine->body)) return std::nullopt;
    Rejection r = Rejection::of(ErrorKey::draft_locked, {c.directory.name(lock->holder)});
    r.holder = lock->holder;
    return r;
  }
  if (!lock && !is_blank(draft.body)) log.logged(c.actor.id, ev::Locked{c.actor.id, std::nullopt, LockReason::typing});
  return std::nullopt;
}

}  // namespace

// Allowed while someone else holds the lock (in the manual lock mode): a draft changes nothing the
// customer sees, and an agent who was typing when the ticket got locked must not lose what they wrote.
Outcome decide_draft(const Ctx& c, EventLog& log, const cmd::SaveDraft& draft) {
  if (auto r = require_agent(c)) return r;
  if (auto r = check_text("body", draft.body, c.settings.max_body_bytes, /*allow_empty=*/true)) return r;
  if (auto r = check_base_version(c, draft.base_version)) return r;
  if (auto r = lock_on_typing(c, log, draft)) return r;
  log.ephemeral(c.actor.id, ev::DraftSaved{Draft{c.actor.id, draft.kind, draft.body, draft.base_version, c.now}});
  return std::nullopt;
}

Outcome decide_discard_draft(const Ctx& c, EventLog& log) {
  if (auto r = require_agent(c)) return r;
  if (!c.ticket.draft_of(c.actor.id)) return Rejection::of(ErrorKey::draft_none);
  log.ephemeral(c.actor.id, ev::DraftDiscarded{c.actor.id});
  const auto& lock = c.ticket.lock;
  if (lock && lock->holder == c.actor.id && lock->reason == LockReason::typing)
    log.logged(c.actor.id, ev::Unlocked{c.actor.id, UnlockReason::discarded});
  return std::nullopt;
}

}  // namespace baton::rules
