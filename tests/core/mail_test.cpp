// Customers by mail: a mail's sender, attachments and quoted history on the message; auto-replies
// that change nothing but the thread; every reply mailed to the requester, its delivery recorded
// by the mail sender only, retried by an admin only; all of it on the wire and in the replica.
#include "baton/api/bodies.hpp"
#include "baton/api/routes.hpp"
#include "baton/protocol.hpp"
#include "baton/replica.hpp"
#include "baton/report.hpp"
#include "support.hpp"

namespace baton::testing {
namespace {

cmd::MailParts hannahs_mail() {
  cmd::MailParts mail;
  mail.from = "hannah@example.com";
  mail.attachments = {Attachment{"boiler 写真.jpg", 48213, "image/jpeg", "/api/tickets/42/attachments/a1"}};
  mail.quoted = "> On Monday you wrote:\n> Please send a photo.";
  return mail;
}

cmd::Receive out_of_office() {
  cmd::Receive r;
  r.body = "I am out of the office until Monday.";
  r.mail.from = "hannah@example.com";
  r.automatic = true;
  return r;
}

class Mail : public ::testing::Test {
 protected:
  void SetUp() override { desk.created(); }
  // Alesia's reply, mailed at once (undo_send_secs 0); its message id.
  std::int64_t replied() {
    desk.ok(kAlesia, reply("An engineer is on the way.", desk.ticket.version, "k" + std::to_string(++keys)));
    return desk.ticket.messages.back().id;
  }
  const Delivery& delivery_of(std::int64_t id) { return *desk.ticket.message(id)->delivery; }
  Desk desk;
  int keys = 0;
};

TEST_F(Mail, ACustomersMailKeepsItsSenderAttachmentsAndQuotedHistory) {
  cmd::Receive r;
  r.body = "Here is the photo.";
  r.mail = hannahs_mail();
  desk.ok(kSystemAgent, r);
  const Message& m = desk.ticket.messages.back();
  EXPECT_EQ(m.from, "hannah@example.com");
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].name, "boiler 写真.jpg");
  EXPECT_EQ(m.attachments[0].size, 48213);
  EXPECT_EQ(m.quoted, "> On Monday you wrote:\n> Please send a photo.");
  EXPECT_FALSE(m.automatic);
  EXPECT_EQ(desk.ticket.status, Status::awaiting_agent);
}

TEST_F(Mail, ANewTicketFromMailCarriesItsFirstMessagesParts) {
  desk.ticket = Ticket::blank(43, "CDOB-7212-OJRL");
  cmd::Create c = boiler_complaint();
  c.mail = hannahs_mail();
  desk.ok(kSystemAgent, c);
  EXPECT_EQ(desk.ticket.messages[0].attachments, hannahs_mail().attachments);
  EXPECT_EQ(desk.ticket.messages[0].from, "hannah@example.com");
}

TEST_F(Mail, OnlyInboundMailHasASenderOrAttachments) {
  desk.ticket = Ticket::blank(43, "CDOB-7212-OJRL");
  cmd::Create c = boiler_complaint();
  c.mail.attachments = hannahs_mail().attachments;
  EXPECT_EQ(desk.rejected(kAlesia, c).code, RejectionCode::forbidden) << "an agent cannot forge an attachment URL";
  c.mail = {};
  c.mail.from = "someone@example.com";
  EXPECT_EQ(desk.rejected(kAdmin, c).code, RejectionCode::forbidden);
}

TEST_F(Mail, BadMailPartsAreInvalidNamingTheField) {
  cmd::Receive r;
  r.body = "x";
  r.mail.from = "not an address";
  auto rejection = desk.rejected(kSystemAgent, r);
  EXPECT_EQ(rejection.code, RejectionCode::invalid);
  EXPECT_EQ(rejection.field, "from");
  r.mail = hannahs_mail();
  r.mail.attachments[0].name = "";
  EXPECT_EQ(desk.rejected(kSystemAgent, r).field, "attachments[0].name");
  r.mail = hannahs_mail();
  r.mail.attachments[0].size = -1;
  EXPECT_EQ(desk.rejected(kSystemAgent, r).field, "attachments[0].size");
}

