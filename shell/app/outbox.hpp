#pragma once
// The admins' mail outbox: the replies waiting for the relay, retrying, or given up, fetched when
// it opens and again whenever a reply's delivery changes while it is open (the live events carry
// each change: no polling); a failed reply sent again on request.
#include "context.hpp"

namespace baton::shell {

class OutboxController {
 public:
  explicit OutboxController(Context& context) : c_(context) {}

  void open(OutboxFilter filter);  // also another filter while it is open
  void close();
  void more();                     // older rows: the API has no cursor, so a larger limit
  void retry(std::int64_t id);
  // An event reached the workspace (applied or not: the outbox spans tickets the list never
  // loaded); a delivery that changed, or a reply that joined the outbox, means fetching again.
  void event_seen(const Event& event);
  void caught_up();  // back live after a drop: what changed meanwhile was not pushed

 private:
  void fetch();

  Context& c_;
  int asked_ = 0;  // the fetch whose answer counts (an older filter's answer is dropped)
};

}  // namespace baton::shell
