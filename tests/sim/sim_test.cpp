// Simulated colleagues: the same seed tells the same story, and they only do what the rules allow.
#include <map>

#include "baton/sim.hpp"
#include "baton/ticket_ref.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

// A tiny helpdesk the simulation plays in: every step is applied through decide/evolve.
struct Playground {
  Directory directory = helpdesk();
  Settings settings;
  std::map<TicketId, Ticket> tickets;
  std::vector<std::string> story;  // what happened, in words, to compare runs
  int refused = 0;

  Playground() {
    for (TicketId id = 1; id <= 4; ++id) {
      tickets[id] = Ticket::blank(id, make_ref(static_cast<std::uint64_t>(id) * 7919));
      EXPECT_TRUE(apply(kSystemAgent, id, boiler_complaint(), kStart));
    }
  }
  sim::World world() {
    return sim::World{[this](TicketId id) { return tickets.count(id) ? &tickets[id] : nullptr; }, settings, directory};
  }
  bool apply(AgentId agent, TicketId id, const Command& command, Time now) {
    const Actor actor = agent == kSystemAgent ? Actor::system() : *directory.actor(agent);
    const Decision decision = decide(tickets[id], command, actor, now, settings, directory);
    if (!ok(decision)) return false;
    for (const Event& e : std::get<std::vector<Event>>(decision)) tickets[id] = evolve(tickets[id], e);
    return true;
  }
  void run(sim::Simulation& sim, Time until) {
    for (Time now = kStart; now <= until; now += 100) {
      while (auto step = sim.next(now, world())) {
        std::string line = std::to_string(step->at) + " " + std::to_string(step->agent) + "@" + std::to_string(step->ticket);
        if (step->kind == sim::StepKind::type) {
          line += " types " + step->body;
          if (!apply(step->agent, step->ticket, cmd::SaveDraft{step->body, step->draft_kind, tickets[step->ticket].version}, now)) ++refused;
        } else if (step->kind == sim::StepKind::command) {
          line += std::string(" ") + command_type(*step->command);
          if (!apply(step->agent, step->ticket, *step->command, now)) ++refused;
        } else {
          line += step->kind == sim::StepKind::view ? " views" : " leaves";
        }
        story.push_back(line);
      }
    }
  }
};

TEST(Simulation, TheSameSeedTellsTheSameStory) {
  auto tell = [](std::uint64_t seed) {
    Playground world;
    sim::Simulation sim(seed);
    sim.type(kAlesia, 1, DraftKind::reply, "Hi Hannah, on my way.", kStart + 1000);
    sim.free_play({kAlesia, kBruno}, {1, 2, 3, 4}, kStart + 5000);
    world.run(sim, kStart + 180'000);
    return world.story;
  };
  const auto first = tell(42), again = tell(42), other = tell(43);
  EXPECT_GT(first.size(), 100u) << "three minutes of work";
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

TEST(Simulation, TypesKeyByKeyAtAHumanPace) {
  Playground world;
  sim::Simulation sim(1);
  const std::string text = "Hi Hannah, thanks.";
  const Time done = sim.type(kAlesia, 1, DraftKind::reply, text, kStart);
  EXPECT_GE(done - kStart, 140 * static_cast<Time>(text.size())) << "no faster than about 7 keys a second";
  EXPECT_LE(done - kStart, 260 * static_cast<Time>(text.size()) + 2 * 450);
  world.run(sim, done + 100);
  ASSERT_EQ(world.story.size(), text.size());
  EXPECT_NE(world.story.front().find(" types H"), std::string::npos);
  ASSERT_TRUE(world.tickets[1].draft_of(kAlesia));
  EXPECT_EQ(world.tickets[1].draft_of(kAlesia)->body, text);
}

TEST(Simulation, ColleaguesOnlyDoWhatTheRulesAllow) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Playground world;
    world.apply(kBruno, 2, cmd::Lock{}, kStart + 1);  // someone else holds a lock the colleagues meet
    sim::Simulation sim(seed);
    sim.free_play({kAlesia, kCarla}, {1, 2, 3, 4}, kStart);
    sim.command(kAlesia, 2, cmd::Note{"I would like to add this"}, kStart + 10'000);  // refused: Bruno holds it
    world.run(sim, kStart + 300'000);
    EXPECT_EQ(world.refused, 0) << "seed " << seed << ": every step handed out was allowed when it fell due";
    int replies = 0;
    for (const auto& line : world.story) replies += line.find(" reply") != std::string::npos;
    EXPECT_GT(replies, 0) << "seed " << seed << ": colleagues do answer customers";
  }
}

}  // namespace
}  // namespace baton::testing
