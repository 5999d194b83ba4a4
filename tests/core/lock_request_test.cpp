// Ask for the lock: a request the holder answers (Hand over / Keep), a hand-over that moves the lock
// in one event, and the automations handing over when an idle or offline holder does not answer.
#include "baton/automation.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

class LockRequests : public ::testing::Test {
 protected:
  void SetUp() override {
    desk.created();
    desk.ok(kAlesia, cmd::Lock{});
  }
  Desk desk;
};

TEST_F(LockRequests, AnotherAgentAsksTheHolderWithAReason) {
  desk.advance(5 * kSecond);
  auto events = desk.ok(kBruno, cmd::RequestLock{"urgent callback"});
  ASSERT_EQ(types(events), std::vector<std::string>{"lock_requested"});
  const auto& e = payload<ev::LockRequested>(events[0]);
  EXPECT_EQ(e.requester, kBruno);
  EXPECT_EQ(e.holder, kAlesia);
  EXPECT_EQ(e.reason, "urgent callback");
  ASSERT_TRUE(desk.ticket.lock->request);
  EXPECT_EQ(desk.ticket.lock->request->requester, kBruno);
  EXPECT_EQ(desk.ticket.lock->request->at, desk.now);
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia) << "asking moves nothing";
}

TEST_F(LockRequests, AskingIsRefusedWhenThereIsNothingToAskFor) {
  EXPECT_EQ(desk.rejected(kAlesia, cmd::RequestLock{}).code, RejectionCode::conflict) << "the holder";
  desk.ok(kBruno, cmd::RequestLock{});
  Rejection again = desk.rejected(kBruno, cmd::RequestLock{});
  EXPECT_EQ(again.code, RejectionCode::conflict);
  EXPECT_NE(again.message.find("already asked"), std::string::npos);
  Rejection admin = desk.rejected(kAdmin, cmd::RequestLock{});
  EXPECT_NE(admin.message.find("Bruno Diaz already asked"), std::string::npos) << "one request at a time";
  EXPECT_EQ(desk.rejected(kCarla, cmd::RequestLock{}).code, RejectionCode::forbidden) << "other department";
  desk.ok(kAlesia, cmd::Unlock{});
  EXPECT_EQ(desk.rejected(kBruno, cmd::RequestLock{}).code, RejectionCode::conflict) << "free: just lock it";
}

TEST_F(LockRequests, TheReasonIsOneShortLine) {
  EXPECT_EQ(desk.rejected(kBruno, cmd::RequestLock{"two\nlines"}).field, "reason");
  EXPECT_EQ(desk.rejected(kBruno, cmd::RequestLock{std::string(201, 'x')}).reason, InvalidReason::too_large);
}

TEST_F(LockRequests, HandOverMovesTheLockInOneEvent) {
  desk.ok(kBruno, cmd::RequestLock{"urgent"});
  desk.advance(3 * kSecond);
  auto events = desk.ok(kAlesia, cmd::AnswerLockRequest{true, ""});
  ASSERT_EQ(types(events), std::vector<std::string>{"lock_handed_over"}) << "no unlocked/locked pair: no gap";
  const auto& h = payload<ev::LockHandedOver>(events[0]);
  EXPECT_EQ(h.from, kAlesia);
  EXPECT_EQ(h.to, kBruno);
  EXPECT_FALSE(h.automatic);
  ASSERT_TRUE(desk.ticket.lock);
  EXPECT_EQ(desk.ticket.lock->holder, kBruno);
  EXPECT_EQ(desk.ticket.lock->acquired_at, desk.now);
  EXPECT_EQ(desk.ticket.lock->expires_at, desk.now + 900 * kSecond);
  EXPECT_FALSE(desk.ticket.lock->request);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Reply{"mine", desk.ticket.version, "k1"}).code, RejectionCode::locked);
}

TEST_F(LockRequests, KeepAnswersWithAReasonAndEndsTheRequest) {
  desk.ok(kBruno, cmd::RequestLock{"urgent"});
  auto events = desk.ok(kAlesia, cmd::AnswerLockRequest{false, "on the phone with them"});
  ASSERT_EQ(types(events), std::vector<std::string>{"lock_request_declined"});
  EXPECT_EQ(payload<ev::LockRequestDeclined>(events[0]).requester, kBruno);
  EXPECT_EQ(payload<ev::LockRequestDeclined>(events[0]).reason, "on the phone with them");
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
  EXPECT_FALSE(desk.ticket.lock->request);
  desk.ok(kBruno, cmd::RequestLock{"still urgent"});  // may ask again
}

