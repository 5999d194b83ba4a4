#pragma once
// The admin automations. Every rule that depends on them reads them from here.
#include <cstdint>

namespace baton {

struct Settings {
  std::int64_t lock_timeout_secs = 900;   // 0: locks never expire
  std::int64_t disconnect_grace_secs = 30;
  bool unlock_on_reply = true;
  bool release_lock_on_reassign = true;
  bool auto_assign = false;
  std::int64_t max_body_bytes = 65536;
  bool operator==(const Settings&) const = default;
};

}  // namespace baton
