#pragma once
// The workspace's HTTP calls, typed by the API's routes (core/include/baton/api): the target, the
// body and the reading of the answer all come from the one codec, so nothing here spells a path
// or a field. Answers to a session that has ended (logout, expiry) are dropped; a 401 while logged
// in ends the session (on_unauthorized) instead of reaching the caller.
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "../i18n/words.hpp"
#include "../net_client.hpp"
#include "baton/api/exchange.hpp"

namespace baton::shell {

// What came back: the answer when the status was 2xx and it read as the route's answer; else the
// status (0: no answer at all) and the API's error, when the body was one.
template <typename T>
struct Reply {
  int status = 0;
  std::optional<T> value;
  api::ApiError error;
  Time retry_after = 0;  // ms the server asked to wait (429, 503: `retry_after_ms`, `retry_after_secs`)
  bool ok() const { return value.has_value(); }
};

class ApiClient {
 public:
  explicit ApiClient(NetClient& net) : net_(net) {}

  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }
  // The session ended: answers still on their way are dropped.
  void forget() {
    ++epoch_;
    token_.clear();
  }

  std::function<void()> on_answer;        // any answer arrived (the screen may change)
  std::function<void()> on_unauthorized;  // the server no longer knows the session

  template <typename R>
  void call(const R& route, const api::BodyOf<R>& body, std::function<void(Reply<api::AnswerOf<R>>)> done) {
    send_text(route, api::body_text(body), [done = std::move(done)](int status, const std::string& text) {
      done(read<api::AnswerOf<R>>(status, text));
    });
  }
  template <typename R>
  void call(const R& route, std::function<void(Reply<api::AnswerOf<R>>)> done) {
    call(route, api::NoBody{}, std::move(done));
  }
  // The answer's text as it came (the report's CSV).
  void call_text(const api::Route& route, std::function<void(Reply<api::CsvText>)> done) {
    send_text(route, {}, [done = std::move(done)](int status, const std::string& text) {
      Reply<api::CsvText> reply = read<api::CsvText>(status, text);
      if (status >= 200 && status < 300) reply.value = api::CsvText{text};
      done(std::move(reply));
    });
  }

  // The live socket's address for this session.
  api::route::Live live_route() const { return {token_}; }

 private:
  template <typename T>
  static Reply<T> read(int status, const std::string& text) {
    Reply<T> reply;
    reply.status = status;
    if (status >= 200 && status < 300) {
      if constexpr (!std::is_same_v<T, api::CsvText>) {
        auto decoded = api::decode<T>(text);
        if (auto* value = std::get_if<T>(&decoded)) reply.value = std::move(*value);
        else reply.error = {"unreadable", i18n::tr("error.unreadable_answer"), std::nullopt};
      }
      return reply;
    }
    auto error = api::decode<api::ApiError>(text);
    if (auto* value = std::get_if<api::ApiError>(&error)) reply.error = std::move(*value);
    reply.retry_after = retry_after_of(text);
    return reply;
  }
  static Time retry_after_of(const std::string& text);

  void send_text(const api::Route& route, std::string body, std::function<void(int, const std::string&)> done);

  NetClient& net_;
  std::string token_;
  int epoch_ = 0;
};

// What an error answer says, in the language in use (the server's own words when the workspace has none).
std::string error_words(const api::ApiError& error, int status);

// "Could not lock the ticket: Locked by Alesia Burvin", in words for the status line.
template <typename T>
std::string failure_words(const Reply<T>& reply, const std::string& doing) {
  if (reply.status == 0) return i18n::tr("error.could_not_no_answer", {{"doing", doing}});
  return i18n::tr("error.could_not", {{"doing", doing}, {"why", error_words(reply.error, reply.status)}});
}

}  // namespace baton::shell
