// The served demo's colleagues: a working day that only does what the rules allow, holds locks for
// minutes, and never acts on what a person holds.
#include <map>
#include <set>

#include "baton/automation.hpp"
#include "baton/ticket_ref.hpp"
#include "baton/workday.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

constexpr AgentId kPerson = 4;  // logged in for real: everyone else in the office is simulated
constexpr Time kSec = 1000, kMin = 60 * kSec;

struct Applied {
  Time at;
  AgentId agent;
  TicketId ticket;
  std::string what;  // "view", "leave", "draft" or the command's type
  std::optional<AgentId> holder_before;  // the ticket's lock holder when the step was applied
  std::optional<AgentId> assignee_before;
};

// A helpdesk the colleagues work in: every step is applied through decide/evolve, as serve.py does.
struct Office {
  Directory directory{{
      Agent{1, "Alesia Burvin", "alesia@baton.test", Role::agent, {"support"}},
      Agent{2, "Marcus Lindqvist", "marcus@baton.test", Role::agent, {"support"}},
      Agent{3, "Jonas Weber", "jonas@baton.test", Role::agent, {"billing", "support"}},
      Agent{kPerson, "Priya Raman", "priya@baton.test", Role::agent, {"support"}},
  }};
  Settings settings;
  std::map<TicketId, Ticket> tickets;
  std::set<TicketId> person_viewing;
  std::vector<Applied> log;
  int refused = 0;

  Office() {
    for (TicketId id = 1; id <= 24; ++id) {
      tickets[id] = Ticket::blank(id, make_ref(static_cast<std::uint64_t>(id) * 7919));
      cmd::Create create = boiler_complaint();
      if (id % 3 == 0) create.department = "billing";
      EXPECT_TRUE(apply(kSystemAgent, id, create, kStart - 3600 * kSec));
    }
  }
  std::vector<TicketId> ids() const {
    std::vector<TicketId> out;
    for (const auto& [id, t] : tickets) out.push_back(id);
    return out;
  }
  sim::World world() {
    return sim::World{[this](TicketId id) { return tickets.count(id) ? &tickets[id] : nullptr; }, settings, directory,
                      [this](TicketId id) { return person_viewing.count(id) > 0; }};
  }
  bool apply(AgentId agent, TicketId id, const Command& command, Time now) {
    const Actor actor = agent == kSystemAgent ? Actor::system() : *directory.actor(agent);
    const Decision decision = decide(tickets[id], command, actor, now, settings, directory);
    if (!ok(decision)) return false;
    for (const Event& e : std::get<std::vector<Event>>(decision)) tickets[id] = evolve(tickets[id], e);
    return true;
  }
  void step(const sim::Step& s, Time now) {
    Ticket& t = tickets[s.ticket];
    Applied a{now, s.agent, s.ticket, "", t.lock ? std::optional(t.lock->holder) : std::nullopt, t.assignee};
    if (s.kind == sim::StepKind::type) {
      a.what = "draft";
      if (!apply(s.agent, s.ticket, cmd::SaveDraft{s.body, s.draft_kind, t.version}, now)) ++refused;
    } else if (s.kind == sim::StepKind::command) {
      a.what = command_type(*s.command);
      if (!apply(s.agent, s.ticket, *s.command, now)) ++refused;
    } else {
      a.what = s.kind == sim::StepKind::view ? "view" : "leave";
    }
    log.push_back(a);
  }
  // Runs the day from `from` to `until`, 100 ms at a time; `each` runs before every tick.
  void run(sim::Workday& day, Time from, Time until, const std::function<void(Time)>& each = {}) {
    for (Time now = from; now <= until; now += 100) {
      if (each) each(now);
      // The automations: expired locks, replies leaving their undo window, unanswered requests.
      for (auto& [id, t] : tickets)
        if (auto due = due_command(t, now, settings, std::nullopt)) apply(kSystemAgent, id, *due, now);
      while (auto s = day.next(now, world())) step(*s, now);
    }
  }
  int count(const std::string& what) const {
    int n = 0;
    for (const auto& a : log) n += a.what == what;
    return n;
  }
};

