// The collision report: given logged events and refusals, then these counts per day and agent.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "baton/protocol.hpp"
#include "baton/report.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

constexpr Time kMay1 = 1'714'521'600'000;  // 2024-05-01T00:00:00Z
constexpr Time kMin = 60 * kSecond;
constexpr Time kHour = 60 * kMin;
constexpr TicketId kT1 = 11, kT2 = 12;

// A day's events, in seq order, built step by step.
struct Log {
  std::vector<Event> events;
  std::vector<Refusal> refusals;
  std::int64_t messages = 0;

  void add(TicketId t, AgentId actor, Time at, EventPayload payload) {
    Event e;
    e.seq = static_cast<Seq>(events.size() + 1);
    e.ticket = t;
    e.actor = actor;
    e.at = at;
    e.version = e.seq;
    e.payload = std::move(payload);
    events.push_back(std::move(e));
  }
  void customer(TicketId t, Time at) {
    add(t, kSystemAgent, at, ev::CustomerMessage{Message{++messages, MessageKind::customer, std::nullopt, "Hello?", at}});
  }
  void reply(TicketId t, AgentId agent, Time at, std::string key) {
    add(t, agent, at, ev::Replied{Message{++messages, MessageKind::reply, agent, "On it", at}, std::move(key)});
  }
  void queued(TicketId t, AgentId agent, Time at, std::string key) {
    add(t, agent, at, ev::ReplyQueued{PendingReply{agent, "On it", std::move(key), 1, at, at + 10 * kSecond}});
  }
  void lock(TicketId t, AgentId holder, Time at) { add(t, holder, at, ev::Locked{holder, std::nullopt}); }
  void unlock(TicketId t, AgentId holder, Time at, UnlockReason reason) {
    add(t, reason == UnlockReason::manual ? holder : kSystemAgent, at, ev::Unlocked{holder, reason});
  }
  void refuse(TicketId t, AgentId agent, Time at, std::string command, std::string code, std::string key = "",
              std::optional<AgentId> holder = std::nullopt) {
    refusals.push_back(Refusal{at, t, agent, std::move(command), std::move(code), std::move(key), holder});
  }
  CollisionReport report(Time from = kMay1, Time to = kMay1 + kDay) const {
    return collision_report(events, refusals, from, to);
  }
};

CollisionCounts counts_of(const CollisionReport& r, const std::string& day, AgentId agent) {
  for (const auto& d : r.days)
    if (d.day == day)
      for (const auto& a : d.agents)
        if (a.agent == agent) return a.counts;
  return {};
}

