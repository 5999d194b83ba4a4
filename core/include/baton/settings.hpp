#pragma once
// The admin automations. Every rule that depends on them reads them from here.
#include <cstdint>
#include <map>
#include <string>

namespace baton {

// manual: only the Lock button locks. on_typing: the first keystroke of a reply locks a free ticket.
enum class LockMode { manual, on_typing };

struct Settings {
  std::int64_t lock_timeout_secs = 900;   // 0: locks never expire
  std::int64_t disconnect_grace_secs = 30;
  bool unlock_on_reply = true;
  bool release_lock_on_reassign = true;
  bool auto_assign = false;
  std::int64_t max_body_bytes = 65536;
  LockMode lock_mode = LockMode::manual;
  std::int64_t idle_release_secs = 120;         // a typing lock ends after this long without typing
  std::int64_t undo_send_secs = 10;             // 0: replies go out at once
  std::int64_t lock_request_timeout_secs = 60;  // an unanswered request to an idle holder succeeds
  std::int64_t max_mail_bytes = 25 << 20;       // a larger inbound mail is refused (552) unread
  // A department's mail address, where it is not <department>@<the server's mail domain>.
  std::map<std::string, std::string> mail_addresses;
  bool operator==(const Settings&) const = default;
};

}  // namespace baton
