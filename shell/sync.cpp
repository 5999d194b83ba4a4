#include "i18n/words.hpp"
#include "sync.hpp"

#include <algorithm>

namespace baton::shell {

Time Sync::backoff(int attempt) {
  if (attempt >= 5) return 15 * kSecond;
  return (kSecond / 2) << std::max(attempt, 0);
}

std::string link_text(const Sync& sync, Time now) {
  switch (sync.state()) {
    case Link::offline: return i18n::tr("link.offline");
    case Link::connecting: return i18n::tr(sync.attempts() ? "link.reconnecting" : "link.connecting");
    case Link::catching_up: return i18n::tr("link.catching_up");
    case Link::live: return i18n::tr("link.live");
    case Link::waiting: {
      const Time secs = std::max<Time>(1, (sync.retry_at() - now + 999) / 1000);
      switch (sync.cause()) {
        case DropCause::gone: return i18n::trn("link.waiting", secs);
        case DropCause::too_many_messages: return i18n::trn("link.closed_messages", secs);
        case DropCause::too_much_data: return i18n::trn("link.closed_data", secs);
        case DropCause::too_big: return i18n::trn("link.closed_too_big", secs);
      }
      return {};
    }
  }
  return {};
}

}  // namespace baton::shell
