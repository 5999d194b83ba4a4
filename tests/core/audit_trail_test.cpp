// History: "a clear audit trail of who is or was responsible for a Ticket at each stage".
#include "support.hpp"

namespace baton::testing {
namespace {

TEST(AuditTrail, EveryChangeIsAnEventWithActorAndTime) {
  Desk desk;
  desk.created();
  desk.advance(kSecond);
  desk.ok(kAlesia, cmd::Take{});
  desk.advance(kSecond);
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(kSecond);
  desk.ok(kAlesia, reply("Hi", desk.ticket.version, "k1"));
  desk.advance(kSecond);
  desk.ok(kAdmin, cmd::Assign{kBruno});
  const std::vector<std::string> expected{"created", "assigned", "locked", "replied", "unlocked", "assigned"};
  EXPECT_EQ(types(desk.history), expected);
  const std::vector<AgentId> actors{kSystemAgent, kAlesia, kAlesia, kAlesia, kAlesia, kAdmin};
  for (std::size_t i = 0; i < desk.history.size(); ++i) {
    EXPECT_EQ(desk.history[i].actor, actors[i]) << i;
    EXPECT_EQ(desk.history[i].version, static_cast<Version>(i + 1)) << "versions count the logged events";
    EXPECT_EQ(desk.history[i].ticket, 42);
  }
  EXPECT_EQ(desk.history[1].at, kStart + kSecond);
  EXPECT_EQ(desk.history[5].at, kStart + 4 * kSecond);
}

TEST(AuditTrail, EveryUnlockSaysWhy) {
  Desk desk;
  desk.created();
  desk.settings.lock_timeout_secs = 10;
  std::vector<UnlockReason> reasons;
  auto unlock_reason = [&](const std::vector<Event>& events) {
    for (const auto& e : events)
      if (auto* u = std::get_if<ev::Unlocked>(&e.payload)) reasons.push_back(u->reason);
  };
  desk.ok(kAlesia, cmd::Lock{});
  unlock_reason(desk.ok(kAlesia, cmd::Unlock{}));
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(11 * kSecond);
  unlock_reason(desk.ok(kSystemAgent, cmd::Release{UnlockReason::expired, std::nullopt}));
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(5 * kSecond);
  unlock_reason(desk.ok(kAdmin, cmd::ForceUnlock{}));
  desk.ok(kAlesia, cmd::Lock{});
  unlock_reason(desk.ok(kAlesia, reply("Hi", desk.ticket.version, "k1")));
  desk.ok(kAlesia, cmd::Lock{});
  unlock_reason(desk.ok(kAlesia, cmd::Assign{kBruno}));
  desk.settings.disconnect_grace_secs = 1;
  desk.ok(kBruno, cmd::Lock{});
  desk.advance(2 * kSecond);
  unlock_reason(desk.ok(kSystemAgent, cmd::Release{UnlockReason::disconnected, desk.now - 2 * kSecond}));
  EXPECT_EQ(reasons, (std::vector<UnlockReason>{UnlockReason::manual, UnlockReason::expired, UnlockReason::forced,
                                                UnlockReason::replied, UnlockReason::reassigned,
                                                UnlockReason::disconnected}));
}

TEST(AuditTrail, ReplayingTheHistoryRebuildsTheTicket) {
  Desk desk;
  desk.created();
  desk.ok(kAlesia, cmd::Take{});
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kAlesia, draft("Hi", desk.ticket.version));
  desk.ok(kSystemAgent, cmd::Receive{"more info"});
  desk.ok(kAlesia, reply("Hi again", desk.ticket.version, "k1"));
  desk.ok(kBruno, cmd::SetUrgency{2});
  Ticket rebuilt = Ticket::blank(42, "CDOB-7212-OJRK");
  for (const Event& e : desk.history) rebuilt = evolve(rebuilt, e);
  EXPECT_EQ(rebuilt, desk.ticket);
}

TEST(AuditTrail, ARejectedCommandLeavesNoTrace) {
  Desk desk;
  desk.created();
  desk.ok(kAlesia, cmd::Lock{});
  const Ticket before = desk.ticket;
  desk.rejected(kBruno, cmd::Note{"sneaky"});
  desk.rejected(kCarla, cmd::Lock{});
  EXPECT_EQ(desk.ticket, before);
  EXPECT_EQ(desk.history.size(), 2u);
}

}  // namespace
}  // namespace baton::testing
