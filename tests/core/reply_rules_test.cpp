// Replies: blocked when the ticket changed while the agent was drafting, sent exactly once.
#include "support.hpp"

namespace baton::testing {
namespace {

class ReplyRules : public ::testing::Test {
 protected:
  void SetUp() override { desk.created(); }
  Desk desk;
};

TEST_F(ReplyRules, AReplyOnAnUnchangedTicketIsSent) {
  auto events = desk.ok(kAlesia, reply("Hi Hannah, could you tell us more?", desk.ticket.version, "k1"));
  ASSERT_EQ(types(events), std::vector<std::string>{"replied"});
  const Message& m = payload<ev::Replied>(events[0]).message;
  EXPECT_EQ(m.kind, MessageKind::reply);
  EXPECT_EQ(m.agent, kAlesia);
  EXPECT_EQ(m.id, 2);
  EXPECT_EQ(desk.ticket.message_count, 2);
  EXPECT_EQ(desk.ticket.status, Status::awaiting_user);
}

// Each kind of change that can surprise a drafting agent makes the reply stale.
struct StaleCase {
  const char* name;
  ChangeKind kind;
  std::function<void(Desk&)> change;
};

class StaleReply : public ::testing::TestWithParam<StaleCase> {};

TEST_P(StaleReply, IsHeldUntilTheAgentHasSeenTheChange) {
  Desk desk;
  desk.created();
  const Version base = desk.ticket.version;
  desk.ok(kAlesia, draft("Hi Hannah", base));
  GetParam().change(desk);
  Rejection r = desk.rejected(kAlesia, reply("Hi Hannah", base, "k1"));
  ASSERT_EQ(r.code, RejectionCode::stale);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, GetParam().kind);
  EXPECT_EQ(r.version, desk.ticket.version);
  EXPECT_EQ(http_status(r), 409);
  EXPECT_NE(desk.ticket.draft_of(kAlesia), nullptr) << "a held reply keeps its draft";
  // Confirming (sending against the version now seen) goes through.
  desk.ok(kAlesia, reply("Hi Hannah", desk.ticket.version, "k2"));
}

INSTANTIATE_TEST_SUITE_P(
    EveryKindOfChange, StaleReply,
    ::testing::Values(
        StaleCase{"CustomerMessage", ChangeKind::customer_message, [](Desk& d) { d.ok(kSystemAgent, cmd::Receive{"Hello?"}); }},
        StaleCase{"AnotherAgentsReply", ChangeKind::reply, [](Desk& d) { d.ok(kBruno, reply("On it", d.ticket.version, "b1")); }},
        StaleCase{"Note", ChangeKind::note, [](Desk& d) { d.ok(kBruno, cmd::Note{"Refund already issued"}); }},
        StaleCase{"Assignment", ChangeKind::assignment, [](Desk& d) { d.ok(kBruno, cmd::Take{}); }},
        StaleCase{"StatusChange", ChangeKind::status, [](Desk& d) { d.ok(kBruno, cmd::SetStatus{Status::resolved}); }}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ReplyRules, LockChangesUrgencyAndDraftsDoNotMakeAReplyStale) {
  const Version base = desk.ticket.version;
  desk.ok(kBruno, cmd::Lock{});
  desk.ok(kBruno, cmd::SetUrgency{2});
  desk.ok(kBruno, cmd::Unlock{});
  desk.ok(kBruno, draft("my own take", desk.ticket.version));
  desk.ok(kAlesia, reply("Hi", base, "k1"));
}

TEST_F(ReplyRules, MyOwnChangesDoNotMakeMyReplyStale) {
  const Version base = desk.ticket.version;
  desk.ok(kAlesia, cmd::Take{});
  desk.ok(kAlesia, cmd::Note{"checking the service log"});
  desk.ok(kAlesia, reply("Hi", base, "k1"));
}

TEST_F(ReplyRules, TheStaleRejectionListsEveryChangeSinceTheBase) {
  const Version base = desk.ticket.version;
  desk.ok(kSystemAgent, cmd::Receive{"Hello?"});
  desk.ok(kBruno, cmd::Note{"call her"});
  Rejection r = desk.rejected(kAlesia, reply("Hi", base, "k1"));
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].kind, ChangeKind::customer_message);
  EXPECT_EQ(r.changes[1].kind, ChangeKind::note);
  EXPECT_EQ(r.changes[1].actor, kBruno);
}

