// The typed wire contract (core/include/baton/api): every route written and read back, every body
// and live message encoded and decoded to the same value, bad input refused in words.
#include <gtest/gtest.h>

#include "baton/api/exchange.hpp"
#include "baton/api/live.hpp"
#include "baton/api/query.hpp"
#include "support.hpp"

namespace baton::api {
namespace {

using testing::helpdesk;
using testing::kAlesia;
using testing::kBruno;
using testing::kStart;

Ticket sample_ticket() {
  Ticket t;
  t.id = 42;
  t.ref = "CDOB-7212-OJRK";
  t.subject = "ボイラーから異音がします";
  t.requester = {"田中 花子", "hanako@example.jp"};
  t.language = "Japanese";
  t.department = "support";
  t.urgency = 7;
  t.assignee = kBruno;
  t.lock = Lock{kAlesia, kStart, kStart, kStart + 900'000};
  t.messages.push_back(Message{1, MessageKind::customer, std::nullopt, "Hi", kStart});
  t.drafts.push_back(Draft{kAlesia, DraftKind::reply, "Hi Hannah", 2, kStart + 5});
  t.message_count = 1;
  t.version = 2;
  t.created_at = kStart;
  t.updated_at = kStart + 10;
  return t;
}

template <typename T>
T round_trip(const T& value) {
  const std::string text = encode(value);
  auto decoded = decode<T>(text);
  EXPECT_TRUE(std::holds_alternative<T>(decoded)) << text << "\n"
                                                 << (std::holds_alternative<Rejection>(decoded)
                                                         ? std::get<Rejection>(decoded).message
                                                         : "");
  return std::holds_alternative<T>(decoded) ? std::get<T>(decoded) : T{};
}

TEST(ApiRoutes, EveryRouteIsWrittenAndReadBackTheSame) {
  const std::vector<Route> routes = {
      route::Login{},
      route::Logout{},
      route::Me{},
      route::Preferences{},
      route::Agents{},
      route::Tickets{},
      route::Tickets{{View::mine, "異音 boil", 100, "1714521600000.42"}},
      route::Tickets{{std::nullopt, std::nullopt, 1, std::nullopt}},
      route::CreateTicket{},
      route::GetTicket{42},
      route::History{42},
      route::Commands{42},
      route::GetSettings{},
      route::PutSettings{},
      route::Report{{"2026-11-14", "2026-11-27", false}},
      route::Report{{"2026-11-14", "2026-11-27", true}},
      route::Inbound{},
      route::Live{"a token/with+symbols"},
  };
  for (const Route& r : routes) {
    const std::string target = target_of(r);
    const auto back = parse_route(method_of(r), target);
    ASSERT_TRUE(back) << target;
    EXPECT_EQ(*back, r) << target;
  }
}

TEST(ApiRoutes, TheListQueryIsPercentEncodedInUtf8) {
  EXPECT_EQ(target_of(route::Tickets{{View::mine, "異音", 100, std::nullopt}}),
            "/api/tickets?view=mine&q=%E7%95%B0%E9%9F%B3&limit=100");
  EXPECT_EQ(target_of(route::Tickets{{View::all, std::nullopt, 100, "17.3"}}), "/api/tickets?view=all&limit=100&after=17.3");
  EXPECT_EQ(target_of(route::Live{"t-1"}), "/api/ws?token=t-1");
}

TEST(ApiRoutes, WhatIsNotARouteOfTheApiIsNone) {
  EXPECT_FALSE(parse_route(Method::get, "/api/nothing"));
  EXPECT_FALSE(parse_route(Method::post, "/api/me")) << "the method must fit";
  EXPECT_FALSE(parse_route(Method::get, "/api/me/preferences")) << "preferences come with /api/me";
  EXPECT_FALSE(parse_route(Method::get, "/api/tickets/abc"));
  EXPECT_FALSE(parse_route(Method::get, "/api/tickets/0/history"));
  EXPECT_FALSE(parse_route(Method::get, "/api/tickets?view=sideways"));
  EXPECT_FALSE(parse_route(Method::get, "/api/report/collisions?format=xml"));
}

TEST(ApiQuery, DecodesWhatItEncodesAndKeepsMalformedEscapes) {
  EXPECT_EQ(url_decode(url_encode("a b&c=d/異")), "a b&c=d/異");
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("a+b%2"), "a b%2");
  EXPECT_EQ(query_param("view=mine&q=a%20b", "q"), "a b");
  EXPECT_EQ(query_param("view=mine&flag", "flag"), "");
  EXPECT_FALSE(query_param("view=mine", "q"));
}

TEST(ApiCursor, IsTheLastRowWrittenUpdatedAtDotId) {
  EXPECT_EQ(cursor_text({1714521600000, 42}), "1714521600000.42");
  EXPECT_EQ(parse_cursor("1714521600000.42"), (ListCursor{1714521600000, 42}));
  EXPECT_FALSE(parse_cursor("17"));
  EXPECT_FALSE(parse_cursor("17.x"));
  EXPECT_FALSE(parse_cursor(".4"));
}

TEST(ApiBodies, EachBodyReadsBackAsWritten) {
  const Agent alesia = *helpdesk().find(kAlesia);
  EXPECT_EQ(round_trip(LoginRequest{"alesia@baton.test", "pässwörd"}), (LoginRequest{"alesia@baton.test", "pässwörd"}));
  EXPECT_EQ(round_trip(Session{"t-1", alesia}), (Session{"t-1", alesia}));
  EXPECT_EQ(round_trip(Me{alesia}), Me{alesia});
  const AgentList agents{{{alesia, true}, {*helpdesk().find(kBruno), false}}};
  EXPECT_EQ(round_trip(agents), agents);
  ListPage page;
  page.tickets.push_back(ListEntry::of(sample_ticket(), {kAlesia, kBruno}, {kAlesia}));
  page.next = "1714521600000.42";
  page.counts = {240, 12, 31, 4};
  EXPECT_EQ(round_trip(page), page);
  EXPECT_EQ(page.tickets[0].drafters, std::vector<AgentId>{kAlesia});
  EXPECT_EQ(page.tickets[0].preview, "Hi");
  EXPECT_EQ(page.tickets[0].ticket.subject, "ボイラーから異音がします");
  EXPECT_EQ(round_trip(TicketAnswer{sample_ticket()}), TicketAnswer{sample_ticket()});
  const HistoryPage history{{Event{7, 42, kAlesia, kStart, 3, ev::Locked{kAlesia, kStart + 900'000}}}};
  EXPECT_EQ(round_trip(history), history);
  const CommandAnswer answer{sample_ticket(), history.events, true};
  EXPECT_EQ(round_trip(answer), answer);
  EXPECT_EQ(round_trip(SettingsAnswer{Settings{}}), SettingsAnswer{Settings{}});
  EXPECT_EQ(round_trip(Ok{}), Ok{});
  const NewTicket created{"Boiler", {"Hannah", "h@example.com"}, "support", "It hisses", "221B Energy", std::nullopt, 7};
  EXPECT_EQ(round_trip(created), created);
  EXPECT_EQ(round_trip(CustomerMessage{"CDOB-7212-OJRK", "Thanks"}), (CustomerMessage{"CDOB-7212-OJRK", "Thanks"}));
}

TEST(ApiPreferences, TheAgentsLanguageGoesWithTheSessionAndReadsBack) {
  const Agent alesia = *helpdesk().find(kAlesia);
  const Preferences japanese{"ja"};
  EXPECT_EQ(round_trip(japanese), japanese);
  EXPECT_EQ(round_trip(Preferences{}), Preferences{});
  EXPECT_EQ(encode(Preferences{}), R"({"lang":null})") << "null: follow the browser";
  EXPECT_EQ(round_trip(PreferencesAnswer{japanese}), PreferencesAnswer{japanese});
  EXPECT_EQ(round_trip(Session{"t-1", alesia, japanese}), (Session{"t-1", alesia, japanese}));
  EXPECT_EQ(round_trip(Me{alesia, japanese}), (Me{alesia, japanese}));
  EXPECT_EQ(target_of(route::Preferences{}), "/api/me/preferences");
  EXPECT_EQ(method_of(route::Preferences{}), Method::put);
  static_assert(std::is_same_v<BodyOf<route::Preferences>, Preferences>);
  static_assert(std::is_same_v<AnswerOf<route::Preferences>, PreferencesAnswer>);
  const auto codes = languages();
  EXPECT_NE(std::find(codes.begin(), codes.end(), "en"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "ja"), codes.end());
  // A session from a server before preferences: the browser's language.
  auto old = decode<Me>(R"({"agent":{"id":1,"name":"A","email":"a@b","role":"agent","departments":[]}})");
  ASSERT_TRUE(std::holds_alternative<Me>(old));
  EXPECT_EQ(std::get<Me>(old).preferences, Preferences{});
}

TEST(ApiPreferences, OnlyALanguageOfferedOrNullIsTaken) {
  auto unknown = decode<Preferences>(R"({"lang":"xx"})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(unknown));
  const Rejection& r = std::get<Rejection>(unknown);
  EXPECT_EQ(r.field, "lang");
  EXPECT_EQ(r.reason, InvalidReason::value);
  EXPECT_EQ(r.key, "preferences.unknown_lang");
  EXPECT_EQ(r.args, (std::vector<std::string>{"xx", "en, ja"}));
  EXPECT_EQ(r.message, "'xx' is not a language Baton speaks: 'lang' must be one of en, ja, or null");
  EXPECT_EQ(std::get<Rejection>(decode<Preferences>(R"({"lang":5})")).key, "invalid.type.string_or_null");
  EXPECT_EQ(std::get<Rejection>(decode<Preferences>(R"({"lang":"ja","theme":"dark"})")).key, "invalid.unknown");
  EXPECT_EQ(std::get<Rejection>(decode<Preferences>(R"(["ja"])")).key, "invalid.body_not_object");
  auto empty = decode<Preferences>("{}");
  ASSERT_TRUE(std::holds_alternative<Preferences>(empty)) << "fields left out keep their value (the server merges)";
  auto in_me = decode<Me>(R"({"agent":{"id":1,"name":"A","email":"a@b","role":"agent","departments":[]},
                              "preferences":{"lang":"klingon"}})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(in_me));
  EXPECT_EQ(std::get<Rejection>(in_me).field, "preferences.lang");
}

TEST(ApiErrors, ACoreRejectionKeepsItsFieldsAndTheServersOwnCodesTheirWords) {
  Rejection stale;
  stale.code = RejectionCode::stale;
  stale.message = "The ticket changed";
  stale.changes = {Change{3, ChangeKind::customer_message, 0, kStart}};
  stale.version = 3;
  EXPECT_EQ(round_trip(ApiError::from(stale)), ApiError::from(stale));
  Rejection locked;
  locked.code = RejectionCode::locked;
  locked.message = "Locked by Alesia Burvin";
  locked.holder = kAlesia;
  EXPECT_EQ(round_trip(ApiError::from(locked)).rejection->holder, kAlesia);
  const ApiError unauthorized{"unauthorized", "Log in first", std::nullopt};
  EXPECT_EQ(round_trip(unauthorized), unauthorized);
  auto wrong = decode<ApiError>(R"({"error": "nope"})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(wrong));
  EXPECT_EQ(std::get<Rejection>(wrong).field, "error");
}

TEST(ApiBodies, AWrongShapeIsRefusedNamingTheField) {
  auto page = decode<ListPage>(R"({"tickets": [{"id": "x"}], "next": null, "counts": {}})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(page));
  EXPECT_EQ(std::get<Rejection>(page).field, "tickets[0].id");
  auto session = decode<Session>("not json");
  ASSERT_TRUE(std::holds_alternative<Rejection>(session));
}

TEST(ApiLive, EveryMessageBothWaysReadsBackAsWritten) {
  const std::vector<live::ClientMessage> from_client = {
      live::Hello{}, live::Hello{41}, live::Viewing{}, live::Viewing{42},
      live::SaveDraft{42, cmd::SaveDraft{"こんにちは", DraftKind::note, 3}}, live::Renew{42}, live::Ping{}};
  for (const auto& message : from_client) {
    auto back = live::decode_client(live::encode(message));
    ASSERT_TRUE(std::holds_alternative<live::ClientMessage>(back)) << live::encode(message);
    EXPECT_EQ(std::get<live::ClientMessage>(back), message) << live::encode(message);
  }
  const Draft draft{kAlesia, DraftKind::reply, "Hi", 2, kStart};
  Rejection forbidden = Rejection::of(ErrorKey::department_not_member, {"billing"});
  const std::vector<live::ServerMessage> from_server = {
      live::EventPush{7, 5, Event{7, 42, kAlesia, kStart, 3, ev::Locked{kAlesia, kStart + 900'000}}},
      live::Caught{41},
      live::PresenceUpdate{42, kAlesia, Presence::typing},
      live::PresenceUpdate{42, kAlesia, std::nullopt},
      live::DraftUpdate{42, kAlesia, draft},
      live::DraftUpdate{42, kAlesia, std::nullopt},
      live::Digest{{{42, kAlesia, Presence::viewing}}, {{42, kAlesia, draft}}},
      live::DraftStored{42, kStart},
      live::Refused{ApiError::from(forbidden), 42},
      live::Refused{ApiError{"invalid_message", "Not JSON", std::nullopt}, std::nullopt},
      live::Pong{}};
  for (const auto& message : from_server) {
    auto back = live::decode_server(live::encode(message));
    ASSERT_TRUE(std::holds_alternative<live::ServerMessage>(back)) << live::encode(message);
    EXPECT_EQ(std::get<live::ServerMessage>(back), message) << live::encode(message);
  }
}

TEST(ApiLive, UnknownOrMalformedMessagesAreRefusedNotThrown) {
  EXPECT_TRUE(std::holds_alternative<Rejection>(live::decode_server(R"({"type":"weather"})")));
  EXPECT_TRUE(std::holds_alternative<Rejection>(live::decode_server(R"({"type":"event","seq":"eleven","event":7})")));
  EXPECT_TRUE(std::holds_alternative<Rejection>(live::decode_server(R"({"type":"presence","ticket":"x"})")));
  EXPECT_TRUE(std::holds_alternative<Rejection>(live::decode_server("not json at all")));
  EXPECT_TRUE(std::holds_alternative<Rejection>(live::decode_client(R"({"type":"draft","ticket":1,"type2":1})")));
  EXPECT_TRUE(std::holds_alternative<Rejection>(live::decode_client(R"({"type":"draft","ticket":1,"body":"x","kind":"reply","base_version":1,"actor":3})")))
      << "a draft is the core's strict command: no actor";
}

}  // namespace
}  // namespace baton::api
