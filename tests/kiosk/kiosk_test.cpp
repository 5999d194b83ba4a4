// The training kiosk headless: the real workspace against the in-process helpdesk, the trainee
// following the whole tour through the workspace's own intents, while simulated time passes.
#include <gtest/gtest.h>

#include "fakes.hpp"
#include "kiosk.hpp"
#include "list_rows.hpp"

namespace baton::kiosk {
namespace {

using shell::testing::FakePlatform;
using shell::testing::Headless;
namespace intent = shell::intent;

class KioskTest : public ::testing::Test {
 protected:
  FakePlatform platform;
  Headless ui;
  std::unique_ptr<Kiosk> kiosk;
  std::unique_ptr<shell::Workspace> ws;

  void SetUp() override {
    platform.storage["baton.token"] = "kiosk";  // the kiosk starts logged in as the trainee
    kiosk = std::make_unique<Kiosk>(7212, platform.now);
    ws = std::make_unique<shell::Workspace>(platform, platform.store, kiosk->net());
    ws->set_tour(&kiosk->tour());
    ws->start();
    run_for(1000);
  }
  // Simulated time passes: the world moves and the workspace draws, 50 ms a turn.
  void run_for(Time ms, Time turn = 50) {
    for (Time t = 0; t < ms; t += turn) {
      platform.now += turn;
      kiosk->pump(platform.now);
      ui.frame(*ws);
    }
  }
  const shell::AppState& state() { return ws->app().state(); }
  void act(shell::Intent i) {
    ws->app().handle({std::move(i)});
    run_for(300);
  }
};

TEST_F(KioskTest, StartsLoggedInWithTheStorysTicketsAndNoServer) {
  EXPECT_EQ(shell::hook::screen(), "workspace");
  EXPECT_EQ(state().me->name, "You (trainee)");
  EXPECT_GE(shell::list_row_count(state()), 10u);
  EXPECT_TRUE(Headless::find("tour-next"));
  EXPECT_TRUE(Headless::shows("Step 1 of 6"));
}

TEST_F(KioskTest, TheTraineeFollowsTheWholeTour) {
  const Story& story = kiosk->story();
  shell::Tour& tour = kiosk->tour();
  // 1. A colleague is drafting: open the ticket and read Alesia's reply as she types it.
  run_for(4000);
  act(intent::Open{story.drafting});
  run_for(2500);
  EXPECT_TRUE(Headless::shows("Alesia Burvin is writing a reply"));
  EXPECT_EQ(tour.index(), 1u) << "the tour noticed and moved on";
  // 2. A locked ticket: the banner and the refusal.
  act(intent::Open{story.locked});
  EXPECT_TRUE(Headless::shows("Locked by Marcus Lindqvist"));
  EXPECT_FALSE(Headless::find("send")->enabled);
  run_for(2000);
  EXPECT_EQ(tour.index(), 2u);
  // 3. Mine.
  act(intent::Open{story.yours});
  act(intent::Run{story.yours, cmd::Take{}, "take"});
  run_for(2000);
  EXPECT_EQ(tour.index(), 3u);
  // 4. Lock it; Priya comes by and can only draft.
  act(intent::Run{story.yours, cmd::Lock{}, "lock"});
  run_for(6000);
  EXPECT_TRUE(Headless::shows("Priya Raman is writing a reply"));
  EXPECT_EQ(tour.index(), 4u);
  // 5. Write a reply; the customer writes again; the send is held; Send anyway.
  ws->app().editor_text("Hi Oliver, your refund is on its way.");
  run_for(4000);
  act(intent::Send{});
  run_for(500);
  ASSERT_TRUE(state().composer.stale) << "held as stale: the customer wrote while I drafted";
  EXPECT_TRUE(Headless::shows("Oliver Schmidt wrote again"));
  act(intent::SendAnyway{});
  run_for(2000);
  EXPECT_EQ(tour.index(), 5u);
  // 6. History.
  act(intent::ShowTab{shell::PaneTab::history});
  run_for(2000);
  EXPECT_TRUE(Headless::shows("You (trainee) locked the ticket"));
  EXPECT_TRUE(tour.free_play());
  // Free play: the colleagues keep working.
  const Seq before = kiosk->engine().last_seq();
  run_for(60'000, 250);
  EXPECT_GT(kiosk->engine().last_seq(), before);
}

}  // namespace
}  // namespace baton::kiosk

namespace baton::kiosk {
namespace {

TEST_F(KioskTest, MarcusHandsHisLockOverWhenTheTraineeAsks) {
  const Story& story = kiosk->story();
  act(intent::Open{story.locked});
  ASSERT_TRUE(Headless::find("ask-lock"));
  act(intent::Run{story.locked, cmd::RequestLock{"a customer is on the phone"}, "ask for the lock"});
  EXPECT_TRUE(Headless::shows("You asked Marcus Lindqvist"));
  run_for(5000);
  EXPECT_TRUE(Headless::shows("Marcus Lindqvist handed the lock to you"));
  EXPECT_TRUE(Headless::shows("You hold the lock"));
  EXPECT_EQ(kiosk->engine().ticket(story.locked)->lock->holder, story.trainee);
}

// The kiosk draws the same thread: in a short window, Alesia's draft at the thread's end stays in
// view as she types, and once the trainee scrolls up it is pinned above the composer.
TEST_F(KioskTest, AColleaguesDraftStaysInViewAsSheTypesAndWhenTheTraineeScrollsUp) {
  ImGui::GetIO().DisplaySize = ImVec2(1200, 620);
  const Story& story = kiosk->story();
  run_for(4000);
  act(intent::Open{story.drafting});
  run_for(1500);
  const std::string draft = "draft-" + std::to_string(story.alesia);
  auto inside_thread = [](const std::string& id) {
    const auto* w = Headless::find(id);
    const auto* thread = Headless::find("thread");
    return w && thread && w->y >= thread->y - 1 && w->y + w->h <= thread->y + thread->h + 1;
  };
  ASSERT_TRUE(inside_thread(draft)) << "her draft at the end of the thread, in view";
  run_for(1500);
  EXPECT_TRUE(inside_thread(draft)) << "still in view as it grows";
  const auto* thread = Headless::find("thread");
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(thread->x + thread->w / 2, thread->y + 20);
  ui.frame(*ws);
  io.AddMouseWheelEvent(0, 20);
  ui.frame(*ws);
  run_for(1500);
  EXPECT_FALSE(Headless::find(draft)) << "scrolled up above it";
  const auto* pinned = Headless::find("pinned-" + draft);
  ASSERT_TRUE(pinned) << "pinned above the composer";
  EXPECT_LE(pinned->y + pinned->h, Headless::find("composer")->y + 1);
  EXPECT_TRUE(Headless::shows("Alesia Burvin is writing a reply"));
}

// The workspace tells the server the language the trainee chose (PUT /api/me/preferences): the
// in-process helpdesk answers it as serve.py does, so nothing says it could not be saved.
TEST_F(KioskTest, ChoosingALanguageIsKeptByTheInProcessHelpdeskWithoutAnError) {
  act(intent::ChooseLanguage{"ja"});
  EXPECT_EQ(state().language_preference, "ja") << "as the helpdesk answered";
  EXPECT_FALSE(state().status_is_error) << state().status;
  act(intent::ChooseLanguage{""});
  EXPECT_EQ(state().language_preference, "");
  EXPECT_FALSE(state().status_is_error) << state().status;
  shell::i18n::use("en");
}

}  // namespace
}  // namespace baton::kiosk
