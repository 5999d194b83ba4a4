// Undo send: a reply waits settings.undo_send_secs before it goes to the customer; its author can
// take it back as their draft; it is delivered or undone, never both; one delivery per key.
#include "baton/automation.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

class UndoSend : public ::testing::Test {
 protected:
  void SetUp() override {
    desk.settings.undo_send_secs = 10;
    desk.created();
    desk.ok(kAlesia, cmd::Lock{});
    desk.ok(kAlesia, draft("Hi Hannah, an engineer is on the way.", desk.ticket.version));
    base = desk.ticket.version;
  }
  std::vector<Event> send(const std::string& key = "k1") {
    return desk.ok(kAlesia, reply("Hi Hannah, an engineer is on the way.", base, key));
  }
  Desk desk;
  Version base = 0;
};

TEST_F(UndoSend, ASentReplyWaitsOutTheWindow) {
  auto events = send();
  ASSERT_EQ(types(events), std::vector<std::string>{"reply_queued"});
  ASSERT_TRUE(desk.ticket.pending_reply);
  EXPECT_EQ(desk.ticket.pending_reply->deliver_at, desk.now + 10 * kSecond);
  EXPECT_EQ(desk.ticket.messages.size(), 1u) << "the customer has nothing yet";
  EXPECT_FALSE(desk.ticket.draft_of(kAlesia)) << "the composer is empty";
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia) << "the lock is kept until it goes out";
}

TEST_F(UndoSend, UndoReturnsTheReplyToTheDraftExactly) {
  send();
  desk.advance(4 * kSecond);
  auto events = desk.ok(kAlesia, cmd::UndoSend{"k1"});
  ASSERT_EQ(types(events), std::vector<std::string>{"send_undone"});
  EXPECT_FALSE(desk.ticket.pending_reply);
  ASSERT_TRUE(desk.ticket.draft_of(kAlesia));
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Hi Hannah, an engineer is on the way.");
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->base_version, base);
  EXPECT_FALSE(due_command(desk.ticket, desk.now + 60 * kSecond, desk.settings, std::nullopt).has_value() &&
               std::holds_alternative<cmd::DeliverReply>(*due_command(desk.ticket, desk.now + 60 * kSecond, desk.settings, std::nullopt)));
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::DeliverReply{}).code, RejectionCode::conflict) << "never both";
  EXPECT_EQ(desk.rejected(kAlesia, reply("again", base, "k1")).code, RejectionCode::conflict) << "an undone key stays used";
}

TEST_F(UndoSend, WhatWasTypedSinceIsKeptAfterTheUndoneReply) {
  send();
  desk.ok(kAlesia, draft("P.S. thanks", desk.ticket.version));
  desk.ok(kAlesia, cmd::UndoSend{"k1"});
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Hi Hannah, an engineer is on the way.\n\nP.S. thanks");
}

TEST_F(UndoSend, OnlyTheAuthorUndoesAndOnlyWithinTheWindow) {
  send();
  EXPECT_EQ(desk.rejected(kBruno, cmd::UndoSend{"k1"}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::UndoSend{"other"}).code, RejectionCode::not_found);
  desk.advance(10 * kSecond);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::UndoSend{"k1"}).code, RejectionCode::conflict);
}

TEST_F(UndoSend, TheAutomationsDeliverItOnceAfterTheWindow) {
  send();
  EXPECT_FALSE(due_command(desk.ticket, desk.now + 9 * kSecond, desk.settings, std::nullopt));
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::DeliverReply{}).code, RejectionCode::conflict);
  desk.advance(10 * kSecond);
  auto due = due_command(desk.ticket, desk.now, desk.settings, std::nullopt);
  ASSERT_TRUE(due);
  ASSERT_TRUE(std::holds_alternative<cmd::DeliverReply>(*due));
  auto events = desk.ok(kSystemAgent, *due);
  ASSERT_EQ(types(events), (std::vector<std::string>{"replied", "unlocked"}));
  EXPECT_EQ(events[0].actor, kAlesia) << "the author replied, not the timer";
  EXPECT_EQ(desk.ticket.messages.back().body, "Hi Hannah, an engineer is on the way.");
  EXPECT_EQ(desk.ticket.status, Status::awaiting_user);
  EXPECT_FALSE(desk.ticket.pending_reply);
  EXPECT_FALSE(desk.ticket.lock);
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::DeliverReply{}).code, RejectionCode::conflict);
  Rejection retry = desk.rejected(kAlesia, reply("Hi Hannah, an engineer is on the way.", base, "k1"));
  EXPECT_EQ(retry.code, RejectionCode::duplicate);
  EXPECT_EQ(retry.message_id, desk.ticket.messages.back().id);
}

TEST_F(UndoSend, ARetryDuringTheWindowFindsThePendingReply) {
  send();
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi Hannah, an engineer is on the way.", base, "k1")).code, RejectionCode::duplicate);
  EXPECT_EQ(desk.rejected(kAlesia, reply("Another", desk.ticket.version, "k2")).code, RejectionCode::conflict);
}

TEST_F(UndoSend, NobodyElseRepliesDuringTheWindowAndTheirDraftsGoStale) {
  desk.ok(kBruno, draft("Bruno's answer", base));
  send();
  desk.ok(kAlesia, cmd::Unlock{});
  Rejection during = desk.rejected(kBruno, reply("Bruno's answer", desk.ticket.version, "b1"));
  EXPECT_EQ(during.code, RejectionCode::conflict);
  EXPECT_NE(during.message.find("Alesia Burvin"), std::string::npos);
  desk.advance(10 * kSecond);
  desk.ok(kSystemAgent, cmd::DeliverReply{});
  Rejection after = desk.rejected(kBruno, reply("Bruno's answer", base, "b1"));
  EXPECT_EQ(after.code, RejectionCode::stale) << "the queued reply counts as a change";
  ASSERT_EQ(after.changes.size(), 1u) << "one reply, one change (queued), not two";
  EXPECT_EQ(after.changes[0].actor, kAlesia);
}

TEST_F(UndoSend, ADraftStartedDuringTheWindowSurvivesTheDelivery) {
  send();
  desk.ok(kAlesia, draft("follow-up", desk.ticket.version));
  desk.advance(10 * kSecond);
  desk.ok(kSystemAgent, cmd::DeliverReply{});
  ASSERT_TRUE(desk.ticket.draft_of(kAlesia));
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "follow-up");
}

TEST_F(UndoSend, ReplayingTheLogRebuildsThePendingReply) {
  send();
  Ticket replay = Ticket::blank(42, "CDOB-7212-OJRK");
  for (const Event& e : desk.history) replay = evolve(replay, e);
  EXPECT_EQ(replay.pending_reply, desk.ticket.pending_reply);
  EXPECT_EQ(replay.reply_keys, desk.ticket.reply_keys);
}

TEST_F(UndoSend, ZeroSecondsSendsAtOnce) {
  desk.settings.undo_send_secs = 0;
  EXPECT_EQ(types(send()), (std::vector<std::string>{"replied", "unlocked"}));
}

}  // namespace
}  // namespace baton::testing