TEST_F(Mail, AnAutoReplyIsKeptButNeitherReopensNorChangesTheStatus) {
  desk.ok(kAlesia, cmd::SetStatus{Status::resolved});
  const Version before = desk.ticket.version;
  desk.ok(kSystemAgent, out_of_office());
  EXPECT_TRUE(desk.ticket.messages.back().automatic);
  EXPECT_EQ(desk.ticket.messages.back().body, "I am out of the office until Monday.");
  EXPECT_EQ(desk.ticket.status, Status::resolved) << "an out-of-office does not reopen the ticket";
  EXPECT_EQ(desk.ticket.version, before + 1) << "it is in the history";
  desk.ok(kAlesia, cmd::SetStatus{Status::pending});
  desk.ok(kSystemAgent, out_of_office());
  EXPECT_EQ(desk.ticket.status, Status::pending);
}

TEST_F(Mail, AnAutoReplyDoesNotHoldAReplyAsStale) {
  desk.ok(kAlesia, cmd::Lock{});
  desk.ok(kAlesia, draft("Hi Hannah", desk.ticket.version));
  const Version base = desk.ticket.version;
  desk.ok(kSystemAgent, out_of_office());
  auto events = desk.ok(kAlesia, reply("Hi Hannah", base, "k1"));
  EXPECT_EQ(types(events), (std::vector<std::string>{"replied", "unlocked"})) << "not held as stale";
  desk.ok(kSystemAgent, cmd::Receive{"Are you there?"});
  EXPECT_EQ(desk.rejected(kAlesia, reply("Later", base, "k2")).code, RejectionCode::stale)
      << "a real customer message still does";
}

TEST_F(Mail, EveryReplyIsMailedToTheRequester) {
  const auto id = replied();
  ASSERT_TRUE(desk.ticket.message(id)->delivery);
  EXPECT_EQ(delivery_of(id).state, DeliveryState::queued);
  EXPECT_EQ(delivery_of(id).to, "hannah@example.com");
  EXPECT_EQ(delivery_of(id).at, desk.now);
  EXPECT_FALSE(desk.ticket.messages[0].delivery) << "the customer's own message is not mailed";
}

TEST_F(Mail, AReplyIsMailedOnlyWhenItsUndoWindowIsOver) {
  desk.settings.undo_send_secs = 10;
  desk.ok(kAlesia, reply("On my way", desk.ticket.version, "k1"));
  EXPECT_EQ(desk.ticket.messages.size(), 1u) << "nothing to mail while it can be undone";
  desk.advance(10 * kSecond);
  desk.ok(kSystemAgent, cmd::DeliverReply{});
  const Message& m = desk.ticket.messages.back();
  ASSERT_TRUE(m.delivery);
  EXPECT_EQ(m.delivery->state, DeliveryState::queued);
  EXPECT_EQ(m.delivery->at, desk.now);
}

TEST_F(Mail, TheMailSenderRecordsSentRetryingAndFailed) {
  const auto id = replied();
  desk.advance(kSecond);
  auto events = desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::retrying, "mail server unreachable"});
  ASSERT_EQ(types(events), std::vector<std::string>{"delivery_changed"});
  EXPECT_EQ(delivery_of(id).state, DeliveryState::retrying);
  EXPECT_EQ(delivery_of(id).reason, "mail server unreachable");
  EXPECT_EQ(delivery_of(id).at, desk.now);
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::retrying, "451 4.3.0 try later"});
  desk.advance(kSecond);
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::sent, ""});
  EXPECT_EQ(delivery_of(id).state, DeliveryState::sent);
  EXPECT_EQ(delivery_of(id).at, desk.now);
  EXPECT_EQ(delivery_of(id).to, "hannah@example.com");
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::failed, "550 5.1.1 user unknown"});
  EXPECT_EQ(delivery_of(id).state, DeliveryState::failed) << "a bounce after the relay took it";
}

TEST_F(Mail, ADeliveryChangesNothingButTheReplysState) {
  const auto id = replied();
  desk.ok(kBruno, cmd::Lock{});
  desk.ok(kBruno, draft("Also...", desk.ticket.version));
  const Ticket before = desk.ticket;
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::sent, ""});
  EXPECT_EQ(desk.ticket.status, before.status);
  EXPECT_EQ(desk.ticket.changes, before.changes) << "nobody's draft is stale because a mail went out";
  EXPECT_EQ(desk.ticket.lock, before.lock) << "a colleague's lock does not hold the mail sender";
  EXPECT_EQ(desk.ticket.drafts, before.drafts);
  desk.ok(kBruno, reply("Also...", before.version, "k9"));
}

