// The composer as the desktop draws it: Dear ImGui's own InputTextMultiline (no browser textarea),
// driven headless through ImGui's input queue like a person at the keyboard, with the desktop's
// Platform (state file, set_editor_text) and the shell's scripted server from tests/shell/fakes.hpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "baton/protocol.hpp"
#include "desktop_platform.hpp"
#include "state_file.hpp"
#include "fakes.hpp"
#include "samples.hpp"

namespace baton::desktop {
namespace {

using shell::testing::FakeNet;
using shell::testing::Headless;
using shell::testing::Json;
using shell::testing::agent_json;
using shell::testing::make_ticket;

constexpr AgentId kAlesia = 1, kMarcus = 2;

class ImGuiEditorTest : public ::testing::Test {
 protected:
  std::filesystem::path file = std::filesystem::temp_directory_path() /
                               ("baton-editor-test-" + std::to_string(::getpid()) + ".json");
  StateFile state_file{file};
  DesktopPlatform platform{nullptr};
  FakeNet net;
  Headless ui;
  shell::Workspace ws{platform, state_file, net};

  ~ImGuiEditorTest() override { std::filesystem::remove(file); }
  const shell::AppState& state() { return ws.app().state(); }

  void log_in_and_open(const Ticket& t) {
    ws.app().handle({shell::intent::LogIn{"marcus@baton.test", "baton-demo"}});
    net.answer("POST", "/api/login", 200, {{"token", "t-1"}, {"agent", agent_json(kMarcus, "Marcus Lindqvist", "agent")}});
    Json alesia = agent_json(kAlesia, "Alesia Burvin", "admin"), marcus = agent_json(kMarcus, "Marcus Lindqvist", "agent");
    alesia["online"] = marcus["online"] = true;
    net.answer("GET", "/api/agents", 200, {{"agents", {alesia, marcus}}});
    net.answer("GET", "/api/settings", 200, {{"settings", Json::object()}});
    net.socket.opened();
    net.push({{"type", "live"}, {"seq", 10}});
    net.answer("GET", "/api/tickets?view=all", 200, shell::testing::list_page({t}));
    ui.frame(ws);
    ui.click(ws, "row" + std::to_string(t.id));
    net.answer("GET", "/api/tickets/" + std::to_string(t.id), 200, {{"ticket", protocol::to_json(t)}});
    ui.frame(ws);
  }

  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    ui.frame(ws);
  }
  void key(ImGuiKey key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(key, true);
    ui.frame(ws);
    io.AddKeyEvent(key, false);
    if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
    ui.frame(ws);
  }
};

TEST_F(ImGuiEditorTest, TypingInImGuisEditorSavesTheDraftAndEnterMakesANewLine) {
  log_in_and_open(make_ticket(1, platform.now_ms() - 5'000));
  const auto* composer = Headless::find("composer");
  ASSERT_TRUE(composer);
  EXPECT_TRUE(composer->enabled);
  EXPECT_GT(composer->h, 60) << "a multi-line editor, not one line";
  ui.click(ws, "composer");
  type("Hi Hannah,");
  key(ImGuiKey_Enter);
  type("on my way.");
  EXPECT_EQ(state().composer.body, "Hi Hannah,\non my way.");
  ws.app().tick();
  ASSERT_FALSE(net.sent_of("draft").empty()) << "colleagues see it";
  EXPECT_EQ(net.sent_of("draft").front()["body"], "Hi Hannah,") << "the first edit goes at once";
  EXPECT_NE(state_file.load("baton.draft.2.1").value_or("").find("on my way."), std::string::npos)
      << "kept in the state file";
  EXPECT_TRUE(Headless::shows("Saving...") || Headless::shows("Draft"));
}

TEST_F(ImGuiEditorTest, CtrlEnterSendsAndTheEditorEmptiesAfterTheSend) {
  log_in_and_open(make_ticket(1, platform.now_ms() - 5'000));
  ui.click(ws, "composer");
  type("Fixed it");
  key(ImGuiKey_Enter, /*ctrl=*/true);
  shell::testing::Request send = net.take("POST", "/api/tickets/1/commands");
  EXPECT_EQ(send.json()["type"], "reply");
  EXPECT_EQ(send.json()["body"], "Fixed it") << "no newline from Ctrl+Enter";
  Ticket sent = make_ticket(1, platform.now_ms());
  sent.version = 4;
  send.done(shell::HttpResponse{200, Json{{"ticket", protocol::to_json(sent)}, {"events", Json::array()}}.dump()});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Reply sent."));
  EXPECT_EQ(state().composer.body, "");
  ui.click(ws, "composer");
  type("x");
  EXPECT_EQ(state().composer.body, "x") << "the editor starts from empty, not from the sent text";
}

TEST_F(ImGuiEditorTest, ALockedTicketsEditorIsDisabledAndIgnoresTyping) {
  Ticket t = make_ticket(1, platform.now_ms() - 5'000);
  t.lock = Lock{kAlesia, platform.now_ms() - 60'000, platform.now_ms() - 60'000, platform.now_ms() + 600'000};
  log_in_and_open(t);
  EXPECT_TRUE(Headless::shows("Locked by Alesia Burvin"));
  EXPECT_FALSE(Headless::find("composer")->enabled);
  EXPECT_FALSE(Headless::find("send")->enabled);
  ui.click(ws, "composer");
  type("sneaky");
  EXPECT_EQ(state().composer.body, "");
  EXPECT_TRUE(net.sent_of("draft").empty());
}

TEST_F(ImGuiEditorTest, OpeningAnotherTicketWhileTypingShowsThatTicketsDraft) {
  Ticket a = make_ticket(1, platform.now_ms() - 5'000), b = make_ticket(2, platform.now_ms() - 9'000);
  b.drafts.push_back(Draft{kMarcus, DraftKind::reply, "Draft on B", 3, platform.now_ms() - 1'000});
  log_in_and_open(a);
  ui.click(ws, "composer");
  type("Draft on A");
  // The workspace opens B while the editor still has the keyboard (as a keyboard shortcut would).
  ws.app().handle({shell::intent::Open{2}});
  net.answer("GET", "/api/tickets/2", 200, {{"ticket", protocol::to_json(b)}});
  ui.frame(ws);
  EXPECT_EQ(state().composer.body, "Draft on B");
  type("!");
  EXPECT_EQ(state().composer.body, "Draft on B") << "the editor let go: typing does not write A's text into B";
  ui.click(ws, "composer");
  key(ImGuiKey_End, true);
  type("!");
  EXPECT_EQ(state().composer.body, "Draft on B!");
}

}  // namespace
}  // namespace baton::desktop
