#include "baton/workday.hpp"

#include <algorithm>

namespace baton::sim {
namespace {

constexpr Time kSec = 1000;
constexpr Time kMin = 60 * kSec;

// {name} is the customer's first name.
const char* const kReplies[] = {
    "Hi {name}, thanks for getting back to us. I have looked into this and a fix is on its way: it should work "
    "again by tomorrow morning.",
    "Hello {name}, could you send us a photo of the error message and the serial number? That helps us find the "
    "cause quickly.",
    "Hi {name}, I have booked a technician for Thursday morning between 9 and 12. Let us know if that does not "
    "suit you.",
    "Hi {name}, sorry for the trouble. I have refunded the duplicate payment today; it takes three to five days "
    "to show on your statement.",
    "Hello {name}, I checked your account and everything looks right on our side now. Could you try again and "
    "tell me if it works?",
};
// What a colleague adds after looking things up for a while.
const char* const kAfterthoughts[] = {
    " I have also added a note to your account so my colleagues know the history.",
    " If anything else comes up, just reply to this email.",
    " Sorry again that this took longer than it should have.",
};
const char* const kNotes[] = {
    "Called the customer: they will send photos this afternoon.",
    "Checked the logs: the same error as the known issue from last week.",
    "Waiting for the warehouse to confirm the return before we refund.",
    "Escalated to second line, they will look at it tomorrow morning.",
};
const char* const kAsks[] = {
    "The customer is on the phone with me right now",
    "I answered their last ticket, may I take this one?",
    "Quick one: I can answer it in two minutes",
};
const char* const kFollowUps[] = {
    "Any news on this? It is getting urgent.",
    "Quick update: it happened again this morning.",
    "Thanks, I tried that but it did not help.",
    "Sorry, one more thing: I paid by bank transfer, not by card.",
    "Is there a phone number I can call?",
};

std::string first_name(const Ticket& ticket) {
  const std::string& name = ticket.requester.name;
  const auto space = name.find(' ');
  return space == std::string::npos ? name : name.substr(0, space);
}

std::string with_name(std::string text, const Ticket& ticket) {
  const auto at = text.find("{name}");
  if (at != std::string::npos) text.replace(at, 6, first_name(ticket));
  return text;
}

bool open(const Ticket& ticket) { return ticket.exists() && ticket.status != Status::resolved; }

}  // namespace

Workday::Workday(std::uint64_t seed, std::vector<AgentId> colleagues, Time start, double speed)
    : sim_(seed), colleagues_(std::move(colleagues)), start_(start) {
  sim_.set_speed(speed);
  for (AgentId agent : colleagues_) {
    active_.insert(agent);
    busy_until_[agent] = start + sim_.pause(1 * kSec, 15 * kSec);  // at work within seconds
  }
  next_customer_ = start + sim_.pause(30 * kSec, 60 * kSec);
  next_ask_ = start + sim_.pause(1 * kMin, 3 * kMin);
}

void Workday::withdraw(AgentId agent) {
  active_.erase(agent);
  sim_.drop(agent);
  std::erase_if(taken_, [&](const auto& entry) { return entry.second.first == agent; });
}

void Workday::rejoin(AgentId agent, Time now) {
  if (std::find(colleagues_.begin(), colleagues_.end(), agent) == colleagues_.end() || active_.count(agent)) return;
  active_.insert(agent);
  busy_until_[agent] = now + sim_.pause(5 * kSec, 20 * kSec);
}

// Whether a step acts on the ticket in a way a person holding it would mind: anything but looking
// at it, and asking for its lock.
bool Workday::touches(const Step& step, const Ticket& ticket) const {
  if (step.kind == StepKind::view || step.kind == StepKind::leave || step.agent == kSystemAgent) return false;
  if (step.kind == StepKind::command && std::holds_alternative<cmd::RequestLock>(*step.command)) return false;
  if (held_by_person(ticket)) return true;
  return step.kind == StepKind::command && std::holds_alternative<cmd::Take>(*step.command) && ticket.assignee &&
         is_person(*ticket.assignee);
}

std::optional<Step> Workday::next(Time now, const World& world) {
  if (now >= next_look_) look_around(now, world);
  for (AgentId agent : colleagues_)
    if (active_.count(agent) && busy_until_[agent] <= now) start_episode(agent, now, world);
  while (auto step = sim_.next(now, world)) {
    if (step->agent != kSystemAgent && !active_.count(step->agent)) continue;
    const Ticket* ticket = world.ticket(step->ticket);
    if (ticket && touches(*step, *ticket)) continue;
    return step;
  }
  return std::nullopt;
}

// About once a second: a person asking a colleague for its lock gets it after a pause, and the
// customers write again now and then, rather where a person is drafting or looking.
void Workday::look_around(Time now, const World& world) {
  next_look_ = now + sim_.pause(700, 1300);
  std::vector<const Ticket*> watched;
  for (TicketId id : tickets_) {
    const Ticket* ticket = world.ticket(id);
    if (!ticket || !ticket->exists()) continue;
    if (world.person_on && world.person_on(id)) watched.push_back(ticket);
    else
      for (const Draft& draft : ticket->drafts)
        if (is_person(draft.author)) {
          watched.push_back(ticket);
          break;
        }
    if (!ticket->lock || !ticket->lock->request || !active_.count(ticket->lock->holder)) continue;
    const LockRequest& request = *ticket->lock->request;
    if (!is_person(request.requester) || !answered_.insert({id, request.at}).second) continue;
    const AgentId holder = ticket->lock->holder;
    sim_.drop(holder, id);  // whatever it meant to do there: the person asked first
    const Time at = now + sim_.pause(3 * kSec, 10 * kSec);
    sim_.command(holder, id, cmd::AnswerLockRequest{true, ""}, at);
    sim_.leave(holder, id, at + sim_.pause(1 * kSec, 3 * kSec));
    taken_.erase(id);
    given_.insert(id);
  }
  if (now < next_customer_ || tickets_.empty()) return;
  next_customer_ = now + sim_.pause(45 * kSec, 2 * kMin);
  const Ticket* ticket = !watched.empty() && sim_.rng().chance(60) ? pick(watched) : world.ticket(pick(tickets_));
  if (ticket && ticket->exists())
    sim_.command(kSystemAgent, ticket->id, cmd::Receive{kFollowUps[sim_.rng().between(0, 4)]}, now);
}

// One colleague's next piece of work: wrap up a ticket it holds, ask a person for one, write an
// internal note, or answer a customer; then a break.
void Workday::start_episode(AgentId agent, Time now, const World& world) {
  const std::optional<Actor> actor = world.directory.actor(agent);
  std::vector<const Ticket*> mine, free, persons;
  for (TicketId id : tickets_) {
    const Ticket* t = world.ticket(id);
    if (!t || !open(*t) || !actor || !actor->can_see(t->department)) continue;
    const auto taken = taken_.find(id);
    if (taken != taken_.end() && taken->second.first != agent && taken->second.second > now) continue;
    if (t->lock && t->lock->holder == agent && !t->lock->request) mine.push_back(t);
    const bool someone_on = world.person_on && world.person_on(id);
    if (!t->lock && !t->pending_reply && !someone_on && (!t->assignee || !is_person(*t->assignee))) free.push_back(t);
    if (held_by_person(*t) && !t->lock->request && !given_.count(id)) persons.push_back(t);
  }
  const Time start = now + sim_.pause(500, 2 * kSec);
  Time end = start;
  const Ticket* on = nullptr;
  const auto roll = sim_.rng().between(1, 100);
  if (!mine.empty() && roll <= 60) {
    on = pick(mine);
    end = finish(agent, *on, start);
  } else if (!persons.empty() && now >= next_ask_ && roll <= 70) {
    next_ask_ = now + sim_.pause(4 * kMin, 8 * kMin);
    on = pick(persons);
    end = ask(agent, *on, start);
  } else if (!free.empty() && roll <= 80) {
    on = pick(free);
    end = write_note(agent, *on, start);
  } else if (!free.empty()) {
    on = pick(free);
    end = answer(agent, *on, start);
  }
  if (on) taken_[on->id] = {agent, end};
  busy_until_[agent] = end + sim_.pause(on ? 20 * kSec : 10 * kSec, on ? 80 * kSec : 30 * kSec);
}

cmd::Reply Workday::reply(AgentId agent, const std::string& text) {
  return cmd::Reply{text, 0, "live-" + std::to_string(start_) + "-" + std::to_string(agent) + "-" + std::to_string(++replies_)};
}

// Renews the lock about once a minute, as the workspace does while its holder works.
Time Workday::hold(AgentId agent, TicketId ticket, Time at, Time until) {
  while ((at += sim_.pause(50 * kSec, 70 * kSec)) < until) sim_.command(agent, ticket, cmd::Renew{}, at);
  return until;
}

Time Workday::answer(AgentId agent, const Ticket& ticket, Time at) {
  const TicketId id = ticket.id;
  const bool take = !ticket.assignee && sim_.rng().chance(35);
  const bool lock = sim_.rng().chance(65);
  sim_.view(agent, id, at);
  if (take) sim_.command(agent, id, cmd::Take{}, at += sim_.pause(1500, 5 * kSec));
  if (lock) sim_.command(agent, id, cmd::Lock{}, at += sim_.pause(1 * kSec, 4 * kSec));
  std::string text = with_name(kReplies[sim_.rng().between(0, 4)], ticket);
  at = sim_.type(agent, id, DraftKind::reply, text, at + sim_.pause(2 * kSec, 6 * kSec));
  if (lock && sim_.rng().chance(45)) {  // looks things up for minutes, the lock held and renewed
    at = hold(agent, id, at, at + sim_.pause(2 * kMin, 6 * kMin));
    const std::size_t typed = text.size();
    text += kAfterthoughts[sim_.rng().between(0, 2)];
    at = sim_.type(agent, id, DraftKind::reply, text, at + sim_.pause(1 * kSec, 3 * kSec), typed);
  }
  if (sim_.rng().chance(80)) sim_.command(agent, id, reply(agent, text), at += sim_.pause(1500, 5 * kSec));
  if (lock) sim_.command(agent, id, cmd::Unlock{}, at += sim_.pause(600, 1500));  // if the reply did not
  sim_.leave(agent, id, at += sim_.pause(1500, 4 * kSec));
  return at;
}

// A ticket it holds (from before, or handed over by a person it asked): finish the reply and send.
Time Workday::finish(AgentId agent, const Ticket& ticket, Time at) {
  const TicketId id = ticket.id;
  sim_.view(agent, id, at);
  sim_.command(agent, id, cmd::Renew{}, at += sim_.pause(1 * kSec, 3 * kSec));
  const Draft* draft = ticket.draft_of(agent);
  const bool has_reply = draft && draft->kind == DraftKind::reply && !draft->body.empty();
  std::string text = has_reply ? draft->body : with_name(kReplies[sim_.rng().between(0, 4)], ticket);
  const std::size_t typed = has_reply ? text.size() : 0;
  if (has_reply) text += kAfterthoughts[sim_.rng().between(0, 2)];
  at = sim_.type(agent, id, DraftKind::reply, text, at + sim_.pause(2 * kSec, 5 * kSec), typed);
  if (sim_.rng().chance(35)) at = hold(agent, id, at, at + sim_.pause(1 * kMin, 3 * kMin));
  if (sim_.rng().chance(85)) sim_.command(agent, id, reply(agent, text), at += sim_.pause(1500, 5 * kSec));
  sim_.command(agent, id, cmd::Unlock{}, at += sim_.pause(600, 1500));
  sim_.leave(agent, id, at += sim_.pause(1500, 4 * kSec));
  return at;
}

Time Workday::write_note(AgentId agent, const Ticket& ticket, Time at) {
  const TicketId id = ticket.id;
  sim_.view(agent, id, at);
  const std::string text = kNotes[sim_.rng().between(0, 3)];
  at = sim_.type(agent, id, DraftKind::note, text, at + sim_.pause(2 * kSec, 5 * kSec));
  sim_.command(agent, id, cmd::Note{text}, at += sim_.pause(1 * kSec, 3 * kSec));
  sim_.leave(agent, id, at += sim_.pause(1500, 4 * kSec));
  return at;
}

// "Ask to release": if the person hands the lock over, the colleague finishes the ticket later.
Time Workday::ask(AgentId agent, const Ticket& ticket, Time at) {
  const TicketId id = ticket.id;
  sim_.view(agent, id, at);
  sim_.command(agent, id, cmd::RequestLock{kAsks[sim_.rng().between(0, 2)]}, at += sim_.pause(2 * kSec, 5 * kSec));
  sim_.leave(agent, id, at += sim_.pause(5 * kSec, 10 * kSec));
  return at;
}

}  // namespace baton::sim
