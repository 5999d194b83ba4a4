// The HTTP bodies' codec. Envelopes are read leniently about fields they do not know (a newer
// server may add some; tests/contract catches drift), the models inside as strictly as ever.
#include "baton/api/bodies.hpp"

#include <algorithm>
#include <charconv>

#include "../json_parts.hpp"
#include "baton/names.hpp"
#include "baton/protocol.hpp"

namespace baton::api {
namespace {

using protocol::detail::adopt;
using protocol::detail::ObjectReader;
using protocol::detail::read_list;

Json ids_json(const std::vector<AgentId>& ids) {
  Json out = Json::array();
  for (AgentId id : ids) out.push_back(id);
  return out;
}

template <typename T, typename Decode>
Result<T> from_text(std::string_view text, const char* what, Decode decode) {
  auto json = protocol::detail::parse(text, protocol::kDefaultMaxCommandBytes * 64, what);
  if (auto* error = std::get_if<Rejection>(&json)) return *error;
  return decode(std::get<Json>(json));
}

// A model inside an envelope, decoded by the protocol (strict).
template <typename T, typename Decode>
std::optional<T> nested(ObjectReader& r, const char* key, Decode decode, bool required = true) {
  const Json* json = r.object(key, required);
  if (!json) return std::nullopt;
  auto result = decode(*json);
  if (auto* rejection = std::get_if<Rejection>(&result)) {
    Rejection named = *rejection;
    named.field = r.path_of(key) + (named.field.empty() ? "" : "." + named.field);
    return adopt(r, Result<T>(named));
  }
  return std::get<T>(std::move(result));
}

template <typename T, typename Decode>
auto list_decoder(Decode decode) {
  return [decode](const Json& json, const std::string& path) -> Result<T> {
    auto result = decode(json);
    if (auto* rejection = std::get_if<Rejection>(&result)) {
      Rejection named = *rejection;
      named.field = path + (named.field.empty() ? "" : "." + named.field);
      return named;
    }
    return result;
  };
}

std::vector<AgentId> read_ids(ObjectReader& r, const char* key) {
  std::vector<AgentId> out;
  read_list(r, key, out, [](const Json& json, const std::string& path) -> Result<AgentId> {
    if (!json.is_number_integer())
      return Rejection::invalid(path, InvalidReason::type, ErrorKey::invalid_type_agent_ids, {path});
    return json.get<AgentId>();
  });
  return out;
}

// Which situation an error is, and its args. An answer without them (a server from before keys)
// reads as no key: the client shows its English message.
void read_key(ObjectReader& r, std::string& key, std::vector<std::string>& args) {
  key = r.string("key", {}, false);
  read_list(r, "args", args, protocol::detail::string_from_json, false);
}

// The fields a core rejection of `code` carries, read into `out`; the reader keeps the first problem.
void read_rejection(ObjectReader& r, RejectionCode code, Rejection& out) {
  out.code = code;
  out.message = r.string("message");
  read_key(r, out.key, out.args);
  switch (code) {
    case RejectionCode::invalid:
      out.field = r.string("field", {}, false);
      out.reason = r.name<InvalidReason>("reason", InvalidReason::value, false);
      break;
    case RejectionCode::locked:
      if (auto holder = r.nullable_integer("holder", false)) out.holder = *holder;
      break;
    case RejectionCode::stale:
      read_list(r, "changes", out.changes, protocol::detail::change_from_json);
      out.version = r.integer("version");
      break;
    case RejectionCode::duplicate:
      if (auto id = r.nullable_integer("message_id", false)) out.message_id = *id;
      break;
    default: break;
  }
}

Result<ListEntry> entry_from_json(const Json& json, const std::string& path) {
  auto ticket = protocol::summary_from_json(json);
  if (auto* rejection = std::get_if<Rejection>(&ticket)) {
    Rejection named = *rejection;
    named.field = path + (named.field.empty() ? "" : "." + named.field);
    return named;
  }
  ObjectReader r(json, path, /*allow_unknown=*/true);
  ListEntry out;
  out.ticket = std::get<Ticket>(std::move(ticket));
  out.drafters = read_ids(r, "drafters");
  out.preview = r.string("preview");
  out.viewers = read_ids(r, "viewers");
  out.typing = read_ids(r, "typing");
  return protocol::detail::finish(r, std::move(out));
}

Result<AgentEntry> agent_entry_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path, /*allow_unknown=*/true);
  const bool online = r.boolean("online");
  if (r.failed()) return *r.error();
  Json agent = json;
  agent.erase("online");  // the directory's decoder is strict: presence is not part of an agent
  auto decoded = protocol::agent_from_json(agent);
  if (auto* rejection = std::get_if<Rejection>(&decoded)) return *rejection;
  return AgentEntry{std::get<Agent>(std::move(decoded)), online};
}

}  // namespace

