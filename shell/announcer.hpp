#pragma once
// What a screen reader should hear of what changed while nobody pressed anything (issue 15.2): a
// colleague locks or unlocks the open ticket, starts writing a reply on it, a send is held as
// stale, someone asks for my lock, a hand-over, the connection dropping and coming back, messages
// arriving below the part of the thread the agent has scrolled up to (the "new below" marker). Derived
// by comparing what the workspace shows now with what it showed the frame before, so every way a
// change arrives (live message, answer, catch-up) is heard once, and a colleague typing is heard
// when they start, never per keystroke.

#include <set>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "edits.hpp"
#include "semantics.hpp"

namespace baton::shell {

using Announcement = sem::Announcement;

// The few facts announcements are made of, read from the state each frame.
struct Observed {
  bool workspace = false;
  TicketId ticket = 0;                 // the open ticket
  AgentId lock_holder = 0;             // its active lock's holder (0: none)
  std::set<AgentId> writers;           // colleagues with a live reply draft on it
  bool stale = false;                  // my send held: the ticket changed
  std::set<std::pair<TicketId, AgentId>> prompts;  // colleagues asking for my locks
  bool live = false;                   // the live connection is up
  int new_below = 0;                   // messages arrived below where the agent reads (the marker's count)
  std::string new_below_words;         // and the marker's words
};

Observed observe(const AppState& state, const Edits& edits, Time now);

class Announcer {
 public:
  // What to say about the change from the last scene to `now` (nothing for the first one).
  std::vector<Announcement> next(const Observed& now, const AppState& state);

 private:
  Observed last_;
  bool seen_ = false;
  bool was_live_ = false;  // live at least once since the login: only then is a drop news
};

}  // namespace baton::shell
