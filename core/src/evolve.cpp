// evolve(): applies one decided event. No checks here: decide() already ruled.
#include <algorithm>

#include "baton/decide.hpp"
#include "baton/overloaded.hpp"

namespace baton {
namespace {


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
            if (c.message.automatic) return;  // an out-of-office: nobody is waiting, nothing is stale
            t.status = Status::awaiting_agent;  // the customer is waiting for us again
            record_change(t, e, ChangeKind::customer_message);
          },
          [&](const ev::Replied& r) {
            add_message(t, r.message);
            if (t.status != Status::resolved) t.status = Status::awaiting_user;
            if (t.pending_reply && t.pending_reply->idempotency_key == r.idempotency_key) {
              // Delivered after its undo window: its draft went and its change counted when it was
              // queued; a draft the author has started since is theirs.
              t.pending_reply.reset();
              for (ReplyKey& k : t.reply_keys)
                if (k.key == r.idempotency_key) k.message = r.message.id;
              return;
            }
            t.reply_keys.push_back(ReplyKey{r.idempotency_key, r.message.id, e.actor});
            drop_draft(t, e.actor, DraftKind::reply);
            record_change(t, e, ChangeKind::reply);
          },
          [&](const ev::ReplyQueued& q) {
            t.pending_reply = q.pending;
            t.reply_keys.push_back(ReplyKey{q.pending.idempotency_key, 0, e.actor});
            drop_draft(t, e.actor, DraftKind::reply);
            record_change(t, e, ChangeKind::reply);  // others' drafts are stale from here
          },
          [&](const ev::SendUndone& u) {
            t.pending_reply.reset();
            std::erase_if(t.drafts, [&](const Draft& x) { return x.author == u.draft.author; });
            t.drafts.push_back(u.draft);
          },
          [&](const ev::DeliveryChanged& d) {
            for (Message& m : t.messages)
              if (m.id == d.message && m.delivery) {
                m.delivery->state = d.state;
                m.delivery->reason = d.reason;
                m.delivery->at = e.at;
              }
          },
          [&](const ev::LockRequested& r) {
            if (t.lock) t.lock->request = LockRequest{r.requester, r.reason, e.at};
          },
          [&](const ev::LockRequestDeclined&) {
            if (t.lock) t.lock->request.reset();
          },
          [&](const ev::LockHandedOver& h) { t.lock = Lock{h.to, e.at, e.at, h.expires_at, LockReason::manual, std::nullopt}; },
          [&](const ev::NoteAdded& n) {
            add_message(t, n.message);
            drop_draft(t, e.actor, DraftKind::note);
            record_change(t, e, ChangeKind::note);
          },
          [&](const ev::Locked& l) { t.lock = Lock{l.holder, e.at, e.at, l.expires_at, l.reason, std::nullopt}; },
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
