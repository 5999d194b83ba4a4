// Decoders of tickets, summaries, settings and agents (what the server stores and sends).
#include <cctype>
#include <set>

#include "json_parts.hpp"

namespace baton::protocol {
using detail::adopt;
using detail::ObjectReader;
using detail::read_list;

namespace detail {

Result<Requester> requester_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Requester out{r.string("name"), r.string("email")};
  return finish(r, std::move(out));
}

Result<Attachment> attachment_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Attachment a{r.string("name"), r.integer("size"), r.string("content_type"), r.string("url")};
  return finish(r, std::move(a));
}

void read_mail(ObjectReader& r, cmd::MailParts& out) {
  out.from = r.string("from", "", false);
  read_list(r, "attachments", out.attachments, attachment_from_json, false);
  out.quoted = r.string("quoted", "", false);
}

Result<Delivery> delivery_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Delivery d;
  d.state = r.name<DeliveryState>("state", DeliveryState::queued);
  d.to = r.string("to");
  d.reason = r.string("reason");
  d.at = r.integer("at");
  return finish(r, std::move(d));
}

// Messages stored before mail have none of its parts: they are optional.
Result<Message> message_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Message m;
  m.id = r.integer("id");
  m.kind = r.name<MessageKind>("kind", MessageKind::customer);
  m.agent = r.nullable_integer("agent");
  m.body = r.string("body");
  m.at = r.integer("at");
  cmd::MailParts mail;
  read_mail(r, mail);
  m.from = std::move(mail.from);
  m.attachments = std::move(mail.attachments);
  m.quoted = std::move(mail.quoted);
  m.automatic = r.boolean("automatic", false, false);
  if (const Json* delivery = r.object("delivery", false, /*nullable=*/true))
    m.delivery = adopt(r, delivery_from_json(*delivery, r.path_of("delivery")));
  return finish(r, std::move(m));
}

Result<Draft> draft_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Draft d;
  d.author = r.integer("author");
  d.kind = r.name<DraftKind>("kind", DraftKind::reply);
  d.body = r.string("body");
  d.base_version = r.integer("base_version");
  d.updated_at = r.integer("updated_at");
  return finish(r, std::move(d));
}

Result<Change> change_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Change c;
  c.version = r.integer("version");
  c.kind = r.name<ChangeKind>("kind", ChangeKind::customer_message);
  c.actor = r.integer("actor");
  c.at = r.integer("at");
  return finish(r, std::move(c));
}

Result<PendingReply> pending_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  PendingReply p;
  p.author = r.integer("author");
  p.body = r.string("body");
  p.idempotency_key = r.string("idempotency_key");
  p.base_version = r.integer("base_version");
  p.queued_at = r.integer("queued_at");
  p.deliver_at = r.integer("deliver_at");
  return finish(r, std::move(p));
}

}  // namespace detail

namespace {

Result<ReplyKey> reply_key_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  ReplyKey k{r.string("key"), r.integer("message"), r.integer("author")};
  return detail::finish(r, std::move(k));
}

Result<Lock> lock_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  Lock l;
  l.holder = r.integer("holder");
  l.acquired_at = r.integer("acquired_at");
  l.renewed_at = r.integer("renewed_at");
  l.expires_at = r.nullable_integer("expires_at");
  // Stored before lock requests and typing locks: optional.
  l.reason = r.name<LockReason>("reason", LockReason::manual, false);
  if (const Json* request = r.object("request", false, /*nullable=*/true)) {
    ObjectReader q(*request, r.path_of("request"));
    LockRequest lr{q.integer("requester"), q.string("reason", "", false), q.integer("at")};
    if (auto v = adopt(r, detail::finish(q, std::move(lr)))) l.request = *v;
  }
  return detail::finish(r, std::move(l));
}

