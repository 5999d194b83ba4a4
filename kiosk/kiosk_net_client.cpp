#include "kiosk_net_client.hpp"

#include <algorithm>
#include <cctype>

#include "baton/protocol.hpp"

namespace baton::kiosk {
namespace {

using Json = nlohmann::json;

std::string param(const std::string& query, const std::string& name) {
  std::size_t at = 0;
  while (at < query.size()) {
    std::size_t end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(at, end - at);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      std::string raw = eq == std::string::npos ? "" : pair.substr(eq + 1), out;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += raw[i] == '+' ? ' ' : raw[i];
        }
      }
      return out;
    }
    at = end + 1;
  }
  return {};
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

shell::HttpResponse json_answer(int status, const Json& body) { return {status, protocol::dump(body)}; }

shell::HttpResponse error(int status, const std::string& code, const std::string& message) {
  return json_answer(status, {{"error", {{"code", code}, {"message", message}}}});
}

const char* presence_word(std::optional<Presence> state) {
  if (!state) return "gone";
  return *state == Presence::typing ? "typing" : "viewing";
}

}  // namespace

KioskNetClient::KioskNetClient(Engine& engine, AgentId trainee) : engine_(engine), trainee_(trainee) {
  engine_.on_event = [this](const Event& event) { push_event(event); };
  engine_.on_draft = [this](const Event& event) {
    if (event.actor == trainee_) return;  // my own draft comes back as draft_saved
    Json draft = nullptr;
    if (const auto* saved = std::get_if<ev::DraftSaved>(&event.payload)) draft = protocol::to_json(saved->draft);
    push({{"type", "draft"}, {"ticket", event.ticket}, {"author", event.actor}, {"draft", draft}});
  };
  engine_.on_presence = [this](TicketId ticket, AgentId agent, std::optional<Presence> state) {
    push({{"type", "presence"}, {"ticket", ticket}, {"agent", agent}, {"state", presence_word(state)}});
  };
}

void KioskNetClient::push(Json message) {
  if (!socket_open_ || !subscribed_) return;
  inbox_.push_back([this, text = protocol::dump(message)] {
    if (socket_open_ && socket_.message) socket_.message(text);
  });
}

void KioskNetClient::push_event(const Event& event) {
  if (!subscribed_) return;
  push({{"type", "event"}, {"seq", event.seq}, {"prev", sent_}, {"event", protocol::to_json(event)}});
  sent_ = event.seq;
}

void KioskNetClient::request(const std::string& method, const std::string& path, const std::string& body,
                             const std::string&, shell::HttpCallback done) {
  shell::HttpResponse response = answer(method, path, body);
  ++answered_;
  inbox_.push_back([done = std::move(done), response = std::move(response)] { done(response); });
}

shell::HttpResponse KioskNetClient::answer(const std::string& method, const std::string& full_path,
                                           const std::string& body) {
  const std::size_t question = full_path.find('?');
  const std::string path = full_path.substr(0, question);
  const std::string query = question == std::string::npos ? "" : full_path.substr(question + 1);
  const Agent* me = engine_.directory().find(trainee_);
  if (path == "/api/login" || path == "/api/me") {
    Json agent = protocol::to_json(*me);
    return json_answer(200, {{"token", "kiosk"}, {"agent", agent}});
  }
  if (path == "/api/logout") return json_answer(200, {{"ok", true}});
  if (path == "/api/agents") {
    Json agents = Json::array();
    for (const Agent& a : engine_.directory().agents()) {
      Json agent = protocol::to_json(a);
      agent["online"] = true;
      agents.push_back(agent);
    }
    return json_answer(200, {{"agents", agents}});
  }
  if (path == "/api/settings") {
    if (method != "GET") return error(403, "forbidden", "Only an admin can change the automations");
    return json_answer(200, {{"settings", protocol::to_json(engine_.settings())}});
  }
  if (path == "/api/tickets" && method == "GET") return json_answer(200, list(query));
  const std::string prefix = "/api/tickets/";
  if (path.rfind(prefix, 0) == 0) {
    const std::string rest = path.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    const TicketId id = std::atoll(rest.substr(0, slash).c_str());
    const std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
    const Ticket* ticket = engine_.ticket(id);
    if (!ticket) return error(404, "not_found", "Ticket " + std::to_string(id) + " does not exist");
    if (tail.empty() && method == "GET") return json_answer(200, {{"ticket", protocol::to_json(*ticket)}});
    if (tail == "/history" && method == "GET") {
      Json events = Json::array();
      for (const Event& e : engine_.history(id)) events.push_back(protocol::to_json(e));
      return json_answer(200, {{"events", events}});
    }
    if (tail == "/commands" && method == "POST") {
      const Result<Command> command = protocol::decode_command(body);
      if (const auto* rejection = std::get_if<Rejection>(&command))
        return json_answer(http_status(*rejection), {{"error", protocol::to_json(*rejection)}});
      const Decision decision = engine_.run(id, std::get<Command>(command), trainee_, now_);
      if (const auto* rejection = std::get_if<Rejection>(&decision)) {
        if (rejection->code == RejectionCode::duplicate)  // a retried reply: the original stands
          return json_answer(200, {{"ticket", protocol::to_json(*engine_.ticket(id))}, {"events", Json::array()},
                                   {"duplicate", true}});
        return json_answer(http_status(*rejection), {{"error", protocol::to_json(*rejection)}});
      }
      Json events = Json::array();
      for (const Event& e : std::get<std::vector<Event>>(decision)) events.push_back(protocol::to_json(e));
      return json_answer(200, {{"ticket", protocol::to_json(*engine_.ticket(id))}, {"events", events}});
    }
  }
  return error(404, "not_found", "No such route in the kiosk: " + method + " " + path);
}

