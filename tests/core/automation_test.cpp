// The admin automations' decisions: which lock to release now, whom to assign a new ticket to.
#include "baton/automation.hpp"
#include "baton/freshness.hpp"
#include "baton/ticket_ref.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

TEST(ReleaseDue, NothingIsDueForAFreshLockWithItsHolderOnline) {
  Desk desk;
  desk.created();
  EXPECT_FALSE(release_due(desk.ticket, desk.now, desk.settings, std::nullopt));
  desk.ok(kAlesia, cmd::Lock{});
  EXPECT_FALSE(release_due(desk.ticket, desk.now + 899 * kSecond, desk.settings, std::nullopt));
}

TEST(ReleaseDue, AnExpiredLockIsDueAndItsReleaseIsAccepted) {
  Desk desk;
  desk.created();
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(900 * kSecond);
  auto due = release_due(desk.ticket, desk.now, desk.settings, std::nullopt);
  ASSERT_TRUE(due);
  EXPECT_EQ(due->reason, UnlockReason::expired);
  desk.ok(kSystemAgent, *due);
  EXPECT_FALSE(desk.ticket.lock);
}

TEST(ReleaseDue, AHolderOfflineForTheGraceIsDue) {
  Desk desk;
  desk.created();
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(60 * kSecond);
  const Time offline = desk.now;
  EXPECT_FALSE(release_due(desk.ticket, offline + 29 * kSecond, desk.settings, offline));
  desk.advance(30 * kSecond);
  auto due = release_due(desk.ticket, desk.now, desk.settings, offline);
  ASSERT_TRUE(due);
  EXPECT_EQ(due->reason, UnlockReason::disconnected);
  desk.ok(kSystemAgent, *due);
  EXPECT_FALSE(desk.ticket.lock);
}

TEST(ChooseAssignee, GoesRoundRobinAmongOnlineAgents) {
  Desk desk;
  desk.created();
  const std::vector<AgentId> online{kAlesia, kBruno, kAdmin};
  EXPECT_EQ(choose_assignee(desk.ticket, online, std::nullopt, false), kAlesia);
  EXPECT_EQ(choose_assignee(desk.ticket, online, kAlesia, false), kBruno);
  EXPECT_EQ(choose_assignee(desk.ticket, online, kBruno, false), kAdmin);
  EXPECT_EQ(choose_assignee(desk.ticket, online, kAdmin, false), kAlesia);
  // The last one assigned went offline: the next one after them still takes their turn.
  EXPECT_EQ(choose_assignee(desk.ticket, {kAlesia, kAdmin}, kBruno, false), kAdmin);
  EXPECT_EQ(choose_assignee(desk.ticket, {kAdmin, kAlesia}, kAlesia, false), kAdmin) << "order of input does not matter";
}

TEST(ChooseAssignee, SkipsWhenNobodyIsOnlineOrSomeoneIsOnTheTicket) {
  Desk desk;
  desk.created();
  EXPECT_FALSE(choose_assignee(desk.ticket, {}, std::nullopt, false));
  EXPECT_FALSE(choose_assignee(desk.ticket, {kAlesia}, std::nullopt, /*someone_on=*/true));
  desk.ok(kBruno, draft("Hi", 1));
  EXPECT_FALSE(choose_assignee(desk.ticket, {kAlesia}, std::nullopt, false)) << "Bruno is drafting";
  desk.ok(kBruno, cmd::DiscardDraft{});
  desk.ok(kBruno, cmd::Lock{});
  EXPECT_FALSE(choose_assignee(desk.ticket, {kAlesia}, std::nullopt, false)) << "Bruno holds the lock";
  desk.ok(kBruno, cmd::Take{});
  desk.ok(kBruno, cmd::Unlock{});
  EXPECT_FALSE(choose_assignee(desk.ticket, {kAlesia}, std::nullopt, false)) << "already assigned";
}

TEST(TicketRef, LooksLikeADeskproReferenceAndIsValid) {
  for (std::uint64_t bits : {0ULL, 1ULL, 0xFFFFFFFFFFFFFFFFULL, 12345678901234567ULL}) {
    const std::string ref = make_ref(bits);
    EXPECT_TRUE(is_valid_ref(ref)) << ref;
  }
  EXPECT_NE(make_ref(1), make_ref(2));
  EXPECT_TRUE(is_valid_ref("CDOB-7212-OJRK"));
  for (const char* bad : {"", "CDOB-7212-OJR", "cdob-7212-ojrk", "CDOB-72A2-OJRK", "CDOB_7212_OJRK"})
    EXPECT_FALSE(is_valid_ref(bad)) << bad;
}

TEST(Freshness, ReadsTheWayAnAgentSaysIt) {
  EXPECT_EQ(freshness(0), "just now");
  EXPECT_EQ(freshness(-3000), "just now");
  EXPECT_EQ(freshness(19 * kSecond), "19 secs ago");
  EXPECT_EQ(freshness(60 * kSecond), "1 min ago");
  EXPECT_EQ(freshness(125 * kSecond), "2 mins ago");
  EXPECT_EQ(freshness(3600 * kSecond), "1 hour ago");
  EXPECT_EQ(freshness(3 * 86400 * kSecond), "3 days ago");
}

}  // namespace
}  // namespace baton::testing
