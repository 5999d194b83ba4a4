#include "api_client.hpp"

namespace baton::shell {

std::string error_words(const api::ApiError& error, int status) {
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
