#pragma once
// The live connection's state machine: connecting -> catching up (hello since) -> live; a drop
// waits with backoff, then connects again and resumes from the last applied seq. Pure: the app
// feeds it what happened and the time, and asks what to do.
#include <string>

#include "baton/ids.hpp"

namespace baton::shell {

enum class Link { offline, connecting, catching_up, live, waiting };

class Sync {
 public:
  Link state() const { return state_; }
  int attempts() const { return attempts_; }
  Time retry_at() const { return retry_at_; }

  void start() { state_ = Link::connecting; }
  void opened() { state_ = Link::catching_up; }  // now send hello {since}
  void caught_up() {                                // the server's `live` message
    state_ = Link::live;
    attempts_ = 0;
  }
  // The socket closed or never opened: wait, longer after each failure in a row.
  void dropped(Time now) {
    if (state_ == Link::offline) return;
    retry_at_ = now + backoff(attempts_++);
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
  }

  // 0.5 s, 1 s, 2 s, 4 s, 8 s, then 15 s.
  static Time backoff(int attempt);

 private:
  Link state_ = Link::offline;
  int attempts_ = 0;
  Time retry_at_ = 0;
};

// What the status indicator says: "Live", "Reconnecting in 4 s — your draft is safe".
std::string link_text(const Sync& sync, Time now);

}  // namespace baton::shell
