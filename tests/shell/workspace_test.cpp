// The workspace as an agent uses it, headless: the real App and views against a scripted server.
// Each test logs in, gets answers and live messages, and reads what the frame shows (test hook).
#include <gtest/gtest.h>

#include "list_rows.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, LoggingInShowsTheListAndKeepsTheSession) {
  log_in({make_ticket(1, now - 5'000), make_ticket(2, now - 9'000)});
  EXPECT_EQ(hook::screen(), "workspace");
  const auto* row = Headless::find("row1");
  ASSERT_TRUE(row);
  EXPECT_NE(row->label.find("CDOB-7212-OJRB"), std::string::npos);
  EXPECT_NE(row->label.find("Complaint with Boiler 1"), std::string::npos);
  EXPECT_EQ(platform.storage["baton.token"], "t-1");
  EXPECT_TRUE(Headless::find("search"));
  EXPECT_EQ(Headless::find("view-all")->label, "All 2");
  EXPECT_TRUE(Headless::shows("Live"));
  // The hello asked for live events only: the list came from the query after `live`.
  EXPECT_TRUE(net.sent_of("hello").at(0)["since"].is_null());
}

TEST_F(WorkspaceTest, AWrongPasswordAndADownServerAreSaidInWords) {
  ws.start();
  ui.frame(ws);
  const intent::LogIn wrong{"marcus@baton.test", "nope"};
  app().handle({wrong});
  net.answer("POST", "/api/login", 401, {{"error", {{"code", "unauthorized"}, {"message", "Wrong email or password"}}}});
  ui.frame(ws);
  EXPECT_EQ(hook::screen(), "login");
  EXPECT_TRUE(Headless::shows("Wrong email or password."));
  app().handle({wrong});
  net.take("POST", "/api/login").done(HttpResponse{0, ""});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("The server is unreachable"));
}

TEST_F(WorkspaceTest, AnExpiredSessionAfterAReloadAsksToLogInAgain) {
  platform.storage["baton.token"] = "old";
  ws.start();
  net.answer("GET", "/api/me", 401, {{"error", {{"code", "unauthorized"}, {"message", "expired"}}}});
  ui.frame(ws);
  EXPECT_EQ(hook::screen(), "login");
  EXPECT_TRUE(Headless::shows("Your session has expired"));
  EXPECT_FALSE(platform.storage.count("baton.token"));
}

