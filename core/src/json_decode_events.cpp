// Decoding events: what a replica receives from the server's pushes and history.
#include <functional>
#include <map>

#include "json_parts.hpp"

namespace baton::protocol {
namespace {

using detail::adopt;
using detail::ObjectReader;

using PayloadReader = std::function<EventPayload(ObjectReader&)>;

Message read_message(ObjectReader& r) {
  if (const Json* m = r.object("message"))
    if (auto v = adopt(r, detail::message_from_json(*m, r.path_of("message")))) return *v;
  return {};
}

Requester read_requester(ObjectReader& r) {
  if (const Json* m = r.object("requester"))
    if (auto v = adopt(r, detail::requester_from_json(*m, r.path_of("requester")))) return *v;
  return {};
}

const std::map<std::string, PayloadReader, std::less<>>& readers() {
  static const std::map<std::string, PayloadReader, std::less<>> table{
      {"created",
       [](ObjectReader& r) -> EventPayload {
         ev::Created c;
         c.ref = r.string("ref");
         c.subject = r.string("subject");
         c.requester = read_requester(r);
         c.organization = r.string("organization");
         c.language = r.string("language");
         c.department = r.string("department");
         c.status = r.name<Status>("status", Status::awaiting_agent);
         c.urgency = static_cast<int>(r.integer("urgency"));
         c.message = read_message(r);
         return c;
       }},
      {"customer_message", [](ObjectReader& r) -> EventPayload { return ev::CustomerMessage{read_message(r)}; }},
      {"replied",
       [](ObjectReader& r) -> EventPayload {
         ev::Replied e;
         e.message = read_message(r);
         e.idempotency_key = r.string("idempotency_key");
         return e;
       }},
      {"note_added", [](ObjectReader& r) -> EventPayload { return ev::NoteAdded{read_message(r)}; }},
      {"locked",
       [](ObjectReader& r) -> EventPayload {
         // Events logged before lock on typing have no reason: they were manual.
         return ev::Locked{r.integer("holder"), r.nullable_integer("expires_at"),
                           r.name<LockReason>("reason", LockReason::manual, false)};
       }},
      {"lock_requested",
       [](ObjectReader& r) -> EventPayload {
         return ev::LockRequested{r.integer("requester"), r.integer("holder"), r.string("reason", "", false)};
       }},
      {"lock_request_declined",
       [](ObjectReader& r) -> EventPayload {
         return ev::LockRequestDeclined{r.integer("requester"), r.string("reason", "", false)};
       }},
      {"lock_handed_over",
       [](ObjectReader& r) -> EventPayload {
         return ev::LockHandedOver{r.integer("from"), r.integer("to"), r.nullable_integer("expires_at"),
                                   r.boolean("automatic", false, false)};
       }},
      {"reply_queued",
       [](ObjectReader& r) -> EventPayload {
         ev::ReplyQueued q;
         if (const Json* p = r.object("pending"))
           if (auto v = adopt(r, detail::pending_from_json(*p, r.path_of("pending")))) q.pending = *v;
         return q;
       }},
      {"send_undone",
       [](ObjectReader& r) -> EventPayload {
         ev::SendUndone u;
         u.idempotency_key = r.string("idempotency_key");
         if (const Json* draft = r.object("draft"))
           if (auto v = adopt(r, detail::draft_from_json(*draft, r.path_of("draft")))) u.draft = *v;
         return u;
       }},
      {"delivery_changed",
       [](ObjectReader& r) -> EventPayload {
         return ev::DeliveryChanged{r.integer("message"), r.name<DeliveryState>("state", DeliveryState::queued),
                                    r.string("reason")};
       }},
      {"lock_renewed",
       [](ObjectReader& r) -> EventPayload { return ev::LockRenewed{r.integer("holder"), r.nullable_integer("expires_at")}; }},
      {"unlocked",
       [](ObjectReader& r) -> EventPayload {
         return ev::Unlocked{r.integer("holder"), r.name<UnlockReason>("reason", UnlockReason::manual)};
       }},
      {"assigned",
       [](ObjectReader& r) -> EventPayload { return ev::Assigned{r.nullable_integer("from"), r.nullable_integer("to")}; }},
      {"status_changed",
       [](ObjectReader& r) -> EventPayload {
         return ev::StatusChanged{r.name<Status>("from", Status::awaiting_agent), r.name<Status>("to", Status::awaiting_agent)};
       }},
      {"urgency_changed",
       [](ObjectReader& r) -> EventPayload {
         return ev::UrgencyChanged{static_cast<int>(r.integer("from")), static_cast<int>(r.integer("to"))};
       }},
      {"draft_saved",
       [](ObjectReader& r) -> EventPayload {
         ev::DraftSaved d;
         if (const Json* draft = r.object("draft"))
           if (auto v = adopt(r, detail::draft_from_json(*draft, r.path_of("draft")))) d.draft = *v;
         return d;
       }},
      {"draft_discarded", [](ObjectReader& r) -> EventPayload { return ev::DraftDiscarded{r.integer("author")}; }},
  };
  return table;
}

}  // namespace

Result<Event> event_from_json(const Json& json) {
  ObjectReader r(json, "");
  Event e;
  e.seq = r.integer("seq");
  e.ticket = r.integer("ticket");
  const std::string type = r.string("type");
  e.actor = r.integer("actor");
  e.at = r.integer("at");
  e.version = r.integer("version");
  if (r.failed()) return *r.error();
  auto it = readers().find(type);
  if (it == readers().end()) return Rejection::invalid("type", InvalidReason::value, ErrorKey::invalid_unknown_event, {type});
  e.payload = it->second(r);
  return detail::finish(r, std::move(e));
}

Result<Event> decode_event(std::string_view text) {
  auto json = detail::parse(text, kDefaultMaxCommandBytes * 2, "event");
  if (auto* error = std::get_if<Rejection>(&json)) return *error;
  return event_from_json(std::get<Json>(json));
}

}  // namespace baton::protocol
