// Asking for a colleague's lock: a request, an answer, and a hand-over that moves the lock in one
// event. An unanswered request to an idle or offline holder is handed over by the automations.
#include "rules.hpp"

namespace baton::rules {
namespace {

constexpr std::size_t kMaxReason = 200;

Outcome check_reason(const std::string& reason) {
  if (auto r = check_text("reason", reason, kMaxReason, /*allow_empty=*/true)) return r;
  if (reason.find('\n') != std::string::npos || reason.find('\r') != std::string::npos)
    return Rejection::invalid("reason", InvalidReason::value, ErrorKey::lock_request_reason_one_line);
  return std::nullopt;
}

}  // namespace

Outcome decide_request_lock(const Ctx& c, EventLog& log, const cmd::RequestLock& request) {
  if (auto r = require_agent(c)) return r;
  if (auto r = check_reason(request.reason)) return r;
  const auto& lock = c.ticket.lock;
  if (!lock) return Rejection::of(ErrorKey::lock_request_not_locked);
  if (lock->holder == c.actor.id) return Rejection::of(ErrorKey::lock_already_held);
  if (lock->request) {
    if (lock->request->requester == c.actor.id)
      return Rejection::of(ErrorKey::lock_request_already_asked, {c.directory.name(lock->holder)});
    return Rejection::of(ErrorKey::lock_request_asked_by_other,
                         {c.directory.name(lock->request->requester), c.directory.name(lock->holder)});
  }
  log.logged(c.actor.id, ev::LockRequested{c.actor.id, lock->holder, request.reason});
  return std::nullopt;
}

Outcome decide_answer_lock_request(const Ctx& c, EventLog& log, const cmd::AnswerLockRequest& answer) {
  const auto& lock = c.ticket.lock;
  if (!lock || !lock->request) return Rejection::of(ErrorKey::answer_no_request);
  if (auto r = check_reason(answer.reason)) return r;
  const LockRequest& request = *lock->request;
  if (c.actor.is_system()) {
    // The automations hand over only what has waited out the timeout (they also check that the
    // holder is idle or offline: automation.cpp).
    if (!answer.hand_over) return Rejection::invalid("hand_over", InvalidReason::value, ErrorKey::answer_system_hands_over);
    if (c.now - request.at < c.settings.lock_request_timeout_secs * kSecond)
      return Rejection::of(ErrorKey::answer_too_early);
    log.logged(kSystemAgent, ev::LockHandedOver{lock->holder, request.requester, lock_expiry(c), true});
    return std::nullopt;
  }
  if (lock->holder != c.actor.id)
    return Rejection::of(ErrorKey::answer_not_holder, {c.directory.name(lock->holder)});
  if (answer.hand_over)
    log.logged(c.actor.id, ev::LockHandedOver{c.actor.id, request.requester, lock_expiry(c), false});
  else
    log.logged(c.actor.id, ev::LockRequestDeclined{request.requester, answer.reason});
  return std::nullopt;
}

}  // namespace baton::rules