TEST(CollisionReport, UtcDays) {
  EXPECT_EQ(utc_day(kMay1), "2024-05-01");
  EXPECT_EQ(utc_day(kMay1 - 1), "2024-04-30");
  EXPECT_EQ(utc_day(0), "1970-01-01");
  EXPECT_EQ(utc_day(-1), "1969-12-31");
  EXPECT_EQ(parse_utc_day("2024-05-01"), kMay1);
  EXPECT_EQ(parse_utc_day("1970-01-01"), 0);
  EXPECT_EQ(parse_utc_day("2024-02-29"), kMay1 - (1 + 31 + 30) * kDay);
  EXPECT_EQ(parse_utc_day("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_utc_day("2000-02-29").has_value(), true);
  EXPECT_EQ(parse_utc_day("1900-02-29"), std::nullopt);
  for (const char* bad : {"", "2024-5-01", "2024-13-01", "2024-00-10", "2024-04-31", "2024-05-00", "2024/05/01",
                          "20240501", "2024-05-01T00", "x024-05-01", " 2024-05-01"})
    EXPECT_EQ(parse_utc_day(bad), std::nullopt) << bad;
  for (Time day = -1000; day < 200000; day += 37) EXPECT_EQ(parse_utc_day(utc_day(day * kDay)), day * kDay);
}

// The scripted day of the server test, at the core: each count once, attributed as documented.
TEST(CollisionReport, ScriptedDayCountsEachKindForTheRightAgent) {
  Log log;
  const Time t = kMay1 + 9 * kHour;
  log.customer(kT1, t);
  log.lock(kT1, kAlesia, t + 1 * kMin);
  log.refuse(kT1, kBruno, t + 2 * kMin, "reply", "locked", "b-1", kAlesia);  // Bruno blocked
  log.add(kT1, kBruno, t + 3 * kMin, ev::LockRequested{kBruno, kAlesia, "customer called me"});
  log.add(kT1, kAlesia, t + 4 * kMin, ev::LockHandedOver{kAlesia, kBruno, std::nullopt, false});
  log.unlock(kT1, kBruno, t + 20 * kMin, UnlockReason::expired);
  log.lock(kT2, kAlesia, t + 30 * kMin);
  log.unlock(kT2, kAlesia, t + 31 * kMin, UnlockReason::disconnected);
  log.lock(kT2, kBruno, t + 32 * kMin);
  log.unlock(kT2, kBruno, t + 33 * kMin, UnlockReason::idle);
  log.lock(kT2, kAlesia, t + 34 * kMin);
  log.add(kT2, kBruno, t + 35 * kMin, ev::LockRequested{kBruno, kAlesia, ""});
  log.add(kT2, kSystemAgent, t + 36 * kMin, ev::LockHandedOver{kAlesia, kBruno, std::nullopt, true});
  // A stale send sent anyway, another revised.
  log.customer(kT2, t + 40 * kMin);
  log.refuse(kT2, kBruno, t + 41 * kMin, "reply", "stale", "s-1");
  log.reply(kT2, kBruno, t + 42 * kMin, "s-1");
  log.customer(kT2, t + 50 * kMin);
  log.refuse(kT2, kAlesia, t + 51 * kMin, "reply", "stale", "s-2");
  log.reply(kT2, kAlesia, t + 53 * kMin, "s-3");
  // Two agents answer one customer message: Bruno's later reply slipped through.
  log.customer(kT1, t + 60 * kMin);
  log.reply(kT1, kAlesia, t + 61 * kMin, "a-1");
  log.reply(kT1, kBruno, t + 62 * kMin, "b-2");

  const auto r = log.report();
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].day, "2024-05-01");
  CollisionCounts bruno;
  bruno.blocked_by_lock = 1;
  bruno.held_stale = 1;
  bruno.sent_anyway = 1;
  bruno.lock_requests = 2;
  bruno.released_expired = 1;
  bruno.released_idle = 1;
  bruno.slipped_through = 1;
  CollisionCounts alesia;
  alesia.held_stale = 1;
  alesia.revised = 1;
  alesia.handovers = 1;
  alesia.handovers_automatic = 1;
  alesia.released_disconnected = 1;
  EXPECT_EQ(counts_of(r, "2024-05-01", kBruno), bruno);
  EXPECT_EQ(counts_of(r, "2024-05-01", kAlesia), alesia);
  ASSERT_EQ(r.days[0].agents.size(), 2u);
  EXPECT_EQ(r.days[0].agents[0].agent, kAlesia);  // ascending id
  CollisionCounts both = alesia;
  both += bruno;
  EXPECT_EQ(r.days[0].totals, both);
  EXPECT_EQ(r.totals, both);
  ASSERT_EQ(r.agents.size(), 2u);
  EXPECT_EQ(r.agents[1].counts, bruno);
}

TEST(CollisionReport, BlockedByLockCountsOncePerAgentTicketAndLock) {
  Log log;
  const Time t = kMay1 + 10 * kHour;
  log.refuse(kT1, kBruno, t - 5 * kMin, "note", "locked", "", kAlesia);  // the lock was taken before the log
  log.refuse(kT1, kBruno, t - 4 * kMin, "reply", "locked", "k", kAlesia);  // same lock: same occasion
  log.unlock(kT1, kAlesia, t, UnlockReason::manual);
  log.lock(kT1, kAlesia, t + kMin);
  log.refuse(kT1, kBruno, t + 2 * kMin, "draft", "locked", "", kAlesia);  // a new lock: a new occasion
  log.refuse(kT1, kBruno, t + 3 * kMin, "reply", "locked", "k2", kAlesia);
  log.refuse(kT1, kBruno, t + 4 * kMin, "lock", "locked", "", kAlesia);
  log.refuse(kT1, kCarla, t + 5 * kMin, "reply", "locked", "c", kAlesia);  // another agent
  log.refuse(kT2, kBruno, t + 6 * kMin, "reply", "locked", "k3", kAlesia);  // another ticket
  log.refuse(kT2, kBruno, t + 7 * kMin, "reply", "conflict", "k4");  // not a collision code
  const auto r = log.report();
  EXPECT_EQ(counts_of(r, "2024-05-01", kBruno).blocked_by_lock, 3);
  EXPECT_EQ(counts_of(r, "2024-05-01", kCarla).blocked_by_lock, 1);
  EXPECT_EQ(r.totals.blocked_by_lock, 4);
  // The refusals are counted in time order, whatever order they come in.
  Log shuffled = log;
  std::reverse(shuffled.refusals.begin(), shuffled.refusals.end());
  EXPECT_EQ(shuffled.report(), r);
}

