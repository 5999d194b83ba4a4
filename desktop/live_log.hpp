#pragma once
// The debug panel's live stream: every WebSocket message in and out, read by the API's codec to show
// seq, type, ticket and actor next to the raw JSON. Keeps the newest `capacity` messages.
#include <cstdint>
#include <deque>
#include <string>

#include "baton/ids.hpp"

namespace baton::desktop {

struct LiveMessage {
  std::uint64_t number = 0;  // 1, 2, 3... in arrival order, never reused
  bool incoming = true;
  Time at = 0;
  std::string type;          // "event: locked", "draft", "pong", "hello"...
  Seq seq = 0;               // events only
  TicketId ticket = 0;
  AgentId actor = 0;         // the event's actor, the draft's author, the presence's agent
  std::string raw;
};

LiveMessage parse_live_message(const std::string& raw, bool incoming, Time at);

class LiveLog {
 public:
  explicit LiveLog(std::size_t capacity = 5000) : capacity_(capacity) {}
  void add(const std::string& raw, bool incoming, Time at);
  const std::deque<LiveMessage>& messages() const { return messages_; }
  void clear() { messages_.clear(); }
  std::uint64_t total() const { return total_; }

 private:
  std::size_t capacity_;
  std::deque<LiveMessage> messages_;
  std::uint64_t total_ = 0;
};

}  // namespace baton::desktop
