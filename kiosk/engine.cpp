#include "engine.hpp"

#include <algorithm>

#include "baton/automation.hpp"

namespace baton::kiosk {

Engine::Engine(std::vector<Agent> agents, Settings settings)
    : directory_(std::move(agents)), settings_(settings) {}

TicketId Engine::create(const cmd::Create& create, Time at, const std::string& ref) {
  const TicketId id = tickets_.empty() ? 1 : tickets_.rbegin()->first + 1;
  tickets_[id] = Ticket::blank(id, ref);
  run(id, create, kSystemAgent, at);
  return id;
}

Decision Engine::run(TicketId id, const Command& command, AgentId actor_id, Time now) {
  auto it = tickets_.find(id);
  if (it == tickets_.end()) return Rejection::of(ErrorKey::ticket_not_found, {std::to_string(id)});
  const std::optional<Actor> actor = actor_id == kSystemAgent ? std::optional<Actor>(Actor::system())
                                                              : directory_.actor(actor_id);
  if (!actor) return Rejection::of(ErrorKey::agent_unknown);
  Decision decision = decide(it->second, command, *actor, now, settings_, directory_);
  if (auto* events = std::get_if<std::vector<Event>>(&decision)) {
    for (Event& event : *events) {
      if (!event.ephemeral()) event.seq = static_cast<Seq>(log_.size()) + 1;
      it->second = evolve(std::move(it->second), event);
      if (event.ephemeral()) {
        if (on_draft) on_draft(event);
      } else {
        log_.push_back(event);
        if (on_event) on_event(event);
      }
    }
  }
  return decision;
}

void Engine::run_automations(Time now) {
  // Everyone in the kiosk is online: nothing is released for a disconnect. A handful of rounds
  // covers a ticket with several things due at once (a delivery and a lock release).
  for (auto& [id, ticket] : tickets_)
    for (int round = 0; round < 4; ++round) {
      auto due = due_command(ticket, now, settings_, std::nullopt);
      if (!due || std::holds_alternative<Rejection>(run(id, *due, kSystemAgent, now))) break;
    }
}

const Ticket* Engine::ticket(TicketId id) const {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second;
}

std::vector<const Ticket*> Engine::tickets() const {
  std::vector<const Ticket*> out;
  for (const auto& [id, ticket] : tickets_) out.push_back(&ticket);
  return out;
}

std::vector<Event> Engine::events_after(Seq seq) const {
  if (seq < 0) seq = 0;
  if (static_cast<std::size_t>(seq) >= log_.size()) return {};
  return {log_.begin() + seq, log_.end()};
}

std::vector<Event> Engine::history(TicketId id) const {
  std::vector<Event> out;
  for (const Event& event : log_)
    if (event.ticket == id) out.push_back(event);
  return out;
}

void Engine::set_presence(TicketId ticket, AgentId agent, std::optional<Presence> state) {
  auto& entries = presence_[ticket];
  std::erase_if(entries, [&](const PresenceEntry& e) { return e.agent == agent; });
  if (state) entries.push_back(PresenceEntry{agent, *state, 0});
  if (on_presence) on_presence(ticket, agent, state);
}

std::vector<PresenceEntry> Engine::presence(TicketId ticket) const {
  auto it = presence_.find(ticket);
  return it == presence_.end() ? std::vector<PresenceEntry>{} : it->second;
}

sim::World Engine::world() const {
  return sim::World{[this](TicketId id) { return ticket(id); }, settings_, directory_};
}

}  // namespace baton::kiosk
