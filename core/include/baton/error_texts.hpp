#pragma once
// Which refusal it is, as a stable key, and the English words of every key in one table
// (core/src/error_texts.cpp). A rejection or a server error carries its key and the values its
// words need (`args`, in order); the English `message` is the key's pattern filled in with them,
// and a workspace says the same key in the agent's language from its own catalog with the same
// {0}, {1}... placeholders. Every key, its code and its args: docs/CORE.md (the core's) and
// docs/API.md (the server's own).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace baton {

// One per distinct situation; on the wire a key is its dotted name ("lock.held_by_other").
enum class ErrorKey : int {
  // decide(): who may act, and on what
  ticket_not_found,
  ticket_exists,
  ticket_bad_ref,
  department_not_member,
  agent_only,
  system_only_receive,
  system_only_release,
  system_only_deliver,
  system_only_record_delivery,
  // locks, and asking for one
  lock_held_by_other,
  lock_already_held,
  lock_not_locked,
  lock_force_admin_only,
  lock_renew_not_held,
  release_not_expired,
  release_offline_since_missing,
  release_within_grace,
  release_not_typing_lock,
  release_typed_recently,
  release_bad_reason,
  lock_request_reason_one_line,
  lock_request_not_locked,
  lock_request_already_asked,
  lock_request_asked_by_other,
  answer_no_request,
  answer_system_hands_over,
  answer_too_early,
  answer_not_holder,
  // fields of the ticket
  assign_no_such_agent,
  assign_not_in_department,
  assign_unchanged,
  assign_already_unassigned,
  status_unchanged,
  urgency_unchanged,
  // drafts, replies and taking one back
  draft_locked,
  draft_none,
  reply_key_length,
  reply_queued_duplicate,
  reply_own_pending,
  reply_other_pending,
  reply_key_used_by_other,
  reply_key_undone,
  reply_duplicate,
  reply_stale,
  undo_delivered,
  undo_already_undone,
  undo_not_pending,
  undo_not_author,
  undo_window_over,
  deliver_not_pending,
  deliver_too_early,
  // mail
  mail_system_only,
  mail_too_many_attachments,
  delivery_not_mailed_reply,
  delivery_reason_needed,
  delivery_unchanged,
  delivery_bad_move,
  delivery_retry_admin_only,
  delivery_retry_not_failed,
  // the text of a field
  text_too_large,
  text_empty,
  text_not_email,
  text_negative,
  base_version_unknown,
  // the strict JSON decoders
  invalid_not_json,
  invalid_too_large,
  invalid_body_not_object,
  invalid_not_object,
  invalid_missing,
  invalid_unknown,
  invalid_type_string,
  invalid_type_string_or_null,
  invalid_type_integer,
  invalid_type_integer_or_null,
  invalid_type_boolean,
  invalid_type_object,
  invalid_type_object_or_null,
  invalid_type_array,
  invalid_type_string_list,
  invalid_type_agent_ids,
  invalid_type_cursor_or_null,
  invalid_type_addresses,
  invalid_integer_too_large,
  invalid_unknown_value,
  invalid_unknown_command,
  invalid_unknown_event,
  invalid_unknown_message,
  invalid_presence_state,
  invalid_range,
  invalid_range_or_never,
  invalid_range_or_off,
  settings_mail_address,
  settings_address_shared,
  directory_not_array,
  directory_bad_agent,
  preferences_unknown_lang,
  // the server's own errors (docs/API.md)
  auth_required,
  auth_wrong_password,
  auth_password_too_long,
  auth_rate_limited,
  auth_busy,
  http_body_too_large,
  http_body_not_utf8,
  http_body_not_json,
  http_body_not_object,
  http_no_route,
  http_file_not_found,
  http_method_not_allowed,
  http_rate_limited,
  http_error,
  server_internal,
  query_range,
  query_one_of,
  query_bad_cursor,
  commands_only,
  settings_admin_only,
  report_admin_only,
  report_bad_date,
  report_bad_format,
  report_from_after_to,
  report_too_many_days,
  outbox_admin_only,
  outbox_not_found,
  attachment_not_found,
  inbound_forbidden,
  inbound_attachments,
  inbound_ref_type,
  ws_cross_origin,
  ws_not_text,
  ws_not_json,
  ws_not_object,
  ws_unknown_type,
  ws_ticket_type,
  ws_already_live,
  ws_since_type,
  ws_rate_limited,
  draft_not_saved,
  agent_unknown,
  count_  // not a key: how many there are
};

struct ErrorText {
  ErrorKey id;
  std::string_view key;      // its name on the wire: "lock.held_by_other"
  std::string_view code;     // the error's code: "locked" (a RejectionCode's name, or the server's own)
  std::string_view english;  // "Locked by {0}: only they can change this ticket until it is unlocked"
};

// Every key, in ErrorKey order.
std::span<const ErrorText> error_texts();
const ErrorText& error_text(ErrorKey key);
// The entry of a key's name; none for a name this build does not know (a newer server's).
const ErrorText* find_error_text(std::string_view key);

// `pattern` with each {n} replaced by args[n]. A {n} without its arg stays as written, so a
// catalog entry that needs more than it is given shows the gap instead of dropping words.
std::string fill_in(std::string_view pattern, const std::vector<std::string>& args);
// How many args a pattern takes: its highest {n} plus one.
int arg_count(std::string_view pattern);
// The English message of a key's name with its args; a name this build does not know gives itself.
std::string english_message(std::string_view key, const std::vector<std::string>& args);

}  // namespace baton
