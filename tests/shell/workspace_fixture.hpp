#pragma once
// The workspace logged in as Marcus against a scripted server: the fixture of the headless tests.
#include <gtest/gtest.h>

#include "baton/protocol.hpp"
#include "fakes.hpp"
#include "samples.hpp"

namespace baton::shell::testing {

inline constexpr AgentId kAlesia = 1, kMarcus = 2;

inline Json summary(const Ticket& t) { return protocol::summary_json(t); }
inline Json full(const Ticket& t) { return protocol::to_json(t); }

class WorkspaceTest : public ::testing::Test {
 protected:
  FakeNet net;
  FakePlatform platform;
  Headless ui;
  Workspace ws{platform, platform.store, net};
  Time& now = platform.now;
  std::string my_role = "agent";  // Marcus's role as the login answers it

  App& app() { return ws.app(); }
  const AppState& state() { return ws.app().state(); }

  void log_in(std::vector<Ticket> tickets, const Settings& settings = {}) {
    ws.start();
    ui.frame(ws);
    app().handle({intent::LogIn{"marcus@baton.test", "baton-demo"}});
    net.answer("POST", "/api/login", 200, {{"token", "t-1"}, {"agent", agent_json(kMarcus, "Marcus Lindqvist", my_role)}});
    net.answer("GET", "/api/agents", 200,
               {{"agents", {listed_agent(kAlesia, "Alesia Burvin", "admin", true),
                            listed_agent(kMarcus, "Marcus Lindqvist", "agent", true)}}});
    net.answer("GET", "/api/settings", 200, {{"settings", protocol::to_json(settings)}});
    ASSERT_EQ(net.sockets_opened, 1);
    net.socket.opened();
    net.push({{"type", "live"}, {"seq", 10}});
    net.answer("GET", "/api/tickets?view=all", 200, list_page(tickets));
    ui.frame(ws);
  }

  void open(const Ticket& t) {
    ui.click(ws, "row" + std::to_string(t.id));
    net.answer("GET", "/api/tickets/" + std::to_string(t.id), 200, {{"ticket", full(t)}});
    ui.frame(ws);
  }

  Json event(Seq seq, Seq prev, Event e) {
    e.seq = seq;
    return {{"type", "event"}, {"seq", seq}, {"prev", prev}, {"event", protocol::to_json(e)}};
  }
};

}  // namespace baton::shell::testing
