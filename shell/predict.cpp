#include "predict.hpp"

#include "baton/decide.hpp"

namespace baton::shell {

Verdict predict(const AppState& state, const Ticket& ticket, const Command& command, Time now) {
  if (!state.me) return {false, "Log in first"};
  const Decision decision = decide(ticket, command, Actor::of(*state.me), now, state.settings, state.directory);
  if (const auto* rejection = std::get_if<Rejection>(&decision)) return {false, rejection->message};
  return {true, {}};
}

// A non-empty body and the ticket's own version: only who may act is asked, not what is typed.
Command reply_probe(const Ticket& ticket) { return cmd::Reply{"?", ticket.version, "probe"}; }
Command note_probe() { return cmd::Note{"?"}; }

}  // namespace baton::shell
