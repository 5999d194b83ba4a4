#include "baton/api/routes.hpp"

#include <algorithm>
#include <charconv>

#include "baton/overloaded.hpp"
#include "baton/api/query.hpp"

namespace baton::api {
namespace {

constexpr std::string_view kTickets = "/api/tickets";
constexpr std::string_view kOutbox = "/api/mail/outbox";

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// "?a=1&b=2" from the parameters that are set, in the order given.
class QueryWriter {
 public:
  void add(std::string_view name, const std::optional<std::string>& value) {
    if (!value) return;
    text_ += text_.empty() ? '?' : '&';
    text_ += name;
    text_ += '=';
    text_ += url_encode(*value);
  }
  std::string text() const { return text_; }

 private:
  std::string text_;
};

std::optional<std::string> number_text(const std::optional<int>& value) {
  return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
}

std::optional<ListQuery> parse_list_query(std::string_view query) {
  ListQuery out;
  if (auto view = query_param(query, "view")) {
    out.view = parse_view(*view);
    if (!out.view) return std::nullopt;
  }
  out.q = query_param(query, "q");
  if (auto limit = query_param(query, "limit")) {
    const auto value = parse_id(*limit);
    if (!value || *value > 100000) return std::nullopt;
    out.limit = static_cast<int>(*value);
  }
  out.after = query_param(query, "after");
  return out;
}

std::optional<OutboxQuery> parse_outbox_query(std::string_view query) {
  OutboxQuery out;
  out.state = query_param(query, "state");
  if (auto limit = query_param(query, "limit")) {
    const auto value = parse_id(*limit);
    if (!value || *value > 100000) return std::nullopt;
    out.limit = static_cast<int>(*value);
  }
  return out;
}

// An attachment's id: what the server makes (URL-safe base64), so it needs no escaping.
bool attachment_id(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::optional<ReportQuery> parse_report_query(std::string_view query) {
  ReportQuery out;
  out.from = query_param(query, "from");
  out.to = query_param(query, "to");
  if (auto format = query_param(query, "format")) {
    if (*format != "csv" && *format != "json") return std::nullopt;
    out.csv = *format == "csv";
  }
  return out;
}

}  // namespace

std::string_view name_of(Method method) {
  switch (method) {
    case Method::post: return "POST";
    case Method::put: return "PUT";
    default: return "GET";
  }
}

std::optional<Method> parse_method(std::string_view name) {
  if (name == "GET") return Method::get;
  if (name == "POST") return Method::post;
  if (name == "PUT") return Method::put;
  return std::nullopt;
}

std::string_view view_name(View view) {
  switch (view) {
    case View::mine: return "mine";
    case View::unassigned: return "unassigned";
    case View::locked: return "locked";
    default: return "all";
  }
}

std::optional<View> parse_view(std::string_view name) {
  for (View view : {View::all, View::mine, View::unassigned, View::locked})
    if (view_name(view) == name) return view;
  return std::nullopt;
}

Method method_of(const Route& route) {
  return std::visit(
      Overloaded{[](const route::Login&) { return Method::post; }, [](const route::Logout&) { return Method::post; },
                 [](const route::CreateTicket&) { return Method::post; },
                 [](const route::Commands&) { return Method::post; }, [](const route::Inbound&) { return Method::post; },
                 [](const route::RetryOutbox&) { return Method::post; },
                 [](const route::PutSettings&) { return Method::put; }, [](const route::Preferences&) { return Method::put; },
                 [](const auto&) { return Method::get; }},
      route);
}

std::string target_of(const Route& route) {
  return std::visit(
      Overloaded{
          [](const route::Login&) { return std::string("/api/login"); },
          [](const route::Logout&) { return std::string("/api/logout"); },
          [](const route::Me&) { return std::string("/api/me"); },
          [](const route::Preferences&) { return std::string("/api/me/preferences"); },
          [](const route::Agents&) { return std::string("/api/agents"); },
          [](const route::Tickets& r) {
            QueryWriter query;
            query.add("view", r.query.view ? std::optional<std::string>(view_name(*r.query.view)) : std::nullopt);
            query.add("q", r.query.q);
            query.add("limit", number_text(r.query.limit));
            query.add("after", r.query.after);
            return std::string(kTickets) + query.text();
          },
          [](const route::CreateTicket&) { return std::string(kTickets); },
          [](const route::GetTicket& r) { return std::string(kTickets) + "/" + std::to_string(r.id); },
          [](const route::History& r) { return std::string(kTickets) + "/" + std::to_string(r.id) + "/history"; },
          [](const route::Commands& r) { return std::string(kTickets) + "/" + std::to_string(r.id) + "/commands"; },
          [](const route::GetSettings&) { return std::string("/api/settings"); },
          [](const route::PutSettings&) { return std::string("/api/settings"); },
          [](const route::Report& r) {
            QueryWriter query;
            query.add("from", r.query.from);
            query.add("to", r.query.to);
            query.add("format", r.query.csv ? std::optional<std::string>("csv") : std::nullopt);
            return std::string("/api/report/collisions") + query.text();
          },
          [](const route::Inbound&) { return std::string("/api/inbound"); },
          [](const route::Live& r) { return "/api/ws?token=" + url_encode(r.token); },
          [](const route::Attachment& r) {
            return std::string(kTickets) + "/" + std::to_string(r.ticket) + "/attachments/" + r.id;
          },
          [](const route::Outbox& r) {
            QueryWriter query;
            query.add("state", r.query.state);
            query.add("limit", number_text(r.query.limit));
            return std::string(kOutbox) + query.text();
          },
          [](const route::RetryOutbox& r) { return std::string(kOutbox) + "/" + std::to_string(r.id) + "/retry"; },
      },
      route);
}

std::optional<Route> parse_route(Method method, std::string_view target) {
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  std::optional<Route> found;
  if (path == "/api/login") found = route::Login{};
  else if (path == "/api/logout") found = route::Logout{};
  else if (path == "/api/me") found = route::Me{};
  else if (path == "/api/me/preferences") found = route::Preferences{};
  else if (path == "/api/agents") found = route::Agents{};
  else if (path == "/api/inbound") found = route::Inbound{};
  else if (path == "/api/ws") found = route::Live{query_param(query, "token").value_or("")};
  else if (path == "/api/settings") found = method == Method::put ? Route(route::PutSettings{}) : Route(route::GetSettings{});
  else if (path == kOutbox) {
    if (auto outbox = parse_outbox_query(query)) found = route::Outbox{*outbox};
  } else if (path.substr(0, kOutbox.size() + 1) == std::string(kOutbox) + "/") {
    std::string_view rest = path.substr(kOutbox.size() + 1);
    const std::size_t slash = rest.find('/');
    const auto id = parse_id(rest.substr(0, slash));
    if (id && slash != std::string_view::npos && rest.substr(slash) == "/retry") found = route::RetryOutbox{*id};
  } else if (path == "/api/report/collisions") {
    if (auto report = parse_report_query(query)) found = route::Report{*report};
  } else if (path == kTickets) {
    if (method == Method::post) found = route::CreateTicket{};
    else if (auto list = parse_list_query(query)) found = route::Tickets{*list};
  } else if (path.substr(0, kTickets.size() + 1) == std::string(kTickets) + "/") {
    std::string_view rest = path.substr(kTickets.size() + 1);
    const std::size_t slash = rest.find('/');
    const auto id = parse_id(rest.substr(0, slash));
    const std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    if (id && tail.empty()) found = route::GetTicket{*id};
    else if (id && tail == "/history") found = route::History{*id};
    else if (id && tail == "/commands") found = route::Commands{*id};
    else if (id && tail.substr(0, 13) == "/attachments/" && attachment_id(tail.substr(13)))
      found = route::Attachment{*id, std::string(tail.substr(13))};
  }
  if (found && method_of(*found) != method) return std::nullopt;
  return found;
}

}  // namespace baton::api