Json KioskNetClient::summary(const Ticket& ticket) const {
  Json out = protocol::summary_json(ticket);
  Json viewers = Json::array(), typing = Json::array();
  for (const PresenceEntry& p : engine_.presence(ticket.id)) {
    viewers.push_back(p.agent);
    if (p.state == Presence::typing) typing.push_back(p.agent);
  }
  out["viewers"] = viewers;
  out["typing"] = typing;
  return out;
}

Json KioskNetClient::list(const std::string& query) const {
  const std::string view = param(query, "view").empty() ? "all" : param(query, "view");
  const std::string words = lower(param(query, "q"));
  const std::string limit_text = param(query, "limit");
  const std::size_t limit = limit_text.empty() ? 50 : std::clamp<std::size_t>(std::stoul(limit_text), 1, 500);
  auto tickets = engine_.tickets();
  std::sort(tickets.begin(), tickets.end(), [](const Ticket* a, const Ticket* b) {
    return a->updated_at != b->updated_at ? a->updated_at > b->updated_at : a->id > b->id;
  });
  Json counts = {{"all", 0}, {"mine", 0}, {"unassigned", 0}, {"locked", 0}};
  Json page = Json::array();
  std::optional<std::pair<Time, TicketId>> after;
  if (const std::string cursor = param(query, "after"); !cursor.empty()) {
    const std::size_t dot = cursor.find('.');
    after = std::make_pair(std::atoll(cursor.substr(0, dot).c_str()), std::atoll(cursor.substr(dot + 1).c_str()));
  }
  bool more = false;
  for (const Ticket* t : tickets) {
    const bool mine = t->assignee == trainee_, unassigned = !t->assignee, locked = t->lock.has_value();
    counts["all"] = counts["all"].get<int>() + 1;
    counts["mine"] = counts["mine"].get<int>() + mine;
    counts["unassigned"] = counts["unassigned"].get<int>() + unassigned;
    counts["locked"] = counts["locked"].get<int>() + locked;
    const bool in_view = view == "all" || (view == "mine" && mine) || (view == "unassigned" && unassigned) ||
                         (view == "locked" && locked);
    if (!in_view) continue;
    if (after && std::make_pair(t->updated_at, t->id) >= *after) continue;
    if (!words.empty() && lower(t->ref + " " + t->subject + " " + t->requester.name + " " + t->organization)
                                  .find(words) == std::string::npos)
      continue;
    if (page.size() == limit) {
      more = true;
      continue;
    }
    page.push_back(summary(*t));
  }
  Json next = nullptr;
  if (more) next = std::to_string(page.back()["updated_at"].get<Time>()) + "." + std::to_string(page.back()["id"].get<TicketId>());
  return {{"tickets", page}, {"next", next}, {"counts", counts}};
}

void KioskNetClient::open_socket(const std::string&, shell::SocketHandlers handlers) {
  socket_ = std::move(handlers);
  socket_open_ = true;
  subscribed_ = false;
  inbox_.push_back([this] {
    if (socket_open_ && socket_.opened) socket_.opened();
  });
}

void KioskNetClient::close_socket() {
  socket_open_ = false;
  subscribed_ = false;
}

void KioskNetClient::send(const std::string& text) {
  const Json message = Json::parse(text, nullptr, false);
  if (!message.is_object()) return;
  const std::string type = message.value("type", std::string());
  if (type == "hello") {
    subscribed_ = true;
    const Seq since = message.contains("since") && message["since"].is_number_integer() ? message["since"].get<Seq>() : -1;
    sent_ = since >= 0 ? since : engine_.last_seq();
    if (since >= 0)
      for (const Event& e : engine_.events_after(since)) push_event(e);
    push({{"type", "live"}, {"seq", engine_.last_seq()}});
    for (const Ticket* t : engine_.tickets())
      for (const PresenceEntry& p : engine_.presence(t->id))
        push({{"type", "presence"}, {"ticket", t->id}, {"agent", p.agent}, {"state", presence_word(p.state)}});
  } else if (type == "view") {
    viewing_ = message.contains("ticket") && message["ticket"].is_number_integer() ? message["ticket"].get<TicketId>() : 0;
    if (const Ticket* t = engine_.ticket(viewing_))
      for (const Draft& d : t->drafts)
        if (d.author != trainee_)
          push({{"type", "draft"}, {"ticket", t->id}, {"author", d.author}, {"draft", protocol::to_json(d)}});
  } else if (type == "draft") {
    const TicketId id = message.value("ticket", TicketId{0});
    Json fields = message;
    fields.erase("ticket");
    const Result<Command> command = protocol::decode_command(protocol::dump(fields));
    if (!std::holds_alternative<Command>(command)) return;
    const Decision decision = engine_.run(id, std::get<Command>(command), trainee_, now_);
    if (std::holds_alternative<std::vector<Event>>(decision))
      push({{"type", "draft_saved"}, {"ticket", id}, {"updated_at", now_}});
  } else if (type == "renew") {
    engine_.run(message.value("ticket", TicketId{0}), cmd::Renew{}, trainee_, now_);
  } else if (type == "ping") {
    push({{"type", "pong"}});
  }
}

bool KioskNetClient::pump(Time now) {
  now_ = now;
  bool delivered = false;
  while (!inbox_.empty()) {  // what this delivers may queue more: it waits for the next pump
    auto batch = std::move(inbox_);
    inbox_.clear();
    for (auto& deliver : batch) deliver();
    delivered = true;
    break;
  }
  return delivered;
}

}  // namespace baton::kiosk
