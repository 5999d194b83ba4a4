// The English words of every rejection and server error, by key: the one place they are written.
// {0}, {1}... are the key's args in order (docs/CORE.md and docs/API.md say what each one is).
#include "baton/error_texts.hpp"

#include <algorithm>
#include <iterator>

namespace baton {
namespace {

using K = ErrorKey;

constexpr ErrorText kTexts[] = {
    // decide(): who may act, and on what
    {K::ticket_not_found, "ticket.not_found", "not_found", "Ticket {0} does not exist"},
    {K::ticket_exists, "ticket.exists", "conflict", "Ticket {0} already exists"},
    {K::ticket_bad_ref, "ticket.bad_ref", "invalid", "'{0}' is not a ticket reference"},
    {K::department_not_member, "department.not_member", "forbidden", "You are not in the {0} department"},
    {K::agent_only, "actor.agent_only", "forbidden", "Only an agent can do that"},
    {K::system_only_receive, "actor.system_only.receive", "forbidden", "Only the system can record a customer message"},
    {K::system_only_release, "actor.system_only.release", "forbidden", "Only the system can release a lock"},
    {K::system_only_deliver, "actor.system_only.deliver", "forbidden", "Only the system can deliver a reply"},
    {K::system_only_record_delivery, "actor.system_only.record_delivery", "forbidden",
     "Only the system can record how a mail went"},
    // locks, and asking for one
    {K::lock_held_by_other, "lock.held_by_other", "locked",
     "Locked by {0}: only they can change this ticket until it is unlocked"},
    {K::lock_already_held, "lock.already_held", "conflict", "You already hold the lock on this ticket"},
    {K::lock_not_locked, "lock.not_locked", "conflict", "This ticket is not locked"},
    {K::lock_force_admin_only, "lock.force_admin_only", "forbidden", "Only an admin can force a ticket unlocked"},
    {K::lock_renew_not_held, "lock.renew_not_held", "conflict",
     "You no longer hold the lock on this ticket (it expired or was released)"},
    {K::release_not_expired, "release.not_expired", "conflict", "The lock has not expired yet"},
    {K::release_offline_since_missing, "release.offline_since_missing", "invalid", "a disconnect release needs offline_since"},
    {K::release_within_grace, "release.within_grace", "conflict", "The holder has not been away for the grace period yet"},
    {K::release_not_typing_lock, "release.not_typing_lock", "conflict",
     "Only a lock taken by typing is released when typing stops"},
    {K::release_typed_recently, "release.typed_recently", "conflict", "The holder typed too recently"},
    {K::release_bad_reason, "release.bad_reason", "invalid", "release reason must be expired, disconnected or idle"},
    {K::lock_request_reason_one_line, "lock_request.reason_one_line", "invalid", "'reason' must be one line"},
    {K::lock_request_not_locked, "lock_request.not_locked", "conflict", "This ticket is not locked: you can lock it yourself"},
    {K::lock_request_already_asked, "lock_request.already_asked", "conflict", "You already asked {0}; waiting for an answer"},
    {K::lock_request_asked_by_other, "lock_request.asked_by_other", "conflict", "{0} already asked {1} for this ticket"},
    {K::answer_no_request, "answer.no_request", "conflict", "Nobody is asking for this ticket's lock"},
    {K::answer_system_hands_over, "answer.system_hands_over", "invalid", "the system only hands over"},
    {K::answer_too_early, "answer.too_early", "conflict", "The request has not waited for the timeout yet"},
    {K::answer_not_holder, "answer.not_holder", "forbidden", "Only {0}, who holds the lock, can answer"},
    // fields of the ticket
    {K::assign_no_such_agent, "assign.no_such_agent", "invalid", "There is no agent #{0}"},
    {K::assign_not_in_department, "assign.not_in_department", "invalid", "{0} is not in the {1} department"},
    {K::assign_unchanged, "assign.unchanged", "conflict", "This ticket is already assigned to {0}"},
    {K::assign_already_unassigned, "assign.already_unassigned", "conflict", "This ticket is not assigned"},
    {K::status_unchanged, "status.unchanged", "conflict", "The ticket already has that status"},
    {K::urgency_unchanged, "urgency.unchanged", "conflict", "The ticket already has that urgency"},
    // drafts, replies and taking one back
    {K::draft_locked, "draft.locked", "locked",
     "{0} is on this ticket (locked): ask them to release it before you write a reply"},
    {K::draft_none, "draft.none", "not_found", "You have no draft on this ticket"},
    {K::reply_key_length, "reply.key_length", "invalid", "idempotency_key must be 1 to 128 characters"},
    {K::reply_queued_duplicate, "reply.queued_duplicate", "duplicate",
     "This reply was already sent (it goes out when its undo window ends)"},
    {K::reply_own_pending, "reply.own_pending", "conflict",
     "Your previous reply is still waiting to go out: undo it or wait for it"},
    {K::reply_other_pending, "reply.other_pending", "conflict",
     "{0}'s reply is about to go out: read it before you send yours"},
    {K::reply_key_used_by_other, "reply.key_used_by_other", "conflict", "That idempotency key was already used by {0}"},
    {K::reply_key_undone, "reply.key_undone", "conflict", "That reply was taken back (undo): send it again with a new key"},
    {K::reply_duplicate, "reply.duplicate", "duplicate", "This reply was already sent"},
    {K::reply_stale, "reply.stale", "stale",
     "The ticket changed while you were writing ({0} change(s) since version {1}): read them, then send again"},
    {K::undo_delivered, "undo.delivered", "conflict", "Too late: the reply was delivered to the customer"},
    {K::undo_already_undone, "undo.already_undone", "conflict", "That reply was already taken back"},
    {K::undo_not_pending, "undo.not_pending", "not_found", "No reply with that idempotency key is waiting to be sent"},
    {K::undo_not_author, "undo.not_author", "forbidden", "Only {0} can take back their reply"},
    {K::undo_window_over, "undo.window_over", "conflict", "Too late: the undo window is over"},
    {K::deliver_not_pending, "deliver.not_pending", "conflict", "No reply is waiting to be sent"},
    {K::deliver_too_early, "deliver.too_early", "conflict", "The reply's undo window is not over yet"},
    // mail
    {K::mail_system_only, "mail.system_only", "forbidden", "Only inbound mail has a sender address, attachments or quoted mail"},
    {K::mail_too_many_attachments, "mail.too_many_attachments", "invalid", "at most {0} attachments"},
    {K::delivery_not_mailed_reply, "delivery.not_mailed_reply", "not_found", "Message {0} is not a reply sent by mail"},
    {K::delivery_reason_needed, "delivery.reason_needed", "invalid", "a retry or a failure needs its reason"},
    {K::delivery_unchanged, "delivery.unchanged", "conflict", "Nothing changed"},
    {K::delivery_bad_move, "delivery.bad_move", "conflict", "A reply whose mail is {0} cannot become {1}"},
    {K::delivery_retry_admin_only, "delivery.retry_admin_only", "forbidden", "Only an admin can send a mail again"},
    {K::delivery_retry_not_failed, "delivery.retry_not_failed", "conflict", "Only a reply that was not delivered can be sent again"},
    // the text of a field
    {K::text_too_large, "text.too_large", "invalid", "'{0}' is {1} bytes; the limit is {2}"},
    {K::text_empty, "text.empty", "invalid", "'{0}' is empty"},
    {K::text_not_email, "text.not_email", "invalid", "{0} is not an email address"},
    {K::text_negative, "text.negative", "invalid", "{0} is negative"},
    {K::base_version_unknown, "base_version.unknown", "invalid", "base_version {0} is not a version of this ticket (now {1})"},
    // the strict JSON decoders
    {K::invalid_not_json, "invalid.not_json", "invalid", "the {0} is not valid JSON"},
    {K::invalid_too_large, "invalid.too_large", "invalid", "the {0} is {1} bytes; the limit is {2}"},
    {K::invalid_body_not_object, "invalid.body_not_object", "invalid", "the body must be a JSON object"},
    {K::invalid_not_object, "invalid.not_object", "invalid", "'{0}' must be a JSON object"},
    {K::invalid_missing, "invalid.missing", "invalid", "'{0}' is missing"},
    {K::invalid_unknown, "invalid.unknown", "invalid", "'{0}' is not a known field"},
    {K::invalid_type_string, "invalid.type.string", "invalid", "'{0}' must be a string"},
    {K::invalid_type_string_or_null, "invalid.type.string_or_null", "invalid", "'{0}' must be a string or null"},
    {K::invalid_type_integer, "invalid.type.integer", "invalid", "'{0}' must be an integer"},
    {K::invalid_type_integer_or_null, "invalid.type.integer_or_null", "invalid", "'{0}' must be an integer or null"},
    {K::invalid_type_boolean, "invalid.type.boolean", "invalid", "'{0}' must be true or false"},
    {K::invalid_type_object, "invalid.type.object", "invalid", "'{0}' must be an object"},
    {K::invalid_type_object_or_null, "invalid.type.object_or_null", "invalid", "'{0}' must be an object or null"},
    {K::invalid_type_array, "invalid.type.array", "invalid", "'{0}' must be an array"},
    {K::invalid_type_string_list, "invalid.type.string_list", "invalid", "'{0}' must be a list of strings"},
    {K::invalid_type_agent_ids, "invalid.type.agent_ids", "invalid", "'{0}' must hold agent ids"},
    {K::invalid_type_cursor_or_null, "invalid.type.cursor_or_null", "invalid", "'{0}' must be a cursor or null"},
    {K::invalid_type_addresses, "invalid.type.addresses", "invalid", "addresses must be strings"},
    {K::invalid_integer_too_large, "invalid.integer_too_large", "invalid", "'{0}' is too large"},
    {K::invalid_unknown_value, "invalid.unknown_value", "invalid", "'{0}' has an unknown value '{1}'"},
    {K::invalid_unknown_command, "invalid.unknown_command", "invalid", "unknown command '{0}'"},
    {K::invalid_unknown_event, "invalid.unknown_event", "invalid", "unknown event '{0}'"},
    {K::invalid_unknown_message, "invalid.unknown_message", "invalid", "unknown message type '{0}'"},
    {K::invalid_presence_state, "invalid.presence_state", "invalid", "'{0}' must be viewing, typing or gone"},
    {K::invalid_range, "invalid.range", "invalid", "{0} must be from {1} to {2}"},
    {K::invalid_range_or_never, "invalid.range_or_never", "invalid", "{0} must be from {1} (never) to {2}"},
    {K::invalid_range_or_off, "invalid.range_or_off", "invalid", "{0} must be from {1} (off) to {2}"},
    {K::settings_mail_address, "settings.mail_address", "invalid", "'{0}' must be a mail address such as help@example.com"},
    {K::settings_address_shared, "settings.address_shared", "invalid", "{0} is the address of two departments"},
    {K::directory_not_array, "directory.not_array", "invalid", "the directory must be a JSON array of agents"},
    {K::directory_bad_agent, "directory.bad_agent", "invalid", "an agent needs a positive id and the role agent or admin"},
    {K::preferences_unknown_lang, "preferences.unknown_lang", "invalid", "'{0}' is not a language Baton speaks: 'lang' must be one of {1}, or null"},
    // the server's own errors (docs/API.md)
    {K::auth_required, "auth.required", "unauthorized", "Log in first: send the session token or cookie"},
    {K::auth_wrong_password, "auth.wrong_password", "unauthorized", "Wrong email or password"},
    {K::auth_password_too_long, "auth.password_too_long", "invalid", "The password is too long"},
    {K::auth_rate_limited, "auth.rate_limited", "rate_limited", "Too many failed logins: try again in {0} s"},
    {K::auth_busy, "auth.busy", "busy", "Too many logins at once: try again in a second"},
    {K::http_body_too_large, "http.body_too_large", "invalid", "The request body is too large"},
    {K::http_body_not_utf8, "http.body_not_utf8", "invalid", "The request body is not UTF-8 text"},
    {K::http_body_not_json, "http.body_not_json", "invalid", "The request body is not valid JSON"},
    {K::http_body_not_object, "http.body_not_object", "invalid", "The request body must be a JSON object"},
    {K::http_no_route, "http.no_route", "not_found", "No route for {0} {1}"},
    {K::http_file_not_found, "http.file_not_found", "not_found", "{0} does not exist"},
    {K::http_method_not_allowed, "http.method_not_allowed", "method_not_allowed", "Method Not Allowed"},
    {K::http_rate_limited, "http.rate_limited", "rate_limited", "Too Many Requests"},
    {K::http_error, "http.error", "error", "{0}"},
    {K::server_internal, "server.internal", "internal", "Internal server error"},
    {K::query_range, "query.range", "invalid", "'{0}' must be from {1} to {2}"},
    {K::query_one_of, "query.one_of", "invalid", "'{0}' must be one of {1}"},
    {K::query_bad_cursor, "query.bad_cursor", "invalid", "'after' must be the 'next' of a previous page"},
    {K::commands_only, "commands.only", "invalid", "This call only takes '{0}'"},
    {K::settings_admin_only, "settings.admin_only", "forbidden", "Only an admin can change the automations"},
    {K::report_admin_only, "report.admin_only", "forbidden", "Only an admin can see the collision report"},
    {K::report_bad_date, "report.bad_date", "invalid", "'{0}' must be a date written YYYY-MM-DD, not '{1}'"},
    {K::report_bad_format, "report.bad_format", "invalid", "'format' must be json or csv"},
    {K::report_from_after_to, "report.from_after_to", "invalid", "'from' must not be after 'to'"},
    {K::report_too_many_days, "report.too_many_days", "invalid", "the report covers at most {0} days"},
    {K::outbox_admin_only, "outbox.admin_only", "forbidden", "Only an admin can see the outbox"},
    {K::outbox_not_found, "outbox.not_found", "not_found", "That outbox entry does not exist"},
    {K::attachment_not_found, "attachment.not_found", "not_found", "That attachment does not exist"},
    {K::inbound_forbidden, "inbound.forbidden", "forbidden",
     "Only the mail gateway (inbound key) or an admin can post inbound mail"},
    {K::inbound_attachments, "inbound.attachments", "invalid",
     "Attachments come only with mail received over SMTP (docs/MAIL.md)"},
    {K::inbound_ref_type, "inbound.ref_type", "invalid", "'ref' must be a ticket reference string"},
    {K::ws_cross_origin, "ws.cross_origin", "forbidden", "WebSocket from another origin refused"},
    {K::ws_not_text, "ws.not_text", "invalid", "Send JSON text frames"},
    {K::ws_not_json, "ws.not_json", "invalid", "The message is not valid JSON"},
    {K::ws_not_object, "ws.not_object", "invalid", "The message must be a JSON object"},
    {K::ws_unknown_type, "ws.unknown_type", "invalid", "Unknown message type; use one of {0}"},
    {K::ws_ticket_type, "ws.ticket_type", "invalid", "'ticket' must be a ticket id"},
    {K::ws_already_live, "ws.already_live", "conflict", "Already live: reconnect to resume from elsewhere"},
    {K::ws_since_type, "ws.since_type", "invalid", "'since' must be a seq (0 or more) or null"},
    {K::ws_rate_limited, "ws.rate_limited", "rate_limited", "Too many messages: reconnect in {0} s"},
    {K::draft_not_saved, "draft.not_saved", "internal", "The draft could not be saved"},
    {K::agent_unknown, "agent.unknown", "forbidden", "Unknown agent"},
};

constexpr bool in_key_order() {
  for (std::size_t i = 0; i < std::size(kTexts); ++i)
    if (static_cast<std::size_t>(kTexts[i].id) != i) return false;
  return true;
}
static_assert(std::size(kTexts) == static_cast<std::size_t>(ErrorKey::count_), "every ErrorKey needs its words");
static_assert(in_key_order(), "kTexts lists the keys in ErrorKey order");

// The number a "{n}" at `at` names, and where it ends; none when it is not a placeholder.
bool placeholder(std::string_view text, std::size_t at, std::size_t& index, std::size_t& end) {
  if (text[at] != '{') return false;
  std::size_t i = at + 1;
  index = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - at <= 3) index = index * 10 + (text[i++] - '0');
  if (i == at + 1 || i >= text.size() || text[i] != '}') return false;
  end = i + 1;
  return true;
}

}  // namespace

std::span<const ErrorText> error_texts() { return kTexts; }

const ErrorText& error_text(ErrorKey key) { return kTexts[static_cast<std::size_t>(key)]; }

const ErrorText* find_error_text(std::string_view key) {
  const auto it = std::find_if(std::begin(kTexts), std::end(kTexts), [key](const ErrorText& t) { return t.key == key; });
  return it == std::end(kTexts) ? nullptr : &*it;
}

std::string fill_in(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (std::size_t i = 0; i < pattern.size();) {
    std::size_t index = 0, end = 0;
    if (placeholder(pattern, i, index, end) && index < args.size()) {
      out += args[index];
      i = end;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

int arg_count(std::string_view pattern) {
  int count = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    std::size_t index = 0, end = 0;
    if (placeholder(pattern, i, index, end)) count = std::max(count, static_cast<int>(index) + 1);
  }
  return count;
}

std::string english_message(std::string_view key, const std::vector<std::string>& args) {
  const ErrorText* text = find_error_text(key);
  return text ? fill_in(text->english, args) : std::string(key);
}

}  // namespace baton
