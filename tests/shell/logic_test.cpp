// The workspace's pure pieces: times in words, the connection's state machine, the draft throttle.
#include <gtest/gtest.h>

#include "draft_throttle.hpp"
#include "sync.hpp"
#include "text_script.hpp"
#include "time_text.hpp"

namespace baton::shell {

TEST(TimeText, AgoReadsLikeDeskpro) {
  const Time now = 1'800'000'000'000;
  EXPECT_EQ(ago(now - 2'000, now), "just now");
  EXPECT_EQ(ago(now - 19'000, now), "19 secs ago");
  EXPECT_EQ(ago(now - 3 * 60'000, now), "3 mins ago");
  EXPECT_EQ(ago(now + 5'000, now), "just now");  // a clock a little ahead
}

TEST(TimeText, LockAgeIsShort) {
  EXPECT_EQ(age(0, 12'000), "12 s");
  EXPECT_EQ(age(0, 180'000), "3 min");
  EXPECT_EQ(age(0, 2 * 3'600'000), "2 h");
}

TEST(TimeText, AbsoluteInTheAgentsZone) {
  const Time at = 1'761'412'620'000;  // 2025-10-25 17:17 UTC
  EXPECT_EQ(absolute(at, 0, at), "Oct 25, 5:17 PM");
  EXPECT_EQ(absolute(at, 120, at), "Oct 25, 7:17 PM");
  EXPECT_EQ(absolute(at, 0, at + 400LL * 86'400'000), "Oct 25 2025, 5:17 PM");
}

// Which words a line of the UI isolates (i18n::fill, tested there): those with right-to-left letters
// (web/text.js skips what is inside isolates when it picks a line's direction).
TEST(TextScript, RightToLeftLettersAreFound) {
  EXPECT_TRUE(script::has_right_to_left("\u05D3\u05E0\u05D4 \u05DC\u05D5\u05D9"));
  EXPECT_TRUE(script::has_right_to_left("Fatima \u0627\u0644\u0632\u0647\u0631\u0627\u0621"));
  EXPECT_FALSE(script::has_right_to_left("Hannah Rebekah"));
  EXPECT_FALSE(script::has_right_to_left("\u7530\u4E2D \u82B1\u5B50")) << "Japanese runs left to right";
  EXPECT_FALSE(script::has_right_to_left(""));
}

TEST(Sync, ConnectsCatchesUpAndGoesLive) {
  Sync sync;
  EXPECT_EQ(sync.state(), Link::offline);
  sync.start();
  EXPECT_EQ(sync.state(), Link::connecting);
  sync.opened();
  EXPECT_EQ(sync.state(), Link::catching_up);
  sync.caught_up();
  EXPECT_EQ(sync.state(), Link::live);
  EXPECT_EQ(link_text(sync, 0), "Live");
}

TEST(Sync, DropsWaitLongerEachTimeThenResetWhenLive) {
  Sync sync;
  sync.start();
  sync.dropped(1000);
  EXPECT_EQ(sync.state(), Link::waiting);
  EXPECT_FALSE(sync.retry_due(1499));
  EXPECT_TRUE(sync.retry_due(1500));  // 0.5 s
  EXPECT_FALSE(sync.retry_due(1500)) << "due once";
  sync.dropped(2000);
  EXPECT_EQ(sync.retry_at(), 3000);  // 1 s
  EXPECT_TRUE(sync.retry_due(3000));
  sync.dropped(3000);
  EXPECT_EQ(sync.retry_at(), 5000);  // 2 s
  EXPECT_EQ(link_text(sync, 3000), "Server unreachable \u2014 retrying in 2 s");
  EXPECT_TRUE(sync.retry_due(5000));
  sync.opened();
  sync.caught_up();
  sync.dropped(10'000);
  EXPECT_EQ(sync.retry_at(), 10'500) << "a live connection resets the backoff";
  EXPECT_EQ(Sync::backoff(9), 15'000);
}

TEST(Sync, LoggedOutStaysOffline) {
  Sync sync;
  sync.start();
  sync.stop();
  sync.dropped(0);
  EXPECT_EQ(sync.state(), Link::offline);
}

TEST(DraftThrottle, FirstKeystrokeGoesAtOnceLaterOnesAtMostEveryInterval) {
  DraftThrottle throttle(40);
  EXPECT_FALSE(throttle.due(0));
  throttle.changed(1000);
  EXPECT_TRUE(throttle.due(1000));
  throttle.sent(1000);
  throttle.changed(1010);
  EXPECT_FALSE(throttle.due(1030));
  EXPECT_TRUE(throttle.due(1040)) << "the last keystroke always goes";
  throttle.sent(1040);
  EXPECT_FALSE(throttle.due(5000)) << "nothing new: nothing to send";
}

}  // namespace baton::shell

#include "list_rows.hpp"

namespace baton::shell {

namespace {
Ticket listed(TicketId id, Time updated_at, std::optional<AgentId> assignee = std::nullopt) {
  Ticket t;
  t.id = id;
  t.ref = "T" + std::to_string(id);
  t.department = "support";
  t.assignee = assignee;
  t.version = 1;
  t.updated_at = updated_at;
  return t;
}
}  // namespace

TEST(ListRows, AViewShowsRowsDownToWhereTheLoadedPagesReach) {
  AppState state;
  state.replica.emplace(7);
  for (TicketId id = 1; id <= 5; ++id) state.replica->upsert(listed(id, id * 1000), false);
  state.list.view = View::all;
  Paging& all = state.list.paging[2];
  EXPECT_EQ(list_row_count(state), 0u) << "nothing asked yet: nothing known";
  all.boundary = Row{3000, 3};  // the first page ended at ticket 3
  EXPECT_EQ(list_row_count(state), 3u);
  EXPECT_EQ(list_row(state, 0), 5) << "newest first";
  EXPECT_EQ(list_row(state, 2), 3);
  EXPECT_TRUE(list_has_more(state));
  state.replica->upsert(listed(1, 9000), false);  // ticket 1 was updated: it moves to the top
  EXPECT_EQ(list_row_count(state), 4u);
  EXPECT_EQ(list_row(state, 0), 1);
  all.complete = true;
  EXPECT_EQ(list_row_count(state), 5u);
  EXPECT_FALSE(list_has_more(state));
}

TEST(ListRows, EachViewFiltersAndSearchKeepsTheServersOrder) {
  AppState state;
  state.replica.emplace(7);
  state.replica->upsert(listed(1, 1000, 7), false);
  state.replica->upsert(listed(2, 2000), false);
  state.replica->upsert(listed(3, 3000, 8), false);
  for (auto& paging : state.list.paging) paging.complete = true;
  state.list.view = View::mine;
  ASSERT_EQ(list_row_count(state), 1u);
  EXPECT_EQ(list_row(state, 0), 1);
  state.list.view = View::unassigned;
  ASSERT_EQ(list_row_count(state), 1u);
  EXPECT_EQ(list_row(state, 0), 2);
  state.list.results.query = "boiler";
  state.list.results.ids = {2, 1};
  ASSERT_EQ(list_row_count(state), 2u);
  EXPECT_EQ(list_row(state, 0), 2);
  EXPECT_EQ(list_row(state, 1), 1);
}

}  // namespace baton::shell
