#include "baton/api/live.hpp"

#include "../json_parts.hpp"
#include "baton/overloaded.hpp"
#include "baton/protocol.hpp"

namespace baton::api::live {
namespace {

using protocol::detail::adopt;
using protocol::detail::ObjectReader;
using protocol::detail::read_list;

Json nullable_id(const std::optional<std::int64_t>& id) { return id ? Json(*id) : Json(nullptr); }

Json presence_json(const PresenceUpdate& p) {
  return {{"ticket", p.ticket}, {"agent", p.agent}, {"state", presence_word(p.state)}};
}

Json draft_json(const DraftUpdate& d) {
  return {{"ticket", d.ticket}, {"author", d.author}, {"draft", d.draft ? protocol::to_json(*d.draft) : Json(nullptr)}};
}

Result<PresenceUpdate> presence_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path, /*allow_unknown=*/true);
  PresenceUpdate out{r.integer("ticket"), r.integer("agent"), std::nullopt};
  const std::string state = r.string("state");
  if (state == "viewing") out.state = Presence::viewing;
  else if (state == "typing") out.state = Presence::typing;
  else if (state != "gone" && !r.failed())
    r.fail("state", InvalidReason::value, ErrorKey::invalid_presence_state, {r.path_of("state")});
  return protocol::detail::finish(r, std::move(out));
}

Result<DraftUpdate> draft_update_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path, true);
  DraftUpdate out{r.integer("ticket"), r.integer("author"), std::nullopt};
  if (const Json* draft = r.object("draft", true, /*nullable=*/true))
    out.draft = adopt(r, protocol::detail::draft_from_json(*draft, r.path_of("draft")));
  return protocol::detail::finish(r, std::move(out));
}

std::optional<TicketId> optional_id(ObjectReader& r, const char* key, bool required) {
  if (auto id = r.nullable_integer(key, required)) return *id;
  return std::nullopt;
}

Result<ClientMessage> client_from_json(const Json& json) {
  ObjectReader r(json, "", /*allow_unknown=*/true);
  const std::string type = r.string("type");
  if (r.failed()) return *r.error();
  if (type == "hello") return protocol::detail::finish(r, ClientMessage(Hello{optional_id(r, "since", false)}));
  if (type == "view") return protocol::detail::finish(r, ClientMessage(Viewing{optional_id(r, "ticket", false)}));
  if (type == "renew") return protocol::detail::finish(r, ClientMessage(Renew{r.integer("ticket")}));
  if (type == "ping") return protocol::detail::finish(r, ClientMessage(Ping{}));
  if (type == "draft") {
    const TicketId ticket = r.integer("ticket");
    if (r.failed()) return *r.error();
    Json fields = json;
    fields.erase("ticket");
    auto command = protocol::command_from_json(fields);
    if (auto* rejection = std::get_if<Rejection>(&command)) return *rejection;
    if (const auto* draft = std::get_if<cmd::SaveDraft>(&std::get<Command>(command)))
      return ClientMessage(SaveDraft{ticket, *draft});
  }
  return Rejection::invalid("type", InvalidReason::value, ErrorKey::invalid_unknown_message, {type});
}