// The fields a ticket and a summary share.
void read_head(ObjectReader& r, Ticket& t) {
  t.id = r.integer("id");
  t.ref = r.string("ref");
  t.subject = r.string("subject");
  if (const Json* requester = r.object("requester"))
    if (auto v = adopt(r, detail::requester_from_json(*requester, r.path_of("requester")))) t.requester = *v;
  t.organization = r.string("organization");
  t.language = r.string("language");
  t.department = r.string("department");
  t.status = r.name<Status>("status", Status::awaiting_agent);
  t.urgency = static_cast<int>(r.integer("urgency"));
  t.assignee = r.nullable_integer("assignee");
  if (const Json* lock = r.object("lock", true, /*nullable=*/true))
    t.lock = adopt(r, lock_from_json(*lock, r.path_of("lock")));
  if (const Json* pending = r.object("pending_reply", false, /*nullable=*/true))
    t.pending_reply = adopt(r, detail::pending_from_json(*pending, r.path_of("pending_reply")));
  t.message_count = r.integer("message_count");
  t.version = r.integer("version");
  t.created_at = r.integer("created_at");
  t.updated_at = r.integer("updated_at");
}

constexpr std::int64_t kMinMailBytes = 10'000;
constexpr std::int64_t kMaxMailBytes = 100 << 20;

// One address per department, each a plain `local@domain` (the inbound mail is routed by it, so no
// two departments share one).
bool plain_address(const std::string& a) {
  const auto at = a.find('@');
  if (a.size() > 254 || at == std::string::npos || at == 0 || at + 1 == a.size() || a.find('@', at + 1) != std::string::npos)
    return false;
  for (unsigned char ch : a)
    if (ch <= ' ' || ch == 0x7f || ch == '<' || ch == '>' || ch == '"' || ch == ',' || ch == ';' || ch == '\\') return false;
  return true;
}

void read_mail_addresses(ObjectReader& r, std::map<std::string, std::string>& out) {
  const Json* map = r.object("mail_addresses", false);
  if (!map) return;
  std::set<std::string> seen;
  for (const auto& [department, address] : map->items()) {
    const std::string field = "mail_addresses." + department;
    if (!address.is_string()) return r.fail(field, InvalidReason::type, ErrorKey::invalid_type_string, {field});
    std::string text = address.get<std::string>();
    std::string lower = text;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (department.empty() || department.size() > 200 || !plain_address(text))
      return r.fail(field, InvalidReason::value, ErrorKey::settings_mail_address, {field});
    if (!seen.insert(lower).second) return r.fail(field, InvalidReason::value, ErrorKey::settings_address_shared, {text});
    out[department] = std::move(text);
  }
}

}  // namespace

Result<Ticket> ticket_from_json(const Json& json) {
  ObjectReader r(json, "");
  Ticket t;
  read_head(r, t);
  read_list(r, "messages", t.messages, detail::message_from_json);
  read_list(r, "drafts", t.drafts, detail::draft_from_json);
  read_list(r, "changes", t.changes, detail::change_from_json);
  read_list(r, "reply_keys", t.reply_keys, reply_key_from_json);
  return detail::finish(r, std::move(t));
}

Result<Ticket> summary_from_json(const Json& json) {
  // Lenient about extra fields: the server adds presence (viewers, typing) to summaries.
  ObjectReader r(json, "", /*allow_unknown=*/true);
  Ticket t;
  read_head(r, t);
  return detail::finish(r, std::move(t));
}

Result<Ticket> decode_ticket(std::string_view text) {
  auto json = detail::parse(text, kDefaultMaxCommandBytes * 64, "ticket");
  if (auto* error = std::get_if<Rejection>(&json)) return *error;
  return ticket_from_json(std::get<Json>(json));
}