TEST(CollisionReport, AnOccasionIsCountedOnTheDayOfItsFirstRefusal) {
  Log log;
  log.lock(kT1, kAlesia, kMay1 - kHour);
  log.refuse(kT1, kBruno, kMay1 - kMin, "reply", "locked", "k", kAlesia);  // before the range
  log.refuse(kT1, kBruno, kMay1 + kMin, "reply", "locked", "k", kAlesia);  // the same occasion
  EXPECT_EQ(log.report().totals.blocked_by_lock, 0);
  EXPECT_EQ(log.report(kMay1 - kDay, kMay1 + kDay).totals.blocked_by_lock, 1);
  EXPECT_EQ(counts_of(log.report(kMay1 - kDay, kMay1 + kDay), "2024-04-30", kBruno).blocked_by_lock, 1);
}

TEST(CollisionReport, StaleHoldsEndSentAnywayRevisedOrUnsent) {
  Log log;
  const Time t = kMay1 + 8 * kHour;
  // Held twice with one key, then sent anyway (queued for undo first): one hold, sent anyway.
  log.refuse(kT1, kAlesia, t, "reply", "stale", "a-1");
  log.refuse(kT1, kAlesia, t + kMin, "reply", "stale", "a-1");
  log.queued(kT1, kAlesia, t + 2 * kMin, "a-1");
  log.reply(kT1, kAlesia, t + 2 * kMin + 10 * kSecond, "a-1");
  // Held, then revised: a reply with another key; its own hold is then sent anyway.
  log.refuse(kT2, kAlesia, t, "reply", "stale", "a-2");
  log.refuse(kT2, kAlesia, t + kMin, "reply", "stale", "a-3");
  log.reply(kT2, kAlesia, t + 2 * kMin, "a-3");
  // Held and never sent; a colleague's reply with that key does not count as Bruno's.
  log.refuse(kT1, kBruno, t, "reply", "stale", "b-1");
  log.reply(kT1, kCarla, t + kMin, "b-1");
  // A reply on another ticket does not resolve a hold.
  log.refuse(kT2, kCarla, t, "reply", "stale", "c-1");
  log.reply(kT1, kCarla, t + 2 * kMin, "c-1x");
  // A reply before the hold does not resolve it either.
  const auto r = log.report();
  const auto alesia = counts_of(r, "2024-05-01", kAlesia);
  EXPECT_EQ(alesia.held_stale, 3);
  EXPECT_EQ(alesia.sent_anyway, 2);
  EXPECT_EQ(alesia.revised, 1);
  const auto bruno = counts_of(r, "2024-05-01", kBruno);
  EXPECT_EQ(bruno.held_stale, 1);
  EXPECT_EQ(bruno.sent_anyway + bruno.revised, 0);
  const auto carla = counts_of(r, "2024-05-01", kCarla);
  EXPECT_EQ(carla.held_stale, 1);
  EXPECT_EQ(carla.sent_anyway + carla.revised, 0);
}

