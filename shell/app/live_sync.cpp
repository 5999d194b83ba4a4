#include "../i18n/words.hpp"
#include "live_sync.hpp"

#include "../lock_requests.hpp"
#include "replica_feed.hpp"

namespace baton::shell {
namespace {

constexpr Time kPingEvery = 20 * kSecond;
constexpr Time kGapPatience = 2 * kSecond;
constexpr int kLoggedOutCode = 4001;
constexpr int kTooBigCode = 1009;
constexpr int kRateLimitedCode = 4029;
// After a close for the rate the server refuses new sockets for about 1.5 s (429, Retry-After: 2).
constexpr Time kRateLimitedWait = 2 * kSecond;

}  // namespace

void LiveSync::start() {
  c_.state.sync.start();
  connect();
}

void LiveSync::stop() {
  ++epoch_;
  c_.net.close_socket();
  hello_since_ = gap_since_ = next_ping_ = ping_sent_ = 0;
}

void LiveSync::connect() {
  const int epoch = epoch_;
  SocketHandlers handlers;
  handlers.opened = [this, epoch] { if (epoch == epoch_) on_open(); };
  handlers.message = [this, epoch](std::string text) { if (epoch == epoch_) on_message(text); };
  handlers.closed = [this, epoch](const SocketClose& close) { if (epoch == epoch_) on_closed(close); };
  c_.net.open_socket(api::target_of(c_.api.live_route()), std::move(handlers));
  c_.dirty = true;
}

void LiveSync::on_open() {
  AppState& state = c_.state;
  state.sync.opened();
  const Seq since = state.replica ? state.replica->last_seq() : 0;
  hello_since_ = since;
  c_.send_live(api::live::Hello{since > 0 ? std::optional<Seq>(since) : std::nullopt});
  c_.send_live(api::live::Viewing{state.open.id ? std::optional<TicketId>(state.open.id) : std::nullopt});
  c_.dirty = true;
}

void LiveSync::on_closed(const SocketClose& close) {
  c_.dirty = true;
  AppState& state = c_.state;
  if (state.screen != Screen::workspace) return;
  if (close.code == kLoggedOutCode && logged_out) return logged_out();
  Sync& sync = state.sync;
  if (close.code == kRateLimitedCode) {
    // The reason says which rate ("too many messages ...", "too much data ..."); its words are the
    // server's English, so the indicator says what the code means in the language in use.
    const bool data = close.reason.rfind("too much data", 0) == 0;
    sync.dropped(c_.now(), data ? DropCause::too_much_data : DropCause::too_many_messages, kRateLimitedWait);
  } else if (close.code == kTooBigCode) {
    sync.dropped(c_.now(), DropCause::too_big);
    if (too_big) too_big();
  } else if (close.retry_after_ms > 0) {  // the upgrade was refused for the rate (429): its wait
    const DropCause was = sync.cause();
    sync.dropped(c_.now(), was == DropCause::too_much_data ? was : DropCause::too_many_messages, close.retry_after_ms);
  } else {
    sync.dropped(c_.now());
  }
  // A socket refused at the handshake looks like any drop: ask whether the session still stands
  // (a 401 ends it).
  if (state.sync.attempts() >= 2) c_.api.call(api::route::Me{}, [](Reply<api::Me>) {});
}

void LiveSync::on_message(const std::string& text) {
  c_.dirty = true;
  auto decoded = api::live::decode_server(text);
  auto* message = std::get_if<api::live::ServerMessage>(&decoded);
  if (!message || !c_.state.replica) {
    c_.say(tr("error.unreadable_message"), true);
    return;
  }
  std::visit([this](const auto& m) { on(m); }, *message);
  c_.state.live_applied_at = c_.now();
}

void LiveSync::on(const api::live::Caught& caught) {
  AppState& state = c_.state;
  const bool resumed = hello_since_ > 0;
  if (resumed && caught.seq < hello_since_) {
    // The server's log is not the one this replica followed (a restored database): start over.
    state.replica.emplace(state.me->id);
    state.replica->set_cursor(caught.seq);
    state.list.paging = {};
    state.list.results = {};
    c_.say(tr("status.reloaded"), true);
  } else if (!resumed) {
    state.replica->set_cursor(caught.seq);
  }
  state.sync.caught_up();
  if (caught_up) caught_up(!resumed || !state.replica->size());
}

void LiveSync::on(const api::live::EventPush& push) {
  AppState& state = c_.state;
  const bool fresh = push.event.seq > state.replica->last_seq();  // not one the replica has passed
  const Applied result = state.replica->apply(push.event, push.prev);
  if (result == Applied::applied) {
    follow_lock_event(state, push.event, c_.now());
    if (applied) applied(push.event);
  }
  if (fresh && seen) seen(push.event);
  if (result == Applied::gap && !gap_since_) gap_since_ = c_.now();
  if (!state.replica->has_gap()) gap_since_ = 0;
}

void LiveSync::on(const api::live::PresenceUpdate& update) { apply_presence(c_.state, update, c_.now()); }
void LiveSync::on(const api::live::DraftUpdate& update) { apply_draft(c_.state, update, c_.now()); }

void LiveSync::on(const api::live::Digest& digest) {
  for (const auto& presence : digest.presence) apply_presence(c_.state, presence, c_.now());
  for (const auto& draft : digest.drafts) apply_draft(c_.state, draft, c_.now());
}

void LiveSync::on(const api::live::DraftStored& stored) {
  if (stored.ticket == c_.state.composer.ticket) c_.state.composer.saved_at = stored.updated_at;
}

void LiveSync::on(const api::live::Refused& refused) {
  c_.say(refused.error.message.empty() ? tr("error.live_refused") : error_words(refused.error, 400), true);
}

void LiveSync::on(const api::live::Pong&) { c_.state.last_pong_rtt = c_.now() - ping_sent_; }

void LiveSync::tick(Time now) {
  Sync& sync = c_.state.sync;
  if (sync.retry_due(now)) connect();
  if (c_.live() && now >= next_ping_) {
    next_ping_ = now + kPingEvery;
    ping_sent_ = now;
    c_.send_live(api::live::Ping{});
  }
  if (gap_since_ && now - gap_since_ > kGapPatience) {  // an event went missing: resume from the cursor
    gap_since_ = 0;
    c_.net.close_socket();
    sync.dropped(now);
  }
}

}  // namespace baton::shell