TEST_F(WorkspaceTest, ATicketLockedByAColleagueShowsTheBannerAndRefusesEveryEdit) {
  Ticket t = make_ticket(1, now - 5'000);
  t.lock = Lock{kAlesia, now - 180'000, now - 180'000, now + 600'000};
  log_in({t});
  open(t);
  EXPECT_TRUE(Headless::shows("Locked by Alesia Burvin · 3 min"));
  for (const char* id : {"lock", "mine", "assign", "status", "urgency", "send", "composer"}) {
    const auto* w = Headless::find(id);
    ASSERT_TRUE(w) << id;
    EXPECT_FALSE(w->enabled) << id << " should be disabled";
  }
  EXPECT_FALSE(platform.editor.enabled);
  EXPECT_NE(platform.editor.placeholder.find("Locked by Alesia Burvin"), std::string::npos)
      << "the editor says why, in the core's words";
}

TEST_F(WorkspaceTest, MyOwnLockLeavesEverythingOpenAndOffersUnlock) {
  Ticket t = make_ticket(1, now - 5'000);
  t.lock = Lock{kMarcus, now - 1'000, now - 1'000, now + 600'000};
  log_in({t});
  open(t);
  EXPECT_TRUE(Headless::find("unlock")->enabled);
  EXPECT_TRUE(Headless::find("composer")->enabled);
  EXPECT_TRUE(Headless::shows("You hold the lock"));
}

TEST_F(WorkspaceTest, ALiveEventMovesAndRelabelsRowsWithoutAReload) {
  Ticket a = make_ticket(1, now - 5'000), b = make_ticket(2, now - 9'000);
  log_in({a, b});
  EXPECT_EQ(list_row(state(), 0), 1);
  net.push(event(11, 10, Event{0, 2, kAlesia, now, 4, ev::Locked{kAlesia, now + 900'000}}));
  ui.frame(ws);
  EXPECT_EQ(list_row(state(), 0), 2) << "the locked ticket moved to the top";
  EXPECT_TRUE(Headless::shows("Alesia")) << "the row shows the holder";
  EXPECT_EQ(state().replica->last_seq(), 11);
}

TEST_F(WorkspaceTest, AColleaguesDraftShowsLiveWithAuthorAndFreshness) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  net.push({{"type", "draft"}, {"ticket", 1}, {"author", kAlesia},
            {"draft", protocol::to_json(Draft{kAlesia, DraftKind::reply, "Hi Hannah, thank you", 3, now - 19'000})}});
  net.push({{"type", "presence"}, {"ticket", 1}, {"agent", kAlesia}, {"state", "typing"}});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Alesia Burvin is writing a reply · 19 secs ago"));
  EXPECT_TRUE(Headless::shows("\"Hi Hannah, thank you\""));
  EXPECT_TRUE(Headless::shows("Alesia Burvin typing"));
  now += 10'000;
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("29 secs ago")) << "freshness moves with time";
}

TEST_F(WorkspaceTest, WhatITypeIsSavedAsMyDraftAtOnceAndKeptLocally) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().editor_text("Hi");
  app().tick();
  auto drafts = net.sent_of("draft");
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0]["body"], "Hi");
  EXPECT_EQ(drafts[0]["base_version"], 3);
  now += 10;
  app().editor_text("Hi Hannah");
  app().tick();
  EXPECT_EQ(net.sent_of("draft").size(), 1u) << "at most one draft per 40 ms";
  now += 40;
  app().tick();
  ASSERT_EQ(net.sent_of("draft").size(), 2u);
  EXPECT_EQ(net.sent_of("draft")[1]["body"], "Hi Hannah") << "the last keystroke lands";
  EXPECT_NE(platform.storage["baton.draft.2.1"].find("Hi Hannah"), std::string::npos);
}

TEST_F(WorkspaceTest, AnUnsentDraftSurvivesAReload) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().editor_text("Half a reply");
  FakeNet net2;
  Workspace reloaded(platform, platform.store, net2);  // same browser storage, a new page
  platform.storage["baton.token"] = "t-1";
  reloaded.start();
  net2.answer("GET", "/api/me", 200, {{"agent", agent_json(kMarcus, "Marcus Lindqvist", "agent")}});
  net2.socket.opened();
  net2.push({{"type", "live"}, {"seq", 10}});
  net2.answer("GET", "/api/tickets?view=all", 200, list_page({t}));
  reloaded.app().handle({intent::Open{1}});
  net2.answer("GET", "/api/tickets/1", 200, {{"ticket", full(t)}});  // the server never got the draft
  EXPECT_EQ(reloaded.app().state().composer.body, "Half a reply");
  EXPECT_EQ(platform.editor_text, "Half a reply");
  reloaded.app().tick();
  ASSERT_EQ(net2.sent_of("draft").size(), 1u) << "and it is sent again";
}

TEST_F(WorkspaceTest, AStaleSendIsHeldUntilIChooseAndSendAnywaySendsOnce) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().editor_text("On my way");
  app().handle({intent::Send{}, intent::Send{}});  // a double click
  Request first = net.take("POST", "/api/tickets/1/commands");
  EXPECT_FALSE(net.has("POST", "/api/tickets/1/commands")) << "one request for a double click";
  const std::string key = first.json()["idempotency_key"];
  EXPECT_EQ(first.json()["base_version"], 3);
  first.done(HttpResponse{409, Json{{"error", {{"code", "stale"}, {"message", "changed"}, {"version", 5},
                                               {"changes", {protocol::to_json(Change{4, ChangeKind::customer_message, 0, now - 12'000})}}}}}
                                   .dump()});
  net.answer("GET", "/api/tickets/1", 200, {{"ticket", full(t)}});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Hannah Rebekah wrote again 12 secs ago"));
  ASSERT_TRUE(Headless::find("send-anyway"));
  ASSERT_TRUE(Headless::find("review"));
  EXPECT_FALSE(Headless::find("send")->enabled) << "nothing is sent until I choose";
  ui.click(ws, "send-anyway");
  Request again = net.take("POST", "/api/tickets/1/commands");
  EXPECT_EQ(again.json()["idempotency_key"], key) << "a retry of the same reply";
  EXPECT_EQ(again.json()["base_version"], 5);
  Ticket sent = t;
  sent.version = 6;
  again.done(HttpResponse{200, Json{{"ticket", full(sent)}, {"events", Json::array()}}.dump()});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Reply sent."));
  EXPECT_EQ(platform.editor_text, "");
  EXPECT_FALSE(platform.storage.count("baton.draft.2.1"));
}

TEST_F(WorkspaceTest, ReviewMovesMyDraftsBaseForwardSoTheNextSendGoesThrough) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().editor_text("On my way");
  app().handle({intent::Send{}});
  net.take("POST", "/api/tickets/1/commands")
      .done(HttpResponse{409, Json{{"error", {{"code", "stale"}, {"message", "changed"}, {"version", 5}, {"changes", Json::array()}}}}.dump()});
  ui.frame(ws);
  ui.click(ws, "review");
  EXPECT_FALSE(state().composer.stale);
  app().handle({intent::Send{}});
  EXPECT_EQ(net.take("POST", "/api/tickets/1/commands").json()["base_version"], 5);
}

TEST_F(WorkspaceTest, ADroppedSocketReconnectsWithBackoffAndResumesFromTheLastSeq) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  net.push(event(11, 10, Event{0, 1, kAlesia, now, 4, ev::Locked{kAlesia, now + 900'000}}));
  net.socket.closed({1006, "", 0});
  ui.frame(ws);
  EXPECT_EQ(state().sync.state(), Link::waiting);
  EXPECT_TRUE(Headless::shows("your draft is safe"));
  now += 499;
  app().tick();
  EXPECT_EQ(net.sockets_opened, 1);
  now += 1;
  app().tick();
  EXPECT_EQ(net.sockets_opened, 2);
  net.socket.opened();
  EXPECT_EQ(net.sent_of("hello").back()["since"], 11);
}

TEST_F(WorkspaceTest, AMalformedPushIsReportedAndNothingBreaks) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  net.socket.message("not json at all");
  net.push({{"type", "event"}, {"seq", "eleven"}, {"event", 7}});
  net.push({{"type", "presence"}, {"ticket", "x"}});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("could not read"));
  EXPECT_EQ(hook::screen(), "workspace");
  EXPECT_EQ(state().replica->last_seq(), 10);
}

TEST_F(WorkspaceTest, ActionsGoToTheServerAsCoreCommands) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  ui.click(ws, "lock");
  EXPECT_EQ(net.take("POST", "/api/tickets/1/commands").json()["type"], "lock");
  ui.click(ws, "mine");
  EXPECT_EQ(net.take("POST", "/api/tickets/1/commands").json()["type"], "take");
}

TEST_F(WorkspaceTest, TheHistoryTabListsTheAuditTrail) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().handle({intent::ShowTab{PaneTab::history}});
  app().tick();
  Json events = Json::array();
  events.push_back(protocol::to_json(Event{3, 1, kAlesia, now - 60'000, 2, ev::Assigned{std::nullopt, kMarcus}}));
  events.push_back(protocol::to_json(Event{4, 1, 0, now - 30'000, 3, ev::Unlocked{kAlesia, UnlockReason::expired}}));
  net.answer("GET", "/api/tickets/1/history", 200, {{"events", events}});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Alesia Burvin assigned it: nobody \u2192 Marcus Lindqvist"));
  EXPECT_TRUE(Headless::shows("Unlocked (expired)"));
}

TEST_F(WorkspaceTest, KeyboardMovesThroughTheListAndEnterOpens) {
  log_in({make_ticket(1, now - 5'000), make_ticket(2, now - 9'000)});
  app().handle({intent::MoveCursor{1}, intent::OpenCursor{}});
  EXPECT_EQ(state().open.id, 2);
  EXPECT_TRUE(net.has("GET", "/api/tickets/2"));
}

}  // namespace
}  // namespace baton::shell::testing

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, ClickingTheHistoryTabShowsIt) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  // As a browser delivers a click: move, down and up before the next frame.
  const auto* tab = Headless::find("tab-history");
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(tab->x + 10, tab->y + 10);
  io.AddMouseButtonEvent(0, true);
  io.AddMouseButtonEvent(0, false);
  for (int i = 0; i < 3; ++i) ui.frame(ws);
  EXPECT_EQ(state().open.tab, PaneTab::history);
  EXPECT_TRUE(net.has("GET", "/api/tickets/1/history"));
}

}  // namespace
}  // namespace baton::shell::testing

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, WhatITypeRightAfterOpeningIsThatTicketsDraft) {
  Ticket a = make_ticket(1, now - 5'000), b = make_ticket(2, now - 9'000);
  log_in({a, b});
  open(a);
  app().editor_text("For ticket one");
  app().handle({intent::Open{2}});  // the ticket has not loaded yet
  EXPECT_EQ(platform.editor_text, "") << "ticket one's draft is not shown on ticket two";
  app().editor_text("For ticket two");
  EXPECT_EQ(state().composer.ticket, 2);
  net.answer("GET", "/api/tickets/2", 200, {{"ticket", full(b)}});
  EXPECT_EQ(state().composer.body, "For ticket two") << "the server's copy does not overwrite what I typed";
  EXPECT_NE(platform.storage["baton.draft.2.1"].find("For ticket one"), std::string::npos);
  EXPECT_NE(platform.storage["baton.draft.2.2"].find("For ticket two"), std::string::npos);
}

TEST_F(WorkspaceTest, AFailedFirstPageIsAskedForAgain) {
  ws.start();
  app().handle({intent::LogIn{"marcus@baton.test", "baton-demo"}});
  net.answer("POST", "/api/login", 200, {{"token", "t-1"}, {"agent", agent_json(kMarcus, "Marcus Lindqvist", "agent")}});
  net.socket.opened();
  net.push({{"type", "live"}, {"seq", 10}});
  net.answer("GET", "/api/tickets?view=all", 500, {{"error", {{"code", "internal"}, {"message", "boom"}}}});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Could not load the ticket list: boom"));
  app().tick();
  EXPECT_FALSE(net.has("GET", "/api/tickets?view=all")) << "not at once";
  now += 3'000;
  app().tick();
  EXPECT_TRUE(net.has("GET", "/api/tickets?view=all"));
}

}  // namespace
}  // namespace baton::shell::testing

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, ArrowsAndJKMoveThroughTheListAndEnterOpens) {
  log_in({make_ticket(1, now - 5'000), make_ticket(2, now - 9'000), make_ticket(3, now - 12'000)});
  ImGuiIO& io = ImGui::GetIO();
  auto press = [&](ImGuiKey key) {
    io.AddKeyEvent(key, true);
    ui.frame(ws);
    io.AddKeyEvent(key, false);
    ui.frame(ws);
  };
  press(ImGuiKey_J);
  press(ImGuiKey_DownArrow);
  EXPECT_EQ(state().list.cursor, 2u);
  press(ImGuiKey_K);
  EXPECT_EQ(state().list.cursor, 1u);
  press(ImGuiKey_Enter);
  EXPECT_EQ(state().open.id, 2);
}

}  // namespace
}  // namespace baton::shell::testing

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, ANarrowWindowShowsOnePaneAndBackLeavesTheTicket) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  ImGui::GetIO().DisplaySize = ImVec2(700, 860);
  ui.frame(ws);
  open(t);
  EXPECT_FALSE(Headless::find("row1")) << "the open ticket takes the whole window";
  ui.click(ws, "back");
  EXPECT_EQ(state().open.id, 0);
  EXPECT_TRUE(net.sent_of("view").back()["ticket"].is_null()) << "colleagues see me leave";
  ui.frame(ws);
  EXPECT_TRUE(Headless::find("row1"));
}

}  // namespace
}  // namespace baton::shell::testing
