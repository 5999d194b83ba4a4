// decide(): the entry point. Checks what every command shares (existence, department, an expired
// lock), then hands the command to its rule file.
#include "baton/decide.hpp"

#include <optional>

#include "baton/overloaded.hpp"
#include "rules.hpp"

namespace baton {
namespace {

using namespace rules;


Outcome dispatch(const Ctx& c, EventLog& log, const Command& command, bool expired_now) {
  return std::visit(
      Overloaded{
          [&](const cmd::Lock&) { return decide_lock(c, log); },
          [&](const cmd::Unlock&) { return decide_unlock(c, log); },
          [&](const cmd::ForceUnlock&) { return decide_force_unlock(c, log); },
          [&](const cmd::Renew&) { return decide_renew(c, log); },
          [&](const cmd::Release& r) { return decide_release(c, log, r, expired_now); },
          [&](const cmd::Assign& a) { return decide_assign(c, log, a.agent); },
          [&](const cmd::Take&) -> Outcome {
            if (auto r = require_agent(c)) return r;
            return decide_assign(c, log, c.actor.id);
          },
          [&](const cmd::SaveDraft& d) { return decide_draft(c, log, d); },
          [&](const cmd::DiscardDraft&) { return decide_discard_draft(c, log); },
          [&](const cmd::Reply& r) { return decide_reply(c, log, r); },
          [&](const cmd::Note& n) { return decide_note(c, log, n); },
          [&](const cmd::SetStatus& s) { return decide_status(c, log, s.status); },
          [&](const cmd::SetUrgency& u) { return decide_urgency(c, log, u.urgency); },
          [&](const cmd::Receive& r) { return decide_receive(c, log, r); },
          [&](const cmd::Create& cr) { return decide_create(c, log, cr); },
          [&](const cmd::RequestLock& r) { return decide_request_lock(c, log, r); },
          [&](const cmd::AnswerLockRequest& a) { return decide_answer_lock_request(c, log, a); },
          [&](const cmd::UndoSend& u) { return decide_undo_send(c, log, u); },
          [&](const cmd::DeliverReply&) { return decide_deliver_reply(c, log); },
          [&](const cmd::RecordDelivery& r) { return decide_record_delivery(c, log, r); },
          [&](const cmd::RetryDelivery& r) { return decide_retry_delivery(c, log, r); },
      },
      command);
}

}  // namespace

bool lock_active(const Ticket& ticket, Time now) {
  return ticket.lock && (!ticket.lock->expires_at || now < *ticket.lock->expires_at);
}

Decision decide(const Ticket& ticket, const Command& command, const Actor& actor, Time now,
                const Settings& settings, const Directory& directory) {
  EventLog log(ticket.id, ticket.version, now);
  if (std::holds_alternative<cmd::Create>(command)) {
    const Ctx c{ticket, actor, now, settings, directory};
    if (auto r = decide_create(c, log, std::get<cmd::Create>(command))) return *r;
    return std::move(log.events());
  }
  if (!ticket.exists()) return Rejection::of(ErrorKey::ticket_not_found, {std::to_string(ticket.id)});
  if (!actor.can_see(ticket.department))
    return Rejection::of(ErrorKey::department_not_member, {ticket.department});

  // A lock past its expiry blocks nobody: record its release first, then rule on the rest.
  // (Copied only then: the workspace asks decide() of every button it draws, every frame.)
  std::optional<Ticket> released;
  const bool expired_now = ticket.lock && !lock_active(ticket, now);
  if (expired_now) {
    log.logged(kSystemAgent, ev::Unlocked{ticket.lock->holder, UnlockReason::expired});
    released = evolve(Ticket(ticket), log.events().back());
  }
  const Ctx c{released ? *released : ticket, actor, now, settings, directory};
  if (auto r = dispatch(c, log, command, expired_now)) return *r;
  return std::move(log.events());
}

}  // namespace baton
