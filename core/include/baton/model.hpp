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
// idle: a lock taken by typing whose holder stopped typing; discarded: its draft was discarded.
enum class UnlockReason { manual, expired, disconnected, forced, replied, reassigned, idle, discarded };
// How a lock was taken: by the Lock button (or a hand-over), or by the first keystroke of a reply.
enum class LockReason { manual, typing };
// The kinds of change that make a draft's base_version stale.
enum class ChangeKind { customer_message, reply, note, assignment, status };
// A reply's way to the customer by mail: queued when it is delivered (after its undo window), then
// retrying while the relay cannot take it, sent once the relay took it, failed when it was refused
// or bounced (or retried for too long).
enum class DeliveryState { queued, retrying, sent, failed };

struct Requester {
  std::string name;
  std::string email;
  bool operator==(const Requester&) const = default;
};

// A file that came with a customer's mail. The host stores it and serves it at `url`.
struct Attachment {
  std::string name;
  std::int64_t size = 0;  // bytes
  std::string content_type;
  std::string url;
  bool operator==(const Attachment&) const = default;
};

struct Delivery {
  DeliveryState state = DeliveryState::queued;
  std::string to;      // the address the reply is mailed to
  std::string reason;  // why it waits, retries or was not delivered (the relay's words); may be empty
  Time at = 0;         // when it took this state
  bool operator==(const Delivery&) const = default;
};

struct Message {
  std::int64_t id = 0;  // 1, 2, 3... within the ticket
  MessageKind kind = MessageKind::customer;
  std::optional<AgentId> agent;  // null for customer messages
  std::string body;
  Time at = 0;
  // Customer mail. `from`: the sender's address ("" for a message that did not come by mail);
  // `quoted`: the quoted history of earlier mails, cut from the body (the thread shows it folded);
  // `automatic`: an auto-reply (out of office, ...), which neither reopens the ticket nor makes
  // drafts stale.
  // (Initialized with {}: aggregates written before these fields still initialize every member.)
  std::string from{};
  std::vector<Attachment> attachments{};
  std::string quoted{};
  bool automatic = false;
  std::optional<Delivery> delivery{};  // replies: on their way to the customer by mail
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

// Another agent asking the holder to hand the lock over. One at a time; it ends with the lock.
struct LockRequest {
  AgentId requester = 0;
  std::string reason;  // one line, may be empty
  Time at = 0;
  bool operator==(const LockRequest&) const = default;
};

struct Lock {
  AgentId holder = 0;
  Time acquired_at = 0;
  Time renewed_at = 0;
  std::optional<Time> expires_at;  // none when the admin set no timeout, and for typing locks
  LockReason reason = LockReason::manual;
  std::optional<LockRequest> request;
  bool operator==(const Lock&) const = default;
};

// A sent reply waiting out its undo window: not yet the customer's, no longer the author's draft.
struct PendingReply {
  AgentId author = 0;
  std::string body;
  std::string idempotency_key;
  Version base_version = 0;
  Time queued_at = 0;
  Time deliver_at = 0;
  bool operator==(const PendingReply&) const = default;
};

struct Change {
  Version version = 0;
  ChangeKind kind = ChangeKind::customer_message;
  AgentId actor = 0;
  Time at = 0;
  bool operator==(const Change&) const = default;
};

// An idempotency key already used for a reply, and the message it produced (0: queued or undone).
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
  std::optional<PendingReply> pending_reply;
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
  const Message* message(std::int64_t id) const;  // none: no such message (or not held: a summary)

  // The state before `create`: the host allocates the id and the ref.
  static Ticket blank(TicketId id, std::string ref);
  bool operator==(const Ticket&) const = default;
};

}  // namespace baton
