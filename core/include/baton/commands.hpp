#pragma once
// What an agent (or the system) asks to do to a ticket. A closed set: std::variant.
#include <optional>
#include <string>
#include <variant>

#include "baton/model.hpp"

namespace baton::cmd {

struct Lock { bool operator==(const Lock&) const = default; };
struct Unlock { bool operator==(const Unlock&) const = default; };
struct ForceUnlock { bool operator==(const ForceUnlock&) const = default; };
struct Renew { bool operator==(const Renew&) const = default; };
struct Assign {
  std::optional<AgentId> agent;  // none: unassign
  bool operator==(const Assign&) const = default;
};
struct Take { bool operator==(const Take&) const = default; };  // "Mine"
struct SaveDraft {
  std::string body;
  DraftKind kind = DraftKind::reply;
  Version base_version = 0;
  bool operator==(const SaveDraft&) const = default;
};
struct DiscardDraft { bool operator==(const DiscardDraft&) const = default; };
struct Reply {
  std::string body;
  Version base_version = 0;
  std::string idempotency_key;
  bool operator==(const Reply&) const = default;
};
struct Note {
  std::string body;
  bool operator==(const Note&) const = default;
};
struct SetStatus {
  Status status = Status::awaiting_agent;
  bool operator==(const SetStatus&) const = default;
};
struct SetUrgency {
  int urgency = 1;
  bool operator==(const SetUrgency&) const = default;
};
struct Receive {  // a customer message
  std::string body;
  bool operator==(const Receive&) const = default;
};
struct Create {
  std::string subject;
  Requester requester;
  std::string organization;
  std::string language = "English";
  std::string department;
  int urgency = 5;
  std::string body;
  bool operator==(const Create&) const = default;
};
// Automations only: release a lock that expired or whose holder went away.
struct Release {
  UnlockReason reason = UnlockReason::expired;  // expired or disconnected
  std::optional<Time> offline_since;            // required for disconnected
  bool operator==(const Release&) const = default;
};

}  // namespace baton::cmd

namespace baton {

using Command = std::variant<cmd::Lock, cmd::Unlock, cmd::ForceUnlock, cmd::Renew, cmd::Assign,
                             cmd::Take, cmd::SaveDraft, cmd::DiscardDraft, cmd::Reply, cmd::Note,
                             cmd::SetStatus, cmd::SetUrgency, cmd::Receive, cmd::Create, cmd::Release>;

// The wire name: "lock", "draft", "reply", ...
const char* command_type(const Command& command);

}  // namespace baton
