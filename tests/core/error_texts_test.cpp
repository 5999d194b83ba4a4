// Rejections in words and in keys: every situation has a stable key and the values its words need
// (args), so a workspace can say it in the agent's language; the English words come from one table
// and are exactly what they were before keys existed.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "baton/api/bodies.hpp"
#include "baton/api/live.hpp"
#include "baton/names.hpp"
#include "baton/protocol.hpp"
#include "support.hpp"

namespace baton {
namespace {

using namespace testing;

Rejection decoded_rejection(const Result<Command>& result) {
  EXPECT_TRUE(std::holds_alternative<Rejection>(result));
  return std::holds_alternative<Rejection>(result) ? std::get<Rejection>(result) : Rejection{};
}

// Messages as the core wrote them before keys (copied from the rule files of that commit): the
// English an agent reads must not change word for word.
TEST(RejectionWords, TheEnglishMessagesAreTheWordsOfBefore) {
  Desk desk;
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Lock{}).message, "Ticket 42 does not exist");
  desk.created();
  EXPECT_EQ(desk.rejected(kCarla, cmd::Lock{}).message, "You are not in the support department");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Unlock{}).message, "This ticket is not locked");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::SetStatus{Status::awaiting_agent}).message,
            "The ticket already has that status");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Assign{99}).message, "There is no agent #99");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Assign{kCarla}).message, "Carla Moss is not in the support department");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Release{UnlockReason::idle, std::nullopt}).message,
            "Only the system can release a lock");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::UndoSend{"k-9"}).message,
            "No reply with that idempotency key is waiting to be sent");

  desk.ok(kBruno, cmd::Lock{});
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", 1, "k-1")).message,
            "Locked by Bruno Diaz: only they can change this ticket until it is unlocked");
  desk.ok(kAlesia, cmd::RequestLock{"callback"});
  EXPECT_EQ(desk.rejected(kAlesia, cmd::AnswerLockRequest{true, ""}).message,
            "Only Bruno Diaz, who holds the lock, can answer");
  EXPECT_EQ(desk.rejected(kAdmin, cmd::RequestLock{""}).message, "Alesia Burvin already asked Bruno Diaz for this ticket");
  desk.ok(kBruno, cmd::Unlock{});

  desk.ok(kSystemAgent, cmd::Receive{"Any news?"});
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", 1, "k-2")).message,
            "The ticket changed while you were writing (1 change(s) since version 1): read them, then send again");
  desk.settings.max_body_bytes = 1024;
  EXPECT_EQ(desk.rejected(kAlesia, draft(std::string(2000, 'x'), 2)).message, "'body' is 2000 bytes; the limit is 1024");

  EXPECT_EQ(decoded_rejection(protocol::decode_command(R"({"type":"lock","actor":3})")).message,
            "'actor' is not a known field");
  EXPECT_EQ(decoded_rejection(protocol::decode_command(R"({"type":"fly"})")).message, "unknown command 'fly'");
  EXPECT_EQ(decoded_rejection(protocol::decode_command("not json")).message, "the command is not valid JSON");
  EXPECT_EQ(decoded_rejection(protocol::decode_command(R"({"type":"note","body":7})")).message,
            "'body' must be a string");
  auto settings = protocol::decode_settings(R"({"undo_send_secs": 500})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(settings));
  EXPECT_EQ(std::get<Rejection>(settings).message, "undo_send_secs must be from 0 (off) to 120");
}

