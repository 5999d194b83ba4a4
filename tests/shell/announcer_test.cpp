// What a screen reader hears of what changed while nobody pressed anything (issue 15.2): said once,
// when it happens, through the frame's announcements the page puts in its aria-live regions.
#include "i18n/words.hpp"
#include "semantics.hpp"
#include "thread_follow.hpp"
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
  // Alesia locks ticket 1 (the live event; drawn at the next frame).
  void alesia_locks() {
    net.push(event(11, 10, Event{0, 1, kAlesiaColleague, now, 4, ev::Locked{kAlesiaColleague, now + 600'000, LockReason::manual}}));
  }
};

TEST_F(Announcements, AColleagueLockingAndUnlockingTheOpenTicketIsSaidOnce) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  said();
  alesia_locks();
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvin locked this ticket"});
  ui.frame(ws);
  EXPECT_EQ(said(), Said{}) << "said once, not every frame";
  net.push(event(12, 11, Event{0, 1, kAlesiaColleague, now, 5, ev::Unlocked{kAlesiaColleague, UnlockReason::manual}}));
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvin unlocked this ticket"});
}

// A runner lays out several passes and publishes only the last: news said in the first pass (where
// it arrived) reaches the platform with the shown one, once; the next turn's passes say nothing.
TEST_F(Announcements, NewsFromAPassNotShownIsSaidWithTheShownPassOnce) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  said();
  alesia_locks();
  ws.passes_wanted(true);
  Headless::pass(ws);
  EXPECT_EQ(said(), Said{}) << "nothing published yet";
  Headless::pass(ws);
  Headless::pass(ws);
  ws.publish();
  EXPECT_EQ(said(), Said{"Alesia Burvin locked this ticket"});
  Headless::pass(ws);
  Headless::pass(ws);
  ws.publish();
  EXPECT_EQ(said(), Said{}) << "said once";
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

// A conversation longer than the pane, so the agent can scroll up from its newest end.
Ticket long_ticket(Time now) {
  Ticket t = make_ticket(1, now - 5'000);
  t.messages.clear();
  for (int i = 1; i <= 30; ++i)
    t.messages.push_back(Message{i, MessageKind::customer, std::nullopt,
                                 "Message " + std::to_string(i) + ": the boiler hisses every morning when the heating starts, "
                                 "and the pressure gauge drops below one bar by the evening.",
                                 now - (30 - i) * 60'000});
  t.message_count = 30;
  return t;
}

TEST_F(Announcements, MessagesArrivingBelowWhereTheAgentReadsAreSaidOncePerArrival) {
  const Ticket t = long_ticket(now);
  log_in({t});
  open(t);
  auto note = [&](Seq seq, std::int64_t id) {
    net.push(event(seq, seq - 1, Event{0, 1, kAlesiaColleague, now, 3 + (seq - 10), ev::NoteAdded{Message{id, MessageKind::note, kAlesiaColleague, "Called her back.", now}}}));
    ui.frame(ws);
  };
  note(11, 31);
  EXPECT_EQ(said(), Said{}) << "at the end, the note comes into view: nothing to say";
  const hook::Widget* thread = Headless::find("thread");
  ASSERT_TRUE(thread);
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(thread->x + thread->w / 2, thread->y + thread->h / 2);
  ui.frame(ws);
  io.AddMouseWheelEvent(0, 3);  // up, away from the end
  ui.frame(ws);
  ui.frame(ws);
  ASSERT_FALSE(app().edits().thread.following());
  said();
  note(12, 32);
  ASSERT_TRUE(Headless::find("new-below"));
  EXPECT_EQ(said(), Said{"New note from Alesia Burvin, below where you are reading"});
  ui.frame(ws);
  ui.frame(ws);
  EXPECT_EQ(said(), Said{}) << "once, not every frame the marker shows";
  note(13, 33);
  EXPECT_EQ(said(), Said{"2 new messages from Alesia Burvin, below where you are reading"}) << "the next arrival";
  EXPECT_EQ(said(true), Said{}) << "politely";
  ui.click(ws, "new-below");
  EXPECT_EQ(said(), Said{}) << "going down to them says nothing";
}

TEST_F(Announcements, AnnouncementsSpeakTheAgentsLanguage) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  app().handle({intent::ChooseLanguage{"ja"}});
  open(t);
  alesia_locks();
  ui.frame(ws);
  EXPECT_EQ(said(), Said{"Alesia Burvinさんがこのチケットをロックしました"});
  EXPECT_EQ(tr("announce.new_below", {{"what", new_below_words(NewBelow{1, MessageKind::note, kAlesiaColleague, true}, state().directory, "")}}),
            "Alesia Burvin からの新しいメモ (読んでいる位置より下)");
  app().handle({intent::ChooseLanguage{"en"}});
}

}  // namespace
}  // namespace baton::shell::testing
