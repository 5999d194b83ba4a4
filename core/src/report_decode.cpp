// Decoding the collision report a client receives (the shape report_json writes).
#include "baton/report.hpp"
#include "json_reader.hpp"

namespace baton::protocol {
namespace {

using detail::ObjectReader;

CollisionCounts read_counts(ObjectReader& r) {
  CollisionCounts c;
  for (auto [name, field] : std::initializer_list<std::pair<const char*, std::int64_t CollisionCounts::*>>{
           {"blocked_by_lock", &CollisionCounts::blocked_by_lock},
           {"held_stale", &CollisionCounts::held_stale},
           {"sent_anyway", &CollisionCounts::sent_anyway},
           {"revised", &CollisionCounts::revised},
           {"lock_requests", &CollisionCounts::lock_requests},
           {"handovers", &CollisionCounts::handovers},
           {"handovers_automatic", &CollisionCounts::handovers_automatic},
           {"released_expired", &CollisionCounts::released_expired},
           {"released_disconnected", &CollisionCounts::released_disconnected},
           {"released_idle", &CollisionCounts::released_idle},
           {"slipped_through", &CollisionCounts::slipped_through}})
    c.*field = r.integer(name);
  return c;
}

Result<CollisionCounts> counts_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  CollisionCounts c = read_counts(r);
  return detail::finish(r, c);
}

// An agent's row: its id, its name (for readers without a directory) and its counts.
Result<AgentCounts> agent_counts_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path, /*allow_unknown=*/true);
  AgentCounts a;
  a.agent = r.integer("agent");
  a.counts = read_counts(r);
  return detail::finish(r, a);
}

template <typename T, typename Decode>
void read_array(ObjectReader& r, const char* key, std::vector<T>& out, Decode decode) {
  if (const Json* list = r.array(key))
    for (std::size_t i = 0; i < list->size() && !r.failed(); ++i)
      if (auto v = detail::adopt(r, decode((*list)[i], r.path_of(key) + "[" + std::to_string(i) + "]")))
        out.push_back(std::move(*v));
}

Result<DayReport> day_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  DayReport d;
  d.day = r.string("day");
  if (const Json* totals = r.object("totals"))
    if (auto v = detail::adopt(r, counts_from_json(*totals, r.path_of("totals")))) d.totals = *v;
  read_array(r, "agents", d.agents, agent_counts_from_json);
  return detail::finish(r, std::move(d));
}

}  // namespace

Result<CollisionReport> decode_report(std::string_view text) {
  auto parsed = detail::parse(text, kDefaultMaxCommandBytes * 16, "report");
  if (auto* error = std::get_if<Rejection>(&parsed)) return *error;
  ObjectReader r(std::get<Json>(parsed), "");
  CollisionReport report;
  report.from = r.integer("from");
  report.to = r.integer("to");
  read_array(r, "days", report.days, day_from_json);
  read_array(r, "agents", report.agents, agent_counts_from_json);
  if (const Json* totals = r.object("totals"))
    if (auto v = detail::adopt(r, counts_from_json(*totals, "totals"))) report.totals = *v;
  return detail::finish(r, std::move(report));
}

}  // namespace baton::protocol