TEST_F(Mail, OnlyTheSystemRecordsADelivery) {
  const auto id = replied();
  EXPECT_EQ(desk.rejected(kAlesia, cmd::RecordDelivery{id, DeliveryState::sent, ""}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.rejected(kAdmin, cmd::RecordDelivery{id, DeliveryState::sent, ""}).code, RejectionCode::forbidden);
}

TEST_F(Mail, ADeliveryMovesOnlyForward) {
  const auto id = replied();
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::queued, ""}).code, RejectionCode::conflict)
      << "nothing changed";
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::failed, ""}).field, "reason")
      << "a failure says why";
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::queued, "no mail relay configured"});
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::sent, ""});
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::sent, ""}).code, RejectionCode::conflict)
      << "a second 'sent' (another process's late answer) changes nothing";
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::retrying, "x"}).code, RejectionCode::conflict);
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::failed, "550 5.1.1 user unknown"});
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::sent, ""}).code, RejectionCode::conflict)
      << "failed stays failed until an admin retries";
}

TEST_F(Mail, OnlyMailedRepliesHaveADelivery) {
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{1, DeliveryState::sent, ""}).code, RejectionCode::not_found)
      << "the customer's message";
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{99, DeliveryState::sent, ""}).code, RejectionCode::not_found);
  desk.ok(kAlesia, cmd::Note{"internal"});
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RecordDelivery{2, DeliveryState::sent, ""}).code, RejectionCode::not_found);
}

TEST_F(Mail, AnAdminRetriesAFailedReply) {
  const auto id = replied();
  EXPECT_EQ(desk.rejected(kAdmin, cmd::RetryDelivery{id}).code, RejectionCode::conflict) << "not failed";
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::failed, "550 5.1.1 user unknown"});
  EXPECT_EQ(desk.rejected(kAlesia, cmd::RetryDelivery{id}).code, RejectionCode::forbidden);
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::RetryDelivery{id}).code, RejectionCode::forbidden);
  auto events = desk.ok(kAdmin, cmd::RetryDelivery{id});
  ASSERT_EQ(types(events), std::vector<std::string>{"delivery_changed"});
  EXPECT_EQ(events[0].actor, kAdmin) << "the history says who sent it again";
  EXPECT_EQ(delivery_of(id).state, DeliveryState::queued);
  EXPECT_EQ(delivery_of(id).reason, "");
  EXPECT_EQ(desk.rejected(kAdmin, cmd::RetryDelivery{id}).code, RejectionCode::conflict) << "once";
}

TEST_F(Mail, ReplayingTheHistoryRebuildsTheDeliveries) {
  const auto id = replied();
  desk.ok(kSystemAgent, out_of_office());
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::failed, "550 5.1.1 user unknown"});
  desk.ok(kAdmin, cmd::RetryDelivery{id});
  Ticket replay = Ticket::blank(desk.ticket.id, desk.ticket.ref);
  for (const Event& e : desk.history) replay = evolve(replay, e);
  EXPECT_EQ(replay, desk.ticket);
}

TEST_F(Mail, TheReplicaFollowsADeliveryLive) {
  const auto id = replied();
  Replica replica(kBruno);
  replica.upsert(desk.ticket, true);
  replica.set_cursor(static_cast<Seq>(desk.history.size()));
  desk.ok(kSystemAgent, cmd::RecordDelivery{id, DeliveryState::retrying, "mail server unreachable"});
  const Event& e = desk.history.back();
  ASSERT_EQ(replica.apply(e, e.seq - 1), Applied::applied);
  const Message* m = replica.ticket(desk.ticket.id)->message(id);
  ASSERT_TRUE(m && m->delivery);
  EXPECT_EQ(m->delivery->state, DeliveryState::retrying);
  EXPECT_EQ(m->delivery->reason, "mail server unreachable");
}

TEST_F(Mail, AnAutoReplyIsNotACustomerMessageInTheCollisionReport) {
  // Two agents answer one customer message 2 minutes apart, an out-of-office between them: slipped.
  desk.ok(kAlesia, reply("First", desk.ticket.version, "k1"));
  desk.advance(60 * kSecond);
  desk.ok(kSystemAgent, out_of_office());
  desk.advance(60 * kSecond);
  desk.ok(kBruno, reply("Second", desk.ticket.version, "k2"));
  constexpr Time kDayMs = 86'400'000;
  EXPECT_EQ(collision_report(desk.history, {}, kStart - kDayMs, kStart + kDayMs).totals.slipped_through, 1);
}

