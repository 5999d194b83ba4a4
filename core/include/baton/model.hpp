#pragma once
// The ticket as every host sees it: one value type, changed only by evolve().
#include <optional>
#include <string>
#include <vector>

#include "baton/ids.hpp"

namespace baton {

enum class Status { awaiting_agent, awaiting_user, pending, resolved };
enum class MessageKind { customer, reply, note };
enum class DraftKind { reply, note };
enum class UnlockReason { manual, expired, disconnected, forced, replied, reassigned };
// The kinds of change that make a draft's base_version stale.
enum class ChangeKind { customer_message, reply, note, assignment, status };

struct Requester {
  std::string name;
  std::string email;
  bool operator==(const Requester&) const = default;
};

struct Message {
  std::int64_t id = 0;  // 1, 2, 3... within the ticket
  MessageKind kind = MessageKind::customer;
  std::optional<AgentId> agent;  // null for customer messages
  std::string body;
  Time at = 0;
  bool operator==(const Message&) const = default;
};

struct Draft {
  AgentId author = 0;
  DraftKind kind = DraftKind::reply;
  std::string body;
  Version base_version = 0;  // the ticket version the author was looking at
  Time updated_at = 0;
  bool operator==(const Draft&) const = default;
};

struct Lock {
  AgentId holder = 0;
  Time acquired_at = 0;
  Time renewed_at = 0;
  std::optional<Time> expires_at;  // none when the admin set no timeout
  bool operator==(const Lock&) const = default;
};

struct Change {
  Version version = 0;
  ChangeKind kind = ChangeKind::customer_message;
  AgentId actor = 0;
  Time at = 0;
  bool operator==(const Change&) const = default;
};

// An idempotency key already used for a reply, and the message it produced.
struct ReplyKey {
  std::string key;
  std::int64_t message = 0;
  AgentId author = 0;
  bool operator==(const ReplyKey&) const = default;
};

struct Ticket {
  TicketId id = 0;
  std::string ref;
  std::string subject;
  Requester requester;
  std::string organization;
  std::string language;
  std::string department;
  Status status = Status::awaiting_agent;
  int urgency = 1;
  std::optional<AgentId> assignee;
  std::optional<Lock> lock;
  std::vector<Message> messages;  // may be empty in a summary; message_count stays true
  std::vector<Draft> drafts;      // one per author
  std::vector<Change> changes;
  std::vector<ReplyKey> reply_keys;
  std::int64_t message_count = 0;
  Version version = 0;  // 0: not created yet
  Time created_at = 0;
  Time updated_at = 0;

  bool exists() const { return version > 0; }
  const Draft* draft_of(AgentId author) const;
  const ReplyKey* reply_key(const std::string& key) const;

  // The state before `create`: the host allocates the id and the ref.
  static Ticket blank(TicketId id, std::string ref);
  bool operator==(const Ticket&) const = default;
};

}  // namespace baton