Result<ServerMessage> server_from_json(const Json& json) {
  ObjectReader r(json, "", /*allow_unknown=*/true);
  const std::string type = r.string("type");
  if (r.failed()) return *r.error();
  if (type == "event") {
    EventPush out{r.integer("seq"), r.integer("prev"), {}};
    if (const Json* event = r.object("event")) {
      auto decoded = protocol::event_from_json(*event);
      if (auto* rejection = std::get_if<Rejection>(&decoded)) return *rejection;
      out.event = std::get<Event>(std::move(decoded));
    }
    return protocol::detail::finish(r, ServerMessage(std::move(out)));
  }
  if (type == "live") return protocol::detail::finish(r, ServerMessage(Caught{r.integer("seq")}));
  if (type == "presence") {
    auto presence = presence_from_json(json, "");
    if (auto* rejection = std::get_if<Rejection>(&presence)) return *rejection;
    return ServerMessage(std::get<PresenceUpdate>(presence));
  }
  if (type == "draft") {
    auto draft = draft_update_from_json(json, "");
    if (auto* rejection = std::get_if<Rejection>(&draft)) return *rejection;
    return ServerMessage(std::get<DraftUpdate>(std::move(draft)));
  }
  if (type == "digest") {
    Digest out;
    read_list(r, "presence", out.presence, presence_from_json);
    read_list(r, "drafts", out.drafts, draft_update_from_json);
    return protocol::detail::finish(r, ServerMessage(std::move(out)));
  }
  if (type == "draft_saved")
    return protocol::detail::finish(r, ServerMessage(DraftStored{r.integer("ticket"), r.integer("updated_at")}));
  if (type == "error") {
    const std::optional<TicketId> ticket = optional_id(r, "ticket", false);
    if (r.failed()) return *r.error();
    auto error = from_json<ApiError>(json);
    if (auto* rejection = std::get_if<Rejection>(&error)) return *rejection;
    return ServerMessage(Refused{std::get<ApiError>(std::move(error)), ticket});
  }
  if (type == "pong") return protocol::detail::finish(r, ServerMessage(Pong{}));
  return Rejection::invalid("type", InvalidReason::value, ErrorKey::invalid_unknown_message, {type});
}

template <typename Decode>
auto parse_then(std::string_view text, Decode decode) -> decltype(decode(Json())) {
  auto json = protocol::detail::parse(text, protocol::kDefaultMaxCommandBytes * 64, "message");
  if (auto* error = std::get_if<Rejection>(&json)) return *error;
  return decode(std::get<Json>(json));
}

}  // namespace

std::string_view presence_word(std::optional<Presence> state) {
  if (!state) return "gone";
  return *state == Presence::typing ? "typing" : "viewing";
}

Json to_json(const ClientMessage& message) {
  return std::visit(Overloaded{
                        [](const Hello& m) { return Json{{"type", "hello"}, {"since", nullable_id(m.since)}}; },
                        [](const Viewing& m) { return Json{{"type", "view"}, {"ticket", nullable_id(m.ticket)}}; },
                        [](const SaveDraft& m) {
                          Json out = protocol::to_json(Command(m.draft));
                          out["ticket"] = m.ticket;
                          return out;
                        },
                        [](const Renew& m) { return Json{{"type", "renew"}, {"ticket", m.ticket}}; },
                        [](const Ping&) { return Json{{"type", "ping"}}; },
                    },
                    message);
}

Json to_json(const ServerMessage& message) {
  return std::visit(
      Overloaded{
          [](const EventPush& m) {
            return Json{{"type", "event"}, {"seq", m.seq}, {"prev", m.prev}, {"event", protocol::to_json(m.event)}};
          },
          [](const Caught& m) { return Json{{"type", "live"}, {"seq", m.seq}}; },
          [](const PresenceUpdate& m) {
            Json out = presence_json(m);
            out["type"] = "presence";
            return out;
          },
          [](const DraftUpdate& m) {
            Json out = draft_json(m);
            out["type"] = "draft";
            return out;
          },
          [](const Digest& m) {
            Json presence = Json::array(), drafts = Json::array();
            for (const auto& p : m.presence) presence.push_back(presence_json(p));
            for (const auto& d : m.drafts) drafts.push_back(draft_json(d));
            return Json{{"type", "digest"}, {"presence", std::move(presence)}, {"drafts", std::move(drafts)}};
          },
          [](const DraftStored& m) { return Json{{"type", "draft_saved"}, {"ticket", m.ticket}, {"updated_at", m.updated_at}}; },
          [](const Refused& m) {
            Json out = api::to_json(m.error);
            out["type"] = "error";
            if (m.ticket) out["ticket"] = *m.ticket;
            return out;
          },
          [](const Pong&) { return Json{{"type", "pong"}}; },
      },
      message);
}

std::string encode(const ClientMessage& message) { return protocol::dump(to_json(message)); }
std::string encode(const ServerMessage& message) { return protocol::dump(to_json(message)); }

Result<ClientMessage> decode_client(std::string_view text) { return parse_then(text, client_from_json); }
Result<ServerMessage> decode_server(std::string_view text) { return parse_then(text, server_from_json); }

}  // namespace baton::api::live
