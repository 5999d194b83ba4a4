#pragma once
// The WebSocket's messages (GET /api/ws), both ways, as values with one codec. docs/API.md
// describes each; tests/contract/live/ holds one example of each kind.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "baton/api/bodies.hpp"
#include "baton/commands.hpp"
#include "baton/events.hpp"
#include "baton/replica.hpp"
#include "baton/result.hpp"

namespace baton::api::live {

// ---- client -> server ----
struct Hello {  // start receiving; with `since`, first every missed event
  std::optional<Seq> since;
  bool operator==(const Hello&) const = default;
};
struct Viewing {  // which ticket this tab shows (presence); none: the list
  std::optional<TicketId> ticket;
  bool operator==(const Viewing&) const = default;
};
struct SaveDraft {  // a live draft: the core's `draft` command on a ticket
  TicketId ticket = 0;
  cmd::SaveDraft draft;
  bool operator==(const SaveDraft&) const = default;
};
struct Renew {  // lock heartbeat
  TicketId ticket = 0;
  bool operator==(const Renew&) const = default;
};
struct Ping {
  bool operator==(const Ping&) const = default;
};
using ClientMessage = std::variant<Hello, Viewing, SaveDraft, Renew, Ping>;

// ---- server -> client ----
struct EventPush {  // a logged event; `prev` is the seq of the event sent before it on this socket
  Seq seq = 0;
  Seq prev = 0;
  Event event;
  bool operator==(const EventPush&) const = default;
};
struct Caught {  // {"type":"live"}: the catch-up is complete; `seq` the newest in the log
  Seq seq = 0;
  bool operator==(const Caught&) const = default;
};
struct PresenceUpdate {  // an agent views or types on a ticket; none: gone
  TicketId ticket = 0;
  AgentId agent = 0;
  std::optional<Presence> state;
  bool operator==(const PresenceUpdate&) const = default;
};
struct DraftUpdate {  // another agent's draft; none: discarded
  TicketId ticket = 0;
  AgentId author = 0;
  std::optional<Draft> draft;
  bool operator==(const DraftUpdate&) const = default;
};
struct Digest {  // every 2 s: the newest presence and drafts on the tickets not viewed
  std::vector<PresenceUpdate> presence;
  std::vector<DraftUpdate> drafts;
  bool operator==(const Digest&) const = default;
};
struct DraftStored {  // {"type":"draft_saved"}: my draft is stored
  TicketId ticket = 0;
  Time updated_at = 0;
  bool operator==(const DraftStored&) const = default;
};
struct Refused {  // {"type":"error"}: the input was refused
  ApiError error;
  std::optional<TicketId> ticket;
  bool operator==(const Refused&) const = default;
};
struct Pong {
  bool operator==(const Pong&) const = default;
};
using ServerMessage = std::variant<EventPush, Caught, PresenceUpdate, DraftUpdate, Digest, DraftStored, Refused, Pong>;

Json to_json(const ClientMessage& message);
Json to_json(const ServerMessage& message);
std::string encode(const ClientMessage& message);
std::string encode(const ServerMessage& message);
// Never throw: a message that is not one of the kinds, or of the wrong shape, is a rejection.
Result<ClientMessage> decode_client(std::string_view text);
Result<ServerMessage> decode_server(std::string_view text);

// The wire words of presence: "viewing", "typing", "gone" (none).
std::string_view presence_word(std::optional<Presence> state);

}  // namespace baton::api::live
