// A reply's mail: the mail sender (the system) records what the relay or a bounce said; an admin
// retries a reply that was not delivered. Neither is a change to the conversation: no lock, no
// stale drafts, no status.
#include "baton/names.hpp"
#include "rules.hpp"

namespace baton::rules {
namespace {

constexpr std::size_t kMaxReason = 1000;

// The moves the mail sender may record. A sent mail can still bounce (failed); a failed one goes
// out again only when an admin retries it (retry_delivery).
bool may_become(DeliveryState from, DeliveryState to) {
  switch (from) {
    case DeliveryState::queued: return true;
    case DeliveryState::retrying: return to != DeliveryState::queued;
    case DeliveryState::sent: return to == DeliveryState::failed;
    case DeliveryState::failed: return false;
  }
  return false;
}

Outcome find_mailed_reply(const Ctx& c, std::int64_t id, const Message*& out) {
  out = c.ticket.message(id);
  if (!out || out->kind != MessageKind::reply || !out->delivery)
    return Rejection::of(ErrorKey::delivery_not_mailed_reply, {std::to_string(id)});
  return std::nullopt;
}

}  // namespace

Outcome decide_record_delivery(const Ctx& c, EventLog& log, const cmd::RecordDelivery& record) {
  if (auto r = require_system(c, ErrorKey::system_only_record_delivery)) return r;
  const Message* reply = nullptr;
  if (auto r = find_mailed_reply(c, record.message, reply)) return r;
  if (auto r = check_text("reason", record.reason, kMaxReason, true)) return r;
  if ((record.state == DeliveryState::retrying || record.state == DeliveryState::failed) && is_blank(record.reason))
    return Rejection::invalid("reason", InvalidReason::value, ErrorKey::delivery_reason_needed);
  const Delivery& now = *reply->delivery;
  if (now.state == record.state && now.reason == record.reason) return Rejection::of(ErrorKey::delivery_unchanged);
  if (!may_become(now.state, record.state))
    return Rejection::of(ErrorKey::delivery_bad_move,
                         {std::string(name_of(now.state)), std::string(name_of(record.state))});
  log.logged(kSystemAgent, ev::DeliveryChanged{record.message, record.state, record.reason});
  return std::nullopt;
}

Outcome decide_retry_delivery(const Ctx& c, EventLog& log, const cmd::RetryDelivery& retry) {
  if (!c.actor.is_admin()) return Rejection::of(ErrorKey::delivery_retry_admin_only);
  const Message* reply = nullptr;
  if (auto r = find_mailed_reply(c, retry.message, reply)) return r;
  if (reply->delivery->state != DeliveryState::failed)
    return Rejection::of(ErrorKey::delivery_retry_not_failed);
  log.logged(c.actor.id, ev::DeliveryChanged{retry.message, DeliveryState::queued, ""});
  return std::nullopt;
}

}  // namespace baton::rules
