// Locks: one holder at a time; only the holder or an admin unlocks; automations release stuck ones.
#include "rules.hpp"

namespace baton::rules {
namespace {

Outcome not_locked() { return Rejection::conflict("This ticket is not locked"); }

}  // namespace

Outcome decide_lock(const Ctx& c, EventLog& log) {
  if (auto r = require_agent(c)) return r;
  if (c.ticket.lock && c.ticket.lock->holder == c.actor.id)
    return Rejection::conflict("You already hold the lock on this ticket");
  if (auto r = require_free_or_held(c)) return r;
  log.logged(c.actor.id, ev::Locked{c.actor.id, lock_expiry(c), LockReason::manual});
  return std::nullopt;
}

Outcome decide_unlock(const Ctx& c, EventLog& log) {
  if (!c.ticket.lock) return not_locked();
  if (c.ticket.lock->holder != c.actor.id) {
    if (c.actor.is_admin()) return decide_force_unlock(c, log);  // an admin's unlock is a forced one
    if (auto r = require_free_or_held(c)) return r;
  }
  log.logged(c.actor.id, ev::Unlocked{c.ticket.lock->holder, UnlockReason::manual});
  return std::nullopt;
}

Outcome decide_force_unlock(const Ctx& c, EventLog& log) {
  if (!c.actor.is_admin()) return Rejection::forbidden("Only an admin can force a ticket unlocked");
  if (!c.ticket.lock) return not_locked();
  log.logged(c.actor.id, ev::Unlocked{c.ticket.lock->holder, UnlockReason::forced});
  return std::nullopt;
}

Outcome decide_renew(const Ctx& c, EventLog& log) {
  if (auto r = require_agent(c)) return r;
  if (!c.ticket.lock) return Rejection::conflict("You no longer hold the lock on this ticket (it expired or was released)");
  if (auto r = require_free_or_held(c)) return r;
  log.logged(c.actor.id, ev::LockRenewed{c.actor.id, lock_expiry(c)});
  return std::nullopt;
}

Outcome decide_release(const Ctx& c, EventLog& log, const cmd::Release& release, bool expired_already) {
  if (auto r = require_system(c, "release a lock")) return r;
  switch (release.reason) {
    case UnlockReason::expired:
      // decide() has already recorded the release if the lock is past its expiry.
      if (expired_already) return std::nullopt;
      if (!c.ticket.lock) return not_locked();
      return Rejection::conflict("The lock has not expired yet");
    case UnlockReason::disconnected: {
      if (!c.ticket.lock) return not_locked();
      if (!release.offline_since)
        return Rejection::invalid("offline_since", InvalidReason::missing, "a disconnect release needs offline_since");
      // A holder who never connected counts as offline from the moment they took the lock.
      const Time since = std::max(*release.offline_since, c.ticket.lock->acquired_at);
      if (c.now - since < c.settings.disconnect_grace_secs * kSecond)
        return Rejection::conflict("The holder has not been away for the grace period yet");
      log.logged(kSystemAgent, ev::Unlocked{c.ticket.lock->holder, UnlockReason::disconnected});
      return std::nullopt;
    }
    case UnlockReason::idle: {
      if (!c.ticket.lock) return not_locked();
      if (c.ticket.lock->reason != LockReason::typing)
        return Rejection::conflict("Only a lock taken by typing is released when typing stops");
      if (c.now - holder_active_at(c.ticket) < c.settings.idle_release_secs * kSecond)
        return Rejection::conflict("The holder typed too recently");
      log.logged(kSystemAgent, ev::Unlocked{c.ticket.lock->holder, UnlockReason::idle});
      return std::nullopt;
    }
    default:
      return Rejection::invalid("reason", InvalidReason::value, "release reason must be expired, disconnected or idle");
  }
}

}  // namespace baton::rules
