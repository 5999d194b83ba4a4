#pragma once
// A small helpdesk for the tests: four agents in two departments, and helpers that read as
// "given this ticket, when this command, then these events / this rejection".
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "baton/decide.hpp"

namespace baton::testing {

inline constexpr AgentId kAlesia = 1;  // support
inline constexpr AgentId kBruno = 2;   // support
inline constexpr AgentId kCarla = 3;   // billing
inline constexpr AgentId kAdmin = 9;   // admin
inline constexpr Time kStart = 1'700'000'000'000;

inline Directory helpdesk() {
  return Directory({
      Agent{kAlesia, "Alesia Burvin", "alesia@baton.test", Role::agent, {"support"}},
      Agent{kBruno, "Bruno Diaz", "bruno@baton.test", Role::agent, {"support"}},
      Agent{kCarla, "Carla Moss", "carla@baton.test", Role::agent, {"billing"}},
      Agent{kAdmin, "Ada Admin", "admin@baton.test", Role::admin, {}},
  });
}

inline cmd::Create boiler_complaint() {
  cmd::Create c;
  c.subject = "Complaint with Boiler";
  c.requester = {"Hannah Rebekah", "hannah@example.com"};
  c.organization = "221B Energy";
  c.department = "support";
  c.urgency = 7;
  c.body = "Hi, my boiler is making a hissing noise and it has just been serviced by your team last week!";
  return c;
}

// Most rules are about what happens when a reply goes out: these tests send at once (the undo
// window has its own tests, which turn it back on).
inline Settings immediate_sends() {
  Settings s;
  s.undo_send_secs = 0;
  return s;
}

// One ticket's life: decides commands against the current state and applies what was accepted.
class Desk {
 public:
  Desk() : directory(helpdesk()) {}

  Actor actor(AgentId id) const { return *directory.actor(id); }

  Decision decide_as(AgentId who, const Command& command) const {
    return decide(ticket, command, actor(who), now, settings, directory);
  }

  // Decides and, when accepted, applies the events and records them in the history.
  Decision run(AgentId who, const Command& command) {
    Decision d = decide_as(who, command);
    if (auto* events = std::get_if<std::vector<Event>>(&d))
      for (Event e : *events) {
        e.seq = static_cast<Seq>(history.size()) + 1;
        ticket = evolve(ticket, e);
        history.push_back(e);
      }
    return d;
  }

  // Runs a command that must be accepted; returns its events.
  std::vector<Event> ok(AgentId who, const Command& command) {
    Decision d = run(who, command);
    if (auto* r = std::get_if<Rejection>(&d)) {
      ADD_FAILURE() << command_type(command) << " by " << who << " was rejected: " << r->message;
      return {};
    }
    return std::get<std::vector<Event>>(d);
  }

  // Runs a command that must be rejected; returns the rejection.
  Rejection rejected(AgentId who, const Command& command) {
    Decision d = run(who, command);
    if (auto* r = std::get_if<Rejection>(&d)) return *r;
    ADD_FAILURE() << command_type(command) << " by " << who << " was accepted";
    return {};
  }

  Desk& created() {
    ticket = Ticket::blank(42, "CDOB-7212-OJRK");
    ok(kSystemAgent, boiler_complaint());
    return *this;
  }

  void advance(Time ms) { now += ms; }

  Directory directory;
  Settings settings = immediate_sends();
  Time now = kStart;
  Ticket ticket = Ticket::blank(42, "CDOB-7212-OJRK");
  std::vector<Event> history;
};

template <typename T>
const T& payload(const Event& e) {
  return std::get<T>(e.payload);
}

inline std::vector<std::string> types(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(event_type(e));
  return out;
}

inline cmd::Reply reply(std::string body, Version base, std::string key) {
  return cmd::Reply{std::move(body), base, std::move(key)};
}

inline cmd::SaveDraft draft(std::string body, Version base, DraftKind kind = DraftKind::reply) {
  return cmd::SaveDraft{std::move(body), kind, base};
}

}  // namespace baton::testing
