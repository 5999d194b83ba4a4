#include <algorithm>
#include <utility>

#include "baton/commands.hpp"
#include "baton/directory.hpp"
#include "baton/events.hpp"
#include "baton/model.hpp"
#include "baton/names.hpp"
#include "baton/rejection.hpp"

namespace baton {

const Draft* Ticket::draft_of(AgentId author) const {
  auto it = std::find_if(drafts.begin(), drafts.end(), [&](const Draft& d) { return d.author == author; });
  return it == drafts.end() ? nullptr : &*it;
}

const ReplyKey* Ticket::reply_key(const std::string& key) const {
  auto it = std::find_if(reply_keys.begin(), reply_keys.end(), [&](const ReplyKey& k) { return k.key == key; });
  return it == reply_keys.end() ? nullptr : &*it;
}

const Message* Ticket::message(std::int64_t id) const {
  auto it = std::find_if(messages.begin(), messages.end(), [&](const Message& m) { return m.id == id; });
  return it == messages.end() ? nullptr : &*it;
}

Ticket Ticket::blank(TicketId id, std::string ref) {
  Ticket t;
  t.id = id;
  t.ref = std::move(ref);
  return t;
}

bool Actor::can_see(const std::string& department) const {
  if (role != Role::agent) return true;  // admins and the system act everywhere
  return std::find(departments.begin(), departments.end(), department) != departments.end();
}

Directory::Directory(std::vector<Agent> agents) : agents_(std::move(agents)) {
  for (std::size_t i = 0; i < agents_.size(); ++i) index_[agents_[i].id] = i;
}

const Agent* Directory::find(AgentId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &agents_[it->second];
}

std::optional<Actor> Directory::actor(AgentId id) const {
  if (id == kSystemAgent) return Actor::system();
  const Agent* agent = find(id);
  if (!agent) return std::nullopt;
  return Actor::of(*agent);
}

std::string Directory::name(AgentId id) const {
  if (id == kSystemAgent) return "system";
  const Agent* agent = find(id);
  return agent ? agent->name : "agent #" + std::to_string(id);
}

bool Event::ephemeral() const {
  return std::holds_alternative<ev::DraftSaved>(payload) || std::holds_alternative<ev::DraftDiscarded>(payload);
}

const char* event_type(const Event& event) {
  struct Name {
    const char* operator()(const ev::Created&) const { return "created"; }
    const char* operator()(const ev::CustomerMessage&) const { return "customer_message"; }
    const char* operator()(const ev::Replied&) const { return "replied"; }
    const char* operator()(const ev::NoteAdded&) const { return "note_added"; }
    const char* operator()(const ev::Locked&) const { return "locked"; }
    const char* operator()(const ev::LockRenewed&) const { return "lock_renewed"; }
    const char* operator()(const ev::Unlocked&) const { return "unlocked"; }
    const char* operator()(const ev::Assigned&) const { return "assigned"; }
    const char* operator()(const ev::StatusChanged&) const { return "status_changed"; }
    const char* operator()(const ev::UrgencyChanged&) const { return "urgency_changed"; }
    const char* operator()(const ev::DraftSaved&) const { return "draft_saved"; }
    const char* operator()(const ev::DraftDiscarded&) const { return "draft_discarded"; }
    const char* operator()(const ev::LockRequested&) const { return "lock_requested"; }
    const char* operator()(const ev::LockRequestDeclined&) const { return "lock_request_declined"; }
    const char* operator()(const ev::LockHandedOver&) const { return "lock_handed_over"; }
    const char* operator()(const ev::ReplyQueued&) const { return "reply_queued"; }
    const char* operator()(const ev::SendUndone&) const { return "send_undone"; }
    const char* operator()(const ev::DeliveryChanged&) const { return "delivery_changed"; }
  };
  return std::visit(Name{}, event.payload);
}

const char* command_type(const Command& command) {
  struct Name {
    const char* operator()(const cmd::Lock&) const { return "lock"; }
    const char* operator()(const cmd::Unlock&) const { return "unlock"; }
    const char* operator()(const cmd::ForceUnlock&) const { return "force_unlock"; }
    const char* operator()(const cmd::Renew&) const { return "renew"; }
    const char* operator()(const cmd::Assign&) const { return "assign"; }
    const char* operator()(const cmd::Take&) const { return "take"; }
    const char* operator()(const cmd::SaveDraft&) const { return "draft"; }
    const char* operator()(const cmd::DiscardDraft&) const { return "discard_draft"; }
    const char* operator()(const cmd::Reply&) const { return "reply"; }
    const char* operator()(const cmd::Note&) const { return "note"; }
    const char* operator()(const cmd::SetStatus&) const { return "set_status"; }
    const char* operator()(const cmd::SetUrgency&) const { return "set_urgency"; }
    const char* operator()(const cmd::Receive&) const { return "receive"; }
    const char* operator()(const cmd::Create&) const { return "create"; }
    const char* operator()(const cmd::Release&) const { return "release"; }
    const char* operator()(const cmd::RequestLock&) const { return "request_lock"; }
    const char* operator()(const cmd::AnswerLockRequest&) const { return "answer_lock_request"; }
    const char* operator()(const cmd::UndoSend&) const { return "undo_send"; }
    const char* operator()(const cmd::DeliverReply&) const { return "deliver_reply"; }
    const char* operator()(const cmd::RecordDelivery&) const { return "record_delivery"; }
    const char* operator()(const cmd::RetryDelivery&) const { return "retry_delivery"; }
  };
  return std::visit(Name{}, command);
}

Rejection Rejection::of(ErrorKey key, std::vector<std::string> args) {
  const ErrorText& text = error_text(key);
  Rejection r;
  // A key of the server's own (unauthorized, internal...) is no rejection of the core's: invalid.
  r.code = parse_name<RejectionCode>(text.code).value_or(RejectionCode::invalid);
  r.key = std::string(text.key);
  r.message = fill_in(text.english, args);
  r.args = std::move(args);
  return r;
}

Rejection Rejection::invalid(std::string field, InvalidReason reason, ErrorKey key, std::vector<std::string> args) {
  Rejection r = of(key, std::move(args));
  r.code = RejectionCode::invalid;
  r.field = std::move(field);
  r.reason = reason;
  return r;
}

int http_status(const Rejection& rejection) {
  switch (rejection.code) {
    case RejectionCode::invalid: return rejection.reason == InvalidReason::too_large ? 413 : 400;
    case RejectionCode::forbidden: return 403;
    case RejectionCode::not_found: return 404;
    case RejectionCode::locked:
    case RejectionCode::stale:
    case RejectionCode::conflict: return 409;
    case RejectionCode::duplicate: return 200;  // the original result stands
  }
  return 400;
}

}  // namespace baton
