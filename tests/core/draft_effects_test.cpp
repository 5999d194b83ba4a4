// draft_effects(): which drafts an event saves or ends, as the server's drafts table needs to
// know, and always what evolve() does to the ticket's drafts.
#include <algorithm>

#include "baton/draft_effects.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

// The drafts after applying `effects` to `drafts` (one draft per author).
std::vector<Draft> applied(std::vector<Draft> drafts, const std::vector<DraftEffect>& effects) {
  for (const auto& effect : effects) {
    std::erase_if(drafts, [&](const Draft& d) { return d.author == effect.author; });
    if (effect.draft) drafts.push_back(*effect.draft);
  }
  return drafts;
}

std::vector<Draft> by_author(std::vector<Draft> drafts) {
  std::sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) { return a.author < b.author; });
  return drafts;
}

class DraftEffects : public ::testing::Test {
 protected:
  void SetUp() override { desk.created(); }
  // The effects of each event of an accepted command, each on the ticket just before it; also
  // checks that they change the drafts exactly as evolve() does.
  std::vector<DraftEffect> effects_of(AgentId who, const Command& command) {
    Ticket before = desk.ticket;
    std::vector<DraftEffect> out;
    for (const Event& e : desk.ok(who, command)) {
      auto effects = draft_effects(before, e);
      Ticket after = evolve(before, e);
      EXPECT_EQ(by_author(applied(before.drafts, effects)), by_author(after.drafts)) << event_type(e);
      out.insert(out.end(), effects.begin(), effects.end());
      before = after;
    }
    return out;
  }
  Desk desk;
};

TEST_F(DraftEffects, ASavedDraftIsReturnedAsItNowIs) {
  auto effects = effects_of(kAlesia, draft("Hi Hannah", desk.ticket.version));
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].author, kAlesia);
  ASSERT_TRUE(effects[0].draft);
  EXPECT_EQ(effects[0].draft->body, "Hi Hannah");
  EXPECT_EQ(effects[0].draft->updated_at, desk.now);
}

TEST_F(DraftEffects, ADiscardEndsTheAuthorsDraft) {
  effects_of(kAlesia, draft("Hi Hannah", desk.ticket.version));
  EXPECT_EQ(effects_of(kAlesia, cmd::DiscardDraft{}), (std::vector{DraftEffect{kAlesia, std::nullopt}}));
}

TEST_F(DraftEffects, AReplyEndsItsAuthorsReplyDraftOnly) {
  effects_of(kAlesia, draft("Hi Hannah", desk.ticket.version));
  effects_of(kBruno, draft("Hello from Bruno", desk.ticket.version));
  auto effects = effects_of(kAlesia, reply("Hi Hannah", desk.ticket.version, "k1"));
  EXPECT_EQ(effects, (std::vector{DraftEffect{kAlesia, std::nullopt}})) << "Bruno's draft survives";
  EXPECT_TRUE(desk.ticket.draft_of(kBruno));
}

TEST_F(DraftEffects, AReplyEndsADraftThisCopyOfTheTicketDoesNotHold) {
  // Saved through another server process: the row exists, this ticket does not show it.
  EXPECT_EQ(effects_of(kAlesia, reply("Hi Hannah", desk.ticket.version, "k1")),
            (std::vector{DraftEffect{kAlesia, std::nullopt}}));
}

TEST_F(DraftEffects, ANoteEndsTheNoteDraftAndLeavesAReplyDraft) {
  effects_of(kAlesia, draft("check warranty", desk.ticket.version, DraftKind::note));
  EXPECT_EQ(effects_of(kAlesia, cmd::Note{"check warranty"}), (std::vector{DraftEffect{kAlesia, std::nullopt}}));
  effects_of(kAlesia, draft("Hi Hannah", desk.ticket.version));
  EXPECT_TRUE(effects_of(kAlesia, cmd::Note{"called her"}).empty());
  EXPECT_TRUE(desk.ticket.draft_of(kAlesia)) << "the reply draft stays";
  EXPECT_TRUE(effects_of(kAlesia, reply("a reply", desk.ticket.version, "k2")).size() == 1);
  effects_of(kAlesia, draft("internal", desk.ticket.version, DraftKind::note));
  EXPECT_TRUE(effects_of(kAlesia, reply("another", desk.ticket.version, "k3")).empty()) << "a note draft stays";
}

TEST_F(DraftEffects, UndoSendEndsTheDraftGivesItBackAndADeliveryEndsNothing) {
  desk.settings.undo_send_secs = 10;
  effects_of(kAlesia, draft("Hi Hannah", desk.ticket.version));
  Version base = desk.ticket.version;
  EXPECT_EQ(effects_of(kAlesia, reply("Hi Hannah", base, "k1")), (std::vector{DraftEffect{kAlesia, std::nullopt}}));
  auto undone = effects_of(kAlesia, cmd::UndoSend{"k1"});
  ASSERT_EQ(undone.size(), 1u);
  ASSERT_TRUE(undone[0].draft);
  EXPECT_EQ(undone[0].draft->body, "Hi Hannah");

  effects_of(kAlesia, reply("Hi Hannah", desk.ticket.version, "k2"));
  effects_of(kAlesia, draft("P.S. one more thing", desk.ticket.version));
  desk.advance(11 * kSecond);
  EXPECT_TRUE(effects_of(kSystemAgent, cmd::DeliverReply{}).empty()) << "the draft started since is Alesia's";
  EXPECT_TRUE(desk.ticket.draft_of(kAlesia));
}

TEST_F(DraftEffects, OtherEventsTouchNoDraft) {
  effects_of(kAlesia, draft("Hi Hannah", desk.ticket.version));
  EXPECT_TRUE(effects_of(kAlesia, cmd::Lock{}).empty());
  EXPECT_TRUE(effects_of(kAlesia, cmd::Assign{kBruno}).empty());
  EXPECT_TRUE(effects_of(kAlesia, cmd::SetUrgency{3}).empty());
  EXPECT_TRUE(effects_of(kSystemAgent, cmd::Receive{"Any news?"}).empty());
  EXPECT_TRUE(desk.ticket.draft_of(kAlesia));
}

}  // namespace
}  // namespace baton::testing
