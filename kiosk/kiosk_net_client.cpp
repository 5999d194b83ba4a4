#include "kiosk_net_client.hpp"

#include <algorithm>
#include <cctype>

#include "baton/overloaded.hpp"
#include "baton/protocol.hpp"

namespace baton::kiosk {
namespace {

namespace live = api::live;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

template <typename T>
shell::HttpResponse ok(const T& body, int status = 200) {
  return {status, api::encode(body)};
}

shell::HttpResponse refused(const Rejection& rejection) {
  return {http_status(rejection), api::encode(api::ApiError::from(rejection))};
}

shell::HttpResponse no_ticket(TicketId id) { return refused(Rejection::of(ErrorKey::ticket_not_found, {std::to_string(id)})); }

// As the server answers a request it has no route for.
shell::HttpResponse no_route(std::string_view method, const std::string& target) {
  return refused(Rejection::of(ErrorKey::http_no_route, {std::string(method), target}));
}

}  // namespace

KioskNetClient::KioskNetClient(Engine& engine, AgentId trainee) : engine_(engine), trainee_(trainee) {
  engine_.on_event = [this](const Event& event) { push_event(event); };
  engine_.on_draft = [this](const Event& event) {
    if (event.actor == trainee_) return;  // my own draft comes back as draft_saved
    std::optional<Draft> draft;
    if (const auto* saved = std::get_if<ev::DraftSaved>(&event.payload)) draft = saved->draft;
    push(live::DraftUpdate{event.ticket, event.actor, draft});
  };
  engine_.on_presence = [this](TicketId ticket, AgentId agent, std::optional<Presence> state) {
    push(live::PresenceUpdate{ticket, agent, state});
  };
}

void KioskNetClient::push(live::ServerMessage message) {
  if (!socket_open_ || !subscribed_) return;
  inbox_.push_back([this, text = live::encode(message)] {
    if (socket_open_ && socket_.message) socket_.message(text);
  });
}

void KioskNetClient::push_event(const Event& event) {
  if (!subscribed_) return;
  push(live::EventPush{event.seq, sent_, event});
  sent_ = event.seq;
}

void KioskNetClient::request(const std::string& method, const std::string& target, const std::string& body,
                             const std::string&, shell::HttpCallback done) {
  const auto parsed = api::parse_method(method);
  const auto route = parsed ? api::parse_route(*parsed, target) : std::nullopt;
  shell::HttpResponse response = route ? answer(*route, body) : no_route(method, target);
  ++answered_;
  inbox_.push_back([done = std::move(done), response = std::move(response)] { done(response); });
}

shell::HttpResponse KioskNetClient::answer(const api::Route& route, const std::string& body) {
  const Agent& me = *engine_.directory().find(trainee_);
  return std::visit(
      Overloaded{
          [&](const api::route::Login&) { return ok(api::Session{"kiosk", me, preferences_}); },
          [&](const api::route::Me&) { return ok(api::Me{me, preferences_}); },
          [&](const api::route::Preferences&) {
            const Result<api::Preferences> asked = api::decode<api::Preferences>(body);
            if (const auto* rejection = std::get_if<Rejection>(&asked)) return refused(*rejection);
            // As the server does: a field left out keeps its value (lang is the only one).
            if (api::Json::parse(body, nullptr, false).contains("lang")) preferences_ = std::get<api::Preferences>(asked);
            return ok(api::PreferencesAnswer{preferences_});
          },
          [&](const api::route::Logout&) { return ok(api::Ok{}); },
          [&](const api::route::Agents&) {
            api::AgentList list;
            for (const Agent& a : engine_.directory().agents()) list.agents.push_back({a, true});
            return ok(list);
          },
          [&](const api::route::GetSettings&) { return ok(api::SettingsAnswer{engine_.settings()}); },
          [&](const api::route::PutSettings&) {
            return refused(Rejection::of(ErrorKey::settings_admin_only));
          },
          [&](const api::route::Tickets& r) { return ok(list(r.query)); },
          [&](const api::route::GetTicket& r) {
            const Ticket* ticket = engine_.ticket(r.id);
            if (!ticket) return no_ticket(r.id);
            return ok(api::TicketAnswer{*ticket});
          },
          [&](const api::route::History& r) {
            if (!engine_.ticket(r.id)) return no_ticket(r.id);
            return ok(api::HistoryPage{engine_.history(r.id)});
          },
          [&](const api::route::Commands& r) {
            if (!engine_.ticket(r.id)) return no_ticket(r.id);
            const Result<Command> command = protocol::decode_command(body);
            if (const auto* rejection = std::get_if<Rejection>(&command)) return refused(*rejection);
            const Decision decision = engine_.run(r.id, std::get<Command>(command), trainee_, now_);
            if (const auto* rejection = std::get_if<Rejection>(&decision)) {
              if (rejection->code == RejectionCode::duplicate)  // a retried reply: the original stands
                return ok(api::CommandAnswer{*engine_.ticket(r.id), {}, true});
              return refused(*rejection);
            }
            return ok(api::CommandAnswer{*engine_.ticket(r.id), std::get<std::vector<Event>>(decision), false});
          },
          [&](const auto&) { return no_route(api::name_of(api::method_of(route)), api::target_of(route)); },
      },
      route);
}

api::ListEntry KioskNetClient::entry(const Ticket& ticket) const {
  std::vector<AgentId> viewers, typing;
  for (const PresenceEntry& p : engine_.presence(ticket.id)) {
    viewers.push_back(p.agent);
    if (p.state == Presence::typing) typing.push_back(p.agent);
  }
  return api::ListEntry::of(ticket, std::move(viewers), std::move(typing));
}

// The server's list (docs/API.md), in memory: newest first, paged by cursor, counted per view;
// the search finds the words anywhere in the ref, subject, requester and organization.
api::ListPage KioskNetClient::list(const api::ListQuery& query) const {
  const View view = query.view.value_or(View::all);
  const std::string words = lower(query.q.value_or(""));
  const std::size_t limit = static_cast<std::size_t>(std::clamp(query.limit.value_or(50), 1, 500));
  const std::optional<api::ListCursor> after = query.after ? api::parse_cursor(*query.after) : std::nullopt;
  auto tickets = engine_.tickets();
  std::sort(tickets.begin(), tickets.end(), [](const Ticket* a, const Ticket* b) {
    return a->updated_at != b->updated_at ? a->updated_at > b->updated_at : a->id > b->id;
  });
  api::ListPage page;
  bool more = false;
  for (const Ticket* t : tickets) {
    const bool mine = t->assignee == trainee_, unassigned = !t->assignee, locked = t->lock.has_value();
    ++page.counts.all;
    page.counts.mine += mine;
    page.counts.unassigned += unassigned;
    page.counts.locked += locked;
    const bool in_view = view == View::all || (view == View::mine && mine) || (view == View::unassigned && unassigned) ||
                         (view == View::locked && locked);
    if (!in_view) continue;
    if (after && std::make_pair(t->updated_at, t->id) >= std::make_pair(after->updated_at, after->id)) continue;
    if (!words.empty() &&
        lower(t->ref + " " + t->subject + " " + t->requester.name + " " + t->organization).find(words) == std::string::npos)
      continue;
    if (page.tickets.size() == limit) {
      more = true;
      continue;
    }
    page.tickets.push_back(entry(*t));
  }
  if (more) page.next = api::cursor_text({page.tickets.back().ticket.updated_at, page.tickets.back().ticket.id});
  return page;
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
  auto decoded = live::decode_client(text);
  if (auto* message = std::get_if<live::ClientMessage>(&decoded)) receive(*message);
}

void KioskNetClient::receive(const live::ClientMessage& message) {
  std::visit(Overloaded{
                 [&](const live::Hello& hello) {
                   subscribed_ = true;
                   sent_ = hello.since.value_or(engine_.last_seq());
                   if (hello.since)
                     for (const Event& e : engine_.events_after(*hello.since)) push_event(e);
                   push(live::Caught{engine_.last_seq()});
                   for (const Ticket* t : engine_.tickets())
                     for (const PresenceEntry& p : engine_.presence(t->id)) push(live::PresenceUpdate{t->id, p.agent, p.state});
                 },
                 [&](const live::Viewing& viewing) {
                   viewing_ = viewing.ticket.value_or(0);
                   if (const Ticket* t = engine_.ticket(viewing_))
                     for (const Draft& d : t->drafts)
                       if (d.author != trainee_) push(live::DraftUpdate{t->id, d.author, d});
                 },
                 [&](const live::SaveDraft& draft) {
                   const Decision decision = engine_.run(draft.ticket, draft.draft, trainee_, now_);
                   if (std::holds_alternative<std::vector<Event>>(decision)) push(live::DraftStored{draft.ticket, now_});
                 },
                 [&](const live::Renew& renew) { engine_.run(renew.ticket, cmd::Renew{}, trainee_, now_); },
                 [&](const live::Ping&) { push(live::Pong{}); },
             },
             message);
}

bool KioskNetClient::pump(Time now) {
  now_ = now;
  if (inbox_.empty()) return false;
  auto batch = std::move(inbox_);  // what this delivers may queue more: it waits for the next pump
  inbox_.clear();
  for (auto& deliver : batch) deliver();
  return true;
}

}  // namespace baton::kiosk
