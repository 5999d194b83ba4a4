// Decoding the collision report a client receives (the shape report_json writes).
#include "baton/report.hpp"
#include "json_parts.hpp"
#include "report_fields.hpp"

namespace baton::protocol {
namespace {

using detail::ObjectReader;

CollisionCounts read_counts(ObjectReader& r) {
  CollisionCounts c;
  for (const auto& [name, field] : baton::detail::kCountFields) c.*field = r.integer(name);
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

Result<DayReport> day_from_json(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  DayReport d;
  d.day = r.string("day");
  if (const Json* totals = r.object("totals"))
    if (auto v = detail::adopt(r, counts_from_json(*totals, r.path_of("totals")))) d.totals = *v;
  detail::read_list(r, "agents", d.agents, agent_counts_from_json);
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
  detail::read_list(r, "days", report.days, day_from_json);
  detail::read_list(r, "agents", report.agents, agent_counts_from_json);
  if (const Json* totals = r.object("totals"))
    if (auto v = detail::adopt(r, counts_from_json(*totals, "totals"))) report.totals = *v;
  return detail::finish(r, std::move(report));
}

}  // namespace baton::protocol
