#include "../i18n/words.hpp"
#include "composer.hpp"

#include "baton/text.hpp"
#include "local_draft.hpp"
#include "replica_feed.hpp"

namespace baton::shell {
namespace {

// The largest WebSocket message the server takes (server/live/ws_limits.py MAX_MESSAGE_BYTES: the
// largest draft the settings can allow, plus room); a larger one closes the socket with 1009.
constexpr std::size_t kLargestMessage = 1'048'576 + 65'536;

}  // namespace

std::string ComposerController::storage_key(TicketId id) const {
  return local_draft_key(c_.state.me ? c_.state.me->id : 0, id);
}

void ComposerController::new_key() {
  const AgentId me = c_.state.me ? c_.state.me->id : 0;
  c_.state.composer.key = std::to_string(c_.now()) + "-" + std::to_string(me) + "-" + std::to_string(++key_counter_);
}

void ComposerController::load(TicketId id) {
  Composer composer;
  composer.ticket = id;
  const Ticket* ticket = c_.state.replica->ticket(id);
  const Draft* server = ticket ? ticket->draft_of(c_.state.me->id) : nullptr;
  std::optional<LocalDraft> local;
  if (auto text = c_.storage.load(storage_key(id))) local = decode_local_draft(*text);
  // The newer of the two wins: an edit made offline is newer than what the server holds.
  if (local && (!server || local->changed_at >= server->updated_at)) {
    composer.body = local->body;
    composer.kind = local->kind;
    composer.base_version = local->base_version;
    composer.key = local->key;
    composer.changed_at = local->changed_at;
    if (!server || server->body != composer.body) throttle_.changed(c_.now());
  } else if (server) {
    composer.body = server->body;
    composer.kind = server->kind;
    composer.base_version = server->base_version;
    composer.changed_at = composer.saved_at = server->updated_at;
  }
  c_.state.composer = std::move(composer);
  if (c_.state.composer.key.empty()) new_key();
  if (!throttle_.dirty()) throttle_.reset();
  c_.platform.set_editor_text(c_.state.composer.body);
}

void ComposerController::ticket_fetched(TicketId id) {
  const Composer& c = c_.state.composer;
  if (c.ticket != id || (c.body.empty() && !throttle_.dirty())) load(id);  // the server's draft
}

void ComposerController::caught_up() {
  const Composer& c = c_.state.composer;
  if (c.ticket && c.changed_at > c.saved_at && !unsendable(c.body)) throttle_.changed(c_.now());
}

void ComposerController::too_big() {
  Composer& c = c_.state.composer;
  if (!c.ticket || c.body.empty()) return;
  unsendable_ = c.body;
  throttle_.reset();
  c.notice = tr("composer.draft_too_large");
  c.notice_is_error = true;
  c_.dirty = true;
}

void ComposerController::event_applied(const Event& event) {
  const Composer& c = c_.state.composer;
  if (std::holds_alternative<ev::SendUndone>(event.payload) && event.actor == c_.state.me->id &&
      event.ticket == c.ticket && c.body.empty())
    restore_undone(event.ticket);  // taken back from another tab or window of mine
}

void ComposerController::undone(TicketId id) {
  if (c_.state.composer.ticket == id) restore_undone(id);
  c_.say(tr("composer.taken_back_status"), false);
}

void ComposerController::restore_undone(TicketId id) {
  // The server's draft is the reply as it was sent, with anything typed since after it.
  c_.storage.erase(storage_key(id));
  load(id);
  c_.state.composer.notice = tr("composer.taken_back");
  c_.state.composer.notice_is_error = false;
}

void ComposerController::save_locally() {
  const Composer& c = c_.state.composer;
  if (c.body.empty()) return c_.storage.erase(storage_key(c.ticket));
  c_.storage.save(storage_key(c.ticket), encode_local_draft({c.body, c.kind, c.base_version, c.key, c.changed_at}));
}

void ComposerController::text(std::string text) {
  Composer& c = c_.state.composer;
  if (!c.ticket || text == c.body) return;
  const Ticket* ticket = c_.state.replica ? c_.state.replica->ticket(c.ticket) : nullptr;
  if (c.body.empty() || !c.base_version) c.base_version = ticket ? ticket->version : 0;  // what I answer
  c.body = std::move(text);
  c.changed_at = c_.now();
  c.notice.clear();
  throttle_.changed(c.changed_at);
  save_locally();
  send_if_due(c_.now());  // now, not at the next frame: colleagues see the keystroke sooner
  c_.dirty = true;
}

void ComposerController::kind(DraftKind kind) {
  Composer& c = c_.state.composer;
  if (c.kind == kind) return;
  c.kind = kind;
  c.stale.reset();
  if (c.body.empty()) return;
  c.changed_at = c_.now();
  throttle_.changed(c.changed_at);
  save_locally();
}

void ComposerController::send_if_due(Time now) {
  const Composer& c = c_.state.composer;
  if (!c_.live() || !c.ticket || !throttle_.due(now)) return;
  if (unsendable(c.body)) return throttle_.reset();
  std::string message = api::live::encode(api::live::SaveDraft{c.ticket, cmd::SaveDraft{c.body, c.kind, c.base_version}});
  if (message.size() > kLargestMessage) {  // the server would close the socket for it (1009)
    too_big();
    return;
  }
  c_.net.send(message);
  throttle_.sent(now);
}

void ComposerController::send(bool anyway) {
  Composer& c = c_.state.composer;
  const Ticket* ticket = c_.state.replica ? c_.state.replica->ticket(c.ticket) : nullptr;
  if (!ticket || c.sending) return;  // a second click while the first is on its way sends nothing
  if (is_blank(c.body)) {
    c.notice = tr("composer.write_first_notice");
    c.notice_is_error = true;
    return;
  }
  Command command = cmd::Note{c.body};
  if (c.kind == DraftKind::reply) {
    Version base = c.base_version ? c.base_version : ticket->version;
    if (anyway && c.stale) base = c.stale->version;
    command = cmd::Reply{c.body, base, c.key};
  }
  c.sending = true;
  c.notice = tr("composer.sending");
  c.notice_is_error = false;
  const TicketId id = c.ticket;
  const DraftKind kind = c.kind;
  c_.api.call(api::route::Commands{id}, command, [this, id, kind](Reply<api::CommandAnswer> reply) {
    Composer& c = c_.state.composer;
    if (c.ticket != id) return;
    c.sending = false;
    if (reply.ok()) {
      const Ticket* ticket = adopt_ticket(c_.state, reply.value->ticket, true);
      // A reply discards my draft on the server; a note does not, so discard it too.
      if (kind == DraftKind::note && ticket->draft_of(c_.state.me->id))
        tickets_.run(id, cmd::DiscardDraft{}, tr("doing.discard"));
      c_.storage.erase(storage_key(id));
      c_.state.composer = Composer{};
      c_.state.composer.ticket = id;
      c_.state.composer.kind = kind;
      const bool queued = ticket->pending_reply && ticket->pending_reply->author == c_.state.me->id;
      c_.state.composer.notice = tr(kind == DraftKind::note ? "composer.note_added"
                                    : queued                ? "composer.sent_queued"
                                                            : "composer.reply_sent");
      new_key();
      throttle_.reset();
      c_.platform.set_editor_text("");
      ++c_.state.open.scroll_requests;
      return;
    }
    const std::optional<Rejection>& rejection = reply.error.rejection;
    if (reply.status == 409 && rejection && rejection->code == RejectionCode::stale) {
      c.stale = StaleHold{rejection->changes, rejection->version};
      c.notice = tr("composer.held_stale");
      c.notice_is_error = true;
      tickets_.fetch(id);
      return;
    }
    c.notice_is_error = true;
    c.notice = reply.status == 0 ? tr("composer.not_sent_no_answer")
                                 : tr("composer.not_sent", {{"why", error_words(reply.error, reply.status)}});
  });
}

void ComposerController::review() {
  Composer& c = c_.state.composer;
  if (!c.stale) return;
  c.base_version = c.stale->version;  // my draft now answers what I have just read
  c.stale.reset();
  c.notice = tr("composer.reviewed");
  c.notice_is_error = false;
  c.changed_at = c_.now();
  throttle_.changed(c.changed_at);
  save_locally();
  ++c_.state.open.scroll_requests;
}

void ComposerController::discard() {
  Composer& c = c_.state.composer;
  const Ticket* ticket = c_.state.replica->ticket(c.ticket);
  if (ticket && ticket->draft_of(c_.state.me->id)) tickets_.run(c.ticket, cmd::DiscardDraft{}, tr("doing.discard"));
  c_.storage.erase(storage_key(c.ticket));
  const TicketId id = c.ticket;
  const DraftKind kind = c.kind;
  c = Composer{};
  c.ticket = id;
  c.kind = kind;
  new_key();
  throttle_.reset();
  c_.platform.set_editor_text("");
}

}  // namespace baton::shell
