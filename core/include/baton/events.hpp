#pragma once
// What happened to a ticket. Logged events are the audit trail; the History view is these.
#include <optional>
#include <string>
#include <variant>

#include "baton/model.hpp"

namespace baton::ev {

struct Created {
  std::string ref, subject;
  Requester requester;
  std::string organization, language, department;
  Status status = Status::awaiting_agent;
  int urgency = 1;
  Message message;
  bool operator==(const Created&) const = default;
};
struct CustomerMessage {
  Message message;
  bool operator==(const CustomerMessage&) const = default;
};
struct Replied {
  Message message;
  std::string idempotency_key;
  bool operator==(const Replied&) const = default;
};
struct NoteAdded {
  Message message;
  bool operator==(const NoteAdded&) const = default;
};
struct Locked {
  AgentId holder = 0;
  std::optional<Time> expires_at;
  LockReason reason = LockReason::manual;
  bool operator==(const Locked&) const = default;
};
struct LockRenewed {
  AgentId holder = 0;
  std::optional<Time> expires_at;
  bool operator==(const LockRenewed&) const = default;
};
struct Unlocked {
  AgentId holder = 0;  // who held it
  UnlockReason reason = UnlockReason::manual;
  bool operator==(const Unlocked&) const = default;
};
struct Assigned {
  std::optional<AgentId> from, to;
  bool operator==(const Assigned&) const = default;
};
struct StatusChanged {
  Status from = Status::awaiting_agent, to = Status::awaiting_agent;
  bool operator==(const StatusChanged&) const = default;
};
struct UrgencyChanged {
  int from = 1, to = 1;
  bool operator==(const UrgencyChanged&) const = default;
};
struct LockRequested {
  AgentId requester = 0, holder = 0;
  std::string reason;
  bool operator==(const LockRequested&) const = default;
};
struct LockRequestDeclined {
  AgentId requester = 0;
  std::string reason;
  bool operator==(const LockRequestDeclined&) const = default;
};
// The lock moves in one event: there is no moment in which a third agent could take it.
struct LockHandedOver {
  AgentId from = 0, to = 0;
  std::optional<Time> expires_at;
  bool automatic = false;  // the request timed out while the holder was idle or offline
  bool operator==(const LockHandedOver&) const = default;
};
struct ReplyQueued {
  PendingReply pending;
  bool operator==(const ReplyQueued&) const = default;
};
struct SendUndone {
  std::string idempotency_key;
  Draft draft;  // the author's reply draft again, as it was sent
  bool operator==(const SendUndone&) const = default;
};
// A reply's mail changed state: the relay took it, refused it, bounced it, or an admin retries it.
struct DeliveryChanged {
  std::int64_t message = 0;
  DeliveryState state = DeliveryState::queued;
  std::string reason;
  bool operator==(const DeliveryChanged&) const = default;
};
// Ephemeral: drafts change many times a second and are not part of the audit trail.
struct DraftSaved {
  Draft draft;
  bool operator==(const DraftSaved&) const = default;
};
struct DraftDiscarded {
  AgentId author = 0;
  bool operator==(const DraftDiscarded&) const = default;
};

}  // namespace baton::ev

namespace baton {

using EventPayload =
    std::variant<ev::Created, ev::CustomerMessage, ev::Replied, ev::NoteAdded, ev::Locked,
                 ev::LockRenewed, ev::Unlocked, ev::Assigned, ev::StatusChanged,
                 ev::UrgencyChanged, ev::DraftSaved, ev::DraftDiscarded, ev::LockRequested,
                 ev::LockRequestDeclined, ev::LockHandedOver, ev::ReplyQueued, ev::SendUndone,
                 ev::DeliveryChanged>;

struct Event {
  Seq seq = 0;  // given by the server's store; 0 until then
  TicketId ticket = 0;
  AgentId actor = kSystemAgent;
  Time at = 0;
  Version version = 0;  // the ticket's version after this event
  EventPayload payload;

  bool ephemeral() const;  // drafts: not logged, do not change the version
  bool operator==(const Event&) const = default;
};

const char* event_type(const Event& event);

}  // namespace baton
