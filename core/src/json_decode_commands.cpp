// Decoding commands from clients: the strictest door into the core.
#include <functional>
#include <map>

#include "baton/text_language.hpp"
#include "json_parts.hpp"

namespace baton::protocol {
namespace {

using detail::ObjectReader;

using CommandReader = std::function<Command(ObjectReader&)>;

template <typename T>
CommandReader plain() {
  return [](ObjectReader&) -> Command { return T{}; };
}

const std::map<std::string, CommandReader, std::less<>>& readers() {
  static const std::map<std::string, CommandReader, std::less<>> table{
      {"lock", plain<cmd::Lock>()},
      {"unlock", plain<cmd::Unlock>()},
      {"force_unlock", plain<cmd::ForceUnlock>()},
      {"renew", plain<cmd::Renew>()},
      {"take", plain<cmd::Take>()},
      {"discard_draft", plain<cmd::DiscardDraft>()},
      {"deliver_reply", plain<cmd::DeliverReply>()},
      {"request_lock", [](ObjectReader& r) -> Command { return cmd::RequestLock{r.string("reason", "", false)}; }},
      {"answer_lock_request",
       [](ObjectReader& r) -> Command {
         cmd::AnswerLockRequest a;
         a.hand_over = r.boolean("hand_over");
         a.reason = r.string("reason", "", false);
         return a;
       }},
      {"undo_send", [](ObjectReader& r) -> Command { return cmd::UndoSend{r.string("idempotency_key")}; }},
      {"assign", [](ObjectReader& r) -> Command { return cmd::Assign{r.nullable_integer("agent")}; }},
      {"draft",
       [](ObjectReader& r) -> Command {
         cmd::SaveDraft d;
         d.body = r.string("body");
         d.kind = r.name<DraftKind>("kind", DraftKind::reply, /*required=*/false);
         d.base_version = r.integer("base_version");
         return d;
       }},
      {"reply",
       [](ObjectReader& r) -> Command {
         cmd::Reply reply;
         reply.body = r.string("body");
         reply.base_version = r.integer("base_version");
         reply.idempotency_key = r.string("idempotency_key");
         return reply;
       }},
      {"note", [](ObjectReader& r) -> Command { return cmd::Note{r.string("body")}; }},
      {"set_status", [](ObjectReader& r) -> Command { return cmd::SetStatus{r.name<Status>("status", Status::awaiting_agent)}; }},
      {"set_urgency",
       [](ObjectReader& r) -> Command {
         const auto urgency = r.integer("urgency");
         if (urgency < 1 || urgency > 10) r.fail("urgency", InvalidReason::value, ErrorKey::invalid_range, {"urgency", "1", "10"});
         return cmd::SetUrgency{static_cast<int>(urgency)};
       }},
      {"receive",
       [](ObjectReader& r) -> Command {
         cmd::Receive c;
         c.body = r.string("body");
         detail::read_mail(r, c.mail);
         c.automatic = r.boolean("automatic", false, false);
         return c;
       }},
      {"record_delivery",
       [](ObjectReader& r) -> Command {
         cmd::RecordDelivery c;
         c.message = r.integer("message");
         c.state = r.name<DeliveryState>("state", DeliveryState::sent);
         c.reason = r.string("reason", "", false);
         return c;
       }},
      {"retry_delivery", [](ObjectReader& r) -> Command { return cmd::RetryDelivery{r.integer("message")}; }},
      {"create",
       [](ObjectReader& r) -> Command {
         cmd::Create c;
         c.subject = r.string("subject");
         if (const Json* requester = r.object("requester"))
           if (auto v = detail::adopt(r, detail::requester_from_json(*requester, "requester"))) c.requester = *v;
         c.organization = r.string("organization", "", false);
         c.language = r.string("language", c.language, false);
         c.department = r.string("department");
         const auto urgency = r.integer("urgency", c.urgency, false);
         if (urgency < 1 || urgency > 10) r.fail("urgency", InvalidReason::value, ErrorKey::invalid_range, {"urgency", "1", "10"});
         c.urgency = static_cast<int>(urgency);
         c.body = r.string("body");
         detail::read_mail(r, c.mail);
         // None given (mail, /api/inbound): the script the customer wrote in, else English.
         if (!r.has("language")) c.language = language_of_text(c.subject + "\n" + c.body).value_or(c.language);
         return c;
       }},
      {"release",
       [](ObjectReader& r) -> Command {
         cmd::Release rel;
         rel.reason = r.name<UnlockReason>("reason", UnlockReason::expired);
         rel.offline_since = r.nullable_integer("offline_since", false);
         if (rel.reason != UnlockReason::expired && rel.reason != UnlockReason::disconnected &&
             rel.reason != UnlockReason::idle)
           r.fail("reason", InvalidReason::value, ErrorKey::release_bad_reason, {});
         return rel;
       }},
  };
  return table;
}

}  // namespace

Result<Command> command_from_json(const Json& json) {
  ObjectReader r(json, "");
  const std::string type = r.string("type");
  if (r.failed()) return *r.error();
  auto it = readers().find(type);
  if (it == readers().end()) return Rejection::invalid("type", InvalidReason::value, ErrorKey::invalid_unknown_command, {type});
  Command command = it->second(r);
  return detail::finish(r, std::move(command));
}

Result<Command> decode_command(std::string_view text, std::size_t max_bytes) {
  auto json = detail::parse(text, max_bytes, "command");
  if (auto* error = std::get_if<Rejection>(&json)) return *error;
  return command_from_json(std::get<Json>(json));
}

}  // namespace baton::protocol
