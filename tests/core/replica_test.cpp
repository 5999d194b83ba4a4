// The client replica: fed by the server's event stream, which may repeat, reorder or skip.
#include <algorithm>
#include <random>

#include "baton/replica.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

// A server-side history across several tickets, numbered as the store would.
struct Stream {
  std::vector<Event> events;
  std::map<TicketId, Desk> desks;

  Desk& desk(TicketId id) {
    auto [it, fresh] = desks.try_emplace(id);
    if (fresh) it->second.ticket = Ticket::blank(id, "CDOB-7212-OJRK");
    return it->second;
  }
  void run(TicketId id, AgentId who, const Command& c, Time at) {
    Desk& d = desk(id);
    d.now = at;
    for (Event e : d.ok(who, c)) {
      if (e.ephemeral()) continue;
      e.seq = static_cast<Seq>(events.size()) + 1;
      events.push_back(e);
    }
  }
};

Stream busy_morning() {
  Stream s;
  Time t = kStart;
  for (TicketId id = 1; id <= 5; ++id) s.run(id, kSystemAgent, boiler_complaint(), t += 1000);
  s.run(2, kAlesia, cmd::Take{}, t += 1000);
  s.run(3, kBruno, cmd::Lock{}, t += 1000);
  s.run(1, kSystemAgent, cmd::Receive{"hello?"}, t += 1000);
  s.run(4, kAlesia, cmd::SetStatus{Status::resolved}, t += 1000);
  s.run(3, kBruno, cmd::Assign{kAlesia}, t += 1000);  // releases Bruno's lock
  s.run(5, kAlesia, cmd::Lock{}, t += 1000);
  s.run(5, kAlesia, cmd::Take{}, t += 1000);
  return s;
}

std::vector<TicketId> ids(const SortedRows& rows) {
  std::vector<TicketId> out;
  for (const auto& r : rows.to_vector()) out.push_back(r.id);
  return out;
}

void feed(Replica& r, const std::vector<Event>& events) {
  Seq prev = 0;
  for (const auto& e : events) {
    r.apply(e, prev);
    prev = e.seq;
  }
}

TEST(Replica, AppliesAStreamInOrderAndBuildsTheViews) {
  Stream s = busy_morning();
  Replica r(kAlesia);
  feed(r, s.events);
  EXPECT_EQ(r.last_seq(), static_cast<Seq>(s.events.size()));
  EXPECT_FALSE(r.has_gap());
  for (auto& [id, desk] : s.desks) EXPECT_EQ(*r.ticket(id), desk.ticket) << id;
  EXPECT_EQ(ids(r.view(View::all)), (std::vector<TicketId>{5, 3, 4, 1, 2}));  // most recently updated first
  EXPECT_EQ(ids(r.view(View::mine)), (std::vector<TicketId>{5, 3, 2}));
  EXPECT_EQ(ids(r.view(View::unassigned)), (std::vector<TicketId>{4, 1}));
  EXPECT_EQ(ids(r.view(View::locked)), (std::vector<TicketId>{5}));
  EXPECT_EQ(ids(r.view(View::resolved)), (std::vector<TicketId>{4}));
}

TEST(Replica, IgnoresDuplicates) {
  Stream s = busy_morning();
  Replica r(kAlesia);
  feed(r, s.events);
  const Ticket before = *r.ticket(3);
  EXPECT_EQ(r.apply(s.events[7], 7), Applied::duplicate);
  EXPECT_EQ(r.apply(s.events.back(), s.events.back().seq - 1), Applied::duplicate);
  EXPECT_EQ(*r.ticket(3), before);
  EXPECT_EQ(r.view(View::all).size(), 5u);
}

TEST(Replica, HoldsBackEventsAfterAGapAndCatchesUpWhenItFills) {
  Stream s = busy_morning();
  Replica r(kAlesia);
  feed(r, {s.events.begin(), s.events.begin() + 5});
  // Events 6 and 7 are lost in transit; 8 arrives saying the one before it was 7.
  EXPECT_EQ(r.apply(s.events[7], 7), Applied::gap);
  EXPECT_TRUE(r.has_gap());
  EXPECT_EQ(r.last_seq(), 5) << "resume from here";
  // The resume delivers 6, 7 (and 8 again).
  EXPECT_EQ(r.apply(s.events[5], 5), Applied::applied);
  EXPECT_EQ(r.apply(s.events[6], 6), Applied::applied);
  EXPECT_FALSE(r.has_gap());
  EXPECT_EQ(r.last_seq(), 8);
  EXPECT_EQ(r.apply(s.events[7], 7), Applied::duplicate);
  for (std::size_t i = 8; i < s.events.size(); ++i) r.apply(s.events[i], s.events[i - 1].seq);
  for (auto& [id, desk] : s.desks) EXPECT_EQ(*r.ticket(id), desk.ticket) << id;
}