TEST_F(ReplyRules, TheSameIdempotencyKeyGivesTheSameResultAndOneMessage) {
  auto sent = desk.ok(kAlesia, reply("Hi Hannah", desk.ticket.version, "retry-me"));
  const auto message_id = payload<ev::Replied>(sent[0]).message.id;
  const auto count = desk.ticket.message_count;
  // The retry comes with the old base version: the key is recognised before staleness.
  Rejection again = desk.rejected(kAlesia, reply("Hi Hannah", 1, "retry-me"));
  EXPECT_EQ(again.code, RejectionCode::duplicate);
  EXPECT_EQ(again.message_id, message_id);
  EXPECT_EQ(http_status(again), 200);
  EXPECT_EQ(desk.ticket.message_count, count);
}

TEST_F(ReplyRules, ADuplicateIsRecognisedEvenAfterTheLockWentToSomeoneElse) {
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kAlesia, reply("Hi", desk.ticket.version, "k1"));  // unlocks on reply
  desk.ok(kBruno, cmd::Lock{});
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", 2, "k1")).code, RejectionCode::duplicate);
}

TEST_F(ReplyRules, AnotherAgentsKeyIsAConflict) {
  desk.ok(kAlesia, reply("Hi", desk.ticket.version, "k1"));
  EXPECT_EQ(desk.rejected(kBruno, reply("Hi", desk.ticket.version, "k1")).code, RejectionCode::conflict);
}

TEST_F(ReplyRules, ReplyingReleasesMyLockWhenTheSettingSaysSo) {
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAlesia, reply("Done", desk.ticket.version, "k1"));
  ASSERT_EQ(types(events), (std::vector<std::string>{"replied", "unlocked"}));
  EXPECT_EQ(payload<ev::Unlocked>(events[1]).reason, UnlockReason::replied);
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(ReplyRules, ReplyingKeepsMyLockWhenTheSettingIsOff) {
  desk.settings.unlock_on_reply = false;
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAlesia, reply("Done", desk.ticket.version, "k1"));
  ASSERT_EQ(types(events), std::vector<std::string>{"replied"});
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
}

TEST_F(ReplyRules, BadRepliesAreInvalidAndNameTheField) {
  EXPECT_EQ(desk.rejected(kAlesia, reply("   ", desk.ticket.version, "k1")).field, "body");
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", desk.ticket.version, "")).field, "idempotency_key");
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", desk.ticket.version + 5, "k1")).field, "base_version");
  desk.settings.max_body_bytes = 1024;
  Rejection big = desk.rejected(kAlesia, reply(std::string(1025, 'x'), desk.ticket.version, "k1"));
  EXPECT_EQ(big.reason, InvalidReason::too_large);
  EXPECT_EQ(http_status(big), 413);
  EXPECT_EQ(desk.ticket.message_count, 1);
}

TEST_F(ReplyRules, ACustomerMessageReopensAResolvedTicket) {
  desk.ok(kAlesia, cmd::SetStatus{Status::resolved});
  desk.ok(kSystemAgent, cmd::Receive{"It is hissing again"});
  EXPECT_EQ(desk.ticket.status, Status::awaiting_agent);
}

TEST_F(ReplyRules, OnlyTheSystemRecordsCustomerMessages) {
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Receive{"I am the customer"}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.rejected(kAdmin, cmd::Receive{"So am I"}).code, RejectionCode::forbidden);
}

}  // namespace
}  // namespace baton::testing