std::string cursor_text(const ListCursor& cursor) {
  return std::to_string(cursor.updated_at) + "." + std::to_string(cursor.id);
}

std::optional<ListCursor> parse_cursor(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  ListCursor out;
  const auto number = [](std::string_view part, std::int64_t& value) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (!number(text.substr(0, dot), out.updated_at) || !number(text.substr(dot + 1), out.id)) return std::nullopt;
  return out;
}

ListEntry ListEntry::of(const Ticket& ticket, std::vector<AgentId> viewers, std::vector<AgentId> typing) {
  const Json summary = protocol::summary_json(ticket);
  ListEntry out{ticket, summary["drafters"].get<std::vector<AgentId>>(), summary["preview"].get<std::string>(),
                std::move(viewers), std::move(typing)};
  out.ticket.messages.clear();  // a row has no thread
  out.ticket.drafts.clear();
  out.ticket.changes.clear();
  out.ticket.reply_keys.clear();
  return out;
}

ApiError ApiError::from(const Rejection& rejection) {
  return {std::string(name_of(rejection.code)), rejection.message, rejection, rejection.key, rejection.args};
}

ApiError ApiError::of(ErrorKey key, std::vector<std::string> args) {
  const ErrorText& text = error_text(key);
  return {std::string(text.code), fill_in(text.english, args), std::nullopt, std::string(text.key), std::move(args)};
}

Json to_json(const LoginRequest& v) { return {{"email", v.email}, {"password", v.password}}; }
Json to_json(const Preferences& v) { return {{"lang", v.lang ? Json(*v.lang) : Json(nullptr)}}; }
Json to_json(const PreferencesAnswer& v) { return {{"preferences", to_json(v.preferences)}}; }
Json to_json(const Session& v) {
  return {{"token", v.token}, {"agent", protocol::to_json(v.agent)}, {"preferences", to_json(v.preferences)}};
}
Json to_json(const Me& v) { return {{"agent", protocol::to_json(v.agent)}, {"preferences", to_json(v.preferences)}}; }

Json to_json(const AgentList& v) {
  Json agents = Json::array();
  for (const AgentEntry& entry : v.agents) {
    Json agent = protocol::to_json(entry.agent);
    agent["online"] = entry.online;
    agents.push_back(std::move(agent));
  }
  return {{"agents", std::move(agents)}};
}

Json to_json(const ListPage& v) {
  Json tickets = Json::array();
  for (const ListEntry& entry : v.tickets) {
    Json row = protocol::summary_json(entry.ticket);
    row["drafters"] = ids_json(entry.drafters);
    row["preview"] = entry.preview;
    row["viewers"] = ids_json(entry.viewers);
    row["typing"] = ids_json(entry.typing);
    tickets.push_back(std::move(row));
  }
  return {{"tickets", std::move(tickets)},
          {"next", v.next ? Json(*v.next) : Json(nullptr)},
          {"counts",
           {{"all", v.counts.all}, {"mine", v.counts.mine}, {"unassigned", v.counts.unassigned},
            {"locked", v.counts.locked}}}};
}

