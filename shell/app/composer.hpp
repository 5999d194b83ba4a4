#pragma once
// My reply or note: what I type is my draft, sent as I type (at most every 40 ms) and kept on
// this device until the server has it; Send with the idempotency key kept across retries; a send
// held as stale, with Send anyway and Review; Discard; a send taken back (Undo) comes back here.
#include <string>

#include "../draft_throttle.hpp"
#include "context.hpp"
#include "open_ticket.hpp"

namespace baton::shell {

class ComposerController {
 public:
  ComposerController(Context& context, OpenTicketController& tickets) : c_(context), tickets_(tickets) {}

  void load(TicketId id);        // the newer of this device's copy and the server's
  void ticket_fetched(TicketId id);
  void caught_up();              // live again: what I typed offline goes out
  void event_applied(const Event& event);
  void undone(TicketId id);      // my Undo was accepted: the reply is my draft again
  void too_big();                // the socket was closed for a message too big: my draft, as it is
  void text(std::string text);   // the editor's text (the browser's <textarea>, ImGui's own)
  void kind(DraftKind kind);
  void send(bool anyway);
  void review();
  void discard();
  void tick(Time now) { send_if_due(now); }

 private:
  void restore_undone(TicketId id);
  void save_locally();
  void send_if_due(Time now);
  void new_key();
  std::string storage_key(TicketId id) const;

  Context& c_;
  OpenTicketController& tickets_;
  DraftThrottle throttle_{40};
  // A draft the socket cannot carry (over the server's largest message, or closed 1009 for it):
  // not sent again as it is, so the socket is not closed again and again. Typing changes it.
  std::string unsendable_;
  bool unsendable(const std::string& body) const { return !unsendable_.empty() && body == unsendable_; }
  std::uint64_t key_counter_ = 0;
};

}  // namespace baton::shell
