// Many simulated agents hammer one ticket with random commands at random times. After every step:
// at most one agent holds the lock, every accepted change by someone other than the holder was made
// while the ticket was unlocked, and replaying the events rebuilds the very same ticket.
#include <random>

#include "support.hpp"

namespace baton::testing {
namespace {

Command random_command(std::mt19937_64& rng, const Ticket& t, AgentId me) {
  const Version v = t.version - static_cast<Version>(rng() % 3 == 0 ? std::min<Version>(t.version, 2) : 0);
  switch (rng() % 14) {
    case 0: case 1: return cmd::Lock{};
    case 2: return cmd::Unlock{};
    case 3: return cmd::Renew{};
    case 4: return cmd::ForceUnlock{};
    case 5: return cmd::Take{};
    case 6: return cmd::Assign{rng() % 4 == 0 ? std::nullopt : std::optional<AgentId>(1 + rng() % 6)};
    case 7: return draft("draft by " + std::to_string(me), v);
    case 8: return reply("reply", v, "key-" + std::to_string(rng() % 40));
    case 9: return cmd::Note{"note"};
    case 10: return cmd::SetStatus{static_cast<Status>(rng() % 4)};
    case 11: return cmd::SetUrgency{static_cast<int>(1 + rng() % 10)};
    case 12: return cmd::DiscardDraft{};
    default: return cmd::Receive{"customer again"};
  }
}

class CollisionProperty : public ::testing::TestWithParam<int> {};

TEST_P(CollisionProperty, HoldsForEveryRandomHistory) {
  std::mt19937_64 rng(GetParam());
  Desk desk;
  // Six agents in support (one an admin) plus one from billing who must never get in.
  std::vector<Agent> agents;
  for (AgentId id = 1; id <= 6; ++id)
    agents.push_back(Agent{id, "Agent " + std::to_string(id), "a@x", id == 6 ? Role::admin : Role::agent, {"support"}});
  agents.push_back(Agent{7, "Billing", "b@x", Role::agent, {"billing"}});
  desk.directory = Directory(agents);
  desk.settings.lock_timeout_secs = 30;
  desk.settings.unlock_on_reply = rng() % 2;
  desk.settings.release_lock_on_reassign = rng() % 2;
  desk.created();

  int accepted = 0, lock_rejections = 0;
  for (int step = 0; step < 3000; ++step) {
    desk.advance(static_cast<Time>(rng() % 4000));  // sometimes past a lock's expiry
    const AgentId who = static_cast<AgentId>(rng() % 8);  // 0 = the system
    const Command c = who == kSystemAgent ? (rng() % 2 ? Command{cmd::Receive{"hello"}}
                                                       : Command{cmd::Release{UnlockReason::disconnected, desk.now - 60000}})
                                          : random_command(rng, desk.ticket, who);
    const Ticket before = desk.ticket;
    const bool was_held_by_other = lock_active(before, desk.now) && before.lock->holder != who;
    Decision d = desk.run(who, c);
    if (auto* r = std::get_if<Rejection>(&d)) {
      lock_rejections += r->code == RejectionCode::locked;
      ASSERT_EQ(desk.ticket, before) << "a rejection changes nothing";
      continue;
    }
    ++accepted;
    const auto& events = std::get<std::vector<Event>>(d);
    for (const Event& e : events) {
      if (e.ephemeral() || e.actor == kSystemAgent) continue;
      // A person changed the ticket: they held the lock, or nobody (else) did at that moment.
      ASSERT_FALSE(was_held_by_other && !std::holds_alternative<ev::Unlocked>(e.payload))
          << "step " << step << ": " << event_type(e) << " by " << who << " while " << before.lock->holder << " held the lock";
      if (std::holds_alternative<ev::Unlocked>(e.payload) && was_held_by_other) {
        ASSERT_TRUE(desk.directory.actor(who)->is_admin()) << "only an admin unlocks someone else's lock";
      }
    }
    // At most one holder: a lock is only ever taken from a free (or expired) ticket.
    for (const Event& e : events) {
      if (std::holds_alternative<ev::Locked>(e.payload)) {
        ASSERT_FALSE(lock_active(before, desk.now) && before.lock->holder != who) << "step " << step;
      }
    }
    ASSERT_TRUE(!desk.ticket.lock || desk.ticket.lock->holder != 7) << "billing never holds a support lock";
    // Replaying the whole history rebuilds the ticket exactly.
    if (step % 50 == 0 || step == 2999) {
      Ticket rebuilt = Ticket::blank(desk.ticket.id, desk.ticket.ref);
      for (const Event& e : desk.history) rebuilt = evolve(rebuilt, e);
      ASSERT_EQ(rebuilt, desk.ticket) << "step " << step;
    }
  }
  EXPECT_GT(accepted, 300) << "the random commands must exercise the rules, not just be refused";
  EXPECT_GT(lock_rejections, 10) << "collisions must actually be attempted";
}

INSTANTIATE_TEST_SUITE_P(Seeds, CollisionProperty, ::testing::Range(1, 9));

}  // namespace
}  // namespace baton::testing
