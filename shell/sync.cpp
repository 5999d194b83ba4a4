#include "sync.hpp"

#include <algorithm>

namespace baton::shell {

Time Sync::backoff(int attempt) {
  if (attempt >= 5) return 15 * kSecond;
  return (kSecond / 2) << std::max(attempt, 0);
}

std::string link_text(const Sync& sync, Time now) {
  switch (sync.state()) {
    case Link::offline: return "Offline";
    case Link::connecting: return sync.attempts() ? "Reconnecting..." : "Connecting...";
    case Link::catching_up: return "Catching up...";
    case Link::live: return "Live";
    case Link::waiting: {
      const Time secs = std::max<Time>(1, (sync.retry_at() - now + 999) / 1000);
      return "Server unreachable \u2014 retrying in " + std::to_string(secs) + " s";
    }
  }
  return {};
}

}  // namespace baton::shell
