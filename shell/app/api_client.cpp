#include "api_client.hpp"

#include <nlohmann/json.hpp>

namespace baton::shell {

// The error object's `retry_after_ms`, else its `retry_after_secs` (the Retry-After header's value).
Time ApiClient::retry_after_of(const std::string& text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object() || !json.contains("error") || !json["error"].is_object()) return 0;
  const nlohmann::json& error = json["error"];
  auto number = [&error](const char* key) -> Time {
    auto it = error.find(key);
    return it != error.end() && it->is_number() ? std::max<Time>(0, it->get<Time>()) : 0;
  };
  if (Time ms = number("retry_after_ms")) return ms;
  return number("retry_after_secs") * kSecond;
}

// The catalog's words for the error's key (reject.<key>, the core's table in every language),
// filled with its args; else the server's own (English) words; else the bare status.
std::string error_words(const api::ApiError& error, int status) {
  if (!error.key.empty()) {
    const std::string key = "reject." + error.key;
    if (i18n::has(key)) return i18n::tr_numbered(key, error.args);
  }
  if (error.message.empty()) return i18n::tr("error.server_answered", {{"status", status}});
  return error.message;
}

void ApiClient::send_text(const api::Route& route, std::string body, std::function<void(int, const std::string&)> done) {
  const int epoch = epoch_;
  const bool login = std::holds_alternative<api::route::Login>(route);
  net_.request(std::string(api::name_of(api::method_of(route))), api::target_of(route), body, token_,
               [this, epoch, login, done = std::move(done)](HttpResponse response) {
                 if (epoch != epoch_) return;  // an answer to a session that has ended
                 if (on_answer) on_answer();
                 // A wrong password is the login's own answer; anywhere else a 401 ends the session.
                 if (response.status == 401 && !login && on_unauthorized) return on_unauthorized();
                 done(response.status, response.body);
               });
}

}  // namespace baton::shell
