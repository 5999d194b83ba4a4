#pragma once
// Simulated colleagues and customers (the training kiosk, load tests): deterministic from a seed,
// with time passed in. They read, type drafts keystroke by keystroke at a human pace, lock, assign
// and reply, and only ever do what the rules allow: each command is asked of decide() when it falls
// due and dropped if refused.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baton/commands.hpp"
#include "baton/decide.hpp"

namespace baton::sim {

// splitmix64: tiny, fast and the same on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::int64_t between(std::int64_t low, std::int64_t high);  // both included
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  std::uint64_t state_;
};

enum class StepKind { view, leave, type, command };

struct Step {
  Time at = 0;
  AgentId agent = kSystemAgent;  // the system: the customer writing in
  TicketId ticket = 0;
  StepKind kind = StepKind::view;
  std::string body;  // type: the whole draft after this keystroke
  DraftKind draft_kind = DraftKind::reply;
  std::optional<Command> command;
};

// What the simulation may ask of the world when steps fall due.
struct World {
  std::function<const Ticket*(TicketId)> ticket;
  const Settings& settings;
  const Directory& directory;
  // Whether a person (someone not simulated) is viewing or typing on a ticket; unset: nobody is.
  std::function<bool(TicketId)> person_on = {};
};

class Simulation {
 public:
  explicit Simulation(std::uint64_t seed) : rng_(seed) {}

  // Faster than life (tests, benchmarks): every pause and keystroke interval is divided by `speed`.
  void set_speed(double speed) { speed_ = speed > 0 ? speed : 1; }
  // A pause of `low` to `high` ms as it passes at this speed.
  Time pause(Time low, Time high) { return scaled(rng_.between(low, high)); }
  Rng& rng() { return rng_; }

  void view(AgentId agent, TicketId ticket, Time at);
  void leave(AgentId agent, TicketId ticket, Time at);
  // Types `text` into a draft one key at a time (about 4 to 7 keys a second, a pause after
  // punctuation), from its byte `from` on (what is before it is already typed); returns when the
  // last key lands.
  Time type(AgentId agent, TicketId ticket, DraftKind kind, const std::string& text, Time start,
            std::size_t from = 0);
  void command(AgentId agent, TicketId ticket, Command command, Time at);
  // From `from` on, `agents` keep working `tickets` and customers write again now and then.
  void free_play(std::vector<AgentId> agents, std::vector<TicketId> tickets, Time from);

  // The next step due at `now`, oldest first; apply it before asking for the next, so each is
  // checked against the world as it is then. A command or keystroke the rules refuse at that moment
  // is dropped, and a reply answers the ticket's version as it is then.
  std::optional<Step> next(Time now, const World& world);
  std::size_t planned() const { return plan_.size(); }
  // Forgets the agent's planned steps (on `ticket` only, if given).
  void drop(AgentId agent, std::optional<TicketId> ticket = std::nullopt);
  // Whether the agent has steps planned on the ticket.
  bool plans(AgentId agent, TicketId ticket) const;

 private:
  void plan_episode(AgentId agent, Time now, const World& world);
  void add(Step step) { plan_.emplace(step.at, std::move(step)); }
  Time scaled(Time ms) const { return static_cast<Time>(static_cast<double>(ms) / speed_); }

  Rng rng_;
  double speed_ = 1;
  std::multimap<Time, Step> plan_;  // by time; equal times keep their order
  std::vector<AgentId> players_;
  std::vector<TicketId> tickets_;
  std::optional<Time> free_from_;
  std::map<AgentId, Time> busy_until_;
  Time next_customer_ = 0;
  int replies_ = 0;
};

}  // namespace baton::sim