TEST(CollisionReport, AStaleHoldIsResolvedWithinADayEvenAfterTheRange) {
  Log log;
  const Time late = kMay1 + kDay - kHour;  // 23:00 on May 1st
  log.refuse(kT1, kAlesia, late, "reply", "stale", "a-1");
  log.reply(kT1, kAlesia, late + 2 * kHour, "a-1");  // May 2nd, 01:00
  log.refuse(kT2, kAlesia, late, "reply", "stale", "a-2");
  log.reply(kT2, kAlesia, late + kResolveWindow + 1, "a-2");  // too late to count
  log.refuse(kT1, kBruno, late - kHour, "reply", "stale", "b-1");
  log.reply(kT1, kBruno, late - kHour + kResolveWindow, "b-2");  // just in time: revised
  const auto r = log.report();
  const auto alesia = counts_of(r, "2024-05-01", kAlesia);
  EXPECT_EQ(alesia.held_stale, 2);
  EXPECT_EQ(alesia.sent_anyway, 1);
  EXPECT_EQ(alesia.revised, 0);
  EXPECT_EQ(counts_of(r, "2024-05-01", kBruno).revised, 1);
  EXPECT_EQ(r.days.size(), 1u);  // the May 2nd reply is context, not a day of the report
}

TEST(CollisionReport, SlippedThroughIsTheLaterOfTwoAgentsRepliesWithinTenMinutes) {
  Log log;
  const Time t = kMay1 + 12 * kHour;
  log.customer(kT1, t);
  log.reply(kT1, kAlesia, t + kMin, "a-1");
  log.reply(kT1, kBruno, t + kMin + kSlipWindow, "b-1");  // exactly 10 minutes later: slipped
  log.customer(kT2, t);
  log.reply(kT2, kAlesia, t + kMin, "a-2");
  log.reply(kT2, kBruno, t + kMin + kSlipWindow + 1, "b-2");  // 1 ms over: not a collision
  const auto r = log.report();
  EXPECT_EQ(counts_of(r, "2024-05-01", kBruno).slipped_through, 1);
  EXPECT_EQ(counts_of(r, "2024-05-01", kAlesia).slipped_through, 0);
  EXPECT_EQ(r.totals.slipped_through, 1);
}

TEST(CollisionReport, SlippedThroughNeedsTheSameCustomerMessageAndAnotherAgent) {
  Log log;
  const Time t = kMay1 + 12 * kHour;
  log.customer(kT1, t);
  log.reply(kT1, kAlesia, t + kMin, "a-1");
  log.reply(kT1, kAlesia, t + 2 * kMin, "a-2");  // the same agent again: a follow-up
  log.customer(kT1, t + 3 * kMin);              // the customer wrote again: a new question
  log.reply(kT1, kBruno, t + 4 * kMin, "b-1");
  log.reply(kT2, kAlesia, t, "x-1");  // no customer message in the log: the replies still pair up
  log.reply(kT2, kBruno, t + kMin, "x-2");
  log.reply(kT2, kCarla, t + 2 * kMin, "x-3");
  log.reply(kT2, kBruno, t + 3 * kMin, "x-4");  // counted per reply
  const auto r = log.report();
  EXPECT_EQ(counts_of(r, "2024-05-01", kAlesia).slipped_through, 0);
  EXPECT_EQ(counts_of(r, "2024-05-01", kBruno).slipped_through, 2);
  EXPECT_EQ(counts_of(r, "2024-05-01", kCarla).slipped_through, 1);
  // A queued reply is not yet a reply to the customer: only its delivery counts.
  Log queued;
  queued.customer(kT1, t);
  queued.queued(kT1, kAlesia, t, "q-1");
  queued.reply(kT1, kBruno, t + kMin, "q-2");
  EXPECT_EQ(queued.report().totals.slipped_through, 0);
}

