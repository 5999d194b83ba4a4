// The admins' mail outbox in the workspace, headless against a scripted server: only an admin is
// offered it; its rows say what became of each reply (held without a relay, retrying, failed);
// a failed one is sent again with the API's retry, a refusal said in words; a delivery pushed
// live while it is open fetches it again, one fetch at a time.
#include "baton/api/bodies.hpp"
#include "baton/api/routes.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

constexpr Time kSec = 1000;

std::string outbox_target(const char* state, int limit = 100) {
  return api::target_of(api::route::Outbox{api::OutboxQuery{std::string(state), limit}});
}

api::OutboxItem item(std::int64_t id, DeliveryState state, std::string reason, Time queued_at) {
  api::OutboxItem i;
  i.id = id;
  i.ticket = id;
  i.ref = "CDOB-" + std::to_string(7200 + id) + "-OJRK";
  i.subject = "Boiler hissing, ticket " + std::to_string(id);
  i.message = 100 + id;
  i.to = "hannah" + std::to_string(id) + "@example.com";
  i.state = state;
  i.reason = std::move(reason);
  i.queued_at = queued_at;
  i.updated_at = queued_at;
  return i;
}

// A text drawn that ends with `tail` (a row's state after its icon, not the relay line above).
bool shows_ending(const std::string& tail) {
  for (const auto& t : hook::texts())
    if (t.size() >= tail.size() && t.compare(t.size() - tail.size(), tail.size(), tail) == 0) return true;
  return false;
}

