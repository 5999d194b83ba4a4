// The kiosk answers as serve.py does: each golden request of tests/contract/http that the kiosk
// serves is sent to a fresh kiosk, and some ticket of its story answers with the golden status and
// the golden shape (the same fields with the same JSON types; a null may stand for a value, since
// the kiosk's situations are not the file's). A field the kiosk adds, drops or retypes fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kiosk.hpp"

namespace baton::kiosk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// The requests only a server answers, and why; every other golden file must be answered.
const std::map<std::string, const char*> kServerOnly = {
    {"inbound-new-ticket.json", "mail comes to the server"},
    {"inbound-reply.json", "mail comes to the server"},
    {"ticket-create.json", "the kiosk's tickets are its story's"},
    {"report-collisions.json", "the trainee is no admin"},
    {"mail-outbox.json", "the kiosk has no mail, and the trainee is no admin (the workspace hides the outbox)"},
    {"mail-outbox-retry-refused.json", "the kiosk has no mail, and the trainee is no admin"},
    {"settings-put.json", "the trainee is no admin (the kiosk answers 403)"},
    {"login-wrong-password.json", "the kiosk has no passwords"},
    {"command-unauthorized.json", "the kiosk has no sessions"},
    {"command-forbidden.json", "the trainee works in every department"},
};

// Where `actual` first differs from `golden`'s shape, or "" when it has it.
std::string shape_difference(const Json& golden, const Json& actual, const std::string& at = "$") {
  if (golden.is_null() || actual.is_null()) return {};
  const auto kind = [](const Json& j) {
    if (j.is_number_integer()) return std::string("integer");
    return std::string(j.type_name());
  };
  if (kind(golden) != kind(actual)) return at + ": " + kind(actual) + " where the golden file has " + kind(golden);
  if (golden.is_object()) {
    for (const auto& [key, value] : golden.items())
      if (!actual.contains(key)) return at + "." + key + ": missing";
    for (const auto& [key, value] : actual.items()) {
      if (!golden.contains(key)) return at + "." + key + ": not in the golden file";
      if (auto d = shape_difference(golden[key], value, at + "." + key); !d.empty()) return d;
    }
  } else if (golden.is_array() && !golden.empty()) {
    for (std::size_t i = 0; i < actual.size(); ++i) {
      std::string first;
      bool fits = false;
      for (const Json& kind_of : golden) {
        const std::string d = shape_difference(kind_of, actual[i], at + "[" + std::to_string(i) + "]");
        if (d.empty()) fits = true;
        else if (first.empty()) first = d;
      }
      if (!fits) return first;
    }
  }
  return {};
}

Json read_json(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

// The golden path with its ticket id replaced by `id` (paths without one stay as they are).
std::string with_ticket(std::string path, TicketId id) {
  const std::string prefix = "/api/tickets/";
  if (path.rfind(prefix, 0) != 0) return path;
  const std::size_t end = path.find('/', prefix.size());
  return prefix + std::to_string(id) + (end == std::string::npos ? "" : path.substr(end));
}

struct Answer {
  int status = 0;
  Json body;
};

// One request to a fresh kiosk (a command changes it), answered as the workspace would receive it.
Answer ask(const std::string& method, const std::string& path, const Json& body) {
  Kiosk kiosk(7212, 1'800'000'000'000);
  Answer out;
  kiosk.net().request(method, path, body.is_null() ? "" : body.dump(), "kiosk", [&](shell::HttpResponse r) {
    out.status = r.status;
    out.body = Json::parse(r.body, nullptr, false);
  });
  kiosk.pump(1'800'000'000'000);
  return out;
}

std::vector<TicketId> story_tickets() {
  Kiosk kiosk(7212, 1'800'000'000'000);
  std::vector<TicketId> ids;
  for (const Ticket* t : kiosk.engine().tickets()) ids.push_back(t->id);
  ids.push_back(999999);  // a ticket that does not exist
  return ids;
}

TEST(KioskContract, AnswersEveryGoldenRequestItServesWithTheGoldenShape) {
  const std::vector<TicketId> tickets = story_tickets();
  std::set<std::string> skipped;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(BATON_CONTRACT_DIR) / "http")) {
    const std::string name = entry.path().filename().string();
    if (kServerOnly.count(name)) {
      skipped.insert(name);
      continue;
    }
    SCOPED_TRACE(name);
    const Json golden = read_json(entry.path());
    const Json& request = golden["request"];
    const int status = golden["response"]["status"].get<int>();
    const std::string path = request["path"].get<std::string>();
    std::string why = "no ticket of the story answered " + std::to_string(status);
    bool answered = false;
    for (TicketId id : tickets) {
      const Answer a = ask(request["method"].get<std::string>(), with_ticket(path, id), request["body"]);
      if (a.status != status) continue;
      why = shape_difference(golden["response"]["body"], a.body);
      if (why.empty()) {
        answered = true;
        break;
      }
      if (path.rfind("/api/tickets/", 0) != 0) break;  // no ticket id to vary
    }
    EXPECT_TRUE(answered) << why;
    ++checked;
  }
  EXPECT_GE(checked, 15);
  EXPECT_EQ(skipped.size(), kServerOnly.size()) << "a server-only file was renamed or removed";
}

TEST(KioskContract, TheShapeRuleNoticesAFieldAddedOrRetyped) {
  const Json golden = {{"ticket", {{"id", 1}, {"lock", nullptr}, {"tags", {"a"}}}}};
  EXPECT_EQ(shape_difference(golden, {{"ticket", {{"id", 2}, {"lock", {{"holder", 3}}}, {"tags", {"b", "c"}}}}}), "");
  EXPECT_NE(shape_difference(golden, {{"ticket", {{"id", 2}, {"lock", nullptr}, {"tags", {}}, {"extra", 1}}}}), "");
  EXPECT_NE(shape_difference(golden, {{"ticket", {{"id", "2"}, {"lock", nullptr}, {"tags", {}}}}}), "");
  EXPECT_NE(shape_difference(golden, {{"ticket", {{"id", 2}, {"lock", nullptr}, {"tags", {1}}}}}), "");
  EXPECT_NE(shape_difference(golden, {{"ticket", {{"lock", nullptr}, {"tags", {}}}}}), "");
}

}  // namespace
}  // namespace baton::kiosk
