// Assignment: who is responsible. "Mine" is an assignment to oneself.
#include "rules.hpp"

namespace baton::rules {

Outcome decide_assign(const Ctx& c, EventLog& log, std::optional<AgentId> to) {
  if (auto r = require_free_or_held(c)) return r;
  if (to) {
    const Agent* agent = c.directory.find(*to);
    if (!agent) return Rejection::invalid("agent", InvalidReason::value, "There is no agent #" + std::to_string(*to));
    if (!Actor::of(*agent).can_see(c.ticket.department))
      return Rejection::invalid("agent", InvalidReason::value,
                                agent->name + " is not in the " + c.ticket.department + " department");
  }
  if (c.ticket.assignee == to)
    return Rejection::conflict(to ? "This ticket is already assigned to " + c.directory.name(*to)
                                  : "This ticket is not assigned");
  // Handing the ticket to someone else hands over the work: my lock would only block them.
  const auto& lock = c.ticket.lock;
  if (lock && to && *to != lock->holder && c.settings.release_lock_on_reassign)
    log.logged(c.actor.id, ev::Unlocked{lock->holder, UnlockReason::reassigned});
  log.logged(c.actor.id, ev::Assigned{c.ticket.assignee, to});
  return std::nullopt;
}

}  // namespace baton::rules
