// The collision report (report.hpp): counts from the logged events and the recorded refusals.
#include "baton/report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <set>
#include <tuple>

#include "baton/protocol.hpp"
#include "json_reader.hpp"
#include "baton/overloaded.hpp"
#include "report_fields.hpp"

namespace baton {
namespace {


std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1970-01-01 <-> proleptic Gregorian dates (H. Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = floor_div(y, 400);
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

std::string day_name(std::int64_t day_index) {
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(day_index, y, m, d);
  char out[32];
  std::snprintf(out, sizeof out, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return out;
}

// The author of a reply event (the actor; a delivered queued reply also has its author as actor).
std::optional<AgentId> reply_author(const Event& e) {
  if (const auto* r = std::get_if<ev::Replied>(&e.payload)) return r->message.agent.value_or(e.actor);
  if (const auto* q = std::get_if<ev::ReplyQueued>(&e.payload)) return q->pending.author;
  return std::nullopt;
}

const std::string& reply_key(const Event& e) {
  if (const auto* r = std::get_if<ev::Replied>(&e.payload)) return r->idempotency_key;
  return std::get<ev::ReplyQueued>(e.payload).pending.idempotency_key;
}

}  // namespace

CollisionCounts& CollisionCounts::operator+=(const CollisionCounts& o) {
  for (const auto& [name, field] : detail::kCountFields) this->*field += o.*field;
  return *this;
}

std::string utc_day(Time at) { return day_name(floor_div(at, kDay)); }

std::optional<Time> parse_utc_day(const std::string& day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (day[i] < '0' || day[i] > '9') return std::nullopt;
  const std::int64_t y = std::stoll(day.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap)) return std::nullopt;
  return days_from_civil(y, m, d) * kDay;
}

CollisionReport collision_report(const std::vector<Event>& events, const std::vector<Refusal>& refusals,
                                 Time from, Time to) {
  CollisionReport report;
  report.from = from;
  report.to = to;
  if (to <= from) return report;

  std::map<std::pair<std::int64_t, AgentId>, CollisionCounts> rows;  // (day index, agent)
  auto in_range = [&](Time at) { return at >= from && at < to; };
  auto row = [&](Time at, AgentId agent) -> CollisionCounts& { return rows[{floor_div(at, kDay), agent}]; };

  // What the refusals need from the events: each ticket's lock acquisitions, each author's replies.
  std::map<TicketId, std::vector<Time>> acquisitions;
  std::map<std::pair<TicketId, AgentId>, std::vector<const Event*>> replies;
  // Replies since the ticket's last customer message: (at, author).
  std::map<TicketId, std::vector<std::pair<Time, AgentId>>> answering;

  for (const Event& e : events) {
    if (e.ephemeral()) continue;
    std::visit(Overloaded{
                   [&](const ev::Created&) { answering[e.ticket].clear(); },
                   [&](const ev::CustomerMessage& m) {
                     if (!m.message.automatic) answering[e.ticket].clear();  // an out-of-office asks nothing
                   },
                   [&](const ev::Locked&) { acquisitions[e.ticket].push_back(e.at); },
                   [&](const ev::LockHandedOver& h) {
                     acquisitions[e.ticket].push_back(e.at);
                     if (!in_range(e.at)) return;
                     if (h.automatic)
                       ++row(e.at, h.from).handovers_automatic;
                     else
                       ++row(e.at, h.from).handovers;
                   },
                   [&](const ev::LockRequested& r) {
                     if (in_range(e.at)) ++row(e.at, r.requester).lock_requests;
                   },
                   [&](const ev::Unlocked& u) {
                     if (!in_range(e.at)) return;
                     if (u.reason == UnlockReason::expired) ++row(e.at, u.holder).released_expired;
                     if (u.reason == UnlockReason::disconnected) ++row(e.at, u.holder).released_disconnected;
                     if (u.reason == UnlockReason::idle) ++row(e.at, u.holder).released_idle;
                   },
                   [&](const ev::ReplyQueued& q) { replies[{e.ticket, q.pending.author}].push_back(&e); },
                   [&](const ev::Replied&) {
                     const AgentId author = *reply_author(e);
                     replies[{e.ticket, author}].push_back(&e);
                     auto& earlier = answering[e.ticket];
                     const bool slipped = std::any_of(earlier.begin(), earlier.end(), [&](const auto& prev) {
                       return prev.second != author && e.at - prev.first <= kSlipWindow && e.at >= prev.first;
                     });
                     if (slipped && in_range(e.at)) ++row(e.at, author).slipped_through;
                     earlier.emplace_back(e.at, author);
                   },
                   [&](const auto&) {},
               },
               e.payload);
  }

  std::vector<const Refusal*> ordered;
  for (const Refusal& r : refusals) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Refusal* a, const Refusal* b) { return a->at < b->at; });

