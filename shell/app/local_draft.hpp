#pragma once
// My unsent draft as this device keeps it (Storage), so a reload or a dropped connection never
// loses it: what the composer holds, with the time of my last keystroke. Not part of the wire.
#include <optional>
#include <string>

#include "baton/model.hpp"

namespace baton::shell {

struct LocalDraft {
  std::string body;
  DraftKind kind = DraftKind::reply;
  Version base_version = 0;
  std::string key;  // the reply's idempotency key: a retry after a reload sends once
  Time changed_at = 0;
};

std::string encode_local_draft(const LocalDraft& draft);
std::optional<LocalDraft> decode_local_draft(const std::string& text);  // none: not one of ours
std::string local_draft_key(AgentId me, TicketId ticket);                 // the storage key

}  // namespace baton::shell
