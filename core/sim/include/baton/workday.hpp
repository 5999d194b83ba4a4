#pragma once
// Colleagues for a served demo (serve.py --demo): simulated agents who keep a helpdesk alive the way
// a team does during a working day. They open tickets, take some as Mine, lock them and hold the
// lock for minutes (renewing it as the workspace does), type replies and notes key by key, send
// them, ask a person now and then for a lock that person holds, and hand a lock over when a person
// asks for it, after a human pause. Customers write again now and then, preferably where a person
// is drafting, so a stale send can happen.
//
// Every step is a request a person's workspace could send, asked of decide() when it falls due and
// dropped if refused (see Simulation::next). A colleague never acts on a ticket whose lock a person
// holds (asking for it aside), never takes a ticket a person is assigned to, and never starts on a
// ticket a person is viewing. The host decides who is a person: any agent not simulated right now.
#include <map>
#include <set>
#include <vector>

#include "baton/sim.hpp"

namespace baton::sim {

class Workday {
 public:
  // `speed` > 1 runs the day faster (tests, benchmarks): every pause is divided by it.
  Workday(std::uint64_t seed, std::vector<AgentId> colleagues, Time start, double speed = 1);

  // The tickets they may work: the host's pick (for example the newest open tickets, those a
  // colleague holds, and those with a lock request to a colleague); replaceable at any time.
  void set_tickets(std::vector<TicketId> tickets) { tickets_ = std::move(tickets); }
  // A person logged in as this colleague: it stops at once and its planned steps are forgotten.
  void withdraw(AgentId agent);
  // That person has gone: the colleague comes back to work after a short while.
  void rejoin(AgentId agent, Time now);
  bool simulated(AgentId agent) const { return active_.count(agent) > 0; }
  std::vector<AgentId> simulated() const { return {active_.begin(), active_.end()}; }
  const std::vector<AgentId>& colleagues() const { return colleagues_; }

  // The next step due at `now`, oldest first (as Simulation::next): apply it before asking again.
  std::optional<Step> next(Time now, const World& world);

 private:
  bool is_person(AgentId agent) const { return agent != kSystemAgent && !active_.count(agent); }
  bool held_by_person(const Ticket& ticket) const { return ticket.lock && is_person(ticket.lock->holder); }
  bool touches(const Step& step, const Ticket& ticket) const;
  void look_around(Time now, const World& world);
  void start_episode(AgentId agent, Time now, const World& world);
  Time answer(AgentId agent, const Ticket& ticket, Time at);
  Time finish(AgentId agent, const Ticket& ticket, Time at);
  Time write_note(AgentId agent, const Ticket& ticket, Time at);
  Time ask(AgentId agent, const Ticket& ticket, Time at);
  Time hold(AgentId agent, TicketId ticket, Time at, Time until);
  cmd::Reply reply(AgentId agent, const std::string& text);
  template <typename T>
  const T& pick(const std::vector<T>& from) {
    return from[static_cast<std::size_t>(sim_.rng().between(0, static_cast<std::int64_t>(from.size()) - 1))];
  }

  Simulation sim_;
  std::vector<AgentId> colleagues_;
  std::set<AgentId> active_;
  std::vector<TicketId> tickets_;
  std::map<AgentId, Time> busy_until_;
  std::map<TicketId, std::pair<AgentId, Time>> taken_;  // ticket -> the colleague on it, until when
  std::set<std::pair<TicketId, Time>> answered_;        // lock requests already being answered
  std::set<TicketId> given_;                            // handed over to a person: never asked back
  Time start_;
  Time next_look_ = 0;
  Time next_customer_ = 0;
  Time next_ask_ = 0;
  int replies_ = 0;
};

}  // namespace baton::sim
