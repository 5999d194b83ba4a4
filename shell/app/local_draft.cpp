#include "local_draft.hpp"

#include <nlohmann/json.hpp>

#include "baton/names.hpp"
#include "baton/protocol.hpp"

namespace baton::shell {

using Json = nlohmann::json;

std::string encode_local_draft(const LocalDraft& d) {
  return protocol::dump({{"body", d.body},
                         {"kind", name_of(d.kind)},
                         {"base_version", d.base_version},
                         {"key", d.key},
                         {"changed_at", d.changed_at}});
}

std::optional<LocalDraft> decode_local_draft(const std::string& text) {
  const Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  auto integer = [&json](const char* key) -> std::int64_t {
    return json.contains(key) && json[key].is_number_integer() ? json[key].get<std::int64_t>() : 0;
  };
  auto string = [&json](const char* key) -> std::string {
    return json.contains(key) && json[key].is_string() ? json[key].get<std::string>() : std::string();
  };
  LocalDraft d;
  d.body = string("body");
  d.kind = parse_name<DraftKind>(string("kind")).value_or(DraftKind::reply);
  d.base_version = integer("base_version");
  d.key = string("key");
  d.changed_at = integer("changed_at");
  return d;
}

std::string local_draft_key(AgentId me, TicketId ticket) {
  return "baton.draft." + std::to_string(me) + "." + std::to_string(ticket);
}

}  // namespace baton::shell
