#include "../i18n/words.hpp"
#include "outbox.hpp"

#include <algorithm>

namespace baton::shell {
namespace {

constexpr int kPage = 100, kMost = 1000;  // rows per "Show more"; the API's most

const char* state_of(OutboxFilter filter) {
  switch (filter) {
    case OutboxFilter::failed: return api::outbox_state::failed;
    case OutboxFilter::all: return api::outbox_state::all;
    default: return api::outbox_state::pending;
  }
}

}  // namespace

void OutboxController::open(OutboxFilter filter) {
  OutboxState& outbox = c_.state.outbox;
  if (!outbox.open || outbox.filter != filter) {
    outbox.data.reset();  // another filter's rows are not this one's
    outbox.limit = kPage;
  }
  outbox.open = true;
  outbox.filter = filter;
  outbox.error.clear();
  outbox.refused.clear();
  outbox.loading = false;  // a fetch still out for the old filter no longer counts
  fetch();
}

void OutboxController::close() {
  ++asked_;
  OutboxState closed;
  closed.filter = c_.state.outbox.filter;  // it opens again where it was
  c_.state.outbox = std::move(closed);
}

void OutboxController::more() {
  OutboxState& outbox = c_.state.outbox;
  outbox.limit = std::min(kMost, outbox.limit + kPage);
  outbox.loading = false;
  fetch();
}

void OutboxController::fetch() {
  OutboxState& outbox = c_.state.outbox;
  if (outbox.loading) {  // one fetch at a time: a burst of changes costs one more, not one each
    outbox.stale = true;
    return;
  }
  outbox.loading = true;
  outbox.stale = false;
  const int asked = ++asked_;
  const api::OutboxQuery query{std::string(state_of(outbox.filter)), outbox.limit};
  c_.api.call(api::route::Outbox{query}, [this, asked](Reply<api::OutboxAnswer> reply) {
    if (asked != asked_) return;
    OutboxState& outbox = c_.state.outbox;
    outbox.loading = false;
    if (reply.ok()) {
      outbox.data = std::move(*reply.value);
      outbox.error.clear();
    } else {
      outbox.error = reply.status == 0     ? tr("outbox.no_answer")
                     : reply.status == 200 ? tr("outbox.unreadable")
                                           : error_words(reply.error, reply.status);
    }
    if (outbox.stale) fetch();
  });
}

void OutboxController::retry(std::int64_t id) {
  OutboxState& outbox = c_.state.outbox;
  if (outbox.retrying[id]) return;
  outbox.retrying[id] = true;
  outbox.refused.erase(id);
  c_.api.call(api::route::RetryOutbox{id}, [this, id](Reply<api::CommandAnswer> reply) {
    OutboxState& outbox = c_.state.outbox;
    if (!outbox.open) return;
    outbox.retrying.erase(id);
    if (!reply.ok())
      outbox.refused[id] = reply.status == 0 ? tr("outbox.retry_no_answer") : error_words(reply.error, reply.status);
    fetch();  // its new state (queued, then sent or failed again) also comes as events
  });
}

void OutboxController::event_seen(const Event& event) {
  if (!c_.state.outbox.open) return;
  if (std::holds_alternative<ev::DeliveryChanged>(event.payload) || std::holds_alternative<ev::Replied>(event.payload))
    fetch();
}

void OutboxController::caught_up() {
  if (c_.state.outbox.open) fetch();
}

}  // namespace baton::shell
