// Undo send: a reply waits settings.undo_send_secs in the ticket (reply_queued) before the
// automations deliver it (deliver_reply). Within the window its author can take it back as a draft.
// Delivered or undone, never both: both are decided on the ticket's one pending reply.
#include "rules.hpp"

namespace baton::rules {

Outcome decide_undo_send(const Ctx& c, EventLog& log, const cmd::UndoSend& undo) {
  if (auto r = require_agent(c)) return r;
  const auto& pending = c.ticket.pending_reply;
  if (!pending || pending->idempotency_key != undo.idempotency_key) {
    const ReplyKey* used = c.ticket.reply_key(undo.idempotency_key);
    if (used && used->message > 0) return Rejection::of(ErrorKey::undo_delivered);
    if (used) return Rejection::of(ErrorKey::undo_already_undone);
    return Rejection::of(ErrorKey::undo_not_pending);
  }
  if (pending->author != c.actor.id)
    return Rejection::of(ErrorKey::undo_not_author, {c.directory.name(pending->author)});
  if (c.now >= pending->deliver_at) return Rejection::of(ErrorKey::undo_window_over);
  // The reply becomes the draft again. Anything typed since is kept after it, never overwritten.
  std::string body = pending->body;
  if (const Draft* now = c.ticket.draft_of(c.actor.id); now && !is_blank(now->body))
    body += "\n\n" + now->body;
  log.logged(c.actor.id, ev::SendUndone{pending->idempotency_key,
                                       Draft{c.actor.id, DraftKind::reply, body, pending->base_version, c.now}});
  return std::nullopt;
}

Outcome decide_deliver_reply(const Ctx& c, EventLog& log) {
  if (auto r = require_system(c, ErrorKey::system_only_deliver)) return r;
  const auto& pending = c.ticket.pending_reply;
  if (!pending) return Rejection::of(ErrorKey::deliver_not_pending);
  if (c.now < pending->deliver_at) return Rejection::of(ErrorKey::deliver_too_early);
  // The author's event: the history and the thread show who replied, not the timer.
  log.logged(pending->author, ev::Replied{reply_message(c, pending->author, pending->body), pending->idempotency_key});
  release_after_reply(c, log, pending->author);
  return std::nullopt;
}

}  // namespace baton::rules