Json to_json(const TicketAnswer& v) { return {{"ticket", protocol::to_json(v.ticket)}}; }

Json to_json(const HistoryPage& v) {
  Json events = Json::array();
  for (const Event& event : v.events) events.push_back(protocol::to_json(event));
  return {{"events", std::move(events)}};
}

Json to_json(const CommandAnswer& v) {
  Json events = Json::array();
  for (const Event& event : v.events) events.push_back(protocol::to_json(event));
  Json out = {{"ticket", protocol::to_json(v.ticket)}, {"events", std::move(events)}};
  if (v.duplicate) out["duplicate"] = true;
  return out;
}

Json to_json(const SettingsAnswer& v) { return {{"settings", protocol::to_json(v.settings)}}; }
Json to_json(const Ok&) { return {{"ok", true}}; }

Json to_json(const NewTicket& v) {
  Json out = {{"subject", v.subject},
              {"requester", {{"name", v.requester.name}, {"email", v.requester.email}}},
              {"department", v.department},
              {"body", v.body}};
  if (v.organization) out["organization"] = *v.organization;
  if (v.language) out["language"] = *v.language;
  if (v.urgency) out["urgency"] = *v.urgency;
  return out;
}

Json to_json(const CustomerMessage& v) { return {{"ref", v.ref}, {"body", v.body}}; }

Json to_json(const ApiError& v) {
  Json error = v.rejection ? protocol::to_json(*v.rejection)
                          : Json{{"code", v.code}, {"message", v.message}, {"key", v.key}, {"args", v.args}};
  return {{"error", std::move(error)}};
}

Json to_json(const ReportAnswer& v) { return Json::parse(protocol::report_json(v.report, v.names)); }

Json to_json(const OutboxAnswer& v) {
  auto optional = [](const auto& value) { return value ? Json(*value) : Json(nullptr); };
  Json items = Json::array();
  for (const OutboxItem& i : v.items)
    items.push_back({{"id", i.id}, {"ticket", i.ticket}, {"ref", optional(i.ref)}, {"subject", optional(i.subject)},
                     {"message", i.message},
                     {"to", i.to}, {"state", std::string(name_of(i.state))}, {"reason", i.reason},
                     {"attempts", i.attempts}, {"queued_at", i.queued_at},
                     {"next_attempt_at", optional(i.next_attempt_at)}, {"sent_at", optional(i.sent_at)},
                     {"updated_at", i.updated_at}});
  return {{"relay", optional(v.relay)}, {"listening", optional(v.listening)}, {"domain", v.domain},
          {"addresses", v.addresses}, {"items", std::move(items)}};
}

template <typename T>
std::string encode(const T& value) {
  return protocol::dump(to_json(value));
}