sim::Workday colleagues(std::uint64_t seed, const Office& office, double speed = 1) {
  sim::Workday day(seed, {1, 2, 3}, kStart, speed);
  day.set_tickets(office.ids());
  return day;
}

TEST(Workday, AnOfficeHourOfWorkEveryStepAllowed) {
  Office office;
  sim::Workday day = colleagues(7, office);
  office.run(day, kStart, kStart + 60 * kMin);
  EXPECT_EQ(office.refused, 0) << "every step handed out was allowed when it fell due";
  EXPECT_GT(office.count("draft"), 300) << "they type key by key";
  EXPECT_GT(office.count("lock"), 3);
  EXPECT_GT(office.count("renew"), 3) << "locks held for minutes are renewed";
  EXPECT_GT(office.count("reply"), 5);
  EXPECT_GT(office.count("note"), 1);
  EXPECT_GT(office.count("take"), 0) << "some tickets are taken as Mine";
  EXPECT_GT(office.count("receive"), 10) << "customers write again now and then";
  std::set<AgentId> working;
  for (const auto& a : office.log) working.insert(a.agent);
  EXPECT_EQ(working, (std::set<AgentId>{kSystemAgent, 1, 2, 3}));
}

TEST(Workday, HoldsLocksForMinutes) {
  Office office;
  sim::Workday day = colleagues(3, office);
  std::map<TicketId, Time> since;
  Time longest = 0;
  office.run(day, kStart, kStart + 60 * kMin, [&](Time now) {
    for (const auto& [id, t] : office.tickets) {
      if (!t.lock) since.erase(id);
      else if (!since.count(id)) since[id] = now;
      else longest = std::max(longest, now - since[id]);
    }
  });
  EXPECT_GT(longest, 2 * kMin);
  EXPECT_LT(longest, 15 * kMin) << "renewed, never left to expire";
}

TEST(Workday, NeverActsOnAPersonsLockButAsksForItNowAndThen) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    Office office;
    sim::Workday day = colleagues(seed, office);
    for (TicketId id : {1, 2, 4, 5}) ASSERT_TRUE(office.apply(kPerson, id, cmd::Lock{}, kStart));
    ASSERT_TRUE(office.apply(kPerson, 7, cmd::SaveDraft{"Hi Hannah, I am on it", DraftKind::reply, 1}, kStart));
    for (TicketId id : {8, 10, 11}) ASSERT_TRUE(office.apply(kPerson, id, cmd::Take{}, kStart));
    office.person_viewing = {7, 8};
    office.run(day, kStart, kStart + 60 * kMin, [&](Time now) {
      for (auto& [id, t] : office.tickets) {  // and locks any free ticket a colleague is typing on
        const Draft* typing = t.drafts.empty() ? nullptr : &t.drafts.back();
        if (!t.lock && typing && typing->author != kPerson && typing->updated_at == now - 100 && t.department == "support")
          office.apply(kPerson, id, cmd::Lock{}, now);
      }
      for (TicketId id : {1, 2, 4, 5}) {  // the person keeps these locks and declines every request
        const Ticket& t = office.tickets[id];
        if (t.lock && t.lock->request) {
          office.apply(kPerson, id, cmd::AnswerLockRequest{false, "still on it"}, now);
        } else if (!t.lock || t.lock->expires_at <= now + 60 * kSec) {
          office.apply(kPerson, id, t.lock ? Command{cmd::Renew{}} : Command{cmd::Lock{}}, now);
        }
      }
    });
    EXPECT_EQ(office.refused, 0);
    int asked = 0;
    for (const auto& a : office.log) {
      if (a.agent == kSystemAgent || a.holder_before != kPerson) continue;
      EXPECT_TRUE(a.what == "view" || a.what == "leave" || a.what == "request_lock")
          << "seed " << seed << ": " << a.agent << " did " << a.what << " on ticket " << a.ticket << ", which the person holds";
      asked += a.what == "request_lock";
    }
    EXPECT_GE(asked, 1) << "seed " << seed << ": now and then they ask the person for a lock";
    EXPECT_LE(asked, 15) << "seed " << seed << ": now and then, not all the time";
    for (const auto& a : office.log) {
      if (a.what == "take" || a.what == "assign") {
        EXPECT_NE(a.assignee_before, std::optional<AgentId>(kPerson)) << "never takes a person's ticket";
      }
    }
  }
}

