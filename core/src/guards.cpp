// The checks several rules share.
#include <algorithm>
#include <cctype>

#include "rules.hpp"

namespace baton::rules {

void EventLog::logged(AgentId actor, EventPayload payload) {
  events_.push_back(Event{0, ticket_, actor, now_, ++version_, std::move(payload)});
}

void EventLog::ephemeral(AgentId actor, EventPayload payload) {
  events_.push_back(Event{0, ticket_, actor, now_, version_, std::move(payload)});
}

Outcome require_agent(const Ctx& c) {
  if (c.actor.is_system()) return Rejection::of(ErrorKey::agent_only);
  return std::nullopt;
}

Outcome require_system(const Ctx& c, ErrorKey refusal) {
  if (!c.actor.is_system()) return Rejection::of(refusal);
  return std::nullopt;
}

Outcome require_free_or_held(const Ctx& c) {
  const auto& lock = c.ticket.lock;
  if (!lock || lock->holder == c.actor.id || c.actor.is_system()) return std::nullopt;
  Rejection r = Rejection::of(ErrorKey::lock_held_by_other, {c.directory.name(lock->holder)});
  r.holder = lock->holder;
  return r;
}

Outcome check_text(const std::string& field, const std::string& text, std::size_t max_bytes, bool allow_empty) {
  if (text.size() > max_bytes)
    return Rejection::invalid(field, InvalidReason::too_large, ErrorKey::text_too_large,
                              {field, std::to_string(text.size()), std::to_string(max_bytes)});
  if (!allow_empty && is_blank(text)) return Rejection::invalid(field, InvalidReason::value, ErrorKey::text_empty, {field});
  return std::nullopt;
}

Outcome check_base_version(const Ctx& c, Version base_version) {
  if (base_version < 0 || base_version > c.ticket.version)
    return Rejection::invalid("base_version", InvalidReason::value, ErrorKey::base_version_unknown,
                              {std::to_string(base_version), std::to_string(c.ticket.version)});
  return std::nullopt;
}

Time holder_active_at(const Ticket& ticket) {
  if (!ticket.lock) return 0;
  // Not renewed_at: the workspace renews a lock while the ticket is merely open.
  Time at = ticket.lock->acquired_at;
  if (const Draft* draft = ticket.draft_of(ticket.lock->holder)) at = std::max(at, draft->updated_at);
  return at;
}

std::optional<Time> lock_expiry(const Ctx& c) {
  if (c.settings.lock_timeout_secs <= 0) return std::nullopt;
  return c.now + c.settings.lock_timeout_secs * kSecond;
}

}  // namespace baton::rules

namespace baton {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char ch) { return std::isspace(ch); });
}

}  // namespace baton
