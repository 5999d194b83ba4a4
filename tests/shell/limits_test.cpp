// The server's limits as the workspace shows them: a login refused for its rate counts down and
// keeps Log in disabled, a busy server lets it try again after a second, a socket closed for its
// rate (4029) says so and backs off, a message too big (1009) is not sent again; error answers in
// the agent's language (reject.<key>); and the agent's language kept by the server.
#include <gtest/gtest.h>

#include "app/api_client.hpp"
#include "i18n/words.hpp"
#include "semantics.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

Json error_body(const std::string& code, const std::string& key, std::vector<std::string> args, Json more = Json::object()) {
  Json error = {{"code", code}, {"message", "(the server's English)"}, {"key", key}, {"args", args}};
  error.update(more);
  return {{"error", error}};
}

// The login's failed-login wait as serve.py answers it (server/api/login_throttle.py).
Json throttled(int secs, int ms) {
  return error_body("rate_limited", "auth.rate_limited", {std::to_string(secs)},
                    {{"retry_after_secs", secs}, {"retry_after_ms", ms}});
}

// The last frame's button of that key, as a screen reader gets it (its name, state, description).
const sem::Node* button(const std::string& key) {
  for (const sem::Node& n : sem::last_frame().nodes)
    if (n.key == key && n.role == sem::Role::button) return &n;
  return nullptr;
}

class LimitsTest : public WorkspaceTest {
 protected:
  void TearDown() override { i18n::use("en"); }

  void try_login() {
    app().handle({intent::LogIn{"marcus@baton.test", "guess"}});
    ui.frame(ws);
  }
  // Time passes as the host's loop sees it: whether the workspace asks for a frame, then one.
  bool pass(Time ms) {
    now += ms;
    const bool redraw = ws.passes_wanted(false) > 0;
    ui.frame(ws);
    return redraw;
  }
  void enter_workspace(const Json& preferences) {
    app().handle({intent::LogIn{"marcus@baton.test", "baton-demo"}});
    net.answer("POST", "/api/login", 200,
               {{"token", "t-1"}, {"agent", agent_json(kMarcus, "Marcus Lindqvist", "agent")}, {"preferences", preferences}});
    net.answer("GET", "/api/agents", 200, {{"agents", {listed_agent(kMarcus, "Marcus Lindqvist", "agent", true)}}});
    net.answer("GET", "/api/settings", 200, {{"settings", protocol::to_json(Settings{})}});
    net.socket.opened();
    net.push({{"type", "live"}, {"seq", 10}});
    net.answer("GET", "/api/tickets?view=all", 200, list_page({}));
    ui.frame(ws);
  }
};

