#include "live_log.hpp"

#include <nlohmann/json.hpp>

namespace baton::desktop {
namespace {

std::int64_t int_at(const nlohmann::json& json, const char* key) {
  if (json.is_object() && json.contains(key) && json[key].is_number_integer()) return json[key].get<std::int64_t>();
  return 0;
}

}  // namespace

LiveMessage parse_live_message(const std::string& raw, bool incoming, Time at) {
  LiveMessage m;
  m.incoming = incoming;
  m.at = at;
  m.raw = raw;
  const auto json = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("type") || !json["type"].is_string()) {
    m.type = "(unreadable)";
    return m;
  }
  m.type = json["type"].get<std::string>();
  m.ticket = int_at(json, "ticket");
  if (m.type == "event" && json.contains("event") && json["event"].is_object()) {
    const auto& event = json["event"];
    m.seq = int_at(json, "seq");
    if (event.contains("type") && event["type"].is_string()) m.type += ": " + event["type"].get<std::string>();
    m.ticket = int_at(event, "ticket");
    m.actor = int_at(event, "actor");
  } else if (m.type == "draft") {
    m.actor = int_at(json, "author");
  } else if (m.type == "presence") {
    m.actor = int_at(json, "agent");
    if (json.contains("state") && json["state"].is_string()) m.type += ": " + json["state"].get<std::string>();
  } else if (m.type == "live") {
    m.seq = int_at(json, "seq");
  } else if (m.type == "hello") {
    m.seq = int_at(json, "since");
  }
  return m;
}

void LiveLog::add(const std::string& raw, bool incoming, Time at) {
  LiveMessage m = parse_live_message(raw, incoming, at);
  m.number = ++total_;
  messages_.push_back(std::move(m));
  while (messages_.size() > capacity_) messages_.pop_front();
}

}  // namespace baton::desktop
