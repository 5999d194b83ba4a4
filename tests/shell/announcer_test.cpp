// What a screen reader hears of what changed while nobody pressed anything (issue 15.2): said once,
// when it happens, through the frame's announcements the page puts in its aria-live regions.
#include "semantics.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

constexpr AgentId kAlesiaColleague = kAlesia;

using Said = std::vector<std::string>;

class Announcements : public WorkspaceTest {
 protected:
  // What was said since the last call (polite, or assertive).
  Said said(bool assertive = false) {
    Said out;
    for (const auto& a : platform.said)
      if (a.assertive == assertive) out.push_back(a.text);
    std::erase_if(platform.said, [&](const sem::Announcement& a) { return a.assertive == assertive; });
    return out;
  }
};

TEST_F(Announcements, AColleagueLockingAndUnlockingTheOpenTicketIsSaidOnce) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  said();
  net.push(event(11, 10, Event{0, 1, kAlesiaColleague, now, 4, ev::Locked{kAlesiaColleague, now + 600'000, LockReason::manual}}));
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvin locked this ticket"});
  ui.frame(ws);
  EXPECT_EQ(said(), Said{}) << "said once, not every frame";
  net.push(event(12, 11, Event{0, 1, kAlesiaColleague, now, 5, ev::Unlocked{kAlesiaColleague, UnlockReason::manual}}));
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvin unlocked this ticket"});
}

TEST_F(Announcements, AColleagueStartingAReplyIsSaidOnceNotPerKeystroke) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  auto type = [&](const std::string& body) {
    net.push({{"type", "draft"}, {"ticket", 1}, {"author", kAlesiaColleague},
              {"draft", protocol::to_json(Draft{kAlesiaColleague, DraftKind::reply, body, 3, now})}});
    ui.frame(ws);
  };
  type("H");
  EXPECT_EQ(said(), Said{"Alesia Burvin started writing a reply"});
  type("Hi");
  EXPECT_EQ(said(), Said{});
  type("Hi Hannah");
  EXPECT_EQ(said(), Said{});
}

TEST_F(Announcements, ARequestForMyLockInterruptsAndAHandOverToMeIsSaid) {
  Ticket mine = make_ticket(1, now - 5'000), theirs = make_ticket(2, now - 9'000);
  mine.lock = Lock{kMarcus, now - 60'000, now - 60'000, now + 600'000};
  theirs.lock = Lock{kAlesiaColleague, now - 60'000, now - 60'000, now + 600'000};
  log_in({mine, theirs});
  open(theirs);
  net.push(event(11, 10, Event{0, 1, kAlesiaColleague, now, 4, ev::LockRequested{kAlesiaColleague, kMarcus, "urgent callback"}}));
  ui.frame(ws);
  EXPECT_EQ(said(true), Said{"Alesia Burvin asks for your lock"});
  net.push(event(12, 11, Event{0, 2, kAlesiaColleague, now, 5, ev::LockHandedOver{kAlesiaColleague, kMarcus, now + 900'000, false}}));
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvin handed the lock to you"});
}

TEST_F(Announcements, TheConnectionDroppingAndComingBackIsSaid) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  said();
  net.socket.closed({1006, "", 0});
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Connection lost: your draft is kept on this device"});
  now += 60'000;
  ui.frame(ws);
  ASSERT_EQ(net.sockets_opened, 2) << "it reconnects";
  net.socket.opened();
  net.push({{"type", "live"}, {"seq", 10}});
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Connected again: live updates are back"});
}

TEST_F(Announcements, AnnouncementsSpeakTheAgentsLanguage) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  app().handle({intent::ChooseLanguage{"ja"}});
  open(t);
  net.push(event(11, 10, Event{0, 1, kAlesiaColleague, now, 4, ev::Locked{kAlesiaColleague, now + 600'000, LockReason::manual}}));
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvinさんがこのチケットをロックしました"});
  app().handle({intent::ChooseLanguage{"en"}});
}

}  // namespace
}  // namespace baton::shell::testing