TEST_F(LimitsTest, ALoginRefusedForItsRateCountsDownWithLogInDisabledThenAllowsIt) {
  ws.start();
  ui.frame(ws);
  try_login();
  net.answer("POST", "/api/login", 429, throttled(3, 2'500));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Too many attempts: try again in 3 s")) << "2.5 s rounds up";
  EXPECT_FALSE(Headless::find("login")->enabled);
  ASSERT_TRUE(button("login"));
  EXPECT_EQ(button("login")->description, "Too many attempts: try again in 3 s") << "why it is disabled";
  try_login();  // Enter in the password field, or a script: nothing goes out while the wait runs
  EXPECT_FALSE(net.has("POST", "/api/login"));

  EXPECT_FALSE(pass(400)) << "still 3 s: nothing to redraw";
  EXPECT_TRUE(pass(100)) << "the count changed";
  EXPECT_TRUE(Headless::shows("Too many attempts: try again in 2 s"));
  pass(1'000);
  EXPECT_TRUE(Headless::shows("try again in 1 s"));
  EXPECT_FALSE(Headless::find("login")->enabled);
  EXPECT_TRUE(pass(1'000)) << "the wait is over: one more frame enables Log in";
  EXPECT_TRUE(Headless::find("login")->enabled);
  EXPECT_FALSE(Headless::shows("Too many attempts"));
  EXPECT_TRUE(button("login")->description.empty());
  try_login();
  EXPECT_TRUE(net.has("POST", "/api/login"));
}

TEST_F(LimitsTest, WithoutMillisecondsTheRetryAfterSecondsCount) {
  ws.start();
  try_login();
  net.answer("POST", "/api/login", 429, error_body("rate_limited", "auth.rate_limited", {"4"}, {{"retry_after_secs", 4}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Too many attempts: try again in 4 s"));
  pass(3'999);
  EXPECT_FALSE(Headless::find("login")->enabled);
  pass(1);
  EXPECT_TRUE(Headless::find("login")->enabled);
}

TEST_F(LimitsTest, ABusyServerSaysSoAndLogInWorksAgainAfterASecond) {
  ws.start();
  try_login();
  net.answer("POST", "/api/login", 503, error_body("busy", "auth.busy", {}, {{"retry_after_secs", 1}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("The server is busy: try again in a moment"));
  EXPECT_FALSE(Headless::find("login")->enabled);
  pass(999);
  EXPECT_FALSE(Headless::find("login")->enabled);
  pass(1);
  EXPECT_TRUE(Headless::find("login")->enabled);
  EXPECT_TRUE(Headless::shows("The server is busy")) << "the words stay until the next try";
  try_login();
  EXPECT_FALSE(Headless::shows("The server is busy"));
  net.answer("POST", "/api/login", 401, error_body("unauthorized", "auth.wrong_password", {}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Wrong email or password."));
}

TEST_F(LimitsTest, TheCountdownIsInTheAgentsLanguage) {
  platform.languages = {"ja"};
  ws.start();
  try_login();
  net.answer("POST", "/api/login", 429, throttled(5, 5'000));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("ログインの試行が多すぎます: 5秒後にもう一度お試しください"));
  EXPECT_EQ(button("login")->description, "ログインの試行が多すぎます: 5秒後にもう一度お試しください");
}

TEST_F(LimitsTest, AnErrorAnswersWordsComeFromTheCatalogInTheAgentsLanguageWithItsArgs) {
  platform.languages = {"ja"};
  ws.start();
  try_login();
  net.answer("POST", "/api/login", 400, error_body("invalid", "invalid.type.string", {"email"}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("ログインできませんでした: 'email' は文字列でなければなりません"));
  // A core rejection: its key and args, in Japanese.
  api::ApiError locked{"locked", "Locked by Alesia Burvin: only they can change this ticket until it is unlocked",
                       std::nullopt, "lock.held_by_other", {"Alesia Burvin"}};
  EXPECT_EQ(error_words(locked, 409), "Alesia Burvin がロック中です: ロックが解除されるまで、このチケットを変更できるのは Alesia Burvin だけです");
  // A key the catalogs do not know (a newer server): the server's own words.
  EXPECT_EQ(error_words({"invalid", "Something new", std::nullopt, "brand.new_key", {}}, 400), "Something new");
  i18n::use("en");
  EXPECT_EQ(error_words(locked, 409), locked.message) << "English is the core's own words";
}

TEST_F(LimitsTest, ASocketClosedForItsRateSaysWhyAndReconnectsOnlyAfterTheServersWait) {
  log_in({});
  net.socket.closed({4029, "too many messages (more than 40 a second): reconnect and resume", 0});
  ui.frame(ws);
  EXPECT_EQ(state().sync.state(), Link::waiting);
  EXPECT_TRUE(Headless::shows("Too many messages sent — reconnecting in 2 s"));
  pass(1'999);
  EXPECT_EQ(net.sockets_opened, 1) << "not before the server takes sockets again (~1.5 s)";
  pass(1);
  EXPECT_EQ(net.sockets_opened, 2);
  // Refused again at the upgrade (429, Retry-After: 3; the desktop sees it): wait that long.
  net.socket.closed({1006, "", 3'000});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Too many messages sent — reconnecting in 3 s"));
  pass(2'999);
  EXPECT_EQ(net.sockets_opened, 2);
  pass(1);
  EXPECT_EQ(net.sockets_opened, 3);
  // A browser cannot see the 429: a socket that never opened keeps the reason, backing off more.
  net.socket.closed({1006, "", 0});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Too many messages sent — reconnecting in 2 s"));
  pass(2'000);
  EXPECT_EQ(net.sockets_opened, 4);
  net.socket.opened();
  net.push({{"type", "live"}, {"seq", 10}});
  ui.frame(ws);
  EXPECT_EQ(state().sync.state(), Link::live);
  EXPECT_EQ(net.sent_of("hello").back()["since"], 10) << "resumed";
  net.socket.closed({1006, "", 0});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Server unreachable")) << "a later plain drop is a plain drop";
}

TEST_F(LimitsTest, TheRateCloseIsWordedByItsMeaningInTheAgentsLanguage) {
  log_in({});
  i18n::use("ja");
  net.socket.closed({4029, "too much data (more than 4 MB a second): reconnect and resume", 0});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("送信データが多すぎます — 2秒後に再接続"));
  EXPECT_FALSE(Headless::shows("too much data")) << "not the server's English";
}

TEST_F(LimitsTest, ADraftTooBigForTheSocketIsNotSentAgainAndTheComposerSaysSo) {
  Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  app().editor_text("a draft the server closed the socket for");
  ASSERT_EQ(net.sent_of("draft").size(), 1u);
  net.socket.closed({1009, "message too big", 0});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("A message was too large to send"));
  EXPECT_TRUE(Headless::shows("This draft is too large for the server to keep"));
  pass(500);
  ASSERT_EQ(net.sockets_opened, 2);
  net.socket.opened();
  net.push({{"type", "live"}, {"seq", 10}});
  for (int i = 0; i < 5; ++i) pass(100);
  EXPECT_EQ(net.sent_of("draft").size(), 1u) << "the same draft is not sent again (it would close the socket again)";
  app().editor_text("a shorter draft");
  EXPECT_EQ(net.sent_of("draft").size(), 2u) << "a changed draft goes";
  // One over the server's largest message never leaves: the socket stays open.
  pass(100);
  app().editor_text(std::string(1'200'000, 'x'));
  pass(100);
  EXPECT_EQ(net.sent_of("draft").size(), 2u);
  EXPECT_TRUE(Headless::shows("This draft is too large for the server to keep"));
  EXPECT_EQ(state().sync.state(), Link::live);
}

TEST_F(LimitsTest, TheAgentsLanguageKeptByTheServerAppliesWhenThisDeviceHasNoChoice) {
  platform.languages = {"en-US"};
  ws.start();
  ui.frame(ws);
  EXPECT_EQ(i18n::lang(), "en");
  enter_workspace({{"lang", "ja"}});
  EXPECT_EQ(i18n::lang(), "ja");
  EXPECT_EQ(Headless::find("view-all")->label, "すべて 0");
  EXPECT_EQ(state().chosen_language(), "ja") << "the Language menu's tick is on 日本語";
  EXPECT_FALSE(platform.storage.count("baton.lang")) << "this device has not chosen";
}

TEST_F(LimitsTest, ThisDevicesChoiceWinsOverTheServers) {
  platform.languages = {"en-US"};
  platform.storage["baton.lang"] = "en";
  ws.start();
  enter_workspace({{"lang", "ja"}});
  EXPECT_EQ(i18n::lang(), "en");
}

TEST_F(LimitsTest, ARestoredSessionAppliesTheServersLanguage) {
  platform.storage["baton.token"] = "t-1";
  ws.start();
  net.answer("GET", "/api/me", 200, {{"agent", agent_json(kMarcus, "Marcus Lindqvist", "agent")}, {"preferences", {{"lang", "ja"}}}});
  EXPECT_EQ(i18n::lang(), "ja");
}

TEST_F(LimitsTest, ChoosingALanguageKeepsItOnTheDeviceAndTellsTheServer) {
  ws.start();
  enter_workspace({{"lang", nullptr}});
  app().handle({intent::ChooseLanguage{"ja"}});
  EXPECT_EQ(i18n::lang(), "ja");
  EXPECT_EQ(platform.storage["baton.lang"], "ja");
  Request put = net.take("PUT", "/api/me/preferences");
  EXPECT_EQ(put.json(), Json({{"lang", "ja"}}));
  EXPECT_EQ(put.token, "t-1");
  put.done({200, Json({{"preferences", {{"lang", "ja"}}}}).dump()});
  app().handle({intent::ChooseLanguage{""}});
  EXPECT_EQ(net.take("PUT", "/api/me/preferences").json(), Json({{"lang", nullptr}})) << "back to the browser's, everywhere";
  EXPECT_EQ(i18n::lang(), "en");
  EXPECT_FALSE(platform.storage.count("baton.lang"));
}

TEST_F(LimitsTest, ALanguageTheServerRefusesIsSaidInTheStatusLine) {
  ws.start();
  enter_workspace({{"lang", nullptr}});
  app().handle({intent::ChooseLanguage{"ja"}});
  net.answer("PUT", "/api/me/preferences", 400,
             error_body("invalid", "preferences.unknown_lang", {"ja", "en"}, {{"field", "lang"}}));
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("言語の設定を保存できませんでした: 'ja' は Baton が対応している言語ではありません"));
}

}  // namespace
}  // namespace baton::shell::testing
