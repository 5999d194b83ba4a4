// Lock on typing (settings.lock_mode = on_typing): the first keystroke of a reply takes a free
// ticket; others' typing is refused before it lands; the lock ends when typing stops, on send or
// discard. Notes never lock.
#include "baton/automation.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

class LockOnTyping : public ::testing::Test {
 protected:
  void SetUp() override {
    desk.settings.lock_mode = LockMode::on_typing;
    desk.created();
  }
  Desk desk;
};

TEST_F(LockOnTyping, TheFirstKeystrokeOfAReplyLocksAFreeTicket) {
  auto events = desk.ok(kAlesia, draft("H", desk.ticket.version));
  ASSERT_EQ(types(events), (std::vector<std::string>{"locked", "draft_saved"}));
  EXPECT_EQ(payload<ev::Locked>(events[0]).reason, LockReason::typing);
  ASSERT_TRUE(desk.ticket.lock);
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
  EXPECT_EQ(desk.ticket.lock->reason, LockReason::typing);
  EXPECT_EQ(types(desk.ok(kAlesia, draft("Hi", desk.ticket.version))), std::vector<std::string>{"draft_saved"});
}

TEST_F(LockOnTyping, SomeoneElsesTypingIsRefusedNamingTheHolder) {
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  Rejection r = desk.rejected(kBruno, draft("H", desk.ticket.version));
  EXPECT_EQ(r.code, RejectionCode::locked);
  EXPECT_EQ(r.holder, kAlesia);
  EXPECT_NE(r.message.find("Alesia Burvin"), std::string::npos);
  EXPECT_FALSE(desk.ticket.draft_of(kBruno));
}

TEST_F(LockOnTyping, ADraftWrittenBeforeTheLockIsNeverLost) {
  desk.ok(kBruno, draft("Bruno started", desk.ticket.version, DraftKind::note));
  desk.settings.lock_mode = LockMode::manual;
  desk.ok(kBruno, draft("Bruno's reply", desk.ticket.version));
  desk.settings.lock_mode = LockMode::on_typing;
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kBruno, draft("Bruno's reply, more", desk.ticket.version));  // carrying on with his own draft
}

TEST_F(LockOnTyping, NotesAndBlankDraftsNeverLock) {
  desk.ok(kAlesia, draft("internal: check the warranty", desk.ticket.version, DraftKind::note));
  desk.ok(kAlesia, draft("   ", desk.ticket.version));
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(LockOnTyping, ManualModeNeverLocksByTyping) {
  desk.settings.lock_mode = LockMode::manual;
  desk.ok(kAlesia, draft("Hi", desk.ticket.version));
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(LockOnTyping, SendingReleasesTheTypingLockWhateverUnlockOnReplySays) {
  desk.settings.unlock_on_reply = false;
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  auto events = desk.ok(kAlesia, reply("Hi Hannah", desk.ticket.version, "k1"));
  EXPECT_EQ(types(events), (std::vector<std::string>{"replied", "unlocked"}));
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(LockOnTyping, DiscardingTheDraftReleasesTheTypingLock) {
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  auto events = desk.ok(kAlesia, cmd::DiscardDraft{});
  EXPECT_EQ(types(events), (std::vector<std::string>{"draft_discarded", "unlocked"}));
  EXPECT_EQ(payload<ev::Unlocked>(events[1]).reason, UnlockReason::discarded);
  EXPECT_FALSE(desk.ticket.lock);
}

TEST_F(LockOnTyping, TheLockIsReleasedAfterIdleReleaseSecsWithoutTyping) {
  desk.ok(kAlesia, draft("Hi", desk.ticket.version));
  desk.advance(100 * kSecond);
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));  // typing renews it
  EXPECT_FALSE(due_command(desk.ticket, desk.now + 119 * kSecond, desk.settings, std::nullopt));
  auto due = due_command(desk.ticket, desk.now + 120 * kSecond, desk.settings, std::nullopt);
  ASSERT_TRUE(due);
  EXPECT_EQ(std::get<cmd::Release>(*due).reason, UnlockReason::idle);
  EXPECT_EQ(desk.rejected(kSystemAgent, *due).code, RejectionCode::conflict) << "not yet at desk.now";
  desk.advance(120 * kSecond);
  auto events = desk.ok(kSystemAgent, *due);
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::idle);
  EXPECT_TRUE(desk.ticket.draft_of(kAlesia)) << "the draft stays";
}

TEST_F(LockOnTyping, AManualLockIsNeverReleasedForIdleness) {
  desk.ok(kAlesia, cmd::Lock{});
  desk.advance(200 * kSecond);
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::Release{UnlockReason::idle, std::nullopt}).code, RejectionCode::conflict);
}

}  // namespace
}  // namespace baton::testing