TEST(ErrorTexts, EveryKeyHasItsEnglishWordsAndADottedLowerCaseName) {
  std::set<std::string_view> names;
  const std::regex dotted("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  ASSERT_EQ(error_texts().size(), static_cast<std::size_t>(ErrorKey::count_));
  for (const ErrorText& t : error_texts()) {
    SCOPED_TRACE(std::string(t.key));
    EXPECT_TRUE(std::regex_match(std::string(t.key), dotted));
    EXPECT_TRUE(names.insert(t.key).second) << "one key per situation";
    EXPECT_FALSE(t.english.empty());
    EXPECT_EQ(&error_text(t.id), &t);
    EXPECT_EQ(find_error_text(t.key), &t);
  }
  EXPECT_EQ(find_error_text("no.such_key"), nullptr);
}

TEST(ErrorTexts, EachCodeIsTheCoresOrOneOfTheServersOwn) {
  const std::set<std::string_view> servers = {"unauthorized", "method_not_allowed", "rate_limited", "busy", "internal", "error"};
  for (const ErrorText& t : error_texts()) {
    const bool core = parse_name<RejectionCode>(t.code).has_value();
    EXPECT_TRUE(core || servers.count(t.code)) << t.key << ": " << t.code;
    if (core) {
      EXPECT_EQ(name_of(Rejection::of(t.id).code), t.code) << t.key;
    }
  }
}

TEST(ErrorTexts, ArgsFillInThePlaceholdersInAnyOrder) {
  EXPECT_EQ(fill_in("Only {0}, who holds the lock, can answer", {"Marcus Lindqvist"}),
            "Only Marcus Lindqvist, who holds the lock, can answer");
  EXPECT_EQ(fill_in("{1}が{0}さんに依頼済みです", {"Bruno Diaz", "田中 花子"}), "田中 花子がBruno Diazさんに依頼済みです")
      << "a catalog may put them in its own order";
  EXPECT_EQ(fill_in("{0} already asked {1}", {"Ada"}), "Ada already asked {1}") << "a missing arg shows the gap";
  EXPECT_EQ(fill_in("'{0}' is empty", {"{1}"}), "'{1}' is empty") << "an arg is text, never a placeholder";
  EXPECT_EQ(fill_in("{x} {} {0", {"a"}), "{x} {} {0");
  EXPECT_EQ(arg_count("The ticket changed while you were writing ({0} change(s) since version {1})"), 2);
  EXPECT_EQ(arg_count("Nothing changed"), 0);
  EXPECT_EQ(english_message("lock.held_by_other", {"Bruno Diaz"}),
            "Locked by Bruno Diaz: only they can change this ticket until it is unlocked");
  EXPECT_EQ(english_message("from.a_newer_server", {}), "from.a_newer_server");
}

TEST(ErrorTexts, EachRejectionSaysWhichItIsAndTheValuesItsWordsNeed) {
  Desk desk;
  desk.created();
  Rejection same = desk.rejected(kAlesia, cmd::SetStatus{Status::awaiting_agent});
  EXPECT_EQ(same.key, "status.unchanged");
  EXPECT_TRUE(same.args.empty());
  Rejection other = desk.rejected(kCarla, cmd::Lock{});
  EXPECT_EQ(other.key, "department.not_member");
  EXPECT_EQ(other.args, std::vector<std::string>{"support"});
  desk.ok(kBruno, cmd::Lock{});
  Rejection locked = desk.rejected(kAlesia, cmd::Note{"Called"});
  EXPECT_EQ(locked.code, RejectionCode::locked);
  EXPECT_EQ(locked.key, "lock.held_by_other");
  EXPECT_EQ(locked.args, std::vector<std::string>{"Bruno Diaz"});
  EXPECT_EQ(locked.holder, kBruno);
  desk.ok(kAlesia, cmd::RequestLock{""});
  Rejection answer = desk.rejected(kAlesia, cmd::AnswerLockRequest{true, ""});
  EXPECT_EQ(answer.key, "answer.not_holder");
  EXPECT_EQ(answer.args, std::vector<std::string>{"Bruno Diaz"});
  EXPECT_EQ(desk.rejected(kAdmin, cmd::RequestLock{""}).args, (std::vector<std::string>{"Alesia Burvin", "Bruno Diaz"}));
  desk.ok(kBruno, cmd::Unlock{});
  desk.ok(kSystemAgent, cmd::Receive{"Any news?"});
  Rejection stale = desk.rejected(kAlesia, reply("Hi", 1, "k-1"));
  EXPECT_EQ(stale.key, "reply.stale");
  EXPECT_EQ(stale.args, (std::vector<std::string>{"1", "1"}));
  auto unknown = protocol::decode_command(R"({"type":"lock","actor":3})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(unknown));
  EXPECT_EQ(std::get<Rejection>(unknown).key, "invalid.unknown");
  EXPECT_EQ(std::get<Rejection>(unknown).args, std::vector<std::string>{"actor"});
  EXPECT_EQ(std::get<Rejection>(unknown).field, "actor");
  for (const Rejection& r : {same, other, locked, answer, stale, std::get<Rejection>(unknown)})
    EXPECT_EQ(r.message, english_message(r.key, r.args)) << r.key;
}

TEST(ErrorTexts, ANestedDecodersKeyAndArgsSurviveItsPathBeingPrefixed) {
  auto ticket = protocol::decode_ticket(R"({"id": 1})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(ticket));
  EXPECT_EQ(std::get<Rejection>(ticket).key, "invalid.missing");
  auto command = protocol::decode_command(R"({"type":"create","subject":"S","department":"support","body":"b",
                                              "requester":{"name":"H","email":7}})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(command));
  EXPECT_EQ(std::get<Rejection>(command).key, "invalid.type.string");
  EXPECT_EQ(std::get<Rejection>(command).field, "requester.email");
  EXPECT_EQ(std::get<Rejection>(command).args, std::vector<std::string>{"requester.email"});
}

TEST(ErrorTexts, KeyAndArgsGoOnTheWireAndReadBack) {
  Desk desk;
  desk.created();
  desk.ok(kBruno, cmd::Lock{});
  const Rejection locked = desk.rejected(kAlesia, cmd::Note{"Called"});
  const protocol::Json json = protocol::to_json(locked);
  EXPECT_EQ(json["key"], "lock.held_by_other");
  EXPECT_EQ(json["args"], protocol::Json::array({"Bruno Diaz"}));
  const api::ApiError error = api::ApiError::from(locked);
  EXPECT_EQ(error.key, "lock.held_by_other");
  auto back = api::decode<api::ApiError>(api::encode(error));
  ASSERT_TRUE(std::holds_alternative<api::ApiError>(back));
  EXPECT_EQ(std::get<api::ApiError>(back), error);
  EXPECT_EQ(std::get<api::ApiError>(back).rejection->args, std::vector<std::string>{"Bruno Diaz"});

  const api::ApiError own = api::ApiError::of(ErrorKey::http_no_route, {"GET", "/api/nothing"});
  EXPECT_EQ(own.code, "not_found");
  EXPECT_EQ(own.message, "No route for GET /api/nothing");
  auto own_back = api::decode<api::ApiError>(api::encode(own));
  ASSERT_TRUE(std::holds_alternative<api::ApiError>(own_back));
  EXPECT_EQ(std::get<api::ApiError>(own_back).key, "http.no_route");
  EXPECT_EQ(std::get<api::ApiError>(own_back).args, (std::vector<std::string>{"GET", "/api/nothing"}));
  const api::ApiError unauthorized = api::ApiError::of(ErrorKey::auth_required);
  auto unauthorized_back = api::decode<api::ApiError>(api::encode(unauthorized));
  ASSERT_TRUE(std::holds_alternative<api::ApiError>(unauthorized_back));
  EXPECT_EQ(std::get<api::ApiError>(unauthorized_back), unauthorized);

  const api::live::ServerMessage refused = api::live::Refused{error, 42};
  auto pushed = api::live::decode_server(api::live::encode(refused));
  ASSERT_TRUE(std::holds_alternative<api::live::ServerMessage>(pushed));
  EXPECT_EQ(std::get<api::live::ServerMessage>(pushed), refused);
}

TEST(ErrorTexts, AnErrorWithoutAKeyStillReadsAndABadOneIsRefused) {
  // A server from before keys: the client has the English message and no key.
  auto old = api::decode<api::ApiError>(R"({"error":{"code":"conflict","message":"Nothing changed"}})");
  ASSERT_TRUE(std::holds_alternative<api::ApiError>(old));
  EXPECT_EQ(std::get<api::ApiError>(old).key, "");
  EXPECT_EQ(std::get<api::ApiError>(old).message, "Nothing changed");
  auto wrong = api::decode<api::ApiError>(R"({"error":{"code":"conflict","message":"x","key":"a.b","args":[1]}})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(wrong));
  EXPECT_EQ(std::get<Rejection>(wrong).field, "error.args[0]");
  auto not_text = api::decode<api::ApiError>(R"({"error":{"code":"unauthorized","message":"x","key":7,"args":[]}})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(not_text));
  EXPECT_EQ(std::get<Rejection>(not_text).field, "error.key");
}

// docs/CORE.md (the core's keys) and docs/API.md (the server's own) have a table row for every
// key: `key` | `code` | its English words | its args, as many as the words take.
TEST(ErrorTexts, TheDocsListEveryKeyWithItsCodeWordsAndArgs) {
  std::string docs;
  for (const char* name : {"CORE.md", "API.md"}) {
    std::ifstream in(std::string(BATON_DOCS_DIR) + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    docs += text.str();
  }
  for (const ErrorText& t : error_texts()) {
    SCOPED_TRACE(std::string(t.key));
    const std::string start = "| `" + std::string(t.key) + "` |";
    const std::size_t at = docs.find(start);
    ASSERT_NE(at, std::string::npos) << "no row for it";
    std::string row = docs.substr(at, docs.find('\n', at) - at);
    std::vector<std::string> cells;
    for (std::size_t from = 1, bar; (bar = row.find(" |", from)) != std::string::npos; from = bar + 2)
      cells.push_back(row.substr(from + 1, bar - from - 1));
    ASSERT_EQ(cells.size(), 4u) << row;
    EXPECT_EQ(cells[1], "`" + std::string(t.code) + "`");
    EXPECT_EQ(cells[2], std::string(t.english));
    const int documented = cells[3] == "—" ? 0 : 1 + static_cast<int>(std::count(cells[3].begin(), cells[3].end(), ';'));
    EXPECT_EQ(documented, arg_count(t.english)) << "args: " << cells[3];
  }
}

}  // namespace
}  // namespace baton
