// Locks: one holder at a time; only the holder or an admin unlocks; automations release stuck ones.
#include "rules.hpp"

namespace baton::rules {
namespace {

Outcome not_locked() { return Rejection::of(ErrorKey::lock_not_locked); }

}  // namespace

Outcome decide_lock(const Ctx& c, EventLog& log) {
  if (auto r = require_agent(c)) return r;
  if (c.ticket.lock && c.ticket.lock->holder == c.actor.id)
    return Rejection::of(ErrorKey::lock_already_held);
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
  if (!c.actor.is_admin()) return Rejection::of(ErrorKey::lock_force_admin_only);
  if (!c.ticket.lock) return not_locked();
  log.logged(c.actor.id, ev::Unlocked{c.ticket.lock->holder, UnlockReason::forced});
  return std::nullopt;
}

Outcome decide_renew(const Ctx& c, EventLog& log) {
  if (auto r = require_agent(c)) return r;
  if (!c.ticket.lock) return Rejection::of(ErrorKey::lock_renew_not_held);
  if (auto r = require_free_or_held(c)) return r;
  log.logged(c.actor.id, ev::LockRenewed{c.actor.id, lock_expiry(c)});
  return std::nullopt;
}

Outcome decide_release(const Ctx& c, EventLog& log, const cmd::Release& release, bool expired_already) {
  if (auto r = require_system(c, ErrorKey::system_only_release)) return r;
  switch (release.reason) {
    case UnlockReason::expired:
      // decide() has already recorded the release if the lock is past its expiry.
      if (expired_already) return std::nullopt;
      if (!c.ticket.lock) return not_locked();
      return Rejection::of(ErrorKey::release_not_expired);
    case UnlockReason::disconnected: {
      if (!c.ticket.lock) return not_locked();
      if (!release.offline_since)
        return Rejection::invalid("offline_since", InvalidReason::missing, ErrorKey::release_offline_since_missing);
      // A holder who never connected counts as offline from the moment they took the lock.
      const Time since = std::max(*release.offline_since, c.ticket.lock->acquired_at);
      if (c.now - since < c.settings.disconnect_grace_secs * kSecond)
        return Rejection::of(ErrorKey::release_within_grace);
      log.logged(kSystemAgent, ev::Unlocked{c.ticket.lock->holder, UnlockReason::disconnected});
      return std::nullopt;
    }
    case UnlockReason::idle: {
      if (!c.ticket.lock) return not_locked();
      if (c.ticket.lock->reason != LockReason::typing)
        return Rejection::of(ErrorKey::release_not_typing_lock);
      if (c.now - holder_active_at(c.ticket) < c.settings.idle_release_secs * kSecond)
        return Rejection::of(ErrorKey::release_typed_recently);
      log.logged(kSystemAgent, ev::Unlocked{c.ticket.lock->holder, UnlockReason::idle});
      return std::nullopt;
    }
    default:
      return Rejection::invalid("reason", InvalidReason::value, ErrorKey::release_bad_reason);
  }
}

}  // namespace baton::rules
