// evolve(): applies one decided event. No checks here: decide() already ruled.
#include <algorithm>

#include "baton/decide.hpp"

namespace baton {
namespace {

template <class... F>
struct Overloaded : F... { using F::operator()...; };
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

void add_message(Ticket& t, const Message& m) {
  t.messages.push_back(m);
  t.message_count = std::max(t.message_count, m.id);
}

void record_change(Ticket& t, const Event& e, ChangeKind kind) {
  t.changes.push_back(Change{e.version, kind, e.actor, e.at});
}

// Sending discards the author's draft of that kind; nothing else ever does.
void drop_draft(Ticket& t, AgentId author, DraftKind kind) {
  std::erase_if(t.drafts, [&](const Draft& d) { return d.author == author && d.kind == kind; });
}

}  // namespace

Ticket evolve(Ticket t, const Event& e) {
  std::visit(
      Overloaded{
          [&](const ev::Created& c) {
            t.ref = c.ref;
            t.subject = c.subject;
            t.requester = c.requester;
            t.organization = c.organization;
            t.language = c.language;
            t.department = c.department;
            t.status = c.status;
            t.urgency = c.urgency;
            t.created_at = e.at;
            add_message(t, c.message);
          },
          [&](const ev::CustomerMessage& c) {
            add_message(t, c.message);
            t.status = Status::awaiting_agent;  // the customer is waiting for us again
            record_change(t, e, ChangeKind::customer_message);
          },
          [&](const ev::Replied& r) {
            add_message(t, r.message);
            t.reply_keys.push_back(ReplyKey{r.idempotency_key, r.message.id, e.actor});
            if (t.status != Status::resolved) t.status = Status::awaiting_user;
            drop_draft(t, e.actor, DraftKind::reply);
            record_change(t, e, ChangeKind::reply);
          },
          [&](const ev::NoteAdded& n) {
            add_message(t, n.message);
            drop_draft(t, e.actor, DraftKind::note);
            record_change(t, e, ChangeKind::note);
          },
          [&](const ev::Locked& l) { t.lock = Lock{l.holder, e.at, e.at, l.expires_at}; },
          [&](const ev::LockRenewed& l) {
            if (t.lock) {
              t.lock->renewed_at = e.at;
              t.lock->expires_at = l.expires_at;
            }
          },
          [&](const ev::Unlocked&) { t.lock.reset(); },
          [&](const ev::Assigned& a) {
            t.assignee = a.to;
            record_change(t, e, ChangeKind::assignment);
          },
          [&](const ev::StatusChanged& s) {
            t.status = s.to;
            record_change(t, e, ChangeKind::status);
          },
          [&](const ev::UrgencyChanged& u) { t.urgency = u.to; },
          [&](const ev::DraftSaved& d) {
            std::erase_if(t.drafts, [&](const Draft& x) { return x.author == d.draft.author; });
            t.drafts.push_back(d.draft);
          },
          [&](const ev::DraftDiscarded& d) {
            std::erase_if(t.drafts, [&](const Draft& x) { return x.author == d.author; });
          },
      },
      e.payload);
  if (!e.ephemeral()) {
    t.version = e.version;
    t.updated_at = e.at;
  }
  return t;
}

}  // namespace baton
