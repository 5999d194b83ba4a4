// Messages: customer mail, replies to the customer, internal notes, and the ticket's creation.
#include "baton/ticket_ref.hpp"
#include "rules.hpp"

namespace baton::rules {
namespace {

constexpr std::size_t kMaxLine = 200;       // subject, names, organization
constexpr std::size_t kMaxKey = 128;        // idempotency keys
constexpr std::size_t kMaxAddress = 320;    // a mail address (RFC 3696's longest)
constexpr std::size_t kMaxAttachments = 100;
constexpr std::size_t kMaxUrl = 2048;

Message next_message(const Ctx& c, MessageKind kind, std::optional<AgentId> agent, const std::string& body) {
  return Message{c.ticket.message_count + 1, kind, agent, body, c.now};
}

// What changed since the author's base version (Ticket::changes holds only the kinds that count), leaving out their own changes: a change you made
// yourself cannot have surprised you.
std::vector<Change> changes_since(const Ctx& c, Version base_version) {
  std::vector<Change> out;
  for (const Change& change : c.ticket.changes)
    if (change.version > base_version && change.actor != c.actor.id) out.push_back(change);
  return out;
}

// A customer's mail: its sender, attachments and quoted history come from the mail gateway (the
// system) only; an agent's ticket has none (and attachments' URLs are the host's own).
Outcome check_mail(const Ctx& c, const cmd::MailParts& mail, const char* prefix) {
  if (mail == cmd::MailParts{}) return std::nullopt;
  if (!c.actor.is_system()) return Rejection::of(ErrorKey::mail_system_only);
  const std::string p = prefix;
  if (auto r = check_text(p + "from", mail.from, kMaxAddress, true)) return r;
  if (!mail.from.empty() && mail.from.find('@') == std::string::npos)
    return Rejection::invalid(p + "from", InvalidReason::value, ErrorKey::text_not_email, {p + "from"});
  if (auto r = check_text(p + "quoted", mail.quoted, c.settings.max_body_bytes, true)) return r;
  if (mail.attachments.size() > kMaxAttachments)
    return Rejection::invalid(p + "attachments", InvalidReason::too_large, ErrorKey::mail_too_many_attachments,
                              {std::to_string(kMaxAttachments)});
  for (std::size_t i = 0; i < mail.attachments.size(); ++i) {
    const Attachment& a = mail.attachments[i];
    const std::string at = p + "attachments[" + std::to_string(i) + "].";
    if (auto r = check_text(at + "name", a.name, 255, false)) return r;
    if (auto r = check_text(at + "content_type", a.content_type, 255, false)) return r;
    if (auto r = check_text(at + "url", a.url, kMaxUrl, false)) return r;
    if (a.size < 0) return Rejection::invalid(at + "size", InvalidReason::value, ErrorKey::text_negative, {at + "size"});
  }
  return std::nullopt;
}

Message with_mail(Message m, const cmd::MailParts& mail) {
  m.from = mail.from;
  m.attachments = mail.attachments;
  m.quoted = mail.quoted;
  return m;
}

}  // namespace

// A sent reply ends its author's lock when the admin says so, and always ends a lock taken by typing.
void release_after_reply(const Ctx& c, EventLog& log, AgentId author) {
  const auto& lock = c.ticket.lock;
  if (!lock || lock->holder != author) return;
  if (c.settings.unlock_on_reply || lock->reason == LockReason::typing)
    log.logged(author, ev::Unlocked{author, UnlockReason::replied});
}

// Every reply goes to the ticket's requester by mail: queued until the mail sender has handed it on.
Message reply_message(const Ctx& c, AgentId author, const std::string& body) {
  Message m = next_message(c, MessageKind::reply, author, body);
  m.delivery = Delivery{DeliveryState::queued, c.ticket.requester.email, "", c.now};
  return m;
}

Outcome decide_reply(const Ctx& c, EventLog& log, const cmd::Reply& reply) {
  if (auto r = require_agent(c)) return r;
  if (reply.idempotency_key.empty() || reply.idempotency_key.size() > kMaxKey)
    return Rejection::invalid("idempotency_key", InvalidReason::value, ErrorKey::reply_key_length);
  // A reply in its undo window: a retry of it finds it; nobody sends over it until it goes out.
  if (const auto& pending = c.ticket.pending_reply) {
    if (pending->idempotency_key == reply.idempotency_key && pending->author == c.actor.id) {
      return Rejection::of(ErrorKey::reply_queued_duplicate);
    }
    if (pending->author == c.actor.id)
      return Rejection::of(ErrorKey::reply_own_pending);
    return Rejection::of(ErrorKey::reply_other_pending, {c.directory.name(pending->author)});
  }
  // Checked first: a retry of a reply that went through must find its original, even though the
  // reply itself has since changed the version and released the lock.
  if (const ReplyKey* used = c.ticket.reply_key(reply.idempotency_key)) {
    if (used->author != c.actor.id)
      return Rejection::of(ErrorKey::reply_key_used_by_other, {c.directory.name(used->author)});
    if (used->message == 0) return Rejection::of(ErrorKey::reply_key_undone);
    Rejection r = Rejection::of(ErrorKey::reply_duplicate);
    r.message_id = used->message;
    return r;
  }
  if (auto r = require_free_or_held(c)) return r;
  if (auto r = check_text("body", reply.body, c.settings.max_body_bytes, false)) return r;
  if (auto r = check_base_version(c, reply.base_version)) return r;
  if (auto changes = changes_since(c, reply.base_version); !changes.empty()) {
    Rejection r = Rejection::of(ErrorKey::reply_stale, {std::to_string(changes.size()), std::to_string(reply.base_version)});
    r.changes = std::move(changes);
    r.version = c.ticket.version;
    return r;
  }
  if (c.settings.undo_send_secs > 0) {
    log.logged(c.actor.id, ev::ReplyQueued{PendingReply{c.actor.id, reply.body, reply.idempotency_key, reply.base_version,
                                                        c.now, c.now + c.settings.undo_send_secs * kSecond}});
    return std::nullopt;
  }
  log.logged(c.actor.id, ev::Replied{reply_message(c, c.actor.id, reply.body), reply.idempotency_key});
  release_after_reply(c, log, c.actor.id);
  return std::nullopt;
}

Outcome decide_note(const Ctx& c, EventLog& log, const cmd::Note& note) {
  if (auto r = require_agent(c)) return r;
  if (auto r = require_free_or_held(c)) return r;
  if (auto r = check_text("body", note.body, c.settings.max_body_bytes, false)) return r;
  log.logged(c.actor.id, ev::NoteAdded{next_message(c, MessageKind::note, c.actor.id, note.body)});
  return std::nullopt;
}

// The customer can always write, locked or not: their message is what makes drafts stale. An
// auto-reply is kept on the ticket too, but changes nothing else (evolve).
Outcome decide_receive(const Ctx& c, EventLog& log, const cmd::Receive& receive) {
  if (auto r = require_system(c, ErrorKey::system_only_receive)) return r;
  if (auto r = check_text("body", receive.body, c.settings.max_body_bytes, false)) return r;
  if (auto r = check_mail(c, receive.mail, "")) return r;
  Message m = with_mail(next_message(c, MessageKind::customer, std::nullopt, receive.body), receive.mail);
  m.automatic = receive.automatic;
  log.logged(kSystemAgent, ev::CustomerMessage{std::move(m)});
  return std::nullopt;
}

Outcome decide_create(const Ctx& c, EventLog& log, const cmd::Create& create) {
  if (c.ticket.exists()) return Rejection::of(ErrorKey::ticket_exists, {std::to_string(c.ticket.id)});
  if (!is_valid_ref(c.ticket.ref)) return Rejection::invalid("ref", InvalidReason::value, ErrorKey::ticket_bad_ref, {c.ticket.ref});
  for (const auto& [field, text] : {std::pair<const char*, const std::string&>{"subject", create.subject},
                                    {"requester.name", create.requester.name},
                                    {"requester.email", create.requester.email},
                                    {"department", create.department}})
    if (auto r = check_text(field, text, kMaxLine, false)) return r;
  for (const auto& [field, text] : {std::pair<const char*, const std::string&>{"organization", create.organization},
                                    {"language", create.language}})
    if (auto r = check_text(field, text, kMaxLine, true)) return r;
  if (create.requester.email.find('@') == std::string::npos)
    return Rejection::invalid("requester.email", InvalidReason::value, ErrorKey::text_not_email, {"requester.email"});
  if (create.urgency < 1 || create.urgency > 10)
    return Rejection::invalid("urgency", InvalidReason::value, ErrorKey::invalid_range, {"urgency", "1", "10"});
  if (auto r = check_text("body", create.body, c.settings.max_body_bytes, false)) return r;
  if (auto r = check_mail(c, create.mail, "")) return r;
  if (!c.actor.can_see(create.department))
    return Rejection::of(ErrorKey::department_not_member, {create.department});
  log.logged(c.actor.id, ev::Created{c.ticket.ref, create.subject, create.requester, create.organization,
                                     create.language, create.department, Status::awaiting_agent, create.urgency,
                                     with_mail(next_message(c, MessageKind::customer, std::nullopt, create.body),
                                               create.mail)});
  return std::nullopt;
}

}  // namespace baton::rules