TEST(CollisionReport, DayBoundariesAndTheRangeAreUtcAndHalfOpen) {
  Log log;
  log.lock(kT1, kAlesia, kMay1 - kHour);
  log.unlock(kT1, kAlesia, kMay1 - 1, UnlockReason::expired);  // April 30th, 23:59:59.999
  log.lock(kT1, kAlesia, kMay1 - 1);
  log.unlock(kT1, kAlesia, kMay1, UnlockReason::expired);  // May 1st, 00:00
  log.lock(kT1, kAlesia, kMay1 + kDay - 1);
  log.unlock(kT1, kAlesia, kMay1 + kDay - 1, UnlockReason::expired);  // May 1st, last ms
  log.lock(kT1, kAlesia, kMay1 + kDay);
  log.unlock(kT1, kAlesia, kMay1 + kDay, UnlockReason::expired);  // May 2nd: after `to`
  // A reply just before the range is context for a slip just inside it.
  log.customer(kT2, kMay1 - kHour);
  log.reply(kT2, kBruno, kMay1 - kMin, "b-1");
  log.reply(kT2, kCarla, kMay1 + kMin, "c-1");

  const auto one = log.report();
  ASSERT_EQ(one.days.size(), 1u);
  EXPECT_EQ(counts_of(one, "2024-05-01", kAlesia).released_expired, 2);
  EXPECT_EQ(counts_of(one, "2024-05-01", kCarla).slipped_through, 1);
  EXPECT_EQ(one.totals.released_expired, 2);

  const auto three = log.report(kMay1 - kDay, kMay1 + 2 * kDay);
  ASSERT_EQ(three.days.size(), 3u);
  EXPECT_EQ(three.days[0].day, "2024-04-30");
  EXPECT_EQ(three.days[2].day, "2024-05-02");
  EXPECT_EQ(three.days[0].totals.released_expired, 1);
  EXPECT_EQ(three.days[1].totals.released_expired, 2);
  EXPECT_EQ(three.days[2].totals.released_expired, 1);
  EXPECT_EQ(three.totals.released_expired, 4);

  // A quiet day is listed with zeros; a range not on day boundaries lists the days it touches.
  const auto quiet = Log{}.report(kMay1 + kHour, kMay1 + kDay + kHour);
  ASSERT_EQ(quiet.days.size(), 2u);
  EXPECT_TRUE(quiet.days[0].agents.empty());
  EXPECT_TRUE(quiet.days[1].totals.empty());
  EXPECT_TRUE(Log{}.report(kMay1, kMay1).days.empty());
}

TEST(CollisionReport, ManualReleasesAndOtherReasonsAreNotAutomations) {
  Log log;
  const Time t = kMay1 + kHour;
  for (auto reason : {UnlockReason::manual, UnlockReason::forced, UnlockReason::replied, UnlockReason::reassigned,
                      UnlockReason::discarded}) {
    log.lock(kT1, kAlesia, t);
    log.unlock(kT1, kAlesia, t, reason);
  }
  log.add(kT1, kAlesia, t, ev::LockRequestDeclined{kBruno, "almost done"});
  EXPECT_TRUE(log.report().totals.empty());
}

TEST(CollisionReport, JsonHasEveryCountNamedAndTheAgentsNames) {
  Log log;
  const Time t = kMay1 + kHour;
  log.lock(kT1, kAlesia, t);
  log.refuse(kT1, kBruno, t + kMin, "reply", "locked", "k", kAlesia);
  const auto json = nlohmann::json::parse(protocol::report_json(log.report(), helpdesk()));
  EXPECT_EQ(json["from"], kMay1);
  EXPECT_EQ(json["to"], kMay1 + kDay);
  ASSERT_EQ(json["days"].size(), 1u);
  const auto& day = json["days"][0];
  EXPECT_EQ(day["day"], "2024-05-01");
  EXPECT_EQ(day["totals"]["blocked_by_lock"], 1);
  const std::vector<std::string> names = {"blocked_by_lock", "held_stale", "sent_anyway", "revised",
                                          "lock_requests", "handovers", "handovers_automatic",
                                          "released_expired", "released_disconnected", "released_idle",
                                          "slipped_through"};
  EXPECT_EQ(day["totals"].size(), names.size());
  for (const auto& name : names) EXPECT_TRUE(day["totals"].contains(name)) << name;
  ASSERT_EQ(day["agents"].size(), 1u);
  EXPECT_EQ(day["agents"][0]["agent"], kBruno);
  EXPECT_EQ(day["agents"][0]["name"], "Bruno Diaz");
  EXPECT_EQ(day["agents"][0]["blocked_by_lock"], 1);
  EXPECT_EQ(day["agents"][0].size(), names.size() + 2);
  EXPECT_EQ(json["agents"][0]["name"], "Bruno Diaz");
  EXPECT_EQ(json["totals"]["blocked_by_lock"], 1);
}

