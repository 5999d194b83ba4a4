// Locks: "Once an agent marks a ticket as locked, others will not be able to edit it until it has
// been unlocked" - and admins' automations make sure no lock stays stuck.
#include "support.hpp"

namespace baton::testing {
namespace {

class LockRules : public ::testing::Test {
 protected:
  void SetUp() override { desk.created(); }
  Desk desk;
};

TEST_F(LockRules, AnAgentLocksAFreeTicket) {
  auto events = desk.ok(kAlesia, cmd::Lock{});
  ASSERT_EQ(types(events), std::vector<std::string>{"locked"});
  EXPECT_EQ(payload<ev::Locked>(events[0]).holder, kAlesia);
  ASSERT_TRUE(desk.ticket.lock);
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
  EXPECT_EQ(desk.ticket.lock->acquired_at, kStart);
  EXPECT_EQ(desk.ticket.lock->expires_at, kStart + 900 * kSecond);
}

TEST_F(LockRules, ASecondAgentCannotTakeAHeldLockAndIsToldWhoHoldsIt) {
  desk.ok(kAlesia, cmd::Lock{});
  Rejection r = desk.rejected(kBruno, cmd::Lock{});
  EXPECT_EQ(r.code, RejectionCode::locked);
  EXPECT_EQ(r.holder, kAlesia);
  EXPECT_NE(r.message.find("Alesia Burvin"), std::string::npos);
  EXPECT_EQ(http_status(r), 409);
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
}

TEST_F(LockRules, LockingTwiceIsAConflictNotASecondLock) {
  desk.ok(kAlesia, cmd::Lock{});
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Lock{}).code, RejectionCode::conflict);
  EXPECT_EQ(desk.history.size(), 2u);  // created + one locked
}

TEST_F(LockRules, OnlyTheHolderMayChangeALockedTicket) {
  desk.ok(kAlesia, cmd::Lock{});
  const Version v = desk.ticket.version;
  EXPECT_EQ(desk.rejected(kBruno, reply("Hi", v, "k1")).code, RejectionCode::locked);
  EXPECT_EQ(desk.rejected(kBruno, cmd::Note{"internal"}).code, RejectionCode::locked);
  EXPECT_EQ(desk.rejected(kBruno, cmd::Take{}).code, RejectionCode::locked);
  EXPECT_EQ(desk.rejected(kBruno, cmd::Assign{kAlesia}).code, RejectionCode::locked);
  EXPECT_EQ(desk.rejected(kBruno, cmd::SetStatus{Status::resolved}).code, RejectionCode::locked);
  EXPECT_EQ(desk.rejected(kBruno, cmd::SetUrgency{2}).code, RejectionCode::locked);
  // Admins too must unlock first: the lock means "someone is working on this".
  EXPECT_EQ(desk.rejected(kAdmin, cmd::Note{"admin note"}).code, RejectionCode::locked);
  EXPECT_EQ(desk.ticket.version, v);
  desk.ok(kAlesia, cmd::Note{"I am on it"});
  desk.ok(kAlesia, cmd::SetUrgency{9});
}

TEST_F(LockRules, OthersStillReadAndDraftWhileLocked) {
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kBruno, draft("I could answer this", desk.ticket.version));
  ASSERT_NE(desk.ticket.draft_of(kBruno), nullptr);
  EXPECT_EQ(desk.ticket.draft_of(kBruno)->body, "I could answer this");
}

TEST_F(LockRules, TheCustomerCanAlwaysWrite) {
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kSystemAgent, cmd::Receive{"Any news?"});
  EXPECT_EQ(desk.ticket.message_count, 2);
}

TEST_F(LockRules, TheHolderUnlocksManually) {
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAlesia, cmd::Unlock{});
  ASSERT_EQ(types(events), std::vector<std::string>{"unlocked"});
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::manual);
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).holder, kAlesia);
  EXPECT_FALSE(desk.ticket.lock);
  desk.ok(kBruno, cmd::Lock{});  // and then someone else can act
}

TEST_F(LockRules, NobodyButTheHolderOrAnAdminUnlocks) {
  desk.ok(kAlesia, cmd::Lock{});
  EXPECT_EQ(desk.rejected(kBruno, cmd::Unlock{}).code, RejectionCode::locked);
  EXPECT_EQ(desk.rejected(kBruno, cmd::ForceUnlock{}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
}

TEST_F(LockRules, AnAdminForcesALockOpenAndTheReasonSaysSo) {
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAdmin, cmd::ForceUnlock{});
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::forced);
  EXPECT_EQ(events[0].actor, kAdmin);
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(LockRules, AnAdminsPlainUnlockOfSomeoneElsesLockCountsAsForced) {
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAdmin, cmd::Unlock{});
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::forced);
}

TEST_F(LockRules, UnlockingAFreeTicketIsAConflict) {
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Unlock{}).code, RejectionCode::conflict);
  EXPECT_EQ(desk.rejected(kAdmin, cmd::ForceUnlock{}).code, RejectionCode::conflict);
}