TEST(Replica, FilteredStreamsAreNotGapsWhenPrevSaysSo) {
  Stream s = busy_morning();
  Replica r(kAlesia);
  // The server skipped seq 2..4 for this agent (another department) and says so with prev.
  r.apply(s.events[0], 0);
  EXPECT_EQ(r.apply(s.events[4], 1), Applied::applied);
  EXPECT_FALSE(r.has_gap());
  EXPECT_EQ(r.last_seq(), 5);
}

TEST(Replica, AnyDeliveryOrderWithDuplicatesEndsInTheSameState) {
  Stream s = busy_morning();
  Replica reference(kAlesia);
  feed(reference, s.events);
  std::mt19937 rng(2024);
  for (int round = 0; round < 200; ++round) {
    // Deliveries: each event once or twice, shuffled; prev is the seq before it in the stream.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < s.events.size(); ++i) {
      order.push_back(i);
      if (rng() % 3 == 0) order.push_back(i);
    }
    std::shuffle(order.begin(), order.end(), rng);
    Replica r(kAlesia);
    for (std::size_t i : order) r.apply(s.events[i], i == 0 ? 0 : s.events[i - 1].seq);
    ASSERT_FALSE(r.has_gap()) << round;
    ASSERT_EQ(r.last_seq(), reference.last_seq());
    for (auto& [id, desk] : s.desks) ASSERT_EQ(*r.ticket(id), desk.ticket) << round << " ticket " << id;
    for (std::size_t v = 0; v < kViewCount; ++v)
      ASSERT_EQ(r.view(static_cast<View>(v)).to_vector(), reference.view(static_cast<View>(v)).to_vector()) << round;
  }
}