TEST(Workday, HandsALockOverWhenAPersonAsksAfterAPause) {
  Office office;
  sim::Workday day = colleagues(5, office);
  ASSERT_TRUE(office.apply(2, 4, cmd::Lock{}, kStart));  // Marcus holds ticket 4 from before
  std::optional<Time> asked, got;
  office.run(day, kStart, kStart + 10 * kMin, [&](Time now) {
    if (!asked && now >= kStart + 90 * kSec && office.tickets[4].lock && office.tickets[4].lock->holder == 2) {
      ASSERT_TRUE(office.apply(kPerson, 4, cmd::RequestLock{"the customer is on the phone"}, now));
      asked = now;
    }
    if (asked && !got && office.tickets[4].lock && office.tickets[4].lock->holder == kPerson) got = now;
  });
  ASSERT_TRUE(asked) << "Marcus still held the lock after 90 s";
  ASSERT_TRUE(got) << "the lock was handed over";
  EXPECT_GE(*got - *asked, 3 * kSec) << "after a human pause";
  EXPECT_LE(*got - *asked, 12 * kSec);
  for (const auto& a : office.log) {
    if (a.ticket == 4 && a.at > *got) {
      EXPECT_TRUE(a.what == "view" || a.what == "leave" || a.what == "receive") << a.what << " after the hand-over";
    }
  }
}

TEST(Workday, AColleagueAPersonLogsInAsStopsAtOnceAndComesBackLater) {
  Office office;
  sim::Workday day = colleagues(11, office);
  office.run(day, kStart, kStart + 10 * kMin);
  day.withdraw(2);
  EXPECT_FALSE(day.simulated(2));
  const std::size_t before = office.log.size();
  office.run(day, kStart + 10 * kMin + 100, kStart + 30 * kMin);
  for (std::size_t i = before; i < office.log.size(); ++i) EXPECT_NE(office.log[i].agent, 2) << office.log[i].what;
  day.rejoin(2, kStart + 30 * kMin);
  const std::size_t back = office.log.size();
  office.run(day, kStart + 30 * kMin + 100, kStart + 45 * kMin);
  bool worked = false;
  for (std::size_t i = back; i < office.log.size(); ++i) worked |= office.log[i].agent == 2;
  EXPECT_TRUE(worked);
}

TEST(Workday, TheSameSeedTellsTheSameDayAndSpeedShortensIt) {
  auto tell = [](std::uint64_t seed, double speed, Time length) {
    Office office;
    sim::Workday day = colleagues(seed, office, speed);
    office.run(day, kStart, kStart + length);
    std::vector<std::string> out;
    for (const auto& a : office.log) out.push_back(std::to_string(a.agent) + " " + a.what + " " + std::to_string(a.ticket));
    return std::make_pair(out, office.refused);
  };
  EXPECT_EQ(tell(9, 1, 20 * kMin), tell(9, 1, 20 * kMin));
  EXPECT_NE(tell(9, 1, 20 * kMin), tell(10, 1, 20 * kMin));
  const auto fast = tell(9, 60, 20 * kSec);
  EXPECT_EQ(fast.second, 0);
  EXPECT_GT(fast.first.size(), 300u) << "a 60-times faster office does in 20 s what one does in 20 min";
}

}  // namespace
}  // namespace baton::testing
