#pragma once
// The open ticket: opening and closing it (colleagues see me view it), its thread fetched and kept
// current, its History tab, my lock renewed while I work, commands on it, and the tickets a live
// event named that the replica has not seen yet.
#include <functional>
#include <set>
#include <string>

#include "context.hpp"

namespace baton::shell {

class OpenTicketController {
 public:
  explicit OpenTicketController(Context& context) : c_(context) {}

  std::function<void(TicketId)> opened;   // another ticket is open: the composer follows it
  std::function<void(TicketId)> fetched;  // its thread (and my draft on the server) arrived
  std::function<void()> commanded;        // a command was accepted: the counts change

  void open(TicketId id);
  void close();  // back to the list
  void fetch(TicketId id);
  void show_tab(PaneTab tab);
  // A command on a ticket; `done` runs once the accepted answer is in the replica.
  void run(TicketId id, const Command& command, const std::string& what, std::function<void()> done = {});
  void tick(Time now);
  void download(const Attachment& attachment);  // a mail's file, handed to the user by the platform

 private:
  void load_history();
  void fetch_missing();
  void renew_if_due(Time now);

  Context& c_;
  Time next_renew_ = 0;
  std::set<TicketId> fetching_;  // tickets asked for because an event named them
};

}  // namespace baton::shell
