#pragma once
// What an event does to drafts, for whoever keeps drafts apart from the ticket (the server's
// drafts table, one row per author and ticket): the same answer evolve() acts on, without
// matching event names outside the core.
#include <optional>
#include <vector>

#include "baton/events.hpp"

namespace baton {

struct DraftEffect {
  AgentId author = 0;
  std::optional<Draft> draft;  // the author's draft from now on; nullopt: their draft ends
  bool operator==(const DraftEffect&) const = default;
};

// The drafts `event` saves or ends on `before` (the ticket as it was just before the event), in
// order. A draft saved or given back by an undone send is returned as it now is; a discard ends
// the author's draft; a reply sent (or queued for its undo window) ends its author's reply draft
// and a note ends their note draft, also one that `before` does not hold (another copy of the
// ticket may have it), unless `before` shows the author's draft is of the other kind, which
// stays. A queued reply delivered after its window ends nothing (a draft its author started
// since is theirs). Every other event: none.
std::vector<DraftEffect> draft_effects(const Ticket& before, const Event& event);

}  // namespace baton
