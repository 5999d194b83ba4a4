// The collision features as an agent meets them in the workspace, headless: asking for a lock and
// answering such a request, a reply in its undo window, and what the history says.
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

constexpr AgentId kPriya = 1;  // Alesia's id in the fixture: the colleague

TEST_F(WorkspaceTest, AColleaguesLockOffersAskToReleaseWithAReason) {
  Ticket t = make_ticket(1, now - 5'000);
  t.lock = Lock{kAlesia, now - 60'000, now - 60'000, now + 600'000};
  log_in({t});
  open(t);
  const auto* ask = Headless::find("ask-lock");
  ASSERT_TRUE(ask);
  EXPECT_TRUE(ask->enabled);
  EXPECT_NE(ask->label.find("Ask Alesia Burvin to release"), std::string::npos);
  ui.click(ws, "ask-lock");
  ui.frame(ws);
  ASSERT_TRUE(Headless::find("ask-reason")) << "the reason box opens, with the keyboard in it";
  ImGui::GetIO().AddInputCharactersUTF8("urgent callback");
  ui.frame(ws);
  EXPECT_EQ(app().edits().ask_reason, "urgent callback");
  ui.click(ws, "send-request");
  Json sent = net.take("POST", "/api/tickets/1/commands").json();
  EXPECT_EQ(sent["type"], "request_lock");
  EXPECT_EQ(sent["reason"], "urgent callback");
  // The server's answer: the request is on the ticket; the pane says I am waiting.
  Ticket asked = t;
  asked.version = 4;
  asked.lock->request = LockRequest{kMarcus, "urgent callback", now};
  net.push(event(11, 10, Event{0, 1, kMarcus, now, 4, ev::LockRequested{kMarcus, kAlesia, "urgent callback"}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("You asked Alesia Burvin"));
  EXPECT_FALSE(Headless::find("ask-lock")) << "one request at a time";
  // She keeps it, with a reason: I read it on the ticket.
  net.push(event(12, 11, Event{0, 1, kAlesia, now + 5'000, 5, ev::LockRequestDeclined{kMarcus, "on the phone with them"}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Alesia Burvin keeps the lock: on the phone with them"));
  EXPECT_TRUE(Headless::find("ask-lock")) << "may ask again";
}

TEST_F(WorkspaceTest, TheHolderIsPromptedWhateverIsOpenAndHandsOver) {
  Ticket mine = make_ticket(1, now - 5'000), other = make_ticket(2, now - 9'000);
  mine.lock = Lock{kMarcus, now - 60'000, now - 60'000, now + 600'000};
  log_in({mine, other});
  open(other);
  net.push(event(11, 10, Event{0, 1, kPriya, now, 4, ev::LockRequested{kPriya, kMarcus, "urgent callback"}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Alesia Burvin asks for CDOB-7212-OJRB: \"urgent callback\""));
  ASSERT_TRUE(Headless::find("hand-over"));
  ASSERT_TRUE(Headless::find("keep"));
  EXPECT_TRUE(Headless::find("hand-over")->enabled);
  ui.click(ws, "hand-over");
  Json sent = net.take("POST", "/api/tickets/1/commands").json();
  EXPECT_EQ(sent["type"], "answer_lock_request");
  EXPECT_EQ(sent["hand_over"], true);
  net.push(event(12, 11, Event{0, 1, kMarcus, now, 5, ev::LockHandedOver{kMarcus, kPriya, now + 900'000, false}}));
  ui.frame(ws);
  EXPECT_FALSE(Headless::find("hand-over")) << "the prompt goes with the request";
  EXPECT_EQ(state().replica->ticket(1)->lock->holder, kPriya);
}

TEST_F(WorkspaceTest, KeepSendsTheReasonTyped) {
  Ticket t = make_ticket(1, now - 5'000);
  t.lock = Lock{kMarcus, now - 60'000, now - 60'000, now + 600'000};
  t.lock->request = LockRequest{kPriya, "", now - 2'000};
  log_in({t});  // the request was made while I was away: the list brings it
  ui.frame(ws);
  ASSERT_TRUE(Headless::find("keep"));
  app().edits().keep_reason = "nearly done";  // typed into the prompt's box
  ui.click(ws, "keep");
  Json sent = net.take("POST", "/api/tickets/1/commands").json();
  EXPECT_EQ(sent["type"], "answer_lock_request");
  EXPECT_EQ(sent["hand_over"], false);
  EXPECT_EQ(sent["reason"], "nearly done");
}

TEST_F(WorkspaceTest, ASentReplyCountsDownAndUndoMakesItMyDraftAgain) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().editor_text("On my way");
  app().handle({intent::Send{}});
  Request send = net.take("POST", "/api/tickets/1/commands");
  const std::string key = send.json()["idempotency_key"];
  Ticket queued = t;
  queued.version = 4;
  queued.pending_reply = PendingReply{kMarcus, "On my way", key, 3, now, now + 10'000};
  queued.reply_keys.push_back(ReplyKey{key, 0, kMarcus});
  send.done(HttpResponse{200, Json{{"ticket", full(queued)}, {"events", Json::array()}}.dump()});
  now += 2'000;
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Sending in 8 s"));
  EXPECT_EQ(platform.editor_text, "") << "the composer is free for the next message";
  ASSERT_TRUE(Headless::find("undo-send"));
  ui.click(ws, "undo-send");
  Request undo = net.take("POST", "/api/tickets/1/commands");
  EXPECT_EQ(undo.json()["type"], "undo_send");
  EXPECT_EQ(undo.json()["idempotency_key"], key);
  Ticket back = t;
  back.version = 5;
  back.reply_keys.push_back(ReplyKey{key, 0, kMarcus});
  back.drafts.push_back(Draft{kMarcus, DraftKind::reply, "On my way", 3, now});
  undo.done(HttpResponse{200, Json{{"ticket", full(back)}, {"events", Json::array()}}.dump()});
  ui.frame(ws);
  EXPECT_EQ(state().composer.body, "On my way");
  EXPECT_EQ(platform.editor_text, "On my way");
  EXPECT_FALSE(Headless::find("undo-send"));
}

TEST_F(WorkspaceTest, AColleaguesPendingReplyShowsAndTheHistoryNamesTheNewEvents) {
  Ticket t = make_ticket(1, now - 5'000);
  t.pending_reply = PendingReply{kAlesia, "Hi Hannah", "k1", 3, now - 3'000, now + 7'000};
  log_in({t});
  open(t);
  EXPECT_TRUE(Headless::shows("Alesia Burvin's reply · Sending in 7 s"));
  EXPECT_FALSE(Headless::find("undo-send")) << "only the author can take it back";
  app().handle({intent::ShowTab{PaneTab::history}});
  app().tick();
  Json events = Json::array();
  events.push_back(protocol::to_json(Event{3, 1, kMarcus, now - 60'000, 2, ev::LockRequested{kMarcus, kAlesia, "urgent"}}));
  events.push_back(protocol::to_json(Event{4, 1, 0, now - 30'000, 3, ev::LockHandedOver{kAlesia, kMarcus, std::nullopt, true}}));
  events.push_back(protocol::to_json(Event{5, 1, kMarcus, now - 20'000, 4, ev::SendUndone{"k0", Draft{kMarcus}}}));
  net.answer("GET", "/api/tickets/1/history", 200, {{"events", events}});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Marcus Lindqvist asked Alesia Burvin for the lock: \"urgent\""));
  EXPECT_TRUE(Headless::shows("The lock went to Marcus Lindqvist: Alesia Burvin did not answer in time"));
  EXPECT_TRUE(Headless::shows("Marcus Lindqvist took the reply back (undo)"));
}

}  // namespace
}  // namespace baton::shell::testing

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, TheAdminsCollisionReportShowsTheDaysTheAgentsAndSavesACsv) {
  my_role = "admin";
  log_in({make_ticket(1, now - 5'000)});
  app().handle({intent::OpenReport{14}});
  Request asked = net.take("GET", "/api/report/collisions?from=");
  EXPECT_NE(asked.path.find("&to=" + utc_day(now)), std::string::npos) << asked.path;
  CollisionReport report;
  report.from = now - 2 * kDay;
  report.to = now;
  CollisionCounts counts;
  counts.blocked_by_lock = 3;
  counts.held_stale = 2;
  counts.sent_anyway = 1;
  counts.revised = 1;
  report.days = {DayReport{"2027-01-14", counts, {AgentCounts{kMarcus, counts}}}, DayReport{"2027-01-15", {}, {}}};
  report.agents = {AgentCounts{kMarcus, counts}};
  report.totals = counts;
  asked.done(HttpResponse{200, protocol::report_json(report, state().directory)});
  ui.frame(ws);
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Slipped through: 0"));
  EXPECT_TRUE(Headless::shows("Blocked by a lock: 3"));
  EXPECT_TRUE(Headless::shows("Held as stale: 2 (sent anyway 1, revised 1)"));
  EXPECT_TRUE(Headless::find("report-chart"));
  EXPECT_TRUE(Headless::shows("Marcus Lindqvist"));
  ui.click(ws, "report-csv");
  Request csv = net.take("GET", "/api/report/collisions?from=");
  EXPECT_NE(csv.path.find("format=csv"), std::string::npos);
  csv.done(HttpResponse{200, "day,agent_id,agent\n"});
  ui.frame(ws);
  ASSERT_EQ(platform.files.size(), 1u);
  EXPECT_EQ(platform.files.begin()->second, "day,agent_id,agent\n");
  EXPECT_TRUE(Headless::shows("Saved baton-collisions-"));
}

TEST_F(WorkspaceTest, OnlyAnAdminIsOfferedTheReport) {
  log_in({make_ticket(1, now - 5'000)});
  ui.click(ws, "me");
  ui.frame(ws);
  EXPECT_FALSE(Headless::find("collision-report"));
  EXPECT_TRUE(Headless::find("automations"));
}

}  // namespace
}  // namespace baton::shell::testing

namespace baton::shell::testing {
namespace {

TEST_F(WorkspaceTest, LockOnTypingMyFirstKeystrokeTakesTheLockAndAColleaguesRefusesMine) {
  Ticket free = make_ticket(1, now - 5'000), taken = make_ticket(2, now - 9'000);
  taken.lock = Lock{kAlesia, now - 20'000, now - 20'000, std::nullopt, LockReason::typing, std::nullopt};
  Settings settings;
  settings.lock_mode = LockMode::on_typing;
  log_in({free, taken}, settings);  // as /api/settings says
  open(free);
  app().editor_text("H");
  app().tick();
  ASSERT_EQ(net.sent_of("draft").size(), 1u) << "the keystroke goes out as a draft; the server decides the lock";
  net.push(event(11, 10, Event{0, 1, kMarcus, now, 4, ev::Locked{kMarcus, std::nullopt, LockReason::typing}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("You hold the lock"));
  EXPECT_TRUE(Headless::shows("taken when you started typing"));
  open(taken);
  EXPECT_FALSE(Headless::find("composer")->enabled) << "refused before the first character lands";
  EXPECT_NE(platform.editor.placeholder.find("Alesia Burvin"), std::string::npos);
  EXPECT_TRUE(Headless::find("ask-lock")) << "with the way to ask for it";
}

}  // namespace
}  // namespace baton::shell::testing