template <>
Result<LoginRequest> from_json(const Json& json) {
  ObjectReader r(json, "");
  LoginRequest out{r.string("email"), r.string("password")};
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<Preferences> from_json(const Json& json) {
  ObjectReader r(json, "");
  Preferences out;
  out.lang = r.nullable_string("lang", /*required=*/false);
  const auto known = languages();
  if (out.lang && std::find(known.begin(), known.end(), *out.lang) == known.end() && !r.failed()) {
    std::string codes;
    for (std::string_view code : known) codes += (codes.empty() ? "" : ", ") + std::string(code);
    r.fail("lang", InvalidReason::value, ErrorKey::preferences_unknown_lang, {*out.lang, codes});
  }
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<PreferencesAnswer> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  PreferencesAnswer out;
  if (auto preferences = nested<Preferences>(r, "preferences", from_json<Preferences>)) out.preferences = *preferences;
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<Session> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  Session out;
  out.token = r.string("token");
  if (auto agent = nested<Agent>(r, "agent", protocol::agent_from_json)) out.agent = *agent;
  // Optional: a server from before preferences sends none (follow the browser).
  if (auto preferences = nested<Preferences>(r, "preferences", from_json<Preferences>, false)) out.preferences = *preferences;
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<Me> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  Me out;
  if (auto agent = nested<Agent>(r, "agent", protocol::agent_from_json)) out.agent = *agent;
  // Optional: a server from before preferences sends none (follow the browser).
  if (auto preferences = nested<Preferences>(r, "preferences", from_json<Preferences>, false)) out.preferences = *preferences;
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<AgentList> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  AgentList out;
  read_list(r, "agents", out.agents, agent_entry_from_json);
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<ListPage> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  ListPage out;
  read_list(r, "tickets", out.tickets, entry_from_json);
  if (!json.is_object() || !json.contains("next")) r.fail("next", InvalidReason::missing, ErrorKey::invalid_missing, {"next"});
  else if (json["next"].is_string()) out.next = json["next"].get<std::string>();
  else if (!json["next"].is_null()) r.fail("next", InvalidReason::type, ErrorKey::invalid_type_cursor_or_null, {"next"});
  if (const Json* counts = r.object("counts")) {
    ObjectReader c(*counts, "counts", true);
    out.counts = {c.integer("all"), c.integer("mine"), c.integer("unassigned"), c.integer("locked")};
    if (auto error = c.finish()) return *error;
  }
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<TicketAnswer> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  TicketAnswer out;
  if (auto ticket = nested<Ticket>(r, "ticket", protocol::ticket_from_json)) out.ticket = std::move(*ticket);
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<HistoryPage> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  HistoryPage out;
  read_list(r, "events", out.events, list_decoder<Event>(protocol::event_from_json));
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<CommandAnswer> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  CommandAnswer out;
  if (auto ticket = nested<Ticket>(r, "ticket", protocol::ticket_from_json)) out.ticket = std::move(*ticket);
  read_list(r, "events", out.events, list_decoder<Event>(protocol::event_from_json));
  out.duplicate = r.boolean("duplicate", false, false);
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<SettingsAnswer> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  SettingsAnswer out;
  if (auto settings = nested<Settings>(r, "settings", protocol::settings_from_json)) out.settings = *settings;
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<Ok> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  r.boolean("ok");
  return protocol::detail::finish(r, Ok{});
}

template <>
Result<NewTicket> from_json(const Json& json) {
  ObjectReader r(json, "");
  NewTicket out;
  out.subject = r.string("subject");
  if (const Json* requester = r.object("requester"))
    if (auto value = adopt(r, protocol::detail::requester_from_json(*requester, "requester"))) out.requester = *value;
  out.department = r.string("department");
  out.body = r.string("body");
  if (json.is_object() && json.contains("organization")) out.organization = r.string("organization");
  if (json.is_object() && json.contains("language")) out.language = r.string("language");
  if (json.is_object() && json.contains("urgency")) out.urgency = static_cast<int>(r.integer("urgency"));
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<CustomerMessage> from_json(const Json& json) {
  ObjectReader r(json, "");
  CustomerMessage out{r.string("ref"), r.string("body")};
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<ApiError> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  const Json* error = r.object("error");
  if (!error) return *r.error();
  ObjectReader e(*error, "error", true);
  ApiError out{e.string("code"), e.string("message"), std::nullopt, {}, {}};
  if (auto code = parse_name<RejectionCode>(out.code); code && !e.failed()) {
    Rejection rejection;
    read_rejection(e, *code, rejection);
    out.key = rejection.key;
    out.args = rejection.args;
    out.rejection = std::move(rejection);
  } else {
    read_key(e, out.key, out.args);
  }
  return protocol::detail::finish(e, std::move(out));
}

template <>
Result<ReportAnswer> from_json(const Json& json) {
  auto report = protocol::decode_report(protocol::dump(json));
  if (auto* rejection = std::get_if<Rejection>(&report)) return *rejection;
  // The names the server wrote, so that the answer reads back as it was sent.
  std::vector<Agent> agents;
  auto note = [&agents](const Json& list) {
    if (!list.is_array()) return;
    for (const Json& a : list)
      if (a.is_object() && a.contains("agent") && a["agent"].is_number_integer() && a.contains("name") &&
          a["name"].is_string()) {
        const AgentId id = a["agent"].get<AgentId>();
        if (std::none_of(agents.begin(), agents.end(), [id](const Agent& x) { return x.id == id; }))
          agents.push_back(Agent{id, a["name"].get<std::string>(), {}, Role::agent, {}});
      }
  };
  note(json.value("agents", Json()));
  for (const Json& day : json.value("days", Json::array())) note(day.value("agents", Json()));
  return ReportAnswer{std::get<CollisionReport>(std::move(report)), Directory(std::move(agents))};
}

namespace {

// Envelopes allow fields they do not know, so a null or missing one needs no reading.
std::optional<std::string> nullable_string(ObjectReader& r, const Json& json, const char* key) {
  if (!json.is_object() || !json.contains(key) || json[key].is_null()) return std::nullopt;
  return r.string(key);
}

Result<OutboxItem> outbox_item_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path, true);
  OutboxItem out;
  out.id = r.integer("id");
  out.ticket = r.integer("ticket");
  out.ref = nullable_string(r, json, "ref");
  out.subject = nullable_string(r, json, "subject");
  out.message = r.integer("message");
  out.to = r.string("to");
  out.state = r.name<DeliveryState>("state", DeliveryState::queued);
  out.reason = r.string("reason");
  out.attempts = r.integer("attempts");
  out.queued_at = r.integer("queued_at");
  out.next_attempt_at = r.nullable_integer("next_attempt_at");
  out.sent_at = r.nullable_integer("sent_at");
  out.updated_at = r.integer("updated_at");
  return protocol::detail::finish(r, std::move(out));
}

}  // namespace

