#pragma once
// The training kiosk's helpdesk, in process: tickets, the event log, drafts and presence, every
// command ruled by the core's decide() and applied with evolve(), as serve.py does. No I/O and no
// clock: the kiosk's NetClient feeds it requests and the time.
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "baton/decide.hpp"
#include "baton/replica.hpp"
#include "baton/sim.hpp"

namespace baton::kiosk {

class Engine {
 public:
  Engine(std::vector<Agent> agents, Settings settings);

  const Directory& directory() const { return directory_; }
  const Settings& settings() const { return settings_; }

  TicketId create(const cmd::Create& create, Time at, const std::string& ref);
  // decide() as `actor`, then evolve() and log what was accepted (logged events get the next seq).
  Decision run(TicketId id, const Command& command, AgentId actor, Time now);
  // The automations: deliveries after the undo window, lock releases and hand-overs.
  void run_automations(Time now);

  const Ticket* ticket(TicketId id) const;
  std::vector<const Ticket*> tickets() const;
  std::vector<Event> events_after(Seq seq) const;
  std::vector<Event> history(TicketId id) const;
  Seq last_seq() const { return static_cast<Seq>(log_.size()); }

  void set_presence(TicketId ticket, AgentId agent, std::optional<Presence> state);
  std::vector<PresenceEntry> presence(TicketId ticket) const;

  sim::World world() const;

  // What happened, for the live socket: logged events, drafts saved or discarded, presence.
  std::function<void(const Event&)> on_event;
  std::function<void(const Event&)> on_draft;
  std::function<void(TicketId, AgentId, std::optional<Presence>)> on_presence;

 private:
  Directory directory_;
  Settings settings_;
  std::map<TicketId, Ticket> tickets_;
  std::vector<Event> log_;
  std::map<TicketId, std::vector<PresenceEntry>> presence_;
};

}  // namespace baton::kiosk