TEST_F(LockRequests, OnlyTheHolderAnswersAndOnlyAPendingRequest) {
  EXPECT_EQ(desk.rejected(kAlesia, cmd::AnswerLockRequest{true, ""}).code, RejectionCode::conflict);
  desk.ok(kBruno, cmd::RequestLock{});
  EXPECT_EQ(desk.rejected(kBruno, cmd::AnswerLockRequest{true, ""}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.rejected(kAdmin, cmd::AnswerLockRequest{true, ""}).code, RejectionCode::forbidden);
  desk.ok(kAdmin, cmd::ForceUnlock{});  // admins still force-unlock
  EXPECT_FALSE(desk.ticket.lock) << "the request ends with the lock";
}

TEST_F(LockRequests, TheRequestEndsWhenTheLockDoes) {
  desk.ok(kBruno, cmd::RequestLock{});
  desk.ok(kAlesia, cmd::Reply{"done", desk.ticket.version, "k1"});  // unlock_on_reply
  EXPECT_FALSE(desk.ticket.lock);
  desk.ok(kBruno, cmd::Lock{});
  EXPECT_FALSE(desk.ticket.lock->request);
}

TEST_F(LockRequests, BothDraftsStayTheirAuthors) {
  desk.ok(kAlesia, draft("Alesia's words", desk.ticket.version));
  desk.ok(kBruno, draft("Bruno's words", desk.ticket.version));
  desk.ok(kBruno, cmd::RequestLock{});
  desk.ok(kAlesia, cmd::AnswerLockRequest{true, ""});
  ASSERT_TRUE(desk.ticket.draft_of(kAlesia));
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Alesia's words");
  EXPECT_EQ(desk.ticket.draft_of(kBruno)->body, "Bruno's words");
}

TEST_F(LockRequests, TheSystemHandsOverOnlyAfterTheTimeout) {
  desk.ok(kBruno, cmd::RequestLock{});
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::AnswerLockRequest{true, ""}).code, RejectionCode::conflict);
  desk.advance(60 * kSecond);
  auto events = desk.ok(kSystemAgent, cmd::AnswerLockRequest{true, "no answer"});
  EXPECT_TRUE(payload<ev::LockHandedOver>(events[0]).automatic);
  EXPECT_EQ(desk.ticket.lock->holder, kBruno);
}

TEST_F(LockRequests, TheAutomationsHandOverWhenTheHolderIsIdleOrOffline) {
  desk.ok(kBruno, cmd::RequestLock{});
  EXPECT_FALSE(due_command(desk.ticket, desk.now + 59 * kSecond, desk.settings, std::nullopt));
  auto due = due_command(desk.ticket, desk.now + 60 * kSecond, desk.settings, std::nullopt);
  ASSERT_TRUE(due) << "idle: no typing on the ticket for the timeout";
  EXPECT_TRUE(std::get<cmd::AnswerLockRequest>(*due).hand_over);
}

TEST_F(LockRequests, AHolderWhoIsTypingMustAnswerThemselves) {
  desk.ok(kBruno, cmd::RequestLock{});
  desk.advance(50 * kSecond);
  desk.ok(kAlesia, draft("still working on it", desk.ticket.version));
  EXPECT_FALSE(due_command(desk.ticket, desk.now + 20 * kSecond, desk.settings, std::nullopt)) << "typed 20 s ago";
  EXPECT_FALSE(due_command(desk.ticket, desk.now + 20 * kSecond, desk.settings, desk.now + 10 * kSecond))
      << "offline for 10 s: a reload, not away";
  auto away = due_command(desk.ticket, desk.now + 45 * kSecond, desk.settings, desk.now + 10 * kSecond);
  ASSERT_TRUE(away) << "offline for the grace period right after typing";
  EXPECT_TRUE(std::holds_alternative<cmd::AnswerLockRequest>(*away)) << "handed to the requester, not released";
}

TEST_F(LockRequests, RenewingALockOpenOnScreenIsNotWorkingOnIt) {
  desk.ok(kBruno, cmd::RequestLock{});
  desk.advance(59 * kSecond);
  desk.ok(kAlesia, cmd::Renew{});
  auto due = due_command(desk.ticket, desk.now + kSecond, desk.settings, std::nullopt);
  ASSERT_TRUE(due);
  EXPECT_TRUE(std::holds_alternative<cmd::AnswerLockRequest>(*due));
}

TEST_F(LockRequests, TheHistoryShowsRequestAnswerAndHandOver) {
  desk.ok(kBruno, cmd::RequestLock{"urgent"});
  desk.ok(kAlesia, cmd::AnswerLockRequest{false, "nearly done"});
  desk.ok(kBruno, cmd::RequestLock{"really urgent"});
  desk.ok(kAlesia, cmd::AnswerLockRequest{true, ""});
  std::vector<std::string> logged;
  for (const Event& e : desk.history) logged.push_back(event_type(e));
  EXPECT_EQ(logged, (std::vector<std::string>{"created", "locked", "lock_requested", "lock_request_declined",
                                              "lock_requested", "lock_handed_over"}));
  Ticket replay = Ticket::blank(42, "CDOB-7212-OJRK");
  for (const Event& e : desk.history) replay = evolve(replay, e);
  EXPECT_EQ(replay, desk.ticket);
}

}  // namespace
}  // namespace baton::testing