// The wire.

TEST(MailProtocol, MessagesWithMailPartsAndDeliveriesRoundTrip) {
  Desk desk;
  desk.created();
  cmd::Receive r;
  r.body = "photo";
  r.mail = hannahs_mail();
  desk.ok(kSystemAgent, r);
  desk.ok(kSystemAgent, out_of_office());
  desk.ok(kAlesia, reply("Thanks", desk.ticket.version, "k1"));
  desk.ok(kSystemAgent, cmd::RecordDelivery{4, DeliveryState::retrying, "mail server unreachable"});
  auto back = protocol::decode_ticket(protocol::dump(protocol::to_json(desk.ticket)));
  ASSERT_TRUE(ok(back)) << std::get<Rejection>(back).message;
  EXPECT_EQ(std::get<Ticket>(back), desk.ticket);
  for (const Event& e : desk.history) {
    const std::string text = protocol::dump(protocol::to_json(e));
    auto event = protocol::decode_event(text);
    ASSERT_TRUE(ok(event)) << text;
    EXPECT_EQ(std::get<Event>(event), e) << text;
  }
  const protocol::Json json = protocol::to_json(desk.ticket);
  EXPECT_EQ(json["messages"][1]["attachments"][0]["url"], "/api/tickets/42/attachments/a1");
  EXPECT_EQ(json["messages"][2]["automatic"], true);
  EXPECT_EQ(json["messages"][3]["delivery"]["state"], "retrying");
  EXPECT_EQ(json["messages"][3]["delivery"]["to"], "hannah@example.com");
  EXPECT_FALSE(json["messages"][0].contains("from")) << "a message without mail parts looks as before";
  EXPECT_FALSE(json["messages"][0].contains("automatic"));
}

TEST(MailProtocol, MessagesStoredBeforeMailStillDecode) {
  const std::string old_reply =
      R"({"seq":7,"ticket":42,"type":"replied","actor":1,"at":1700000000000,"version":5,)"
      R"("message":{"id":2,"kind":"reply","agent":1,"body":"Hi","at":1700000000000},"idempotency_key":"k1"})";
  auto e = protocol::decode_event(old_reply);
  ASSERT_TRUE(ok(e)) << std::get<Rejection>(e).message;
  EXPECT_FALSE(std::get<ev::Replied>(std::get<Event>(e).payload).message.delivery);
  const std::string old_settings = R"({"lock_timeout_secs":900,"undo_send_secs":10})";
  auto s = protocol::decode_settings(old_settings);
  ASSERT_TRUE(ok(s));
  EXPECT_EQ(std::get<Settings>(s).max_mail_bytes, 25 << 20);
  EXPECT_TRUE(std::get<Settings>(s).mail_addresses.empty());
}

TEST(MailProtocol, StrictAboutTheNewShapes) {
  auto unknown = protocol::decode_event(
      R"({"seq":7,"ticket":42,"type":"customer_message","actor":0,"at":1,"version":5,)"
      R"("message":{"id":2,"kind":"customer","agent":null,"body":"Hi","at":1,)"
      R"("attachments":[{"name":"a","size":1,"content_type":"text/plain","url":"/x","extra":1}]}})");
  ASSERT_FALSE(ok(unknown));
  EXPECT_EQ(std::get<Rejection>(unknown).field, "message.attachments[0].extra");
  auto state = protocol::decode_event(
      R"({"seq":7,"ticket":42,"type":"delivery_changed","actor":0,"at":1,"version":5,"message":2,"state":"lost","reason":""})");
  ASSERT_FALSE(ok(state));
  EXPECT_EQ(std::get<Rejection>(state).field, "state");
}

TEST(MailProtocol, MailCommandsRoundTrip) {
  cmd::Receive r;
  r.body = "photo";
  r.mail = hannahs_mail();
  r.automatic = true;
  cmd::Create c = boiler_complaint();
  c.mail = hannahs_mail();
  for (const Command& command : std::vector<Command>{r, c, cmd::RecordDelivery{3, DeliveryState::failed, "550 no"},
                                                     cmd::RetryDelivery{3}}) {
    const std::string text = protocol::dump(protocol::to_json(command));
    auto back = protocol::decode_command(text);
    ASSERT_TRUE(ok(back)) << text;
    EXPECT_EQ(std::get<Command>(back), command) << text;
  }
}