TEST_F(LockRules, ALockExpiresAfterTheAdminTimeout) {
  desk.settings.lock_timeout_secs = 60;
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(59 * kSecond);
  EXPECT_TRUE(lock_active(desk.ticket, desk.now));
  EXPECT_EQ(desk.rejected(kBruno, cmd::Lock{}).code, RejectionCode::locked);
  desk.advance(1 * kSecond);
  EXPECT_FALSE(lock_active(desk.ticket, desk.now));
  // The next command records the expiry first, by the system, then is decided on the free ticket.
  auto events = desk.ok(kBruno, cmd::Lock{});
  ASSERT_EQ(types(events), (std::vector<std::string>{"unlocked", "locked"}));
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::expired);
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).holder, kAlesia);
  EXPECT_EQ(events[0].actor, kSystemAgent);
  EXPECT_EQ(desk.ticket.lock->holder, kBruno);
}

TEST_F(LockRules, RenewingPushesTheExpiryForward) {
  desk.settings.lock_timeout_secs = 60;
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(50 * kSecond);
  auto events = desk.ok(kAlesia, cmd::Renew{});
  EXPECT_EQ(payload<ev::LockRenewed>(events[0]).expires_at, desk.now + 60 * kSecond);
  desk.advance(50 * kSecond);  // 100 s after locking, 50 s after renewing
  EXPECT_EQ(desk.rejected(kBruno, cmd::Lock{}).code, RejectionCode::locked);
  EXPECT_EQ(desk.ticket.lock->renewed_at, kStart + 50 * kSecond);
}

TEST_F(LockRules, OnlyTheHolderRenews) {
  desk.ok(kAlesia, cmd::Lock{});
  EXPECT_EQ(desk.rejected(kBruno, cmd::Renew{}).code, RejectionCode::locked);
  desk.ok(kAlesia, cmd::Unlock{});
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Renew{}).code, RejectionCode::conflict);
}

TEST_F(LockRules, ARenewAfterExpiryIsRefusedAndTheLockIsGone) {
  desk.settings.lock_timeout_secs = 60;
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(61 * kSecond);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Renew{}).code, RejectionCode::conflict);
}

TEST_F(LockRules, WithoutATimeoutALockNeverExpires) {
  desk.settings.lock_timeout_secs = 0;
  desk.ok(kAlesia, cmd::Lock{});
  EXPECT_FALSE(desk.ticket.lock->expires_at);
  desk.advance(365LL * 24 * 3600 * kSecond);
  EXPECT_EQ(desk.rejected(kBruno, cmd::Lock{}).code, RejectionCode::locked);
}

TEST_F(LockRules, TheExpiryAutomationReleasesOnlyWhenDue) {
  desk.settings.lock_timeout_secs = 60;
  desk.ok(kAlesia, cmd::Lock{});
  const cmd::Release expired{UnlockReason::expired, std::nullopt};
  EXPECT_EQ(desk.rejected(kSystemAgent, expired).code, RejectionCode::conflict);
  desk.advance(60 * kSecond);
  auto events = desk.ok(kSystemAgent, expired);
  ASSERT_EQ(types(events), std::vector<std::string>{"unlocked"});
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::expired);
  EXPECT_EQ(desk.rejected(kSystemAgent, expired).code, RejectionCode::conflict);  // nothing left
}

TEST_F(LockRules, AHolderWhoDisconnectsLosesTheLockAfterTheGracePeriod) {
  desk.settings.disconnect_grace_secs = 30;
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(10 * kSecond);
  const Time went_away = desk.now;
  desk.advance(29 * kSecond);
  const cmd::Release gone{UnlockReason::disconnected, went_away};
  EXPECT_EQ(desk.rejected(kSystemAgent, gone).code, RejectionCode::conflict);
  desk.advance(1 * kSecond);
  auto events = desk.ok(kSystemAgent, gone);
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::disconnected);
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).holder, kAlesia);
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(LockRules, AHolderWhoNeverConnectedGetsTheGraceFromTheMomentOfLocking) {
  desk.settings.disconnect_grace_secs = 30;
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(20 * kSecond);
  // Offline "since long ago" still leaves the holder the whole grace period after locking.
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::Release{UnlockReason::disconnected, kStart - 3600 * kSecond}).code,
            RejectionCode::conflict);
}

TEST_F(LockRules, OnlyTheSystemReleasesLocks) {
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(3600 * kSecond);
  EXPECT_EQ(desk.rejected(kAdmin, cmd::Release{UnlockReason::disconnected, kStart}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.rejected(kBruno, cmd::Release{UnlockReason::expired, std::nullopt}).code, RejectionCode::forbidden);
}

TEST_F(LockRules, TheSystemCannotLock) {
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::Lock{}).code, RejectionCode::forbidden);
}

}  // namespace
}  // namespace baton::testing
