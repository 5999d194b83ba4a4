#pragma once
// Sample agents and tickets for the workspace's tests, as the server would send them.
#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "baton/api/bodies.hpp"
#include "baton/model.hpp"

namespace baton::shell::testing {

// As /api/login and /api/me give it; /api/agents adds "online" (listed_agent).
inline nlohmann::json agent_json(AgentId id, const std::string& name, const std::string& role) {
  std::string first = name.substr(0, name.find(' '));
  for (auto& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {{"id", id}, {"name", name}, {"email", first + "@baton.test"}, {"role", role}, {"departments", {"support"}}};
}

inline nlohmann::json listed_agent(AgentId id, const std::string& name, const std::string& role, bool online) {
  nlohmann::json agent = agent_json(id, name, role);
  agent["online"] = online;
  return agent;
}

// A page of the ticket list as GET /api/tickets answers it: these tickets, nobody on them, the last page.
inline nlohmann::json list_page(const std::vector<Ticket>& tickets) {
  api::ListPage page;
  for (const Ticket& t : tickets) page.tickets.push_back(api::ListEntry::of(t));
  page.counts.all = static_cast<std::int64_t>(tickets.size());
  return api::to_json(page);
}

// A support ticket from Hannah Rebekah with one customer message, last updated at `updated_at`.
inline Ticket make_ticket(TicketId id, Time updated_at, Version version = 3) {
  Ticket t;
  t.id = id;
  t.ref = "CDOB-7212-OJR" + std::string(1, static_cast<char>('A' + id));
  t.subject = "Complaint with Boiler " + std::to_string(id);
  t.requester = {"Hannah Rebekah", "hannah@example.com"};
  t.organization = "221B Energy";
  t.language = "English";
  t.department = "support";
  t.urgency = 5;
  t.messages.push_back(Message{1, MessageKind::customer, std::nullopt, "My boiler hisses.", updated_at - 60'000});
  t.changes.push_back(Change{1, ChangeKind::customer_message, 0, updated_at - 60'000});
  t.message_count = 1;
  t.version = version;
  t.created_at = updated_at - 60'000;
  t.updated_at = updated_at;
  return t;
}

}  // namespace baton::shell::testing