TEST(MailProtocol, DepartmentAddressesAreCheckedAndUnique) {
  auto good = protocol::decode_settings(R"({"mail_addresses":{"support":"help@example.com","billing":"Billing@example.com"}})");
  ASSERT_TRUE(ok(good)) << std::get<Rejection>(good).message;
  EXPECT_EQ(std::get<Settings>(good).mail_addresses.at("support"), "help@example.com");
  auto round = protocol::decode_settings(protocol::dump(protocol::to_json(std::get<Settings>(good))));
  EXPECT_EQ(std::get<Settings>(round), std::get<Settings>(good));
  for (const char* bad : {R"({"mail_addresses":{"support":"help"}})", R"({"mail_addresses":{"support":"a b@example.com"}})",
                          R"({"mail_addresses":{"support":"<x@example.com>"}})", R"({"mail_addresses":{"support":7}})",
                          R"({"mail_addresses":{"support":"x@example.com","billing":"X@EXAMPLE.com"}})",
                          R"({"mail_addresses":["x@example.com"]})", R"({"max_mail_bytes":100})"}) {
    auto s = protocol::decode_settings(bad);
    EXPECT_FALSE(ok(s)) << bad;
  }
}

// The typed API's mail routes and the admins' outbox answer.

TEST(MailApi, TheMailRoutesAreWrittenAndReadBack) {
  const std::vector<api::Route> routes = {api::route::Attachment{42, "9f2c_Ab-0"}, api::route::Outbox{},
                                          api::route::Outbox{{"failed", 100}}, api::route::RetryOutbox{7}};
  for (const api::Route& route : routes) {
    const std::string target = api::target_of(route);
    EXPECT_EQ(api::parse_route(api::method_of(route), target), route) << target;
  }
  EXPECT_EQ(api::target_of(api::route::Attachment{42, "a1"}), "/api/tickets/42/attachments/a1");
  EXPECT_EQ(api::target_of(api::route::Outbox{{"pending", 20}}), "/api/mail/outbox?state=pending&limit=20");
  EXPECT_EQ(api::method_of(api::route::RetryOutbox{7}), api::Method::post);
  EXPECT_EQ(api::target_of(api::route::RetryOutbox{7}), "/api/mail/outbox/7/retry");
  EXPECT_FALSE(api::parse_route(api::Method::get, "/api/tickets/42/attachments/../x"));
  EXPECT_FALSE(api::parse_route(api::Method::get, "/api/mail/outbox/7/retry")) << "a retry is a POST";
}

TEST(MailApi, TheOutboxAnswerReadsBackAsWritten) {
  api::OutboxAnswer answer;
  answer.relay = "127.0.0.1:25";
  answer.listening = "127.0.0.1:2525";
  answer.domain = "baton.test";
  answer.addresses = {{"support", "support@baton.test"}, {"billing", "billing@example.com"}};
  api::OutboxItem item;
  item.id = 7;
  item.ticket = 42;
  item.ref = "CDOB-7212-OJRK";
  item.message = 3;
  item.to = "hannah@example.com";
  item.state = DeliveryState::retrying;
  item.reason = "mail server unreachable (Connection refused)";
  item.attempts = 2;
  item.queued_at = kStart;
  item.next_attempt_at = kStart + 4000;
  item.updated_at = kStart + 2000;
  answer.items = {item};
  item.state = DeliveryState::sent;
  item.next_attempt_at.reset();
  item.sent_at = kStart + 9000;
  item.ref.reset();
  answer.items.push_back(item);
  const std::string text = api::encode(answer);
  auto back = api::decode<api::OutboxAnswer>(text);
  ASSERT_TRUE(ok(back)) << text;
  EXPECT_EQ(std::get<api::OutboxAnswer>(back), answer);
  auto held = api::decode<api::OutboxAnswer>(
      R"({"relay":null,"listening":null,"domain":"baton.test","addresses":{},"items":[{"id":1,"ticket":2,)"
      R"("ref":"CDOB-7212-OJRK","message":2,"to":"a@b.c","state":"lost","reason":"","attempts":0,"queued_at":1,)"
      R"("next_attempt_at":null,"sent_at":null,"updated_at":1}]})");
  ASSERT_FALSE(ok(held)) << "an unknown state is refused";
  EXPECT_EQ(std::get<Rejection>(held).field, "items[0].state");
}

}  // namespace
}  // namespace baton::testing
