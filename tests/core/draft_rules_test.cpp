// Drafts: "other Agents who have access to view the Ticket will be able to see any draft response
// that another Agent is working on" - and a draft is never lost.
#include "support.hpp"

namespace baton::testing {
namespace {

class DraftRules : public ::testing::Test {
 protected:
  void SetUp() override { desk.created(); }
  Desk desk;
};

TEST_F(DraftRules, EachAgentHasTheirOwnDraftAndEveryViewerSeesAll) {
  desk.ok(kAlesia, draft("Hi Hannah, thank you for reaching out", desk.ticket.version));
  desk.ok(kBruno, draft("Internal: boiler model?", desk.ticket.version, DraftKind::note));
  ASSERT_EQ(desk.ticket.drafts.size(), 2u);
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Hi Hannah, thank you for reaching out");
  EXPECT_EQ(desk.ticket.draft_of(kBruno)->kind, DraftKind::note);
}

TEST_F(DraftRules, SavingAgainReplacesMyDraftAndStampsTheTime) {
  desk.ok(kAlesia, draft("Hi", desk.ticket.version));
  desk.advance(19 * kSecond);
  auto events = desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  EXPECT_TRUE(events[0].ephemeral());
  ASSERT_EQ(desk.ticket.drafts.size(), 1u);
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Hi Hannah");
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->updated_at, kStart + 19 * kSecond);
}

TEST_F(DraftRules, DraftsAreNotAuditEventsAndDoNotChangeTheVersion) {
  const Version v = desk.ticket.version;
  const Time updated = desk.ticket.updated_at;
  desk.advance(kSecond);
  desk.ok(kAlesia, draft("typing...", v));
  EXPECT_EQ(desk.ticket.version, v);
  EXPECT_EQ(desk.ticket.updated_at, updated);  // typing does not reorder the ticket list
}

TEST_F(DraftRules, SendingTheReplyDiscardsItsDraftOnly) {
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  desk.ok(kBruno, draft("Hi from Bruno", desk.ticket.version));
  desk.ok(kAlesia, reply("Hi Hannah", desk.ticket.version, "k1"));
  EXPECT_EQ(desk.ticket.draft_of(kAlesia), nullptr);
  ASSERT_NE(desk.ticket.draft_of(kBruno), nullptr);
}

TEST_F(DraftRules, AddingTheNoteDiscardsANoteDraft) {
  desk.ok(kAlesia, draft("check warranty", desk.ticket.version, DraftKind::note));
  desk.ok(kAlesia, cmd::Note{"check warranty"});
  EXPECT_EQ(desk.ticket.draft_of(kAlesia), nullptr);
}

TEST_F(DraftRules, ADraftSurvivesReassignmentLockChangesAndStatusChanges) {
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kAlesia, cmd::Assign{kBruno});  // also releases the lock
  desk.ok(kBruno, cmd::Lock{});
  desk.ok(kBruno, cmd::SetStatus{Status::pending});
  desk.ok(kBruno, cmd::Unlock{});
  desk.ok(kAdmin, cmd::Assign{std::nullopt});
  desk.ok(kSystemAgent, cmd::Receive{"any update?"});
  ASSERT_NE(desk.ticket.draft_of(kAlesia), nullptr);
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Hi Hannah");
}

TEST_F(DraftRules, DiscardingRemovesMyDraft) {
  desk.ok(kAlesia, draft("never mind", desk.ticket.version));
  desk.ok(kAlesia, cmd::DiscardDraft{});
  EXPECT_EQ(desk.ticket.draft_of(kAlesia), nullptr);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::DiscardDraft{}).code, RejectionCode::not_found);
}

TEST_F(DraftRules, ADraftTooLargeIsRefusedAndTheOldOneKept) {
  desk.settings.max_body_bytes = 1024;
  desk.ok(kAlesia, draft("Hi", desk.ticket.version));
  Rejection r = desk.rejected(kAlesia, draft(std::string(2000, 'x'), desk.ticket.version));
  EXPECT_EQ(r.field, "body");
  EXPECT_EQ(r.reason, InvalidReason::too_large);
  EXPECT_EQ(desk.ticket.draft_of(kAlesia)->body, "Hi");
}

TEST_F(DraftRules, ADraftMustBeBasedOnAVersionThatExists) {
  EXPECT_EQ(desk.rejected(kAlesia, draft("Hi", desk.ticket.version + 1)).field, "base_version");
}

}  // namespace
}  // namespace baton::testing
