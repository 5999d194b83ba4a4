#pragma once
// The kiosk's helpdesk and what happens in it: the agents, the tickets, the colleagues' scripted
// moves that each tour step is about, and the tour's steps with the test that each is done.
#include <set>
#include <utility>
#include <vector>

#include "baton/sim.hpp"
#include "engine.hpp"
#include "tour.hpp"

namespace baton::kiosk {

struct Story {
  AgentId trainee = 1, alesia = 2, marcus = 3, priya = 4, tomas = 5, chloe = 6;
  TicketId drafting = 0;  // Alesia writes a reply here as the tour starts
  TicketId locked = 0;    // Marcus holds its lock
  TicketId yours = 0;     // the trainee takes it, locks it, and answers it
  std::vector<TicketId> others;
  bool priya_came = false;
  bool customer_wrote = false;
  bool everyone_plays = false;
  std::set<std::pair<TicketId, Time>> answered;  // the trainee's lock requests a colleague answers
};

std::vector<Agent> story_agents();
Settings story_settings();
// Fills the helpdesk and plans the colleagues' first moves from `now`.
Story begin_story(Engine& engine, sim::Simulation& sim, Time now);
// The colleagues react to the trainee: Priya comes by once the trainee holds the lock on `yours`,
// the customer writes again once the trainee is drafting an answer there; after the tour everyone
// keeps working (free play). A colleague asked for a lock answers a few seconds later: Marcus hands
// it over, the others keep it for a moment.
void react(Story& story, Engine& engine, sim::Simulation& sim, Time now, bool tour_over);
std::vector<shell::TourStep> tour_steps(const Story& story);

}  // namespace baton::kiosk