  std::set<std::tuple<AgentId, TicketId, std::ptrdiff_t>> occasions;      // blocked_by_lock
  std::set<std::tuple<AgentId, TicketId, std::string>> holds;              // held_stale
  for (const Refusal* r : ordered) {
    if (r->code == "locked") {
      const auto& times = acquisitions[r->ticket];
      const std::ptrdiff_t lock = std::upper_bound(times.begin(), times.end(), r->at) - times.begin();
      if (occasions.insert({r->agent, r->ticket, lock}).second && in_range(r->at)) ++row(r->at, r->agent).blocked_by_lock;
    } else if (r->code == "stale") {
      if (!r->idempotency_key.empty() && !holds.insert({r->agent, r->ticket, r->idempotency_key}).second) continue;
      if (!in_range(r->at)) continue;
      CollisionCounts& counts = row(r->at, r->agent);
      ++counts.held_stale;
      for (const Event* e : replies[{r->ticket, r->agent}]) {
        if (e->at < r->at) continue;
        if (e->at - r->at > kResolveWindow) break;
        if (!r->idempotency_key.empty() && reply_key(*e) == r->idempotency_key)
          ++counts.sent_anyway;
        else
          ++counts.revised;
        break;
      }
    }
  }

  std::map<AgentId, CollisionCounts> per_agent;
  auto next = rows.begin();
  for (std::int64_t day = floor_div(from, kDay); day <= floor_div(to - 1, kDay); ++day) {
    DayReport out;
    out.day = day_name(day);
    for (; next != rows.end() && next->first.first == day; ++next) {
      if (next->second.empty()) continue;
      out.agents.push_back({next->first.second, next->second});
      out.totals += next->second;
      per_agent[next->first.second] += next->second;
    }
    report.totals += out.totals;
    report.days.push_back(std::move(out));
  }
  for (const auto& [agent, counts] : per_agent) report.agents.push_back({agent, counts});
  return report;
}

namespace protocol {
namespace {

std::vector<std::pair<const char*, std::int64_t>> fields(const CollisionCounts& c) {
  std::vector<std::pair<const char*, std::int64_t>> out;
  for (const auto& [name, field] : baton::detail::kCountFields) out.emplace_back(name, c.*field);
  return out;
}

Json counts_json(const CollisionCounts& c) {
  Json out = Json::object();
  for (const auto& [name, value] : fields(c)) out[name] = value;
  return out;
}

Json agent_json(const AgentCounts& a, const Directory& directory) {
  Json out = {{"agent", a.agent}, {"name", directory.name(a.agent)}};
  for (const auto& [name, value] : fields(a.counts)) out[name] = value;
  return out;
}

std::string csv_field(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) text = "'" + text;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

Result<Refusal> decode_refusal(std::string_view text) {
  auto parsed = detail::parse(text, kDefaultMaxCommandBytes, "refusal");
  if (auto* error = std::get_if<Rejection>(&parsed)) return *error;
  const Json& json = std::get<Json>(parsed);
  detail::ObjectReader r(json, "");
  Refusal out;
  out.at = r.integer("at");
  out.ticket = r.integer("ticket");
  out.agent = r.integer("agent");
  out.command = r.string("command");
  out.code = r.string("code");
  if (json.is_object() && json.contains("idempotency_key") && json["idempotency_key"].is_null())
    r.nullable_integer("idempotency_key", false);
  else
    out.idempotency_key = r.string("idempotency_key", "", false);
  out.holder = r.nullable_integer("holder", false);
  if (auto error = r.finish()) return *error;
  return out;
}

std::string encode_refusal(const Refusal& r) {
  Json out = {{"at", r.at},
              {"ticket", r.ticket},
              {"agent", r.agent},
              {"command", r.command},
              {"code", r.code},
              {"idempotency_key", r.idempotency_key.empty() ? Json(nullptr) : Json(r.idempotency_key)},
              {"holder", r.holder ? Json(*r.holder) : Json(nullptr)}};
  return dump(out);
}

std::string report_json(const CollisionReport& report, const Directory& directory) {
  Json days = Json::array();
  for (const DayReport& day : report.days) {
    Json agents = Json::array();
    for (const AgentCounts& a : day.agents) agents.push_back(agent_json(a, directory));
    days.push_back({{"day", day.day}, {"totals", counts_json(day.totals)}, {"agents", std::move(agents)}});
  }
  Json agents = Json::array();
  for (const AgentCounts& a : report.agents) agents.push_back(agent_json(a, directory));
  Json out = {{"from", report.from},
              {"to", report.to},
              {"days", std::move(days)},
              {"agents", std::move(agents)},
              {"totals", counts_json(report.totals)}};
  return dump(out);
}

std::string report_csv(const CollisionReport& report, const Directory& directory) {
  std::string out = "day,agent_id,agent";
  for (const auto& [name, value] : fields(CollisionCounts{})) out += std::string(",") + name;
  out += "\r\n";
  for (const DayReport& day : report.days)
    for (const AgentCounts& a : day.agents) {
      out += day.day + "," + std::to_string(a.agent) + "," + csv_field(directory.name(a.agent));
      for (const auto& [name, value] : fields(a.counts)) out += "," + std::to_string(value);
      out += "\r\n";
    }
  return out;
}

}  // namespace protocol
}  // namespace baton