class OutboxTest : public WorkspaceTest {
 protected:
  void SetUp() override {
    my_role = "admin";
    log_in({make_ticket(1, now - 5'000)});
  }
  void open_from_menu() {
    ui.click(ws, "me");
    ui.click(ws, "mail-outbox");
  }
  void answer(const std::string& target, const api::OutboxAnswer& body) {
    net.take("GET", target).done(HttpResponse{200, api::encode(body)});
    ui.frame(ws);
  }
  // The ticket's next version for each new seq (the fixture's ticket is at version 3, seq 10).
  Json delivery_changed(Seq seq, DeliveryState state) {
    return event(seq, seq - 1, Event{0, 1, 0, now, static_cast<Version>(seq - 7), ev::DeliveryChanged{101, state, ""}});
  }
};

TEST_F(WorkspaceTest, AnAgentIsNotOfferedTheOutbox) {
  log_in({make_ticket(1, now - 5'000)});
  ui.click(ws, "me");
  EXPECT_TRUE(Headless::find("automations"));
  EXPECT_FALSE(Headless::find("mail-outbox"));
}

TEST_F(OutboxTest, TheAdminOpensItFromHerMenuAndReadsEachRepliesState) {
  ui.click(ws, "me");
  ASSERT_TRUE(Headless::find("mail-outbox")) << "the admin's menu offers the outbox";
  ui.click(ws, "mail-outbox");
  EXPECT_TRUE(Headless::shows("Loading the outbox"));
  api::OutboxAnswer box;  // no relay: the server holds a new reply, its next attempt none
  box.domain = "baton.test";
  box.items = {item(1, DeliveryState::queued, "no mail relay configured", now - 3 * 60 * kSec),
                  item(2, DeliveryState::retrying, "mail server unreachable (refused)", now - 20 * kSec),
                  item(3, DeliveryState::failed, "550 5.1.1 user unknown", now - 2 * 3600 * kSec)};
  box.items[1].attempts = 4;
  box.items[1].next_attempt_at = now + 8 * kSec;
  box.items[2].attempts = 1;
  answer(outbox_target(api::outbox_state::pending), box);
  EXPECT_TRUE(Headless::shows("No mail relay configured: replies wait here"));
  EXPECT_TRUE(Headless::shows("CDOB-7201-OJRK"));
  EXPECT_TRUE(Headless::shows("Boiler hissing, ticket 1"));
  EXPECT_TRUE(Headless::shows("hannah1@example.com"));
  EXPECT_TRUE(shows_ending(" No mail relay configured")) << "the held row's state";
  EXPECT_TRUE(Headless::shows("3 mins ago"));
  EXPECT_TRUE(Headless::shows("Retrying: mail server unreachable (refused)"));
  EXPECT_TRUE(Headless::shows("next try in 8 s"));
  EXPECT_TRUE(Headless::shows("Failed: 550 5.1.1 user unknown"));
  EXPECT_TRUE(Headless::shows("2 hours ago"));
  EXPECT_FALSE(Headless::find("outbox-retry-1")) << "only a failed reply is offered a retry";
  EXPECT_FALSE(Headless::find("outbox-retry-2"));
  const auto* retry = Headless::find("outbox-retry-3");
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->enabled);
  ui.click(ws, "close-outbox");
  EXPECT_FALSE(state().outbox.open);
  EXPECT_FALSE(Headless::find("outbox-retry-3"));
}

TEST_F(OutboxTest, RetrySendsTheApisRetryAndARefusalIsSaidOnTheRow) {
  open_from_menu();
  api::OutboxAnswer box;
  box.relay = "127.0.0.1:2525";
  box.items = {item(7, DeliveryState::failed, "554 5.7.1 Rejected", now - 60 * kSec)};
  answer(outbox_target(api::outbox_state::pending), box);
  EXPECT_TRUE(Headless::shows("Replies are handed to the mail relay at 127.0.0.1:2525."));
  ui.click(ws, "outbox-retry-7");
  Request sent = net.take("POST", api::target_of(api::route::RetryOutbox{7}));
  EXPECT_FALSE(Headless::find("outbox-retry-7")->enabled) << "one retry at a time";
  sent.done(HttpResponse{409, api::encode(api::ApiError::from(Rejection::of(ErrorKey::delivery_retry_not_failed)))});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Retry refused: Only a reply that was not delivered can be sent again"));
  EXPECT_TRUE(Headless::find("outbox-retry-7")->enabled);
  // After the answer the outbox is read again (the row may have changed meanwhile).
  box.items[0].state = DeliveryState::queued;
  box.items[0].reason.clear();
  box.items[0].next_attempt_at = now;
  answer(outbox_target(api::outbox_state::pending), box);
  EXPECT_TRUE(Headless::shows("Waiting to be sent"));
  EXPECT_TRUE(Headless::shows("next try now"));
  EXPECT_FALSE(Headless::find("outbox-retry-7"));
}

TEST_F(OutboxTest, ATabAsksForThoseRepliesAndAnErrorIsSaidInWords) {
  open_from_menu();
  answer(outbox_target(api::outbox_state::pending), api::OutboxAnswer{});
  EXPECT_TRUE(Headless::shows("Nothing waits to be mailed."));
  ui.click(ws, "outbox-filter-failed");
  Request failed = net.take("GET", outbox_target(api::outbox_state::failed));
  failed.done(HttpResponse{403, api::encode(api::ApiError::of(ErrorKey::outbox_admin_only))});
  ui.frame(ws);
  EXPECT_TRUE(Headless::shows("Only an admin can see the outbox"));
  ui.click(ws, "outbox-filter-all");
  answer(outbox_target(api::outbox_state::all), api::OutboxAnswer{});
  EXPECT_TRUE(Headless::shows("No reply has been mailed yet."));
  EXPECT_FALSE(Headless::shows("Only an admin can see the outbox")) << "the error went with its answer";
}

TEST_F(OutboxTest, ADeliveryPushedWhileItIsOpenFetchesItAgainOnceAtATime) {
  net.push(delivery_changed(11, DeliveryState::sent));
  EXPECT_FALSE(net.has("GET", outbox_target(api::outbox_state::pending))) << "closed: nothing is fetched";
  open_from_menu();
  answer(outbox_target(api::outbox_state::pending), api::OutboxAnswer{});
  // A burst: the first change asks, the second waits for that answer, then asks once more.
  net.push(delivery_changed(12, DeliveryState::retrying));
  net.push(delivery_changed(13, DeliveryState::failed));
  net.push(delivery_changed(13, DeliveryState::failed));  // a duplicate changes nothing
  Request first = net.take("GET", outbox_target(api::outbox_state::pending));
  EXPECT_FALSE(net.has("GET", outbox_target(api::outbox_state::pending)));
  api::OutboxAnswer one;
  one.items = {item(1, DeliveryState::retrying, "451 4.3.0 try later", now)};
  first.done(HttpResponse{200, api::encode(one)});
  one.items[0].state = DeliveryState::failed;
  one.items[0].reason = "550 5.1.1 user unknown";
  answer(outbox_target(api::outbox_state::pending), one);
  EXPECT_TRUE(Headless::shows("Failed: 550 5.1.1 user unknown"));
  EXPECT_FALSE(net.has("GET", outbox_target(api::outbox_state::pending)));
  // Events of other kinds do not concern it.
  net.push(event(14, 13, Event{0, 1, kAlesia, now, 7, ev::StatusChanged{Status::awaiting_agent, Status::pending}}));
  EXPECT_FALSE(net.has("GET", outbox_target(api::outbox_state::pending)));
}

TEST_F(OutboxTest, AFullPageOffersOlderRows) {
  open_from_menu();
  api::OutboxAnswer full;
  for (int i = 1; i <= 100; ++i) full.items.push_back(item(i, DeliveryState::queued, "", now - i * kSec));
  answer(outbox_target(api::outbox_state::pending), full);
  EXPECT_TRUE(Headless::shows("Newest 100 shown"));
  ui.click(ws, "outbox-more");
  net.take("GET", outbox_target(api::outbox_state::pending, 200));
}

}  // namespace
}  // namespace baton::shell::testing