TEST(CollisionReport, TheJsonDecodesBackForTheWorkspace) {
  Log log;
  const Time t = kMay1 + kHour;
  log.lock(kT1, kAlesia, t);
  log.refuse(kT1, kBruno, t + kMin, "reply", "locked", "k", kAlesia);
  const CollisionReport report = log.report();
  auto back = protocol::decode_report(protocol::report_json(report, helpdesk()));
  ASSERT_TRUE(std::holds_alternative<CollisionReport>(back)) << std::get<Rejection>(back).message;
  EXPECT_EQ(std::get<CollisionReport>(back), report);
  EXPECT_TRUE(std::holds_alternative<Rejection>(protocol::decode_report(R"({"from":1,"to":2,"days":[{"day":"x"}]})")));
}

TEST(CollisionReport, CsvHasAHeaderAndOneQuotedLinePerDayAndAgent) {
  Log log;
  const Time t = kMay1 + kHour;
  log.lock(kT1, 7, t);
  log.refuse(kT1, 5, t + kMin, "reply", "locked", "k", 7);
  log.refuse(kT1, 6, t + kMin, "reply", "locked", "k", 7);
  log.refuse(kT1, 8, t + kDay, "reply", "locked", "k", 7);
  const Directory directory({Agent{5, "Doe, \"Jo\"", "jo@baton.test", Role::agent, {"support"}},
                             Agent{6, "=HYPERLINK(1)", "x@baton.test", Role::agent, {"support"}},
                             Agent{7, "Holder", "h@baton.test", Role::agent, {"support"}},
                             Agent{8, "Ana\nLine", "a@baton.test", Role::agent, {"support"}}});
  const std::string csv = protocol::report_csv(log.report(kMay1, kMay1 + 2 * kDay), directory);
  EXPECT_EQ(csv,
            "day,agent_id,agent,blocked_by_lock,held_stale,sent_anyway,revised,lock_requests,handovers,"
            "handovers_automatic,released_expired,released_disconnected,released_idle,slipped_through\r\n"
            "2024-05-01,5,\"Doe, \"\"Jo\"\"\",1,0,0,0,0,0,0,0,0,0,0\r\n"
            "2024-05-01,6,'=HYPERLINK(1),1,0,0,0,0,0,0,0,0,0,0\r\n"
            "2024-05-02,8,\"Ana\nLine\",1,0,0,0,0,0,0,0,0,0,0\r\n");
  EXPECT_EQ(protocol::report_csv(Log{}.report(), directory).find("\r\n") + 2,
            protocol::report_csv(Log{}.report(), directory).size());  // only the header
}

TEST(CollisionReport, RefusalsRoundTripAndDecodeStrictly) {
  const Refusal r{kMay1, kT1, kBruno, "reply", "locked", "k-1", kAlesia};
  auto back = protocol::decode_refusal(protocol::encode_refusal(r));
  ASSERT_TRUE(ok(back));
  EXPECT_EQ(std::get<Refusal>(back), r);
  const Refusal bare{kMay1, kT1, kBruno, "lock", "stale", "", std::nullopt};
  back = protocol::decode_refusal(protocol::encode_refusal(bare));
  ASSERT_TRUE(ok(back));
  EXPECT_EQ(std::get<Refusal>(back), bare);
  back = protocol::decode_refusal(R"({"at":1,"ticket":2,"agent":3,"command":"reply","code":"locked"})");
  ASSERT_TRUE(ok(back));
  for (const char* bad : {"", "[]", R"({"at":1,"ticket":2,"agent":3,"command":"reply"})",
                          R"({"at":"1","ticket":2,"agent":3,"command":"reply","code":"locked"})",
                          R"({"at":1,"ticket":2,"agent":3,"command":"reply","code":"locked","x":1})"}) {
    auto result = protocol::decode_refusal(bad);
    ASSERT_FALSE(ok(result)) << bad;
    EXPECT_EQ(std::get<Rejection>(result).code, RejectionCode::invalid);
  }
}

}  // namespace
}  // namespace baton::testing