TEST(Replica, ViewsStaySortedUnderManyUpdates) {
  std::mt19937 rng(99);
  Stream s;
  Time t = kStart;
  for (TicketId id = 1; id <= 60; ++id) s.run(id, kSystemAgent, boiler_complaint(), t += 10);
  for (int i = 0; i < 600; ++i) {
    const TicketId id = 1 + rng() % 60;
    const Version v = s.desk(id).ticket.version;
    switch (rng() % 5) {
      case 0: s.desk(id).settings = immediate_sends(); s.run(id, kSystemAgent, cmd::Receive{"more"}, t += rng() % 3); break;
      case 1: if (!s.desk(id).ticket.lock) s.run(id, kAlesia, cmd::Lock{}, t += rng() % 3); break;
      case 2: if (s.desk(id).ticket.lock) s.run(id, s.desk(id).ticket.lock->holder, cmd::Unlock{}, t += rng() % 3); break;
      case 3: if (!s.desk(id).ticket.lock && s.desk(id).ticket.assignee != kAlesia) s.run(id, kAlesia, cmd::Take{}, t += 1); break;
      case 4: if (!s.desk(id).ticket.lock) s.run(id, kBruno, reply("hi", v, "k" + std::to_string(i)), t += 1); break;
    }
  }
  Replica r(kAlesia);
  feed(r, s.events);
  for (std::size_t v = 0; v < kViewCount; ++v) {
    const View view = static_cast<View>(v);
    std::vector<Row> expected;
    for (auto& [id, desk] : s.desks) {
      const Ticket& tk = desk.ticket;
      const bool in = view == View::all || (view == View::mine && tk.assignee == kAlesia) ||
                      (view == View::unassigned && !tk.assignee) || (view == View::locked && tk.lock) ||
                      (view == View::awaiting_agent && tk.status == Status::awaiting_agent) ||
                      (view == View::awaiting_user && tk.status == Status::awaiting_user) ||
                      (view == View::pending && tk.status == Status::pending) ||
                      (view == View::resolved && tk.status == Status::resolved);
      if (in) expected.push_back({tk.updated_at, tk.id});
    }
    std::sort(expected.begin(), expected.end(), row_before);
    EXPECT_EQ(r.view(view).to_vector(), expected) << "view " << v;
    for (std::size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(r.view(view)[i], expected[i]) << "row " << i;
  }
}

TEST(SortedRows, StaysSortedAcrossBlockSplitsAndEmptiedBlocks) {
  std::mt19937 rng(5);
  SortedRows rows;
  std::vector<Row> mirror;
  for (int i = 0; i < 20000; ++i) {
    if (mirror.empty() || rng() % 3) {
      const Row row{static_cast<Time>(rng() % 5000), static_cast<TicketId>(i)};
      rows.insert(row);
      mirror.push_back(row);
    } else {
      const std::size_t at = rng() % mirror.size();
      ASSERT_TRUE(rows.erase(mirror[at]));
      mirror.erase(mirror.begin() + static_cast<long>(at));
    }
  }
  std::sort(mirror.begin(), mirror.end(), row_before);
  ASSERT_EQ(rows.size(), mirror.size());
  EXPECT_EQ(rows.to_vector(), mirror);
  EXPECT_EQ(rows[mirror.size() / 2], mirror[mirror.size() / 2]);
  EXPECT_FALSE(rows.erase(Row{99999, 1}));
  for (const Row& row : mirror) ASSERT_TRUE(rows.erase(row));
  EXPECT_TRUE(rows.empty());
}

TEST(Replica, AnEventForAnUnknownTicketAsksForAFetch) {
  Stream s = busy_morning();
  Replica r(kAlesia);
  r.set_cursor(5);  // built from a query that already covered the creations... but lost ticket 2
  EXPECT_EQ(r.apply(s.events[5], 5), Applied::unknown);  // ticket 2 taken by Alesia
  EXPECT_EQ(r.needs_fetch(), std::set<TicketId>{2});
  EXPECT_EQ(r.last_seq(), 6) << "the stream goes on; the fetch brings the ticket";
  r.upsert(s.desks[2].ticket, true);
  EXPECT_TRUE(r.needs_fetch().empty());
  EXPECT_EQ(ids(r.view(View::mine)), std::vector<TicketId>{2});
}

TEST(Replica, ASnapshotAndTheStreamOverlapWithoutDoubleApplying) {
  Desk desk;
  desk.created();
  desk.ok(kAlesia, cmd::Note{"first"});
  Replica r(kAlesia);
  r.upsert(desk.ticket, true);  // version 2, already contains the note
  Event note = desk.history[1];
  note.seq = 2;
  EXPECT_EQ(r.apply(note, 0), Applied::duplicate);
  EXPECT_EQ(r.ticket(42)->messages.size(), 2u);
  const Ticket newer = desk.ticket;
  r.upsert(Ticket::blank(42, "x"), true);  // an older snapshot cannot roll it back
  EXPECT_EQ(*r.ticket(42), newer);
}

TEST(Replica, ASummaryKeepsNoThreadButStaysCurrent) {
  Desk desk;
  desk.created();
  Replica r(kAlesia);
  Ticket summary = desk.ticket;
  summary.messages.clear();
  r.upsert(summary, false);
  auto events = desk.ok(kSystemAgent, cmd::Receive{"more"});
  events[0].seq = 10;
  EXPECT_EQ(r.apply(events[0], 0), Applied::applied);
  EXPECT_TRUE(r.ticket(42)->messages.empty());
  EXPECT_EQ(r.ticket(42)->message_count, 2);
  EXPECT_FALSE(r.is_full(42));
  r.upsert(desk.ticket, true);  // opening the ticket loads the thread
  EXPECT_EQ(r.ticket(42)->messages.size(), 2u);
}

TEST(Replica, OtherAgentsDraftsShowTheirFreshness) {
  Desk desk;
  desk.created();
  Replica r(kAlesia);
  r.upsert(desk.ticket, true);
  auto bruno = desk.ok(kBruno, draft("Hi Hannah, thank you for reaching out to us!", 1));
  desk.advance(5 * kSecond);
  auto mine = desk.ok(kAlesia, draft("my own", 1));
  EXPECT_EQ(r.apply_draft(bruno[0]), Applied::applied);
  EXPECT_EQ(r.apply_draft(mine[0]), Applied::applied);
  auto drafts = r.others_drafts(42, kStart + 19 * kSecond);
  ASSERT_EQ(drafts.size(), 1u) << "my own draft is in my editor, not in this list";
  EXPECT_EQ(drafts[0].author, kBruno);
  EXPECT_EQ(drafts[0].freshness, "19 secs ago");
  EXPECT_EQ(r.others_drafts(42, kStart + 150 * kSecond)[0].freshness, "2 mins ago");
}

TEST(Replica, ALateDraftUpdateDoesNotOverwriteANewerOne) {
  Desk desk;
  desk.created();
  Replica r(kAlesia);
  r.upsert(desk.ticket, true);
  auto older = desk.ok(kBruno, draft("Hi", 1));
  desk.advance(kSecond);
  auto newer = desk.ok(kBruno, draft("Hi Hannah", 1));
  r.apply_draft(newer[0]);
  EXPECT_EQ(r.apply_draft(older[0]), Applied::duplicate);
  EXPECT_EQ(r.ticket(42)->draft_of(kBruno)->body, "Hi Hannah");
  auto gone = desk.ok(kBruno, cmd::DiscardDraft{});
  r.apply_draft(gone[0]);
  EXPECT_TRUE(r.others_drafts(42, desk.now).empty());
}

TEST(Replica, TracksWhoIsViewingAndTyping) {
  Replica r(kAlesia);
  r.set_presence(42, kBruno, Presence::viewing, kStart);
  r.set_presence(42, kCarla, Presence::typing, kStart);
  r.set_presence(7, kBruno, Presence::viewing, kStart);
  EXPECT_EQ(r.presence(42), (std::vector<PresenceEntry>{{kBruno, Presence::viewing, kStart}, {kCarla, Presence::typing, kStart}}));
  r.set_presence(42, kBruno, Presence::typing, kStart + 1);
  EXPECT_EQ(r.presence(42)[0].state, Presence::typing);
  r.set_presence(42, kCarla, std::nullopt, kStart + 2);
  EXPECT_EQ(r.presence(42).size(), 1u);
  r.forget_agent(kBruno);  // their tab closed
  EXPECT_TRUE(r.presence(42).empty());
  EXPECT_TRUE(r.presence(7).empty());
}

}  // namespace
}  // namespace baton::testing
