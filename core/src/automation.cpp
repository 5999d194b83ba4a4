// The automations' questions, answered from stored times so that they survive a restart.
#include "baton/automation.hpp"

#include <algorithm>

#include "baton/decide.hpp"
#include "rules.hpp"

namespace baton {

std::optional<cmd::Release> release_due(const Ticket& ticket, Time now, const Settings& settings,
                                        std::optional<Time> holder_offline_since) {
  if (!ticket.lock) return std::nullopt;
  if (!lock_active(ticket, now)) return cmd::Release{UnlockReason::expired, std::nullopt};
  if (holder_offline_since) {
    const Time since = std::max(*holder_offline_since, ticket.lock->acquired_at);
    if (now - since >= settings.disconnect_grace_secs * kSecond)
      return cmd::Release{UnlockReason::disconnected, holder_offline_since};
  }
  return std::nullopt;
}

std::optional<Command> due_command(const Ticket& ticket, Time now, const Settings& settings,
                                   std::optional<Time> holder_offline_since) {
  if (ticket.pending_reply && now >= ticket.pending_reply->deliver_at) return cmd::DeliverReply{};
  if (!ticket.lock) return std::nullopt;
  const Lock& lock = *ticket.lock;
  if (!lock_active(ticket, now)) return cmd::Release{UnlockReason::expired, std::nullopt};
  const Time active_at = rules::holder_active_at(ticket);
  // A request nobody answered: handed over when the holder is idle, or offline for the grace
  // period (a reload or a server restart is not "away"). Before the disconnect release, so that
  // the requester gets the lock rather than whoever clicks first.
  if (lock.request && now - lock.request->at >= settings.lock_request_timeout_secs * kSecond) {
    const bool idle = now - active_at >= settings.lock_request_timeout_secs * kSecond;
    const bool away = holder_offline_since && now - *holder_offline_since >= settings.disconnect_grace_secs * kSecond;
    if (idle || away)
      return cmd::AnswerLockRequest{true, "no answer within " + std::to_string(settings.lock_request_timeout_secs) + " s"};
  }
  if (auto release = release_due(ticket, now, settings, holder_offline_since)) return *release;
  if (lock.reason == LockReason::typing && now - active_at >= settings.idle_release_secs * kSecond)
    return cmd::Release{UnlockReason::idle, std::nullopt};
  return std::nullopt;
}

bool has_timers(const Ticket& ticket) { return ticket.lock.has_value() || ticket.pending_reply.has_value(); }

std::optional<AgentId> choose_assignee(const Ticket& ticket, const std::vector<AgentId>& candidates,
                                       std::optional<AgentId> last_assigned, bool someone_on) {
  if (!ticket.exists() || ticket.assignee || ticket.lock || someone_on || candidates.empty()) return std::nullopt;
  if (ticket.status == Status::resolved || !ticket.drafts.empty()) return std::nullopt;
  // Round robin by agent id: the first online agent after the last one assigned, wrapping round.
  // Works even when that agent has since gone offline.
  std::vector<AgentId> order = candidates;
  std::sort(order.begin(), order.end());
  if (!last_assigned) return order.front();
  auto next = std::upper_bound(order.begin(), order.end(), *last_assigned);
  return next == order.end() ? order.front() : *next;
}

}  // namespace baton
