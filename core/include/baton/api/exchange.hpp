#pragma once
// What each route sends and what it answers, as types: a client asks `call(route::Me{}, ...)` and
// gets an api::Me back, decoded by the one codec. An error status always answers an ApiError.
#include <string>

#include "baton/api/bodies.hpp"
#include "baton/api/routes.hpp"

namespace baton::api {

struct NoBody {
  bool operator==(const NoBody&) const = default;
};
// The report as CSV: the text as served.
struct CsvText {
  std::string text;
};

template <typename R>
struct Exchange;

template <> struct Exchange<route::Login> { using Body = LoginRequest; using Answer = Session; };
template <> struct Exchange<route::Logout> { using Body = NoBody; using Answer = Ok; };
template <> struct Exchange<route::Me> { using Body = NoBody; using Answer = Me; };
template <> struct Exchange<route::Preferences> { using Body = Preferences; using Answer = PreferencesAnswer; };
template <> struct Exchange<route::Agents> { using Body = NoBody; using Answer = AgentList; };
template <> struct Exchange<route::Tickets> { using Body = NoBody; using Answer = ListPage; };
template <> struct Exchange<route::CreateTicket> { using Body = NewTicket; using Answer = CommandAnswer; };
template <> struct Exchange<route::GetTicket> { using Body = NoBody; using Answer = TicketAnswer; };
template <> struct Exchange<route::History> { using Body = NoBody; using Answer = HistoryPage; };
template <> struct Exchange<route::Commands> { using Body = Command; using Answer = CommandAnswer; };
template <> struct Exchange<route::GetSettings> { using Body = NoBody; using Answer = SettingsAnswer; };
template <> struct Exchange<route::PutSettings> { using Body = Settings; using Answer = SettingsAnswer; };
// The JSON report; with `csv` set, the answer is read as CsvText instead (see call_text).
template <> struct Exchange<route::Report> { using Body = NoBody; using Answer = ReportAnswer; };
// Mail (docs/MAIL.md): the admins' outbox and the retry of a failed reply (an attachment is a
// download at its `url`: its answer is the file, not a body of this API).
template <> struct Exchange<route::Outbox> { using Body = NoBody; using Answer = OutboxAnswer; };
template <> struct Exchange<route::RetryOutbox> { using Body = NoBody; using Answer = CommandAnswer; };

template <typename R>
using BodyOf = typename Exchange<R>::Body;
template <typename R>
using AnswerOf = typename Exchange<R>::Answer;

// The request's body text ("" for none).
template <typename B>
std::string body_text(const B& body) {
  if constexpr (std::is_same_v<B, NoBody>) return {};
  else return encode(body);
}

}  // namespace baton::api
