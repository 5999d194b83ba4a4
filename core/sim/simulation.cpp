#include "baton/sim.hpp"

#include <algorithm>

namespace baton::sim {
namespace {

const char* const kReplies[] = {
    "Hi, thanks for your patience. I have checked this and a fix is on its way.",
    "Hello, could you send us a photo of the error message? That helps us a lot.",
    "Thanks for reaching out! I have booked a technician for Thursday morning.",
    "Sorry for the trouble. I have refunded the duplicate payment today.",
};
const char* const kFollowUps[] = {
    "Any news on this? It is getting urgent.",
    "Quick update: it happened again this morning.",
    "Thanks, I tried that but it did not help.",
};

bool allowed(const World& world, const Ticket& ticket, AgentId agent, const Command& command, Time now) {
  const std::optional<Actor> actor = agent == kSystemAgent ? std::optional<Actor>(Actor::system())
                                                           : world.directory.actor(agent);
  if (!actor) return false;
  return ok(decide(ticket, command, *actor, now, world.settings, world.directory));
}

}  // namespace

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::int64_t Rng::between(std::int64_t low, std::int64_t high) {
  if (high <= low) return low;
  return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
}

void Simulation::view(AgentId agent, TicketId ticket, Time at) { add({at, agent, ticket, StepKind::view, {}, {}, {}}); }

void Simulation::leave(AgentId agent, TicketId ticket, Time at) { add({at, agent, ticket, StepKind::leave, {}, {}, {}}); }

Time Simulation::type(AgentId agent, TicketId ticket, DraftKind kind, const std::string& text, Time start,
                      std::size_t from) {
  Time at = start;
  for (std::size_t i = from; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // whole UTF-8 characters only
    std::size_t end = i + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    at += scaled(rng_.between(140, 260) + (i && std::string(".,!?").find(text[i - 1]) != std::string::npos ? 450 : 0));
    add({at, agent, ticket, StepKind::type, text.substr(0, end), kind, {}});
  }
  return at;
}

void Simulation::command(AgentId agent, TicketId ticket, Command command, Time at) {
  add({at, agent, ticket, StepKind::command, {}, {}, std::move(command)});
}

void Simulation::drop(AgentId agent, std::optional<TicketId> ticket) {
  std::erase_if(plan_, [&](const auto& entry) {
    return entry.second.agent == agent && (!ticket || entry.second.ticket == *ticket);
  });
}

bool Simulation::plans(AgentId agent, TicketId ticket) const {
  return std::any_of(plan_.begin(), plan_.end(),
                     [&](const auto& entry) { return entry.second.agent == agent && entry.second.ticket == ticket; });
}

void Simulation::free_play(std::vector<AgentId> agents, std::vector<TicketId> tickets, Time from) {
  players_ = std::move(agents);
  tickets_ = std::move(tickets);
  free_from_ = from;
  next_customer_ = from + rng_.between(15'000, 30'000);
}

// One colleague's little piece of work: open a ticket, maybe lock it, write a reply key by key,
// send it (or leave it as a draft), and go.
void Simulation::plan_episode(AgentId agent, Time now, const World& world) {
  if (tickets_.empty()) return;
  const TicketId id = tickets_[static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(tickets_.size()) - 1))];
  const Ticket* ticket = world.ticket(id);
  if (!ticket || (ticket->lock && ticket->lock->holder != agent)) {
    busy_until_[agent] = now + rng_.between(3'000, 8'000);  // someone is on it: look again later
    return;
  }
  Time at = now + rng_.between(500, 2'000);
  view(agent, id, at);
  const bool lock = rng_.chance(50);
  if (lock) command(agent, id, cmd::Lock{}, at += rng_.between(1'000, 3'000));
  const std::string text = kReplies[rng_.between(0, 3)];
  at = type(agent, id, DraftKind::reply, text, at + rng_.between(1'500, 4'000));
  if (rng_.chance(70)) {
    command(agent, id, cmd::Reply{text, 0, "sim-" + std::to_string(agent) + "-" + std::to_string(++replies_)},
            at += rng_.between(1'000, 3'000));
  }
  if (lock) command(agent, id, cmd::Unlock{}, at += 800);
  leave(agent, id, at += rng_.between(1'000, 3'000));
  busy_until_[agent] = at + rng_.between(4'000, 12'000);
}

std::optional<Step> Simulation::next(Time now, const World& world) {
  if (free_from_ && now >= *free_from_) {
    for (AgentId agent : players_)
      if (busy_until_[agent] <= now) plan_episode(agent, now, world);
    if (now >= next_customer_ && !tickets_.empty()) {
      const TicketId id = tickets_[static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(tickets_.size()) - 1))];
      command(kSystemAgent, id, cmd::Receive{kFollowUps[rng_.between(0, 2)]}, now);
      next_customer_ = now + rng_.between(20'000, 40'000);
    }
  }
  while (!plan_.empty() && plan_.begin()->first <= now) {
    Step step = std::move(plan_.begin()->second);
    plan_.erase(plan_.begin());
    const Ticket* ticket = world.ticket(step.ticket);
    if (!ticket) continue;
    if (step.kind == StepKind::type) {
      if (!allowed(world, *ticket, step.agent, cmd::SaveDraft{step.body, step.draft_kind, ticket->version}, now)) continue;
    } else if (step.kind == StepKind::command) {
      if (auto* reply = std::get_if<cmd::Reply>(&*step.command)) reply->base_version = ticket->version;
      if (!allowed(world, *ticket, step.agent, *step.command, now)) continue;
    }
    return step;
  }
  return std::nullopt;
}

}  // namespace baton::sim
