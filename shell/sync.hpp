#pragma once
// The live connection's state machine: connecting -> catching up (hello since) -> live; a drop
// waits with backoff, then connects again and resumes from the last applied seq. Pure: the app
// feeds it what happened and the time, and asks what to do.
#include <algorithm>
#include <string>

#include "baton/ids.hpp"

namespace baton::shell {

enum class Link { offline, connecting, catching_up, live, waiting };

// Why the last socket ended, as its close code means it (the indicator says so in the language in
// use): gone (a drop, a server restart, a refused upgrade the browser cannot tell apart), closed
// for its rate (4029: too many messages, or too much data), or for a message too big (1009).
enum class DropCause { gone, too_many_messages, too_much_data, too_big };

class Sync {
 public:
  Link state() const { return state_; }
  int attempts() const { return attempts_; }
  Time retry_at() const { return retry_at_; }
  DropCause cause() const { return cause_; }

  void start() { state_ = Link::connecting; }
  void opened() { state_ = Link::catching_up; }  // now send hello {since}
  void caught_up() {                                // the server's `live` message
    state_ = Link::live;
    attempts_ = 0;
    cause_ = DropCause::gone;
  }
  // The socket closed or never opened: wait, longer after each failure in a row, and at least
  // `at_least` (what the server asked for). A socket that never opened after one closed for its
  // rate was most likely refused for it too (the browser sees no 429): the cause stays.
  void dropped(Time now, DropCause cause = DropCause::gone, Time at_least = 0) {
    if (state_ == Link::offline) return;
    const bool rate = cause_ == DropCause::too_many_messages || cause_ == DropCause::too_much_data;
    if (!(cause == DropCause::gone && state_ == Link::connecting && rate)) cause_ = cause;
    retry_at_ = now + std::max(backoff(attempts_++), at_least);
    state_ = Link::waiting;
  }
  // True once when a wait is over: the app opens the socket again.
  bool retry_due(Time now) {
    if (state_ != Link::waiting || now < retry_at_) return false;
    state_ = Link::connecting;
    return true;
  }
  void stop() {  // logged out
    state_ = Link::offline;
    attempts_ = 0;
    cause_ = DropCause::gone;
  }

  // 0.5 s, 1 s, 2 s, 4 s, 8 s, then 15 s.
  static Time backoff(int attempt);

 private:
  Link state_ = Link::offline;
  int attempts_ = 0;
  Time retry_at_ = 0;
  DropCause cause_ = DropCause::gone;
};

// What the status indicator says: "Live", "Reconnecting in 4 s — your draft is safe".
std::string link_text(const Sync& sync, Time now);

}  // namespace baton::shell
