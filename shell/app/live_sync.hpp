#pragma once
// The live connection: open the socket, say hello (since the last applied seq), read what the
// server pushes into the replica, keep the link alive (ping), and resume from the cursor after a
// drop or a gap. What other controllers must do about it goes out through the callbacks.
#include <functional>
#include <string>

#include "context.hpp"

namespace baton::shell {

class LiveSync {
 public:
  explicit LiveSync(Context& context) : c_(context) {}

  std::function<void(bool reload)> caught_up;  // `live`: reload the list too (a first start, a new log)
  std::function<void(const Event&)> applied;   // a pushed event is in the replica
  std::function<void(const Event&)> seen;      // any pushed event not seen before, even of a ticket not loaded
  std::function<void()> logged_out;            // the server closed the socket: the session ended
  std::function<void()> too_big;               // closed for a message too big (1009): do not send it again

  void start();
  void stop();  // logged out: the socket closes and whatever it still says is ignored
  void tick(Time now);
  void on_message(const std::string& text);

 private:
  void connect();
  void on_open();
  void on_closed(const SocketClose& close);
  void on(const api::live::EventPush& push);
  void on(const api::live::Caught& caught);
  void on(const api::live::PresenceUpdate& update);
  void on(const api::live::DraftUpdate& update);
  void on(const api::live::Digest& digest);
  void on(const api::live::DraftStored& stored);
  void on(const api::live::Refused& refused);
  void on(const api::live::Pong& pong);

  Context& c_;
  int epoch_ = 0;        // bumped by stop(): an old socket's callbacks go quiet
  Seq hello_since_ = 0;  // what the last hello asked for (0: live only)
  Time gap_since_ = 0;   // an event went missing at this time
  Time next_ping_ = 0;
  Time ping_sent_ = 0;
};

}  // namespace baton::shell
