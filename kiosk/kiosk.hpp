#pragma once
// The training kiosk, whole: the in-process helpdesk, the simulated colleagues, the story and its
// tour, behind the NetClient the workspace already speaks. pump() moves the world on each loop turn.
#include <map>
#include <memory>

#include "baton/sim.hpp"
#include "engine.hpp"
#include "kiosk_net_client.hpp"
#include "story.hpp"
#include "tour.hpp"

namespace baton::kiosk {

class Kiosk {
 public:
  Kiosk(std::uint64_t seed, Time now);

  shell::NetClient& net() { return net_; }
  shell::Tour& tour() { return tour_; }
  const Engine& engine() const { return engine_; }
  const Story& story() const { return story_; }
  // Runs what is due at `now`: the colleagues' steps, the automations, then delivers answers and
  // pushes. Returns whether anything reached the workspace.
  bool pump(Time now);

 private:
  void apply(const sim::Step& step, Time now);

  Engine engine_;
  sim::Simulation sim_;
  Story story_;
  KioskNetClient net_;
  shell::Tour tour_;
  std::map<std::pair<TicketId, AgentId>, Time> typing_;  // when each colleague last typed
};

}  // namespace baton::kiosk
