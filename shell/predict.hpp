#pragma once
// "May I?" for the open ticket, answered by the core's decide() with what the client knows, so a
// button is greyed out with the same words the server would answer. Never re-codes a rule.
#include <string>

#include "app_state.hpp"
#include "baton/commands.hpp"

namespace baton::shell {

struct Verdict {
  bool allowed = false;
  std::string why;  // the core's rejection message when not allowed
};

Verdict predict(const AppState& state, const Ticket& ticket, const Command& command, Time now);

// The probes the composer asks: may I send a reply / add a note at all right now?
Command reply_probe(const Ticket& ticket);
Command note_probe();

}  // namespace baton::shell
