// The golden contract files (tests/contract/) read through the core's typed API and written back:
// every request's route and body, every answer and every live message must come out exactly as
// serve.py wrote it. A field one side adds and the codec does not know fails here; serve.py is
// held to the same files by tests/server/test_contract.py, the kiosk by tests/kiosk.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "baton/api/exchange.hpp"
#include "baton/api/live.hpp"
#include "baton/overloaded.hpp"
#include "baton/protocol.hpp"

namespace baton::api {
namespace {

namespace fs = std::filesystem;

Json read_json(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

std::vector<fs::path> files_in(const std::string& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(BATON_CONTRACT_DIR) / folder))
    if (entry.path().extension() == ".json") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Decodes `json` as T and encodes it again; the JSON that comes out, or why it could not be read.
template <typename T>
Json again(const Json& json) {
  auto decoded = from_json<T>(json);
  if (auto* rejection = std::get_if<Rejection>(&decoded)) return Json{{"unreadable", rejection->message}};
  return to_json(std::get<T>(decoded));
}

// The request body as the route's body type reads and writes it (null: the route has none).
Json request_again(const Route& route, const Json& body) {
  return std::visit(Overloaded{
                        [&](const route::Login&) { return again<LoginRequest>(body); },
                        [&](const route::Commands&) { return again<Command>(body); },
                        [&](const route::PutSettings&) { return again<Settings>(body); },
                        [&](const route::Preferences&) { return again<Preferences>(body); },
                        [&](const route::CreateTicket&) { return again<NewTicket>(body); },
                        [&](const route::Inbound&) {
                          return body.contains("ref") ? again<CustomerMessage>(body) : again<NewTicket>(body);
                        },
                        [&](const auto&) { return Json(nullptr); },
                    },
                    route);
}

// The answer as the route's answer type (an error status: ApiError) reads and writes it.
Json answer_again(const Route& route, int status, const Json& body) {
  if (status >= 400) return again<ApiError>(body);
  return std::visit(Overloaded{
                        [&](const route::Login&) { return again<Session>(body); },
                        [&](const route::Logout&) { return again<Ok>(body); },
                        [&](const route::Me&) { return again<Me>(body); },
                        [&](const route::Preferences&) { return again<PreferencesAnswer>(body); },
                        [&](const route::Agents&) { return again<AgentList>(body); },
                        [&](const route::Tickets&) { return again<ListPage>(body); },
                        [&](const route::GetTicket&) { return again<TicketAnswer>(body); },
                        [&](const route::History&) { return again<HistoryPage>(body); },
                        [&](const route::GetSettings&) { return again<SettingsAnswer>(body); },
                        [&](const route::PutSettings&) { return again<SettingsAnswer>(body); },
                        [&](const route::Report&) { return again<ReportAnswer>(body); },
                        [&](const route::Outbox&) { return again<OutboxAnswer>(body); },
                        [&](const route::Attachment&) { return body; },  // the file itself, not a JSON body
                        [&](const route::Live&) { return Json{{"unreadable", "the socket has no HTTP answer"}}; },
                        [&](const auto&) { return again<CommandAnswer>(body); },  // commands, create, inbound
                    },
                    route);
}

TEST(Contract, EveryHttpRequestAndAnswerReadsBackAsServePyWroteIt) {
  const auto files = files_in("http");
  ASSERT_GE(files.size(), 20u) << "the golden files are missing";
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    const Json golden = read_json(file);
    const Json& request = golden["request"];
    const auto method = parse_method(request["method"].get<std::string>());
    ASSERT_TRUE(method);
    const std::string path = request["path"].get<std::string>();
    const auto route = parse_route(*method, path);
    ASSERT_TRUE(route) << path << " is not a route of the typed API";
    EXPECT_EQ(parse_route(*method, target_of(*route)), route) << "the target writes back: " << target_of(*route);
    const Json& response = golden["response"];
    if (response["status"] == 400 && !request["body"].is_null())  // a bad request: the codec refuses it too
      EXPECT_TRUE(request_again(*route, request["body"]).contains("unreadable")) << request["body"];
    else
      EXPECT_EQ(request_again(*route, request["body"]), request["body"]);
    EXPECT_EQ(answer_again(*route, response["status"].get<int>(), response["body"]), response["body"]);
  }
}

TEST(Contract, EveryLiveMessageReadsBackAsWritten) {
  const auto server = files_in("live/server"), client = files_in("live/client");
  ASSERT_GE(server.size(), 10u);
  ASSERT_GE(client.size(), 5u);
  for (const fs::path& file : server) {
    SCOPED_TRACE(file.filename().string());
    const Json golden = read_json(file);
    auto decoded = live::decode_server(golden.dump());
    ASSERT_TRUE(std::holds_alternative<live::ServerMessage>(decoded)) << std::get<Rejection>(decoded).message;
    EXPECT_EQ(live::to_json(std::get<live::ServerMessage>(decoded)), golden);
  }
  for (const fs::path& file : client) {
    SCOPED_TRACE(file.filename().string());
    const Json golden = read_json(file);
    auto decoded = live::decode_client(golden.dump());
    ASSERT_TRUE(std::holds_alternative<live::ClientMessage>(decoded)) << std::get<Rejection>(decoded).message;
    EXPECT_EQ(live::to_json(std::get<live::ClientMessage>(decoded)), golden);
  }
}

}  // namespace
}  // namespace baton::api
