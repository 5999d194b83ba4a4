// Encoders: the core's values as the JSON shapes of docs/CORE.md.
#include <algorithm>

#include "baton/names.hpp"
#include "baton/protocol.hpp"
#include "baton/overloaded.hpp"

namespace baton::protocol {
namespace {


template <typename T>
Json nullable(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json str(std::string_view s) { return Json(std::string(s)); }

// At most `max` bytes of `text`, never ending inside a UTF-8 sequence.
std::string utf8_prefix(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  std::size_t lead = end;
  while (lead > 0 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) --lead;  // skip continuations
  if (lead > 0) {
    const unsigned char first = static_cast<unsigned char>(text[lead - 1]);
    const std::size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
    if (lead - 1 + length > end) end = lead - 1;  // the last character does not fit whole
  }
  return text.substr(0, end);
}

Json requester_json(const Requester& r) { return {{"name", r.name}, {"email", r.email}}; }

Json attachments_json(const std::vector<Attachment>& attachments) {
  Json out = Json::array();
  for (const Attachment& a : attachments)
    out.push_back({{"name", a.name}, {"size", a.size}, {"content_type", a.content_type}, {"url", a.url}});
  return out;
}

// The mail's parts appear only when there are some: messages that did not come by mail look as before.
void add_mail(Json& out, const cmd::MailParts& mail) {
  if (!mail.from.empty()) out["from"] = mail.from;
  if (!mail.attachments.empty()) out["attachments"] = attachments_json(mail.attachments);
  if (!mail.quoted.empty()) out["quoted"] = mail.quoted;
}

Json message_json(const Message& m) {
  Json out{{"id", m.id}, {"kind", str(name_of(m.kind))}, {"agent", nullable(m.agent)}, {"body", m.body}, {"at", m.at}};
  add_mail(out, cmd::MailParts{m.from, m.attachments, m.quoted});
  if (m.automatic) out["automatic"] = true;
  if (m.delivery)
    out["delivery"] = {{"state", str(name_of(m.delivery->state))},
                       {"to", m.delivery->to},
                       {"reason", m.delivery->reason},
                       {"at", m.delivery->at}};
  return out;
}

Json lock_json(const std::optional<Lock>& lock) {
  if (!lock) return nullptr;
  Json request = nullptr;
  if (lock->request)
    request = {{"requester", lock->request->requester}, {"reason", lock->request->reason}, {"at", lock->request->at}};
  return {{"holder", lock->holder},
          {"acquired_at", lock->acquired_at},
          {"renewed_at", lock->renewed_at},
          {"expires_at", nullable(lock->expires_at)},
          {"reason", str(name_of(lock->reason))},
          {"request", std::move(request)}};
}

Json pending_json(const PendingReply& p) {
  return {{"author", p.author},
          {"body", p.body},
          {"idempotency_key", p.idempotency_key},
          {"base_version", p.base_version},
          {"queued_at", p.queued_at},
          {"deliver_at", p.deliver_at}};
}

// The fields a ticket and its summary share.
Json ticket_head(const Ticket& t) {
  return {{"id", t.id},
          {"ref", t.ref},
          {"subject", t.subject},
          {"requester", requester_json(t.requester)},
          {"organization", t.organization},
          {"language", t.language},
          {"department", t.department},
          {"status", str(name_of(t.status))},
          {"urgency", t.urgency},
          {"assignee", nullable(t.assignee)},
          {"lock", lock_json(t.lock)},
          {"pending_reply", t.pending_reply ? pending_json(*t.pending_reply) : Json(nullptr)},
          {"message_count", t.message_count},
          {"version", t.version},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at}};
}

void add_payload(Json& out, const EventPayload& payload) {
  std::visit(Overloaded{
                 [&](const ev::Created& c) {
                   out["ref"] = c.ref;
                   out["subject"] = c.subject;
                   out["requester"] = requester_json(c.requester);
                   out["organization"] = c.organization;
                   out["language"] = c.language;
                   out["department"] = c.department;
                   out["status"] = str(name_of(c.status));
                   out["urgency"] = c.urgency;
                   out["message"] = message_json(c.message);
                 },
                 [&](const ev::CustomerMessage& c) { out["message"] = message_json(c.message); },
                 [&](const ev::Replied& r) {
                   out["message"] = message_json(r.message);
                   out["idempotency_key"] = r.idempotency_key;
                 },
                 [&](const ev::NoteAdded& n) { out["message"] = message_json(n.message); },
                 [&](const ev::Locked& l) {
                   out["holder"] = l.holder;
                   out["expires_at"] = nullable(l.expires_at);
                   out["reason"] = str(name_of(l.reason));
                 },
                 [&](const ev::LockRequested& r) {
                   out["requester"] = r.requester;
                   out["holder"] = r.holder;
                   out["reason"] = r.reason;
                 },
                 [&](const ev::LockRequestDeclined& d) {
                   out["requester"] = d.requester;
                   out["reason"] = d.reason;
                 },
                 [&](const ev::LockHandedOver& h) {
                   out["from"] = h.from;
                   out["to"] = h.to;
                   out["expires_at"] = nullable(h.expires_at);
                   out["automatic"] = h.automatic;
                 },
                 [&](const ev::ReplyQueued& q) { out["pending"] = pending_json(q.pending); },
                 [&](const ev::SendUndone& u) {
                   out["idempotency_key"] = u.idempotency_key;
                   out["draft"] = to_json(u.draft);
                 },
                 [&](const ev::DeliveryChanged& d) {
                   out["message"] = d.message;
                   out["state"] = str(name_of(d.state));
                   out["reason"] = d.reason;
                 },
                 [&](const ev::LockRenewed& l) {
                   out["holder"] = l.holder;
                   out["expires_at"] = nullable(l.expires_at);
                 },
                 [&](const ev::Unlocked& u) {
                   out["holder"] = u.holder;
                   out["reason"] = str(name_of(u.reason));
                 },
                 [&](const ev::Assigned& a) {
                   out["from"] = nullable(a.from);
                   out["to"] = nullable(a.to);
                 },
                 [&](const ev::StatusChanged& s) {
                   out["from"] = str(name_of(s.from));
                   out["to"] = str(name_of(s.to));
                 },
                 [&](const ev::UrgencyChanged& u) {
                   out["from"] = u.from;
                   out["to"] = u.to;
                 },
                 [&](const ev::DraftSaved& d) { out["draft"] = to_json(d.draft); },
                 [&](const ev::DraftDiscarded& d) { out["author"] = d.author; },
             },
             payload);
}

}  // namespace

Json to_json(const Draft& d) {
  return {{"author", d.author},
          {"kind", str(name_of(d.kind))},
          {"body", d.body},
          {"base_version", d.base_version},
          {"updated_at", d.updated_at}};
}

Json to_json(const Change& c) {
  return {{"version", c.version}, {"kind", str(name_of(c.kind))}, {"actor", c.actor}, {"at", c.at}};
}

Json to_json(const Ticket& t, bool with_drafts) {
  Json out = ticket_head(t);
  Json messages = Json::array(), drafts = Json::array(), changes = Json::array(), keys = Json::array();
  for (const auto& m : t.messages) messages.push_back(message_json(m));
  if (with_drafts)
    for (const auto& d : t.drafts) drafts.push_back(to_json(d));
  for (const auto& c : t.changes) changes.push_back(to_json(c));
  for (const auto& k : t.reply_keys) keys.push_back({{"key", k.key}, {"message", k.message}, {"author", k.author}});
  out["messages"] = std::move(messages);
  out["drafts"] = std::move(drafts);
  out["changes"] = std::move(changes);
  out["reply_keys"] = std::move(keys);
  return out;
}

Json summary_json(const Ticket& t) {
  Json out = ticket_head(t);
  Json drafters = Json::array();
  for (const auto& d : t.drafts) drafters.push_back(d.author);
  out["drafters"] = std::move(drafters);
  out["preview"] = t.messages.empty() ? std::string() : utf8_prefix(t.messages.back().body, 140);
  return out;
}

Json to_json(const Event& e) {
  Json out{{"seq", e.seq}, {"ticket", e.ticket}, {"type", event_type(e)},
           {"actor", e.actor}, {"at", e.at}, {"version", e.version}};
  add_payload(out, e.payload);
  return out;
}

Json to_json(const Command& command) {
  Json out{{"type", command_type(command)}};
  std::visit(Overloaded{
                 [](const auto&) {},
                 [&](const cmd::Assign& a) { out["agent"] = nullable(a.agent); },
                 [&](const cmd::SaveDraft& d) {
                   out["body"] = d.body;
                   out["kind"] = str(name_of(d.kind));
                   out["base_version"] = d.base_version;
                 },
                 [&](const cmd::Reply& r) {
                   out["body"] = r.body;
                   out["base_version"] = r.base_version;
                   out["idempotency_key"] = r.idempotency_key;
                 },
                 [&](const cmd::Note& n) { out["body"] = n.body; },
                 [&](const cmd::SetStatus& s) { out["status"] = str(name_of(s.status)); },
                 [&](const cmd::SetUrgency& u) { out["urgency"] = u.urgency; },
                 [&](const cmd::Receive& r) {
                   out["body"] = r.body;
                   add_mail(out, r.mail);
                   if (r.automatic) out["automatic"] = true;
                 },
                 [&](const cmd::Create& c) {
                   out["subject"] = c.subject;
                   out["requester"] = requester_json(c.requester);
                   out["organization"] = c.organization;
                   out["language"] = c.language;
                   out["department"] = c.department;
                   out["urgency"] = c.urgency;
                   out["body"] = c.body;
                   add_mail(out, c.mail);
                 },
                 [&](const cmd::Release& r) {
                   out["reason"] = str(name_of(r.reason));
                   out["offline_since"] = nullable(r.offline_since);
                 },
                 [&](const cmd::RequestLock& r) { out["reason"] = r.reason; },
                 [&](const cmd::AnswerLockRequest& a) {
                   out["hand_over"] = a.hand_over;
                   out["reason"] = a.reason;
                 },
                 [&](const cmd::UndoSend& u) { out["idempotency_key"] = u.idempotency_key; },
                 [&](const cmd::RecordDelivery& r) {
                   out["message"] = r.message;
                   out["state"] = str(name_of(r.state));
                   out["reason"] = r.reason;
                 },
                 [&](const cmd::RetryDelivery& r) { out["message"] = r.message; },
             },
             command);
  return out;
}

Json to_json(const Rejection& r) {
  Json out{{"code", str(name_of(r.code))}, {"message", r.message}, {"key", r.key}, {"args", r.args}};
  switch (r.code) {
    case RejectionCode::invalid:
      out["field"] = r.field;
      out["reason"] = str(name_of(r.reason));
      break;
    case RejectionCode::locked: out["holder"] = nullable(r.holder); break;
    case RejectionCode::stale: {
      Json changes = Json::array();
      for (const auto& c : r.changes) changes.push_back(to_json(c));
      out["changes"] = std::move(changes);
      out["version"] = r.version;
      break;
    }
    case RejectionCode::duplicate: out["message_id"] = nullable(r.message_id); break;
    default: break;
  }
  return out;
}

Json to_json(const Settings& s) {
  return {{"lock_timeout_secs", s.lock_timeout_secs},
          {"disconnect_grace_secs", s.disconnect_grace_secs},
          {"unlock_on_reply", s.unlock_on_reply},
          {"release_lock_on_reassign", s.release_lock_on_reassign},
          {"auto_assign", s.auto_assign},
          {"max_body_bytes", s.max_body_bytes},
          {"lock_mode", str(name_of(s.lock_mode))},
          {"idle_release_secs", s.idle_release_secs},
          {"undo_send_secs", s.undo_send_secs},
          {"lock_request_timeout_secs", s.lock_request_timeout_secs},
          {"max_mail_bytes", s.max_mail_bytes},
          {"mail_addresses", s.mail_addresses}};
}

Json to_json(const Agent& a) {
  return {{"id", a.id}, {"name", a.name}, {"email", a.email}, {"role", str(name_of(a.role))}, {"departments", a.departments}};
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace baton::protocol
