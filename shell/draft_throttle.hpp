#pragma once
// When my draft goes out. Every keystroke marks it dirty; it is sent at once if nothing went out in
// the last `interval`, else when the interval is over, so a colleague sees it within ~interval and
// the last keystroke always goes. The local copy (drafts survive a reload) follows a slower pace.
#include "baton/ids.hpp"

namespace baton::shell {

class DraftThrottle {
 public:
  explicit DraftThrottle(Time interval) : interval_(interval) {}

  void changed(Time now) {
    if (!dirty_) dirty_since_ = now;
    dirty_ = true;
  }
  bool due(Time now) const { return dirty_ && now >= sent_at_ + interval_; }
  void sent(Time now) {
    dirty_ = false;
    sent_at_ = now;
  }
  bool dirty() const { return dirty_; }
  Time dirty_since() const { return dirty_since_; }
  void reset() {
    dirty_ = false;
    sent_at_ = -interval_;
  }

 private:
  Time interval_;
  bool dirty_ = false;
  Time dirty_since_ = 0;
  Time sent_at_ = -interval_;
};

}  // namespace baton::shell