template <>
Result<OutboxAnswer> from_json(const Json& json) {
  ObjectReader r(json, "", true);
  OutboxAnswer out;
  out.relay = nullable_string(r, json, "relay");
  out.listening = nullable_string(r, json, "listening");
  out.domain = r.string("domain");
  if (const Json* addresses = r.object("addresses")) {
    for (const auto& [department, address] : addresses->items()) {
      if (!address.is_string()) {
        r.fail("addresses." + department, InvalidReason::type, ErrorKey::invalid_type_addresses, {});
        break;
      }
      out.addresses[department] = address.get<std::string>();
    }
  }
  read_list(r, "items", out.items, outbox_item_from_json);
  return protocol::detail::finish(r, std::move(out));
}

template <>
Result<Settings> from_json(const Json& json) {
  return protocol::settings_from_json(json);
}

template <>
Result<Command> from_json(const Json& json) {
  return protocol::command_from_json(json);
}

template <typename T>
Result<T> decode(std::string_view text) {
  return from_text<T>(text, "body", [](const Json& json) { return from_json<T>(json); });
}

// The bodies there are: each encoder and decoder instantiated once, here.
#define BATON_API_BODY(T)                          \
  template std::string encode<T>(const T&);        \
  template Result<T> decode<T>(std::string_view);
BATON_API_BODY(LoginRequest)
BATON_API_BODY(Preferences)
BATON_API_BODY(PreferencesAnswer)
BATON_API_BODY(Session)
BATON_API_BODY(Me)
BATON_API_BODY(AgentList)
BATON_API_BODY(ListPage)
BATON_API_BODY(TicketAnswer)
BATON_API_BODY(HistoryPage)
BATON_API_BODY(CommandAnswer)
BATON_API_BODY(SettingsAnswer)
BATON_API_BODY(Ok)
BATON_API_BODY(NewTicket)
BATON_API_BODY(CustomerMessage)
BATON_API_BODY(ApiError)
BATON_API_BODY(ReportAnswer)
BATON_API_BODY(OutboxAnswer)
BATON_API_BODY(Settings)
BATON_API_BODY(Command)
#undef BATON_API_BODY

}  // namespace baton::api