Result<Settings> settings_from_json(const Json& json) {
  // Every field optional: a PUT may change one setting and keep the others.
  ObjectReader r(json, "");
  Settings s;
  s.lock_timeout_secs = r.integer("lock_timeout_secs", s.lock_timeout_secs, false);
  s.disconnect_grace_secs = r.integer("disconnect_grace_secs", s.disconnect_grace_secs, false);
  s.unlock_on_reply = r.boolean("unlock_on_reply", s.unlock_on_reply, false);
  s.release_lock_on_reassign = r.boolean("release_lock_on_reassign", s.release_lock_on_reassign, false);
  s.auto_assign = r.boolean("auto_assign", s.auto_assign, false);
  s.max_body_bytes = r.integer("max_body_bytes", s.max_body_bytes, false);
  s.lock_mode = r.name<LockMode>("lock_mode", s.lock_mode, false);
  s.idle_release_secs = r.integer("idle_release_secs", s.idle_release_secs, false);
  s.undo_send_secs = r.integer("undo_send_secs", s.undo_send_secs, false);
  s.lock_request_timeout_secs = r.integer("lock_request_timeout_secs", s.lock_request_timeout_secs, false);
  s.max_mail_bytes = r.integer("max_mail_bytes", s.max_mail_bytes, false);
  read_mail_addresses(r, s.mail_addresses);
  // Each number within its range; the words name the field and the range.
  const auto range = [&r](const char* field, std::int64_t value, std::int64_t low, std::int64_t high,
                          ErrorKey words = ErrorKey::invalid_range) {
    if (value < low || value > high)
      r.fail(field, InvalidReason::value, words, {field, std::to_string(low), std::to_string(high)});
  };
  range("lock_timeout_secs", s.lock_timeout_secs, 0, 86400, ErrorKey::invalid_range_or_never);
  range("disconnect_grace_secs", s.disconnect_grace_secs, 1, 3600);
  range("idle_release_secs", s.idle_release_secs, 10, 86400);
  range("undo_send_secs", s.undo_send_secs, 0, 120, ErrorKey::invalid_range_or_off);
  range("lock_request_timeout_secs", s.lock_request_timeout_secs, 5, 3600);
  range("max_body_bytes", s.max_body_bytes, 1024, 1 << 20);
  range("max_mail_bytes", s.max_mail_bytes, kMinMailBytes, kMaxMailBytes);
  return detail::finish(r, s);
}

Result<Settings> decode_settings(std::string_view text) {
  auto json = detail::parse(text, 64 * 1024, "settings");
  if (auto* error = std::get_if<Rejection>(&json)) return *error;
  return settings_from_json(std::get<Json>(json));
}

Result<Agent> agent_from_json(const Json& json) {
  ObjectReader r(json, "");
  Agent a;
  a.id = r.integer("id");
  a.name = r.string("name");
  a.email = r.string("email");
  a.role = r.name<Role>("role", Role::agent);
  if (const Json* departments = r.array("departments")) {
    for (const auto& d : *departments) {
      if (!d.is_string()) {
        r.fail("departments", InvalidReason::type, ErrorKey::invalid_type_string_list, {"departments"});
        break;
      }
      a.departments.push_back(d.get<std::string>());
    }
  }
  if (!r.failed() && (a.id <= 0 || a.role == Role::system))
    r.fail("id", InvalidReason::value, ErrorKey::directory_bad_agent, {});
  return detail::finish(r, std::move(a));
}

Result<Directory> decode_directory(std::string_view text) {
  auto parsed = detail::parse(text, kDefaultMaxCommandBytes * 64, "directory");
  if (auto* error = std::get_if<Rejection>(&parsed)) return *error;
  const Json& json = std::get<Json>(parsed);
  if (!json.is_array()) return Rejection::invalid("", InvalidReason::type, ErrorKey::directory_not_array);
  std::vector<Agent> agents;
  for (std::size_t i = 0; i < json.size(); ++i) {
    auto agent = agent_from_json(json[i]);
    if (auto* error = std::get_if<Rejection>(&agent)) {
      error->field = "[" + std::to_string(i) + "]." + error->field;
      return *error;
    }
    agents.push_back(std::move(std::get<Agent>(agent)));
  }
  return Directory(std::move(agents));
}

Result<Draft> draft_from_json(const Json& json) { return detail::draft_from_json(json, ""); }
Result<Change> change_from_json(const Json& json) { return detail::change_from_json(json, ""); }

}  // namespace baton::protocol
