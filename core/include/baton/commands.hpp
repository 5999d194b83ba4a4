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
// What a customer's mail brings besides its text (see Message); only the system may give it.
struct MailParts {
  std::string from;
  std::vector<Attachment> attachments;
  std::string quoted;
  bool operator==(const MailParts&) const = default;
};
struct Receive {  // a customer message
  std::string body;
  MailParts mail{};
  bool automatic = false;  // an auto-reply: kept on the ticket, changes nothing else
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
  MailParts mail{};
  bool operator==(const Create&) const = default;
};
// Automations only: release a lock that expired or whose holder went away.
struct Release {
  UnlockReason reason = UnlockReason::expired;  // expired or disconnected
  std::optional<Time> offline_since;            // required for disconnected
  bool operator==(const Release&) const = default;
};

// Ask the holder to hand the lock over ("Ask Marcus to release").
struct RequestLock {
  std::string reason;
  bool operator==(const RequestLock&) const = default;
};
// The holder's answer: hand the lock to the requester, or keep it (with a reason). The system
// answers with hand_over = true when the request timed out.
struct AnswerLockRequest {
  bool hand_over = false;
  std::string reason;
  bool operator==(const AnswerLockRequest&) const = default;
};
// Take back a sent reply during its undo window: it becomes the author's draft again.
struct UndoSend {
  std::string idempotency_key;
  bool operator==(const UndoSend&) const = default;
};
// Automations only: the undo window is over, the pending reply goes to the customer.
struct DeliverReply { bool operator==(const DeliverReply&) const = default; };
// The mail sender only: what the relay (or a bounce) said about a reply's mail.
struct RecordDelivery {
  std::int64_t message = 0;
  DeliveryState state = DeliveryState::sent;
  std::string reason;
  bool operator==(const RecordDelivery&) const = default;
};
// Admins: mail a reply that was not delivered once more.
struct RetryDelivery {
  std::int64_t message = 0;
  bool operator==(const RetryDelivery&) const = default;
};

}  // namespace baton::cmd

namespace baton {

using Command = std::variant<cmd::Lock, cmd::Unlock, cmd::ForceUnlock, cmd::Renew, cmd::Assign,
                             cmd::Take, cmd::SaveDraft, cmd::DiscardDraft, cmd::Reply, cmd::Note,
                             cmd::SetStatus, cmd::SetUrgency, cmd::Receive, cmd::Create, cmd::Release,
                             cmd::RequestLock, cmd::AnswerLockRequest, cmd::UndoSend, cmd::DeliverReply,
                             cmd::RecordDelivery, cmd::RetryDelivery>;

// The wire name: "lock", "draft", "reply", ...
const char* command_type(const Command& command);

}  // namespace baton
