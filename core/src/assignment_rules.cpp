// Assignment: who is responsible. "Mine" is an assignment to oneself.
#include "rules.hpp"

namespace baton::rules {

Outcome decide_assign(const Ctx& c, EventLog& log, std::optional<AgentId> to) {
  if (auto r = require_free_or_held(c)) return r;
  if (to) {
    const Agent* agent = c.directory.find(*to);
    if (!agent) return Rejection::invalid("agent", InvalidReason::value, ErrorKey::assign_no_such_agent, {std::to_string(*to)});
    if (!Actor::of(*agent).can_see(c.ticket.department))
      return Rejection::invalid("agent", InvalidReason::value, ErrorKey::assign_not_in_department,
                                {agent->name, c.ticket.department});
  }
  if (c.ticket.assignee == to)
    return to ? Rejection::of(ErrorKey::assign_unchanged, {c.directory.name(*to)})
              : Rejection::of(ErrorKey::assign_already_unassigned);
  // Handing the ticket to someone else hands over the work: my lock would only block them.
  const auto& lock = c.ticket.lock;
  if (lock && to && *to != lock->holder && c.settings.release_lock_on_reassign)
    log.logged(c.actor.id, ev::Unlocked{lock->holder, UnlockReason::reassigned});
  log.logged(c.actor.id, ev::Assigned{c.ticket.assignee, to});
  return std::nullopt;
}

}  // namespace baton::rules
