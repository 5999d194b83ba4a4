// Status and urgency: plain fields, changed only by the holder of a locked ticket.
#include "rules.hpp"

namespace baton::rules {

Outcome decide_status(const Ctx& c, EventLog& log, Status status) {
  if (auto r = require_free_or_held(c)) return r;
  if (c.ticket.status == status) return Rejection::of(ErrorKey::status_unchanged);
  log.logged(c.actor.id, ev::StatusChanged{c.ticket.status, status});
  return std::nullopt;
}

Outcome decide_urgency(const Ctx& c, EventLog& log, int urgency) {
  if (auto r = require_free_or_held(c)) return r;
  if (urgency < 1 || urgency > 10)
    return Rejection::invalid("urgency", InvalidReason::value, ErrorKey::invalid_range, {"urgency", "1", "10"});
  if (c.ticket.urgency == urgency) return Rejection::of(ErrorKey::urgency_unchanged);
  log.logged(c.actor.id, ev::UrgencyChanged{c.ticket.urgency, urgency});
  return std::nullopt;
}

}  // namespace baton::rules
